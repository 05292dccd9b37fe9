package org.thymus.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thymus.core.sampler.Statistics;

class FastRandomTest {

    @Test
    void nextIntStaysInRange() {
        FastRandom rng = new FastRandom(1);
        for (int bound : new int[] {1, 2, 3, 7, 10, 1000, 62_550, 1 << 30, Integer.MAX_VALUE}) {
            int max = -1;
            for (int i = 0; i < 100_000; i++) {
                int v = rng.nextInt(bound);
                assertTrue(v >= 0 && v < bound, v + " outside [0, " + bound + ")");
                max = Math.max(max, v);
            }
            if (bound > 1) {
                assertTrue(max > 0, "bound " + bound + ": never above 0");
            }
        }
    }

    @Test
    void nextIntIsUniform() {
        for (int bound : new int[] {2, 10, 97, 1000}) {
            FastRandom rng = new FastRandom(bound);
            long[] counts = Statistics.histogram(bound, 1_000_000, () -> rng.nextInt(bound));
            Statistics.assertUniform(counts, "nextInt(" + bound + ")");
        }
    }

    @Test
    void nextIntIsUniformForALargeNonPowerOfTwoBound() {
        // Deciles of [0, bound) for a bound near 2^31 (where a modulo would be visibly biased).
        int bound = (int) (Integer.MAX_VALUE / 1.5);
        FastRandom rng = new FastRandom(99);
        long[] counts = Statistics.histogram(10, 1_000_000,
                () -> (int) ((long) rng.nextInt(bound) * 10 / bound));
        Statistics.assertUniform(counts, "deciles of nextInt(2^31 / 1.5)");
    }

    @Test
    void nextFloatAndNextDoubleAreInUnitInterval() {
        FastRandom rng = new FastRandom(2);
        double sum = 0;
        int n = 1_000_000;
        float min = 1;
        float max = 0;
        for (int i = 0; i < n; i++) {
            float f = rng.nextFloat();
            assertTrue(f >= 0f && f < 1f, "nextFloat " + f);
            double d = rng.nextDouble();
            assertTrue(d >= 0 && d < 1, "nextDouble " + d);
            min = Math.min(min, f);
            max = Math.max(max, f);
            sum += f;
        }
        double mean = sum / n;
        // Standard error of the mean of U(0,1) is 1 / sqrt(12 n) ~ 2.9e-4: allow 5 of them.
        assertEquals(0.5, mean, 5 / Math.sqrt(12.0 * n));
        assertTrue(min < 1e-5 && max > 1 - 1e-5, "range " + min + " .. " + max);
        // The largest value nextFloat can return is 1 - 2^-24, which is still below 1.
        assertTrue((float) ((1L << 24) - 1) * 0x1.0p-24f < 1f);
    }

    @Test
    void nextFloatIsUniform() {
        FastRandom rng = new FastRandom(3);
        long[] counts = Statistics.histogram(64, 1_000_000, () -> (int) (rng.nextFloat() * 64));
        Statistics.assertUniform(counts, "nextFloat in 64 bins");
    }

    @Test
    void sameSeedSameStream() {
        FastRandom a = new FastRandom(123);
        FastRandom b = new FastRandom(123);
        FastRandom w1 = FastRandom.forWorker(123, 4);
        FastRandom w2 = FastRandom.forWorker(123, 4);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextLong(), b.nextLong());
            assertEquals(w1.nextLong(), w2.nextLong());
        }
    }

    @Test
    void workerStreamsDiffer() {
        // SplitMix64 streams are one cycle seen from different starts: two workers must not start
        // within the first N outputs of each other, and no output may repeat across workers.
        int workers = 16;
        int n = 10_000;
        Set<Long> seen = new HashSet<>();
        for (long seed : new long[] {0, 1, 42}) {
            seen.clear();
            for (int w = 0; w < workers; w++) {
                FastRandom rng = FastRandom.forWorker(seed, w);
                for (int i = 0; i < n; i++) {
                    assertTrue(seen.add(rng.nextLong()),
                            "seed " + seed + ": worker " + w + " repeats an output at " + i);
                }
            }
        }
        // Different run seeds give different workers too.
        assertFalse(FastRandom.forWorker(1, 0).nextLong() == FastRandom.forWorker(2, 0).nextLong());
    }

    @Test
    void workerStreamsAreUncorrelated() {
        FastRandom a = FastRandom.forWorker(7, 0);
        FastRandom b = FastRandom.forWorker(7, 1);
        int n = 200_000;
        double sab = 0;
        for (int i = 0; i < n; i++) {
            sab += (a.nextFloat() - 0.5) * (b.nextFloat() - 0.5);
        }
        // Each product has variance 1/144: the correlation estimate has sd 1 / sqrt(n).
        double correlation = sab / n * 12;
        assertEquals(0, correlation, 5 / Math.sqrt(n));
    }

    @Test
    void permutationHoldsEveryIdOnceAndPutsEachAnywhereEvenly() {
        FastRandom rng = new FastRandom(7);
        int n = 5;
        long[] firstPosition = new long[n];
        for (int round = 0; round < 50_000; round++) {
            int[] order = rng.permutation(n);
            boolean[] seen = new boolean[n];
            for (int id : order) {
                assertFalse(seen[id], "id " + id + " twice");
                seen[id] = true;
            }
            firstPosition[order[0]]++;
        }
        Statistics.assertUniform(firstPosition, "the first id of a permutation");
        assertEquals(0, rng.permutation(0).length);
    }
}
