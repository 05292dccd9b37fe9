package org.thymus.core.sampler;

import org.thymus.core.random.FastRandom;

/**
 * A learned sampler over a small candidate set: candidate j is drawn with probability
 * softmax(logits)_j, and the policy learns by REINFORCE (Williams 1992) from a reward per draw, as
 * an adversarial negative generator does (KBGAN, Cai and Wang 2018): the reward of a drawn
 * negative is how hard the model being trained found it, and the generator moves its logits
 * towards the rewarded candidates.
 *
 * <p>One instance is one worker's state (the probabilities of the current candidate set and the
 * reward baseline); it is not thread-safe. The baseline is a moving average of the rewards, which
 * leaves the gradient's expectation unchanged and lowers its variance.
 */
public final class SoftmaxPolicy {
    private final float[] probabilities;
    private final float baselineDecay;
    private int count;
    private double baseline;
    private boolean baselineSet;

    /**
     * @param maxCandidates the largest candidate set
     * @param baselineDecay weight of the old baseline in each update, in [0, 1) (0: the last batch's mean)
     */
    public SoftmaxPolicy(int maxCandidates, float baselineDecay) {
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be >= 1, got " + maxCandidates);
        }
        if (!(baselineDecay >= 0 && baselineDecay < 1)) {
            throw new IllegalArgumentException("baseline decay must be in [0, 1), got " + baselineDecay);
        }
        this.probabilities = new float[maxCandidates];
        this.baselineDecay = baselineDecay;
    }

    /** Sets the candidate set's probabilities to softmax(logits[0..count)) (the maximum taken out). */
    public void setLogits(float[] logits, int count) {
        if (count < 1 || count > probabilities.length) {
            throw new IllegalArgumentException("count must be in [1, " + probabilities.length + "], got " + count);
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            max = Math.max(max, logits[j]);
        }
        double sum = 0;
        for (int j = 0; j < count; j++) {
            double e = Math.exp((double) logits[j] - max);
            probabilities[j] = (float) e;
            sum += e;
        }
        for (int j = 0; j < count; j++) {
            probabilities[j] = (float) (probabilities[j] / sum);
        }
        this.count = count;
    }

    /** The probability of candidate j under the current logits. */
    public float probability(int j) {
        return probabilities[j];
    }

    /** Draws a candidate index from the current softmax (inverse CDF, with replacement). */
    public int sample(FastRandom rng) {
        double u = rng.nextDouble();
        double cumulative = 0;
        for (int j = 0; j < count - 1; j++) {
            cumulative += probabilities[j];
            if (u < cumulative) {
                return j;
            }
        }
        return count - 1;
    }

    /** The current reward baseline (0 before the first update). */
    public double baseline() {
        return baseline;
    }

    /**
     * Writes d loss / d logit_j for the REINFORCE loss −(1/n) Σ_s (reward_s − b) · log p(drawn_s) of
     * n = {@code draws} draws (the mean, so the step size does not grow with n), b the baseline, into {@code logitGradients[0..count)}, then moves the
     * baseline towards the draws' mean reward. Descending this gradient raises the probability of
     * the draws rewarded above the baseline and lowers that of the ones below:
     * d log p(s) / d logit_j = 1[j = s] − p_j.
     *
     * @return the mean advantage (reward − baseline) of the draws
     */
    public double reinforce(int[] drawn, float[] rewards, int draws, float[] logitGradients) {
        if (draws < 1) {
            java.util.Arrays.fill(logitGradients, 0, count, 0f);
            return 0;
        }
        double mean = 0;
        for (int s = 0; s < draws; s++) {
            mean += rewards[s];
        }
        mean /= draws;
        if (!baselineSet) {
            baseline = mean;
            baselineSet = true;
        }
        double totalAdvantage = 0;
        for (int s = 0; s < draws; s++) {
            totalAdvantage += rewards[s] - baseline;
        }
        for (int j = 0; j < count; j++) {
            logitGradients[j] = (float) (totalAdvantage * probabilities[j] / draws);
        }
        for (int s = 0; s < draws; s++) {
            logitGradients[drawn[s]] -= (float) ((rewards[s] - baseline) / draws);
        }
        double meanAdvantage = totalAdvantage / draws;
        baseline = baselineDecay * baseline + (1 - baselineDecay) * mean;
        return meanAdvantage;
    }
}
