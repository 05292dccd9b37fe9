package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Pearson's chi-square test for the sampler tests of this module, at level 0.001 (a correct sampler
 * fails one seed in 1,000). The critical value is the Wilson–Hilferty approximation of the 0.999
 * quantile: 0.6 % above the exact value at 10 degrees of freedom, 0.2 % at 30, 1.4 % at 4 (the test
 * is that much more lenient). Core's {@code Statistics} computes it exactly but is not on this
 * module's test path.
 */
final class ChiSquare {
    /** z with P(Z > z) = 0.001 for a standard normal Z. */
    private static final double Z = 3.090232306167813;

    private ChiSquare() {
    }

    /** Counts {@code draws} outcomes of {@code draw}, each in [0, categories). */
    static long[] histogram(int categories, int draws, IntSupplier draw) {
        long[] counts = new long[categories];
        for (int i = 0; i < draws; i++) {
            counts[draw.getAsInt()]++;
        }
        return counts;
    }

    /** The 0.999 quantile of chi-square with {@code df} degrees of freedom (Wilson–Hilferty). */
    static double critical(int df) {
        double v = 2.0 / (9.0 * df);
        double c = 1 - v + Z * Math.sqrt(v);
        return df * c * c * c;
    }

    /** Pearson's statistic of {@code observed} against probabilities ∝ {@code weights}; infinite if one of 0 is drawn. */
    static double statistic(long[] observed, double[] weights) {
        assertEquals(weights.length, observed.length, "categories");
        double total = Arrays.stream(weights).sum();
        long n = Arrays.stream(observed).sum();
        double statistic = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = n * weights[i] / total;
            if (expected == 0) {
                if (observed[i] > 0) {
                    return Double.POSITIVE_INFINITY;
                }
                continue;
            }
            statistic += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        return statistic;
    }

    static int degreesOfFreedom(double[] weights) {
        return (int) Arrays.stream(weights).filter(w -> w > 0).count() - 1;
    }

    /**
     * Fails unless {@code observed} fits {@code weights}. Every possible category must expect at least
     * 5 draws, or the approximation does not hold (the test's design, not the sampler, is wrong then).
     */
    static void assertFits(long[] observed, double[] weights, String what) {
        double total = Arrays.stream(weights).sum();
        long n = Arrays.stream(observed).sum();
        for (int i = 0; i < weights.length; i++) {
            double expected = n * weights[i] / total;
            assertTrue(expected == 0 || expected >= 5, what + ": category " + i + " expects " + expected + " draws");
        }
        double statistic = statistic(observed, weights);
        int df = degreesOfFreedom(weights);
        assertTrue(statistic < critical(df), what + ": chi2 " + statistic + " > " + critical(df) + " (df " + df + ")");
    }

    /** The test has power: draws from another distribution fail it. */
    static void assertRejects(long[] observed, double[] weights, String what) {
        double statistic = statistic(observed, weights);
        assertTrue(statistic > critical(degreesOfFreedom(weights)), what + " passed for the wrong distribution: chi2 "
                + statistic);
    }
}
