package org.thymus.hyperbolic;

/**
 * The Poincaré ball model of hyperbolic space (Nickel &amp; Kiela 2017): the open unit ball with
 * distance d(u, v) = arcosh(1 + 2 |u - v|^2 / ((1 - |u|^2)(1 - |v|^2))). Space grows
 * exponentially towards the boundary, so a tree embeds with the root near the centre and the
 * leaves near the rim, each far from the others.
 *
 * <p>Optimisation is Riemannian SGD: the Euclidean gradient rescaled by the inverse metric
 * (1 - |x|^2)^2 / 4, then a projection back inside the ball of radius {@code 1 - epsilon}.
 */
public final class PoincareBall implements Geometry {
    /** Points are kept at norm at most 1 - EPSILON (gensim's default clipping). */
    public static final double EPSILON = 1e-5;
    private static final double MAX_NORM = 1 - EPSILON;
    /** Lower bound of 1 - |x|^2 in the formulas, so a point on the clipping radius stays finite. */
    private static final double MIN_CONFORMAL = 1e-12;

    @Override
    public String name() {
        return "poincare";
    }

    @Override
    public double defaultLearningRate() {
        return 0.3;
    }

    @Override
    public double distance(float[] a, int ao, float[] b, int bo, int dim) {
        double na = 0;
        double nb = 0;
        double sq = 0;
        for (int i = 0; i < dim; i++) {
            double x = a[ao + i];
            double y = b[bo + i];
            na += x * x;
            nb += y * y;
            sq += (x - y) * (x - y);
        }
        return arcoshOnePlus(2 * sq / (conformal(na) * conformal(nb)));
    }

    @Override
    public double distanceAndGradients(float[] u, int uo, float[] v, int vo, int dim, double[] gu, double[] gv) {
        double t = argumentAndGradients(u, uo, v, vo, dim, gu, gv);
        return t == 0 ? 0 : arcoshOnePlus(t);
    }

    /** exp(-arcosh(1 + t)) = 1 / (1 + t + sqrt(t (t + 2))): no logarithm, no exponential. */
    @Override
    public double closenessAndGradients(float[] u, int uo, float[] v, int vo, int dim, double[] gu, double[] gv) {
        double t = argumentAndGradients(u, uo, v, vo, dim, gu, gv);
        return 1 / (1 + t + Math.sqrt(t * (t + 2)));
    }

    /**
     * t = 2 |u - v|^2 / ((1 - |u|^2)(1 - |v|^2)), d = arcosh(1 + t), with dd/du and dd/dv written to
     * gu and gv.
     */
    private static double argumentAndGradients(float[] u, int uo, float[] v, int vo, int dim, double[] gu,
                                               double[] gv) {
        double nu = 0;
        double nv = 0;
        double sq = 0;
        for (int i = 0; i < dim; i++) {
            double x = u[uo + i];
            double y = v[vo + i];
            nu += x * x;
            nv += y * y;
            sq += (x - y) * (x - y);
        }
        double alpha = conformal(nu);
        double beta = conformal(nv);
        double t = 2 * sq / (alpha * beta);
        // sqrt(gamma^2 - 1) with gamma = 1 + t, written so it stays exact for small t.
        double root = Math.sqrt(t * (t + 2));
        if (root == 0) { // u == v: the distance has no gradient there (a cusp); take zero
            java.util.Arrays.fill(gu, 0, dim, 0.0);
            java.util.Arrays.fill(gv, 0, dim, 0.0);
            return 0;
        }
        double c = 4 / (alpha * beta * root);
        double cu = (sq + alpha) / alpha;
        double cv = (sq + beta) / beta;
        for (int i = 0; i < dim; i++) {
            double x = u[uo + i];
            double y = v[vo + i];
            gu[i] = c * (cu * x - y);
            gv[i] = c * (cv * y - x);
        }
        return t;
    }

    @Override
    public void step(float[] x, int xo, int dim, double[] g, double rate) {
        double norm2 = 0;
        for (int i = 0; i < dim; i++) {
            norm2 += (double) x[xo + i] * x[xo + i];
        }
        double conformal = 1 - norm2;
        double scale = rate * conformal * conformal / 4;
        double after = 0;
        for (int i = 0; i < dim; i++) {
            float y = (float) (x[xo + i] - scale * g[i]);
            x[xo + i] = y;
            after += (double) y * y;
        }
        project(x, xo, dim, after);
    }

    @Override
    public float[] rankingWeights(double[] squaredNorms) {
        // arcosh is increasing and 1 - |u|^2 is the same for every candidate of a query u: rank
        // by |u - v|^2 / (1 - |v|^2).
        float[] weights = new float[squaredNorms.length];
        for (int j = 0; j < weights.length; j++) {
            weights[j] = (float) (1 / conformal(squaredNorms[j]));
        }
        return weights;
    }

    /** Pulls the point back to norm {@link #MAX_NORM} when it has reached or left it. */
    static void project(float[] x, int xo, int dim, double norm2) {
        if (norm2 >= MAX_NORM * MAX_NORM) {
            double shrink = MAX_NORM / Math.sqrt(norm2);
            for (int i = 0; i < dim; i++) {
                x[xo + i] = (float) (x[xo + i] * shrink);
            }
        }
    }

    /** arcosh(1 + t) for t >= 0, accurate near t = 0 where the textbook formula loses digits. */
    static double arcoshOnePlus(double t) {
        return Math.log1p(t + Math.sqrt(t * (t + 2)));
    }

    private static double conformal(double norm2) {
        return Math.max(MIN_CONFORMAL, 1 - norm2);
    }
}
