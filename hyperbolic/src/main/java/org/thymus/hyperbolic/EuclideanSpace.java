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

    /** d = |u - v|^2: exp(-d), and dd/du = 2 (u - v), dd/dv = 2 (v - u). */
    @Override
    public double pairTerms(double[] u, int uo, double normU, double[] v, int vo, int dim, double[] terms, int at) {
        double nv = 0;
        double sq = 0;
        for (int i = 0; i < dim; i++) {
            double y = v[vo + i];
            double d = u[uo + i] - y;
            nv += y * y;
            sq += d * d;
        }
        terms[at] = 2;
        terms[at + 1] = 1;
        terms[at + 2] = 1;
        terms[at + 3] = nv;
        return Math.exp(-sq);
    }

    /** Plain SGD; flat space has no boundary. */
    @Override
    public void step(double[] x, int xo, int dim, double[] g, double rate, double norm2) {
        Geometry.moveAgainst(x, xo, dim, g, rate);
    }

    @Override
    public float[] rankingWeights(double[] squaredNorms) {
        return null; // the distance is the squared Euclidean distance itself
    }
}
