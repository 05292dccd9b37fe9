package org.thymus.retrieval.falseneg;

import org.thymus.core.eval.Correlation;
import org.thymus.core.eval.LogisticRegression;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.random.FastRandom;

/**
 * What the benchmarks measure on learned vectors, given the planted truth: same-label retrieval
 * (precision@k, NDCG@k), how well a label can be read off the vectors (cross-validated one-vs-rest
 * logistic regression), and how much cosine similarity follows map distance (Spearman's rho over
 * sampled pairs). Vectors come as a flat array of unit rows, {@code dim} floats each.
 */
final class EmbeddingProbes {
    private static final Kernels KERNELS = Kernels.get();

    private EmbeddingProbes() {
    }

    /** Which candidates a query may retrieve (never itself; a benchmark may leave out more). */
    @FunctionalInterface
    interface Eligibility {
        boolean allows(int query, int candidate);
    }

    /** Precision@k and NDCG@k (binary relevance) averaged over the queries that have a relevant candidate. */
    record Retrieval(double precision, double ndcg, int queries) {
    }

    /** Rows scaled to unit length ({@code rows * dim} floats); a zero row stays zero. */
    static float[] unitRows(float[] rows, int dim) {
        float[] unit = rows.clone();
        for (int off = 0; off < unit.length; off += dim) {
            float norm = (float) Math.sqrt(KERNELS.dot(unit, off, unit, off, dim));
            if (norm > 0) {
                KERNELS.scale(1f / norm, unit, off, dim);
            }
        }
        return unit;
    }

    /**
     * Each query ranks every eligible row by cosine; a row is relevant when it has the query's label.
     *
     * @param unit   unit rows, {@code dim} floats each
     * @param labels each row's label
     */
    static Retrieval sameLabelRetrieval(float[] unit, int dim, int[] labels, int k, Eligibility eligible) {
        int rows = labels.length;
        int[] topRows = new int[k];
        float[] topScores = new float[k];
        double precisionSum = 0;
        double ndcgSum = 0;
        int queries = 0;
        for (int q = 0; q < rows; q++) {
            int kept = 0;
            int relevantTotal = 0;
            for (int c = 0; c < rows; c++) {
                if (c == q || !eligible.allows(q, c)) {
                    continue;
                }
                if (labels[c] == labels[q]) {
                    relevantTotal++;
                }
                float score = KERNELS.dot(unit, q * dim, unit, c * dim, dim);
                // Insertion into the best-first list of at most k (k is small: 10).
                if (kept < k || score > topScores[kept - 1]) {
                    int i = kept < k ? kept++ : k - 1;
                    while (i > 0 && topScores[i - 1] < score) {
                        topScores[i] = topScores[i - 1];
                        topRows[i] = topRows[i - 1];
                        i--;
                    }
                    topScores[i] = score;
                    topRows[i] = c;
                }
            }
            if (relevantTotal == 0) {
                continue;
            }
            double dcg = 0;
            int hits = 0;
            for (int i = 0; i < kept; i++) {
                if (labels[topRows[i]] == labels[q]) {
                    hits++;
                    dcg += 1 / log2(i + 2);
                }
            }
            double ideal = 0;
            for (int i = 0; i < Math.min(k, relevantTotal); i++) {
                ideal += 1 / log2(i + 2);
            }
            precisionSum += (double) hits / k;
            ndcgSum += dcg / ideal;
            queries++;
        }
        return queries == 0 ? new Retrieval(Double.NaN, Double.NaN, 0)
                : new Retrieval(precisionSum / queries, ndcgSum / queries, queries);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Accuracy of predicting {@code labels} (in [0, classes)) from the rows, by {@code folds}-fold
     * cross-validation of one-vs-rest L2 logistic regressions (core {@link LogisticRegression}, C = 1):
     * each held-out row gets the class whose model scores it highest. Folds are a seeded shuffle.
     */
    static double crossValidatedAccuracy(float[] rows, int dim, int[] labels, int classes, int folds, long seed) {
        int n = labels.length;
        int[] order = new FastRandom(seed).permutation(n);
        int[] foldOf = new int[n];
        for (int i = 0; i < n; i++) {
            foldOf[order[i]] = i % folds;
        }
        int correct = 0;
        for (int f = 0; f < folds; f++) {
            int trainRows = 0;
            for (int i = 0; i < n; i++) {
                trainRows += foldOf[i] != f ? 1 : 0;
            }
            float[] x = new float[trainRows * dim];
            int[] y = new int[trainRows];
            for (int i = 0, r = 0; i < n; i++) {
                if (foldOf[i] != f) {
                    System.arraycopy(rows, i * dim, x, r * dim, dim);
                    y[r++] = labels[i];
                }
            }
            LogisticRegression[] models = new LogisticRegression[classes];
            for (int c = 0; c < classes; c++) {
                boolean[] isClass = new boolean[trainRows];
                for (int r = 0; r < trainRows; r++) {
                    isClass[r] = y[r] == c;
                }
                models[c] = LogisticRegression.fit(x, dim, isClass, 1.0);
            }
            for (int i = 0; i < n; i++) {
                if (foldOf[i] != f) {
                    continue;
                }
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    double s = models[c].score(rows, i * dim);
                    if (s > bestScore) {
                        bestScore = s;
                        best = c;
                    }
                }
                correct += best == labels[i] ? 1 : 0;
            }
        }
        return (double) correct / n;
    }

    /** Spearman's rho of cosine against map distance over pairs of one kind (same label or not). */
    record DistanceLeakage(double sameLabel, double otherLabel) {
    }

    /**
     * Spearman's rho between the cosine of two rows and their map distance, over {@code pairs}
     * random pairs with the same label and as many with different labels. A negative rho means
     * nearby rows are more alike: the map leaks into the vectors.
     */
    static DistanceLeakage distanceLeakage(float[] unit, int dim, double[] x, double[] y, int[] labels, int pairs,
                                           long seed) {
        FastRandom rng = new FastRandom(seed);
        int n = labels.length;
        double[][] cos = {new double[pairs], new double[pairs]};
        double[][] dist = {new double[pairs], new double[pairs]};
        int[] filled = new int[2];
        while (filled[0] < pairs || filled[1] < pairs) {
            int a = rng.nextInt(n);
            int b = rng.nextInt(n);
            if (a == b) {
                continue;
            }
            int kind = labels[a] == labels[b] ? 0 : 1;
            if (filled[kind] == pairs) {
                continue;
            }
            cos[kind][filled[kind]] = KERNELS.dot(unit, a * dim, unit, b * dim, dim);
            dist[kind][filled[kind]] = Math.hypot(x[a] - x[b], y[a] - y[b]);
            filled[kind]++;
        }
        return new DistanceLeakage(Correlation.spearman(cos[0], dist[0]), Correlation.spearman(cos[1], dist[1]));
    }
}
