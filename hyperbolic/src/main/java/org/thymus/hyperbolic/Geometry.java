package org.thymus.hyperbolic;

import java.util.Locale;
import org.thymus.core.InvalidInputException;

/**
 * The space a hierarchy is embedded in: its distance, the gradient of that distance, the
 * optimiser step that keeps points in the space, and a ranking key for evaluation. Points are rows
 * of a flat {@code float[]} ({@code dim} floats from an offset); arithmetic is in double.
 */
public interface Geometry {

    /** The name used on the command line and in metrics ("poincare", "euclidean"). */
    String name();

    /** The distance between the points at {@code a[ao..]} and {@code b[bo..]}. */
    double distance(float[] a, int ao, float[] b, int bo, int dim);

    /**
     * The distance d(u, v), with its Euclidean gradients written to {@code gu} (= dd/du) and
     * {@code gv} (= dd/dv), both of length at least {@code dim}.
     */
    double distanceAndGradients(float[] u, int uo, float[] v, int vo, int dim, double[] gu, double[] gv);

    /**
     * exp(-d(u, v)), the unnormalised softmax weight of v against u, with the gradients of d as
     * {@link #distanceAndGradients}. This default exponentiates the distance; a space with a closed
     * form overrides it (the trainer calls it once per target, so a logarithm and an exponential
     * saved here are most of a step). It underflows to 0 beyond a distance of about 745.
     */
    default double closenessAndGradients(float[] u, int uo, float[] v, int vo, int dim, double[] gu, double[] gv) {
        return Math.exp(-distanceAndGradients(u, uo, v, vo, dim, gu, gv));
    }

    /**
     * One optimiser step for the point at {@code x[xo..]}: move against the Euclidean gradient
     * {@code g} with learning rate {@code rate}, in this space's metric, and stay in the space.
     */
    void step(float[] x, int xo, int dim, double[] g, double rate);

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

    /** "poincare" or "euclidean". */
    static Geometry parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "poincare", "poincaré", "hyperbolic" -> new PoincareBall();
            case "euclidean" -> new EuclideanSpace();
            default -> throw new InvalidInputException("unknown geometry '" + name + "' (poincare or euclidean)");
        };
    }
}
