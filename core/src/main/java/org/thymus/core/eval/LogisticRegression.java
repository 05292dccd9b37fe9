package org.thymus.core.eval;

import org.thymus.core.random.FastRandom;

/**
 * Binary logistic regression with an L2 penalty, the classifier the embedding papers evaluate with
 * (scikit-learn's {@code LogisticRegression}, C = 1, on features of node pairs or of nodes). The
 * features are standardised (each column to mean 0 and variance 1, from the training rows), then
 * the penalised log-loss {@code sum log(1 + exp(-y w.x)) + |w|^2 / (2C)} is minimised by
 * stochastic gradient descent with a decaying step over shuffled rows: a few dozen passes reach
 * the optimum's ranking well enough for ROC-AUC and F1, which is all it is used for.
 */
public final class LogisticRegression {
    private final double[] mean;
    private final double[] scale;
    private final double[] weights;
    private final double bias;

    private LogisticRegression(double[] mean, double[] scale, double[] weights, double bias) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Fits rows {@code features[r * dim .. (r + 1) * dim)} to {@code labels[r]}.
     *
     * @param c      inverse penalty strength (scikit-learn's C; larger fits harder)
     * @param epochs passes over the rows
     */
    public static LogisticRegression fit(float[] features, int dim, boolean[] labels, double c, int epochs,
                                         long seed) {
        int rows = labels.length;
        if (dim < 1 || rows == 0 || (long) rows * dim != features.length) {
            throw new IllegalArgumentException("need rows x dim features and one label a row; got " + features.length
                    + " features, dim " + dim + ", " + rows + " labels");
        }
        if (!(c > 0) || epochs < 1) {
            throw new IllegalArgumentException("C must be > 0 and epochs >= 1, got " + c + " and " + epochs);
        }
        double[] mean = new double[dim];
        double[] scale = new double[dim];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += features[r * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= rows;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < dim; j++) {
                double d = features[r * dim + j] - mean[j];
                scale[j] += d * d;
            }
        }
        for (int j = 0; j < dim; j++) {
            double sd = Math.sqrt(scale[j] / rows);
            scale[j] = sd > 1e-12 ? 1 / sd : 0; // a constant column carries nothing
        }
        double[] w = new double[dim];
        double b = 0;
        double[] x = new double[dim];
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        FastRandom rng = new FastRandom(seed);
        double penalty = 1 / (c * rows); // the penalty spread over the rows of one pass
        long step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = rows - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int k = 0; k < rows; k++) {
                int r = order[k];
                double z = b;
                for (int j = 0; j < dim; j++) {
                    x[j] = (features[r * dim + j] - mean[j]) * scale[j];
                    z += w[j] * x[j];
                }
                double y = labels[r] ? 1 : 0;
                double g = sigmoid(z) - y;
                double rate = 0.1 / (1 + 0.5 * step++ / rows); // halves after two passes, a tenth after 18
                for (int j = 0; j < dim; j++) {
                    w[j] -= rate * (g * x[j] + penalty * w[j]);
                }
                b -= rate * g;
            }
        }
        return new LogisticRegression(mean, scale, w, b);
    }

    /** The decision value w.x + b of the row at {@code features[off .. off + dim)} (monotone in the probability). */
    public double score(float[] features, int off) {
        double z = bias;
        for (int j = 0; j < weights.length; j++) {
            z += weights[j] * (features[off + j] - mean[j]) * scale[j];
        }
        return z;
    }

    /** The probability of the positive class for that row. */
    public double probability(float[] features, int off) {
        return sigmoid(score(features, off));
    }

    public int dim() {
        return weights.length;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
