package org.thymus.hyperbolic;

import java.util.Locale;
import org.thymus.core.InvalidInputException;

/**
 * The space a hierarchy is embedded in: its distance, the gradient of that distance, the
 * optimiser step that keeps points in the space, and a ranking key for evaluation. Points are rows
 * of a flat array ({@code dim} values from an offset): {@code float[]} tables for evaluation, a
 * {@code double[]} for the optimiser, whose steps near the rim are too small for floats. A space
 * may train in other coordinates than the model's ({@link #trainingWidth}, {@link #toTraining},
 * {@link #toModel}: the Lorentz model trains on the hyperboloid and keeps the ball); the training
 * methods ({@link #pairTerms}, {@link #step}) then take rows of that width.
 */
public interface Geometry {

    /** The name used on the command line and in metrics ("poincare", "lorentz", "euclidean"). */
    String name();

    /** The distance between the points at {@code a[ao..]} and {@code b[bo..]}. */
    double distance(float[] a, int ao, float[] b, int bo, int dim);

    /**
     * The softmax weight exp(-d(u, v)) of v against u, and the scalars of d's Euclidean gradients,
     * which in both spaces are combinations of the two points: dd/du = c (a u - v) and
     * dd/dv = c (b v - u). Writes c, a, b and |v|^2 to {@code terms[at .. at + 4)}; {@code normU}
     * is |u|^2. The trainer calls this once per target, so it is written without a logarithm or an
     * exponential where the space allows (in flat space exp(-d) underflows to 0 beyond d = 745).
     */
    double pairTerms(double[] u, int uo, double normU, double[] v, int vo, int dim, double[] terms, int at);

    /**
     * One optimiser step for the point at {@code x[xo..]}, whose squared norm is {@code norm2}: move
     * against the gradient {@code g} from {@link #pairTerms} with learning rate {@code rate}, in this
     * space's metric, and stay in the space.
     */
    void step(double[] x, int xo, int dim, double[] g, double rate, double norm2);

    /**
     * The straight move x -= scale · g of the ball and of flat space (a first-order step, the metric
     * in {@code scale}); returns |x|^2 after it.
     */
    static double moveAgainst(double[] x, int xo, int dim, double[] g, double scale) {
        double after = 0;
        for (int i = 0; i < dim; i++) {
            double y = x[xo + i] - scale * g[i];
            x[xo + i] = y;
            after += y * y;
        }
        return after;
    }

    /**
     * Values per training row for a model of {@code dim} dimensions: dim, or more where training
     * runs in other coordinates than the model's (the Lorentz model's dim + 1).
     */
    default int trainingWidth(int dim) {
        return dim;
    }

    /** Writes the training coordinates of the model point {@code p[po..po + dim)} to {@code x[xo..]}. */
    default void toTraining(float[] p, int po, int dim, double[] x, int xo) {
        for (int i = 0; i < dim; i++) {
            x[xo + i] = p[po + i];
        }
    }

    /** Writes the model point, rounded to float, of the training coordinates at {@code x[xo..]}. */
    default void toModel(double[] x, int xo, int dim, float[] p, int po) {
        for (int i = 0; i < dim; i++) {
            p[po + i] = (float) x[xo + i];
        }
    }

    /** |x|^2 of the point at {@code x[xo..]}, summed in index order. */
    static double squaredNorm(double[] x, int xo, int dim) {
        double norm2 = 0;
        for (int i = 0; i < dim; i++) {
            norm2 += x[xo + i] * x[xo + i];
        }
        return norm2;
    }

    /**
     * Weights w such that w[j] * |u - x_j|^2 orders the points x_j by this space's distance from
     * any query u, nearest first (the evaluation ranks without computing a single distance); null
     * when the squared Euclidean distance orders them already.
     */
    float[] rankingWeights(double[] squaredNorms);

    /**
     * A constant learning rate that trains well in this space with the softmax loss (measured on
     * the WordNet mammal closure; larger rates diverge in flat space, where squared distances grow
     * without bound).
     */
    double defaultLearningRate();

    /** "poincare", "lorentz" or "euclidean". */
    static Geometry parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "poincare", "poincaré", "hyperbolic" -> new PoincareBall();
            case "lorentz", "hyperboloid" -> new LorentzModel();
            case "euclidean" -> new EuclideanSpace();
            default -> throw new InvalidInputException("unknown geometry '" + name + "' (poincare, lorentz or euclidean)");
        };
    }
}
