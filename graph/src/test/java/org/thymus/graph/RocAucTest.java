package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class RocAucTest {
    /** The definition: the share of (positive, negative) pairs ranked right, a tie counting one half. */
    private static double pairCount(double[] positives, double[] negatives) {
        double right = 0;
        for (double p : positives) {
            for (double q : negatives) {
                right += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        return right / ((double) positives.length * negatives.length);
    }

    private static double[] randomScores(FastRandom rng, int n, int levels, double shift) {
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = rng.nextInt(levels) + shift; // few levels: many ties within and across the two sets
        }
        return scores;
    }

    @Test
    void agreesWithThePairCountOnRandomScoresWithTies() {
        FastRandom rng = new FastRandom(17);
        int[][] shapes = {{1, 1}, {1, 50}, {37, 5}, {300, 200}, {1000, 999}};
        for (int[] shape : shapes) {
            for (int levels : new int[] {1, 2, 7, 1_000_000}) {
                double[] positives = randomScores(rng, shape[0], levels, 1.5);
                double[] negatives = randomScores(rng, shape[1], levels, 0);
                assertEquals(pairCount(positives, negatives), RocAuc.of(positives, negatives), 1e-12,
                        shape[0] + " x " + shape[1] + ", " + levels + " levels");
            }
        }
    }

    @Test
    void extremesAndTies() {
        assertEquals(1, RocAuc.of(new double[] {3, 4}, new double[] {1, 2, 2.5}));
        assertEquals(0, RocAuc.of(new double[] {-1}, new double[] {0, 5}));
        assertEquals(0.5, RocAuc.of(new double[] {2, 2}, new double[] {2, 2, 2}));
        assertEquals(0.75, RocAuc.of(new double[] {1, 2}, new double[] {1}));
        assertEquals(0.5, RocAuc.of(new double[] {0.0}, new double[] {-0.0}), "0.0 and -0.0 are one score");
    }

    @Test
    void emptySetsAndNaNAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RocAuc.of(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RocAuc.of(new double[] {1}, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> RocAuc.of(new double[] {1, Double.NaN}, new double[] {1}));
    }
}
