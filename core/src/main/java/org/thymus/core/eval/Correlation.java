package org.thymus.core.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Correlation coefficients of paired samples. */
public final class Correlation {
    private Correlation() {
    }

    /** Pearson's r; NaN if there are fewer than two pairs or either sample is constant. */
    public static double pearson(double[] x, double[] y) {
        requireSameLength(x, y);
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = Arrays.stream(x).average().orElseThrow();
        double meanY = Arrays.stream(y).average().orElseThrow();
        double covariance = 0;
        double varianceX = 0;
        double varianceY = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            covariance += dx * dy;
            varianceX += dx * dx;
            varianceY += dy * dy;
        }
        if (varianceX == 0 || varianceY == 0) {
            return Double.NaN;
        }
        return covariance / Math.sqrt(varianceX * varianceY);
    }

    /**
     * Spearman's rho: Pearson's r of the ranks, tied values sharing the average of their ranks
     * (as scipy.stats.spearmanr does). NaN as for {@link #pearson}.
     */
    public static double spearman(double[] x, double[] y) {
        requireSameLength(x, y);
        return pearson(ranks(x), ranks(y));
    }

    /** Ranks from 1 (smallest value); equal values get the mean of the ranks they span. */
    static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start + 1;
            while (end < order.length && values[order[end]] == values[order[start]]) {
                end++;
            }
            double meanRank = (start + 1 + end) / 2.0; // ranks start+1 .. end
            for (int i = start; i < end; i++) {
                ranks[order[i]] = meanRank;
            }
            start = end;
        }
        return ranks;
    }

    private static void requireSameLength(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("samples differ in length: " + x.length + " and " + y.length);
        }
    }
}
