package org.thymus.hyperbolic;

/**
 * Hyperbolic space trained on the hyperboloid (Lorentz model, Nickel &amp; Kiela 2018) and kept,
 * evaluated and written as the Poincaré ball it is isometric to. A training row holds dim + 1
 * coordinates x with ⟨x, x⟩_L = −x_0² + Σ x_i² = −1 and x_0 &gt; 0; d(u, v) = arcosh(−⟨u, v⟩_L).
 *
 * <p>Why train here rather than in the ball: a ball step is the Euclidean gradient scaled by
 * (1 − |x|²)²/4 and then a straight line plus a clip, and near the rim (where a trained noun
 * hierarchy puts nearly every leaf) that scale is ~10⁻⁹; on the hyperboloid a step is the exact
 * exponential map of the Riemannian gradient, whose coordinates do not shrink towards infinity.
 *
 * <p>Points keep the ball's clipping radius: x_0 is held at most that of ball norm
 * 1 − {@link PoincareBall#EPSILON}, so the model written in float coordinates is the one trained,
 * and a run compares with the ball at an equal reach.
 */
public final class LorentzModel implements Geometry {
    /** x_0 of a point at the ball's clipping radius r: (1 + r²) / (1 − r²). */
    private static final double MAX_TIME;
    /** Longest step, in units of hyperbolic distance: a large gradient cannot throw a point far. */
    private static final double MAX_STEP = 1;

    static {
        double r = 1 - PoincareBall.EPSILON;
        MAX_TIME = (1 + r * r) / (1 - r * r);
    }

    private final PoincareBall ball = new PoincareBall();

    @Override
    public String name() {
        return "lorentz";
    }

    @Override
    public double defaultLearningRate() {
        // A step moves a point by rate × |Riemannian gradient| in hyperbolic distance, as in the ball.
        return ball.defaultLearningRate();
    }

    /** The model's points are in the ball: its distance. */
    @Override
    public double distance(float[] a, int ao, float[] b, int bo, int dim) {
        return ball.distance(a, ao, b, bo, dim);
    }

    @Override
    public float[] rankingWeights(double[] squaredNorms) {
        return ball.rankingWeights(squaredNorms);
    }

    @Override
    public int trainingWidth(int dim) {
        return dim + 1;
    }

    /** x_0 = (1 + |p|²) / (1 − |p|²), x_i = 2 p_i / (1 − |p|²). */
    @Override
    public void toTraining(float[] p, int po, int dim, double[] x, int xo) {
        double norm2 = 0;
        for (int i = 0; i < dim; i++) {
            norm2 += (double) p[po + i] * p[po + i];
        }
        double r = 1 - PoincareBall.EPSILON;
        double scale = norm2 > r * r ? r / Math.sqrt(norm2) : 1; // a point given on or past the rim: to the clip
        norm2 *= scale * scale;
        double denominator = 1 - norm2;
        x[xo] = (1 + norm2) / denominator;
        for (int i = 0; i < dim; i++) {
            x[xo + 1 + i] = 2 * scale * p[po + i] / denominator;
        }
    }

    /** p_i = x_i / (1 + x_0). */
    @Override
    public void toModel(double[] x, int xo, int dim, float[] p, int po) {
        double denominator = 1 + x[xo];
        for (int i = 0; i < dim; i++) {
            p[po + i] = (float) (x[xo + 1 + i] / denominator);
        }
    }

    /**
     * With γ = −⟨u, v⟩_L: exp(−d) = 1 / (γ + √(γ² − 1)), and d's Euclidean gradient is
     * −g_L v / √(γ² − 1), g_L = diag(−1, 1, …, 1). The terms describe that gradient already
     * multiplied by the inverse metric g_L (what {@link #step} expects): −v / √(γ² − 1), that is
     * c = 1 / √(γ² − 1), a = b = 0 in dd/du = c (a u − v), dd/dv = c (b v − u). {@code width} is
     * dim + 1; normU and the returned |v|² are not used by this space (0 is written).
     */
    @Override
    public double pairTerms(double[] u, int uo, double normU, double[] v, int vo, int width, double[] terms, int at) {
        double gamma = Math.max(1, -minkowski(u, uo, v, vo, width));
        double root = Math.sqrt((gamma - 1) * (gamma + 1));
        terms[at + 1] = 0;
        terms[at + 2] = 0;
        terms[at + 3] = 0;
        if (root == 0) { // u == v: no gradient at the cusp
            terms[at] = 0;
            return 1;
        }
        terms[at] = 1 / root;
        return 1 / (gamma + root);
    }

    /**
     * Riemannian SGD on the hyperboloid: {@code g} is the gradient already multiplied by g_L (see
     * {@link #pairTerms}); it is projected on the tangent space at x (g + ⟨x, g⟩_L x), scaled by
     * −rate, its length capped at {@value #MAX_STEP}, and followed by the exponential map
     * x ← cosh(|w|) x + sinh(|w|) w / |w|. Then x_0 is recomputed from the other coordinates, which
     * puts the point back on the hyperboloid exactly, and the point is held within the clipping radius.
     */
    @Override
    public void step(double[] x, int xo, int width, double[] g, double rate, double norm2) {
        double along = minkowski(x, xo, g, 0, width);
        // The tangent step is w_i = −rate (g_i + along x_i); formed twice rather than stored.
        double length2 = 0;
        for (int i = 0; i < width; i++) {
            double w = -rate * (g[i] + along * x[xo + i]);
            length2 += i == 0 ? -w * w : w * w;
        }
        double length = Math.sqrt(Math.max(0, length2));
        if (length > 0) {
            double capped = Math.min(length, MAX_STEP);
            double cosh = Math.cosh(capped);
            double sinhOverLength = Math.sinh(capped) / length;
            for (int i = 0; i < width; i++) {
                double w = -rate * (g[i] + along * x[xo + i]);
                x[xo + i] = cosh * x[xo + i] + sinhOverLength * w;
            }
        }
        double space2 = 0;
        for (int i = 1; i < width; i++) {
            space2 += x[xo + i] * x[xo + i];
        }
        double time = Math.sqrt(1 + space2);
        if (time > MAX_TIME) {
            double shrink = Math.sqrt((MAX_TIME - 1) * (MAX_TIME + 1) / space2);
            for (int i = 1; i < width; i++) {
                x[xo + i] *= shrink;
            }
            time = MAX_TIME;
        }
        x[xo] = time;
    }

    /** ⟨a, b⟩_L = −a_0 b_0 + Σ_{i≥1} a_i b_i. */
    static double minkowski(double[] a, int ao, double[] b, int bo, int width) {
        double sum = -a[ao] * b[bo];
        for (int i = 1; i < width; i++) {
            sum += a[ao + i] * b[bo + i];
        }
        return sum;
    }
}
