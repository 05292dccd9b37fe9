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

    /**
     * With t = 2 |u - v|^2 / (alpha beta), alpha = 1 - |u|^2, beta = 1 - |v|^2: d = arcosh(1 + t), so
     * exp(-d) = 1 / (1 + t + sqrt(t (t + 2))), and dd/du = 4 / (alpha beta sqrt(t (t + 2))) ·
     * (((|u - v|^2 + alpha) / alpha) u - v), symmetrically for v.
     */
    @Override
    public double pairTerms(double[] u, int uo, double normU, double[] v, int vo, int dim, double[] terms, int at) {
        double nv = 0;
        double sq = 0;
        for (int i = 0; i < dim; i++) {
            double x = u[uo + i];
            double y = v[vo + i];
            nv += y * y;
            sq += (x - y) * (x - y);
        }
        double alpha = conformal(normU);
        double beta = conformal(nv);
        double t = 2 * sq / (alpha * beta);
        // sqrt(gamma^2 - 1) with gamma = 1 + t, written so it stays exact for small t.
        double root = Math.sqrt(t * (t + 2));
        terms[at + 3] = nv;
        if (root == 0) { // u == v: the distance has no gradient there (a cusp); take zero
            terms[at] = 0;
            terms[at + 1] = 0;
            terms[at + 2] = 0;
            return 1;
        }
        terms[at] = 4 / (alpha * beta * root);
        terms[at + 1] = (sq + alpha) / alpha;
        terms[at + 2] = (sq + beta) / beta;
        return 1 / (1 + t + root);
    }

    /**
     * Riemannian SGD: the Euclidean gradient times the inverse of the metric, (1 - |x|^2)^2 / 4, then
     * back to norm {@link #MAX_NORM} if the point reached or left it.
     */
    @Override
    public void step(double[] x, int xo, int dim, double[] g, double rate, double norm2) {
        double conformal = 1 - norm2;
        double after = Geometry.moveAgainst(x, xo, dim, g, rate * conformal * conformal / 4);
        if (after >= MAX_NORM * MAX_NORM) {
            double shrink = MAX_NORM / Math.sqrt(after);
            for (int i = 0; i < dim; i++) {
                x[xo + i] *= shrink;
            }
        }
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

    /** arcosh(1 + t) for t >= 0, accurate near t = 0 where the textbook formula loses digits. */
    static double arcoshOnePlus(double t) {
        return Math.log1p(t + Math.sqrt(t * (t + 2)));
    }

    private static double conformal(double norm2) {
        return Math.max(MIN_CONFORMAL, 1 - norm2);
    }
}
