package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class UnigramSamplerTest {
    private static final int DRAWS = 1_000_000;
    private static final int VOCABULARY = 5000;

    /** Word counts that fall off as 1 / rank, the shape of a real vocabulary. */
    static long[] zipfCounts(int n) {
        long[] counts = new long[n];
        for (int r = 0; r < n; r++) {
            counts[r] = Math.round(1e7 / (r + 1));
        }
        return counts;
    }

    static double[] powered(long[] counts, double exponent) {
        double[] weights = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            weights[i] = counts[i] == 0 ? 0 : Math.pow(counts[i], exponent);
        }
        return weights;
    }

    private static long[] draw(UnigramSampler sampler, int n, long seed) {
        FastRandom rng = new FastRandom(seed);
        return Statistics.histogram(n, DRAWS, () -> sampler.sample(rng));
    }

    @Test
    void zipfCountsToThePowerThreeQuartersFit() {
        long[] counts = zipfCounts(VOCABULARY);
        UnigramSampler sampler = new UnigramSampler(counts, 0.75);
        assertEquals(0.75, sampler.exponent());
        Statistics.assertFits(draw(sampler, VOCABULARY, 11), powered(counts, 0.75), "unigram^0.75");
    }

    /** Draws from count^{@code drawn} and tests them against the count^0.75 expectation. */
    private static Statistics.ChiSquare drawAndTestAgainstThreeQuarters(double drawn, long seed) {
        long[] counts = zipfCounts(VOCABULARY);
        long[] observed = draw(new UnigramSampler(counts, drawn), VOCABULARY, seed);
        // The draws do fit their own distribution: a rejection below is the exponent's doing.
        Statistics.assertFits(observed, powered(counts, drawn), "unigram^" + drawn);
        return Statistics.chiSquare(observed, powered(counts, 0.75));
    }

    /**
     * The test has power: draws from count^1.0 (what a sampler that forgot the exponent would
     * produce) are rejected against the count^0.75 expectation with the same draws and level.
     */
    @Test
    void rawFrequencyIsRejectedAgainstThreeQuarterPower() {
        Statistics.ChiSquare test = drawAndTestAgainstThreeQuarters(1.0, 11);
        assertTrue(test.rejects(Statistics.ALPHA), "the test failed to tell 1.0 from 0.75: " + test);
    }

    /** Even a small error in the exponent is seen at 10^6 draws. */
    @Test
    void slightlyWrongExponentIsRejected() {
        Statistics.ChiSquare test = drawAndTestAgainstThreeQuarters(0.70, 12);
        assertTrue(test.rejects(Statistics.ALPHA), "0.70 not told from 0.75: " + test);
    }

    @Test
    void exponentZeroIsUniformOverSeenIds() {
        long[] counts = {5, 0, 1, 1000, 0, 7, 123456};
        long[] observed = draw(new UnigramSampler(counts, 0.0), counts.length, 13);
        assertEquals(0, observed[1]);
        assertEquals(0, observed[4]);
        Statistics.assertFits(observed, new double[] {1, 0, 1, 1, 0, 1, 1}, "uniform over seen ids");
    }

    @Test
    void pairIsIgnoredByTheBaseDistribution() {
        long[] counts = zipfCounts(50);
        UnigramSampler sampler = new UnigramSampler(counts, 0.75);
        FastRandom a = new FastRandom(5);
        FastRandom b = new FastRandom(5);
        int[] out = new int[5];
        for (int i = 0; i < 1000; i++) {
            sampler.sample(i % 50, (i * 7) % 50, a, out, out.length);
            for (int id : out) {
                assertEquals(sampler.sample(b), id);
            }
        }
    }

    @Test
    void badCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new UnigramSampler(new long[0], 0.75));
        assertThrows(IllegalArgumentException.class, () -> new UnigramSampler(new long[] {0, 0}, 0.75));
        assertThrows(IllegalArgumentException.class, () -> new UnigramSampler(new long[] {3, -1}, 0.75));
        assertThrows(IllegalArgumentException.class, () -> new UnigramSampler(new long[] {3}, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new UnigramSampler(new long[] {3}, Double.POSITIVE_INFINITY));
    }
}
