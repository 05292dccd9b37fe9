package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class SoftmaxPolicyTest {

    @Test
    void drawsFollowTheSoftmaxOfTheLogits() {
        float[] logits = {0f, 1f, 2f, -1f, 0.5f, -3f};
        SoftmaxPolicy policy = new SoftmaxPolicy(8, 0.9f);
        policy.setLogits(logits, logits.length);
        double[] weights = new double[logits.length];
        double sum = 0;
        for (int j = 0; j < logits.length; j++) {
            weights[j] = Math.exp(logits[j]);
            sum += weights[j];
        }
        for (int j = 0; j < logits.length; j++) {
            assertEquals(weights[j] / sum, policy.probability(j), 1e-6);
        }
        FastRandom rng = new FastRandom(3);
        Statistics.assertFits(Statistics.histogram(logits.length, 200_000, () -> policy.sample(rng)), weights,
                "softmax draws");
    }

    @Test
    void largeLogitsDoNotOverflow() {
        SoftmaxPolicy policy = new SoftmaxPolicy(2, 0f);
        policy.setLogits(new float[] {1000f, 999f}, 2);
        assertEquals(1 / (1 + Math.exp(-1)), policy.probability(0), 1e-6);
    }

    /** Gradient descent on the logits themselves: the rewarded candidate comes to dominate. */
    @Test
    void reinforceRaisesTheProbabilityOfTheRewardedCandidate() {
        int n = 5;
        float[] logits = new float[n];
        float[] gradients = new float[n];
        int[] drawn = new int[4];
        float[] rewards = new float[4];
        SoftmaxPolicy policy = new SoftmaxPolicy(n, 0.9f);
        FastRandom rng = new FastRandom(11);
        policy.setLogits(logits, n);
        float start = policy.probability(2);
        for (int step = 0; step < 300; step++) {
            for (int s = 0; s < drawn.length; s++) {
                drawn[s] = policy.sample(rng);
                rewards[s] = drawn[s] == 2 ? 1f : 0f;
            }
            policy.reinforce(drawn, rewards, drawn.length, gradients);
            for (int j = 0; j < n; j++) {
                logits[j] -= 0.5f * gradients[j];
            }
            policy.setLogits(logits, n);
        }
        assertEquals(0.2, start, 1e-6);
        assertTrue(policy.probability(2) > 0.9, "p(rewarded) = " + policy.probability(2));
    }

    /** The gradient of −(r − b) log p(s) is (r − b)(p − e_s); the baseline then moves towards the mean. */
    @Test
    void reinforceGradientIsTheScoreFunctionTimesTheAdvantage() {
        SoftmaxPolicy policy = new SoftmaxPolicy(3, 0.5f);
        policy.setLogits(new float[] {0f, 0f, 0f}, 3);
        float[] g = new float[3];
        // The first update sets the baseline to the draws' mean (2), so the advantages are +1 and −1.
        double meanAdvantage = policy.reinforce(new int[] {0, 1}, new float[] {3f, 1f}, 2, g);
        assertEquals(0, meanAdvantage, 1e-9);
        assertEquals(-0.5, g[0], 1e-6);
        assertEquals(0.5, g[1], 1e-6);
        assertEquals(0, g[2], 1e-6);
        assertEquals(2, policy.baseline(), 1e-9);
        policy.reinforce(new int[] {2}, new float[] {4f}, 1, g);
        assertEquals(0.5 * 2 + 0.5 * 4, policy.baseline(), 1e-9);
        // Advantage 4 − 2 = 2: d/dlogit_j = 2 (p_j − 1[j = 2]).
        assertEquals(2 / 3.0, g[0], 1e-6);
        assertEquals(2 * (1 / 3.0 - 1), g[2], 1e-6);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxPolicy(0, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxPolicy(3, 1f));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxPolicy(3, 0.5f).setLogits(new float[4], 4));
    }
}
