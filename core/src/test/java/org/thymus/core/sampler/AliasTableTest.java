package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class AliasTableTest {
    private static final int DRAWS = 1_000_000;

    private static long[] draw(AliasTable table, long seed) {
        FastRandom rng = new FastRandom(seed);
        return Statistics.histogram(table.size(), DRAWS, () -> table.sample(rng));
    }

    private static void assertFitsAliasTable(double[] weights, String what) {
        AliasTable table = new AliasTable(weights);
        assertEquals(weights.length, table.size());
        Statistics.assertFits(draw(table, 42), weights, what);
    }

    @Test
    void uniformWeightsFit() {
        for (int n : new int[] {2, 3, 7, 1000, 62_550}) {
            double[] weights = new double[n];
            Arrays.fill(weights, 2.5);
            assertFitsAliasTable(weights, "uniform over " + n);
        }
    }

    @Test
    void zipfWeightsFit() {
        double[] weights = new double[5000];
        for (int r = 0; r < weights.length; r++) {
            weights[r] = Math.pow(1e7 / (r + 1), 0.75);
        }
        assertFitsAliasTable(weights, "zipf^0.75");
    }

    @Test
    void skewedAndShuffledWeightsFit() {
        // One huge weight among small ones, and weights in no particular order: many alias chains.
        double[] skewed = new double[300];
        Arrays.fill(skewed, 1);
        skewed[137] = 1e4;
        assertFitsAliasTable(skewed, "one heavy id");

        FastRandom rng = new FastRandom(7);
        double[] random = new double[2000];
        for (int i = 0; i < random.length; i++) {
            random[i] = rng.nextDouble() * rng.nextDouble() * 100;
        }
        assertFitsAliasTable(random, "random weights");
    }

    @Test
    void weightsNearTheDoubleLimitDoNotOverflow() {
        double max = Double.MAX_VALUE;
        AliasTable table = new AliasTable(new double[] {max, max, max / 2});
        Statistics.assertFits(draw(table, 42), new double[] {2, 2, 1}, "weights summing past Double.MAX_VALUE");
    }

    @Test
    void zeroWeightsAreNeverDrawn() {
        double[] weights = {0, 3, 0, 1, 5, 0, 0, 2, 1e-3, 0};
        AliasTable table = new AliasTable(weights);
        long[] counts = draw(table, 3);
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == 0) {
                assertEquals(0, counts[i], "zero-weight id " + i + " was drawn");
            }
        }
        Statistics.assertFits(counts, weights, "weights with zeros");

        // Only one non-zero weight, surrounded by zeros.
        long[] single = draw(new AliasTable(new double[] {0, 0, 0.25, 0}), 4);
        assertEquals(DRAWS, single[2]);
    }

    @Test
    void singleWeightAlwaysDrawsIt() {
        AliasTable table = new AliasTable(new double[] {4.2});
        FastRandom rng = new FastRandom(1);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(0, table.sample(rng));
        }
    }

    @Test
    void badWeightsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[] {1, -1}));
        assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> new AliasTable(new double[] {1, Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[] {0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[] {-0.0}));
    }
}
