package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class StratifiedSamplerTest {
    private static final int ITEMS = 3000;
    private static final int STRATA = 3;
    private static final int DRAWS = 300_000;

    /** Items spread over 3 strata in no particular order; every 17th item is in none. */
    private static int[] strata() {
        int[] s = new int[ITEMS];
        FastRandom rng = new FastRandom(77);
        for (int i = 0; i < ITEMS; i++) {
            s[i] = i % 17 == 0 ? -1 : rng.nextInt(STRATA);
        }
        return s;
    }

    private static final long[] COUNTS = UnigramSamplerTest.zipfCounts(ITEMS);
    private static final int[] STRATUM_OF_ITEM = strata();

    /** Anchors 0..5: two per stratum, and anchor 6 in none. */
    private static final int[] STRATUM_OF_ANCHOR = {0, 1, 2, 0, 1, 2, -1};

    /** count^exponent over the items of stratum s, zero elsewhere. */
    private static double[] expected(int s, double exponent) {
        double[] w = UnigramSamplerTest.powered(COUNTS, exponent);
        for (int i = 0; i < ITEMS; i++) {
            if (STRATUM_OF_ITEM[i] != s) {
                w[i] = 0;
            }
        }
        return w;
    }

    private static long[] draw(StratifiedSampler sampler, int anchor, long seed) {
        FastRandom rng = new FastRandom(seed);
        return Statistics.histogram(ITEMS, DRAWS, () -> sampler.sample(anchor, 99, rng));
    }

    private static StratifiedSampler sampler(double exponent) {
        return new StratifiedSampler(STRATUM_OF_ITEM, UnigramSamplerTest.powered(COUNTS, exponent), STRATUM_OF_ANCHOR);
    }

    @Test
    void drawsOnlyFromTheAnchorsStratumInProportionToWeight() {
        StratifiedSampler sampler = sampler(0.75);
        assertEquals(STRATA, sampler.strata());
        for (int anchor = 0; anchor < 6; anchor++) {
            int s = STRATUM_OF_ANCHOR[anchor];
            long[] counts = draw(sampler, anchor, 100 + anchor);
            for (int i = 0; i < ITEMS; i++) {
                if (STRATUM_OF_ITEM[i] != s) {
                    assertEquals(0, counts[i], "anchor " + anchor + " (stratum " + s + ") drew item " + i
                            + " of stratum " + STRATUM_OF_ITEM[i]);
                }
            }
            Statistics.assertFits(counts, expected(s, 0.75), "stratum " + s + ", count^0.75");
        }
    }

    /**
     * The same test has power: draws made with the right weights (count^0.75) are rejected when
     * the expectation is count^1.0, and draws made with count^1.0 are rejected against count^0.75.
     */
    @Test
    void aWrongExponentIsRejected() {
        for (int s = 0; s < STRATA; s++) {
            long[] right = draw(sampler(0.75), s, 200 + s);
            Statistics.ChiSquare againstRaw = Statistics.chiSquare(right, expected(s, 1.0));
            assertTrue(againstRaw.rejects(Statistics.ALPHA), "0.75 draws not told from 1.0: " + againstRaw);

            long[] raw = draw(sampler(1.0), s, 300 + s);
            Statistics.assertFits(raw, expected(s, 1.0), "the raw draws fit their own weights");
            Statistics.ChiSquare againstRight = Statistics.chiSquare(raw, expected(s, 0.75));
            assertTrue(againstRight.rejects(Statistics.ALPHA), "1.0 draws not told from 0.75: " + againstRight);
        }
    }

    /** A sampler that ignored the strata would be caught by the same test. */
    @Test
    void drawsFromTheWholeVocabularyAreRejected() {
        UnigramSampler global = new UnigramSampler(COUNTS, 0.75);
        FastRandom rng = new FastRandom(5);
        long[] counts = Statistics.histogram(ITEMS, DRAWS, () -> global.sample(rng));
        assertTrue(Statistics.chiSquare(counts, expected(0, 0.75)).rejects(Statistics.ALPHA));
    }

    @Test
    void anchorsWithoutADrawableStratumGetNone() {
        double[] weights = UnigramSamplerTest.powered(COUNTS, 0.75);
        for (int i = 0; i < ITEMS; i++) {
            if (STRATUM_OF_ITEM[i] == 2) {
                weights[i] = 0;
            }
        }
        StratifiedSampler sampler = new StratifiedSampler(STRATUM_OF_ITEM, weights, a -> a < 0 ? 7 : a % 4 - 1);
        FastRandom rng = new FastRandom(1);
        assertEquals(NegativeSampler.NONE, sampler.sample(0, 1, rng), "stratum -1");
        assertEquals(NegativeSampler.NONE, sampler.sample(3, 1, rng), "stratum 2: all weights zero");
        assertEquals(NegativeSampler.NONE, sampler.sample(-4, 1, rng), "stratum 7: no items");
        assertEquals(0, STRATUM_OF_ITEM[sampler.sample(1, 1, rng)]);
        assertEquals(1, STRATUM_OF_ITEM[sampler.sample(2, 1, rng)]);
        assertEquals(1, sampler.stratumOf(2));

        StratifiedSampler byArray = sampler(0.75);
        assertEquals(NegativeSampler.NONE, byArray.sample(6, 1, rng), "anchor in no stratum");
        assertEquals(NegativeSampler.NONE, byArray.sample(STRATUM_OF_ANCHOR.length, 1, rng), "anchor past the array");
        int total = 0;
        for (int s = 0; s < STRATA; s++) {
            total += byArray.stratumSize(s);
        }
        assertEquals(ITEMS - (ITEMS + 16) / 17, total);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new StratifiedSampler(new int[] {0, 1}, new double[] {1}, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new StratifiedSampler(new int[] {0, -2}, new double[] {1, 1}, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new StratifiedSampler(new int[] {0, 1}, new double[] {1, -1}, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new StratifiedSampler(new int[] {0, 1}, new double[] {1, Double.NaN}, new int[] {0}));
    }
}
