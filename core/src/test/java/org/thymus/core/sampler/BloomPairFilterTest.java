package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class BloomPairFilterTest {

    /** Fills a filter to its expected size and measures its false-positive rate on pairs never added. */
    private static void check(int expected, double target, long seed) {
        BloomPairFilter filter = new BloomPairFilter(expected, target);
        PairSet exact = new PairSet(expected);
        FastRandom rng = new FastRandom(seed);
        int[] a = new int[expected];
        int[] b = new int[expected];
        for (int i = 0; i < expected; i++) {
            a[i] = rng.nextInt(1_000_000);
            b[i] = rng.nextInt(1_000_000);
            filter.add(a[i], b[i]);
            exact.add(a[i], b[i]);
        }
        for (int i = 0; i < expected; i++) {
            assertTrue(filter.contains(a[i], b[i]), "false negative (" + a[i] + ", " + b[i] + ")");
        }
        int queries = 1_000_000;
        long positives = 0;
        long asked = 0;
        while (asked < queries) {
            int x = rng.nextInt(1_000_000);
            int y = rng.nextInt(1_000_000);
            if (exact.contains(x, y)) {
                continue;
            }
            asked++;
            if (filter.contains(x, y)) {
                positives++;
            }
        }
        double measured = positives / (double) asked;
        // The sizing formulas give the target up to rounding of k and m; 10^6 queries measure a 1 %
        // rate to ±0.03 % (3 sigma), so a 25 % band only fails if the filter is really off.
        assertTrue(measured > 0.75 * target && measured < 1.25 * target,
                "false-positive rate " + measured + " for a target of " + target);
        assertEquals(filter.estimatedFalsePositiveRate(), measured, 0.1 * target,
                "the fill-based estimate should predict the measured rate");
        assertEquals(expected, filter.added());
    }

    @Test
    void onePercent() {
        check(100_000, 0.01, 1);
    }

    @Test
    void oneInAThousand() {
        check(50_000, 0.001, 2);
    }

    @Test
    void tenPercentWithFewPairs() {
        check(1000, 0.1, 3);
    }

    @Test
    void usableAsTheKnownPairsOfAGuard() {
        BloomPairFilter filter = new BloomPairFilter(10, 0.01);
        filter.add(1, 2);
        KnownPairsGuard guard = new KnownPairsGuard(filter);
        assertTrue(guard.rejects(1, 5, 2));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BloomPairFilter(0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new BloomPairFilter(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new BloomPairFilter(10, 1));
        assertThrows(IllegalArgumentException.class, () -> new BloomPairFilter(10, Double.NaN));
    }
}
