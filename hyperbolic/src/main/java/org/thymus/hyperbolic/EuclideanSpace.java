package org.thymus.hyperbolic;

/**
 * Flat space with the squared Euclidean distance |u - v|^2 — the baseline of Nickel &amp; Kiela
 * (2017), trained with the same loss, sampler and budget as the Poincaré ball. Plain SGD steps.
 */
public final class EuclideanSpace implements Geometry {

    @Override
    public String name() {
        return "euclidean";
    }

    @Override
    public double defaultLearningRate() {
        return 0.03;
    }

    @Override
    public double distance(float[] a, int ao, float[] b, int bo, int dim) {
        double sq = 0;
        for (int i = 0; i < dim; i++) {
            double d = (double) a[ao + i] - b[bo + i];
            sq += d * d;
        }
        return sq;
    }

    @Override
    public double distanceAndGradients(float[] u, int uo, float[] v, int vo, int dim, double[] gu, double[] gv) {
        double sq = 0;
        for (int i = 0; i < dim; i++) {
            double d = (double) u[uo + i] - v[vo + i];
            sq += d * d;
            gu[i] = 2 * d;
            gv[i] = -2 * d;
        }
        return sq;
    }

    @Override
    public void step(float[] x, int xo, int dim, double[] g, double rate) {
        for (int i = 0; i < dim; i++) {
            x[xo + i] = (float) (x[xo + i] - rate * g[i]);
        }
    }

    @Override
    public float[] rankingWeights(double[] squaredNorms) {
        return null; // the distance is the squared Euclidean distance itself
    }
}
