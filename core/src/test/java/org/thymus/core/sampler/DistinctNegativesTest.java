package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thymus.core.InvalidInputException;
import org.thymus.core.random.FastRandom;

class DistinctNegativesTest {
    /** Four ids drawn with probabilities 0.4, 0.3, 0.2, 0.1; sets of two. */
    private static final double[] P = {0.4, 0.3, 0.2, 0.1};
    private static final int DRAWS = 60_000;

    private static long[] pairHistogram(DistinctNegatives.Redraw redraw, long seed) {
        DistinctNegatives negatives = new DistinctNegatives(new UnigramSampler(new long[] {4, 3, 2, 1}, 1.0), 4, 2,
                redraw, 64);
        FastRandom rng = new FastRandom(seed);
        int[] out = new int[3];
        return Statistics.histogram(6, DRAWS, () -> {
            assertEquals(2, negatives.draw(0, 0, rng, out, 1));
            assertNotEquals(out[1], out[2]);
            return pairIndex(Math.min(out[1], out[2]), Math.max(out[1], out[2]));
        });
    }

    /** The unordered pairs (0,1) (0,2) (0,3) (1,2) (1,3) (2,3) as 0..5. */
    private static int pairIndex(int a, int b) {
        return a == 0 ? b - 1 : a == 1 ? b + 1 : 5;
    }

    /** Two independent draws conditioned on differing: P({a, b}) ∝ p_a p_b. */
    private static double[] conditionedOnDistinct() {
        double[] w = new double[6];
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                w[pairIndex(a, b)] = P[a] * P[b];
            }
        }
        return w;
    }

    /** The second drawn from what the first left: P({a, b}) = p_a p_b / (1 - p_a) + p_b p_a / (1 - p_b). */
    private static double[] withoutReplacement() {
        double[] w = new double[6];
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                w[pairIndex(a, b)] = P[a] * P[b] / (1 - P[a]) + P[a] * P[b] / (1 - P[b]);
            }
        }
        return w;
    }

    @Test
    void redrawingTheWholeSetGivesIndependentDrawsConditionedOnBeingDistinct() {
        Statistics.assertFits(pairHistogram(DistinctNegatives.Redraw.ALL, 3), conditionedOnDistinct(), "redraw all");
    }

    @Test
    void redrawingOneNegativeSamplesWithoutReplacement() {
        Statistics.assertFits(pairHistogram(DistinctNegatives.Redraw.ONE, 4), withoutReplacement(), "redraw one");
    }

    @Test
    void theTwoWaysAreToldApart() {
        // Redrawing one keeps the heavy ids in more sets: (0,1) is 0.2 + 0.171 = 0.371 of them against 0.12 / 0.35 = 0.343.
        Statistics.ChiSquare one = Statistics.chiSquare(pairHistogram(DistinctNegatives.Redraw.ONE, 5),
                conditionedOnDistinct());
        Statistics.ChiSquare all = Statistics.chiSquare(pairHistogram(DistinctNegatives.Redraw.ALL, 6),
                withoutReplacement());
        assertTrue(one.rejects(Statistics.ALPHA), "one drawn as all: " + one);
        assertTrue(all.rejects(Statistics.ALPHA), "all drawn as one: " + all);
    }

    @Test
    void aSetLargerThanTheIdsIsCutShortAndCountedUnderBothWays() {
        for (DistinctNegatives.Redraw redraw : DistinctNegatives.Redraw.values()) {
            DistinctNegatives negatives = new DistinctNegatives(new UniformSampler(2), 2, 3, redraw, 64);
            FastRandom rng = new FastRandom(7);
            int[] out = new int[3];
            for (int i = 0; i < 100; i++) {
                assertEquals(2, negatives.draw(0, 0, rng, out, 0), redraw.label());
                assertNotEquals(out[0], out[1]);
            }
            assertEquals(100, negatives.missing(), redraw.label());
            // Under ALL every set repeats: 63 thrown away, the 64th completed one at a time.
            assertEquals(redraw == DistinctNegatives.Redraw.ALL ? 6300 : 0, negatives.setsDiscarded(), redraw.label());
        }
    }

    @Test
    void aSamplerWithNothingToOfferLeavesTheSetShort() {
        DistinctNegatives negatives = new DistinctNegatives((anchor, positive, rng) -> NegativeSampler.NONE, 5, 4,
                DistinctNegatives.Redraw.ALL, 8);
        assertEquals(0, negatives.draw(1, 2, new FastRandom(1), new int[4], 0));
        assertEquals(4, negatives.missing());
        assertEquals(0, negatives.setsDiscarded());
    }

    @Test
    void redrawParsesItsTwoNames() {
        assertEquals(DistinctNegatives.Redraw.ALL, DistinctNegatives.Redraw.parse(" All "));
        assertEquals(DistinctNegatives.Redraw.ONE, DistinctNegatives.Redraw.parse("one"));
        assertThrows(InvalidInputException.class, () -> DistinctNegatives.Redraw.parse("some"));
    }
}
