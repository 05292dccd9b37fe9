package org.thymus.graph;

import java.util.Arrays;

/**
 * The area under the ROC curve of scores that should rank positives above negatives: the
 * probability that a random positive scores above a random negative, a tie counting one half. It is
 * computed by the rank-sum (Mann–Whitney U) formula, AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊ n₋) with R₊ the
 * sum of the positives' ranks among all scores and tied scores given their mean rank: two sorts and
 * one merge, O((n₊ + n₋) log(n₊ + n₋)) rather than a count over all n₊ × n₋ pairs.
 */
public final class RocAuc {
    private RocAuc() {
    }

    /** The ROC-AUC of {@code positives} against {@code negatives}; neither may be empty or hold NaN. */
    public static double of(double[] positives, double[] negatives) {
        if (positives.length == 0 || negatives.length == 0) {
            throw new IllegalArgumentException("ROC-AUC needs positives and negatives, got "
                    + positives.length + " and " + negatives.length);
        }
        double[] p = sortedWithoutNaN(positives, "positive");
        double[] q = sortedWithoutNaN(negatives, "negative");
        double positiveRankSum = 0;
        long ranked = 0; // scores ranked so far, below the current tie group
        int i = 0;
        int j = 0;
        while (i < p.length || j < q.length) {
            double score = j == q.length || (i < p.length && p[i] <= q[j]) ? p[i] : q[j];
            int tiedPositives = 0;
            while (i < p.length && p[i] == score) {
                i++;
                tiedPositives++;
            }
            int tiedNegatives = 0;
            while (j < q.length && q[j] == score) {
                j++;
                tiedNegatives++;
            }
            int tied = tiedPositives + tiedNegatives;
            double meanRank = ranked + (tied + 1) / 2.0; // ranks ranked + 1 .. ranked + tied
            positiveRankSum += tiedPositives * meanRank;
            ranked += tied;
        }
        double n = p.length;
        return (positiveRankSum - n * (n + 1) / 2) / (n * q.length);
    }

    private static double[] sortedWithoutNaN(double[] scores, String what) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted); // NaN sorts last
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("a " + what + " score is NaN");
        }
        return sorted;
    }
}
