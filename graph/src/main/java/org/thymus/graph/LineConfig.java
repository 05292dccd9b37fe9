package org.thymus.graph;

import java.util.Objects;

/**
 * Hyperparameters of a {@link Line} run, with the paper's defaults where it gives them. Invalid values
 * are rejected with an {@link IllegalArgumentException} that names the field and the value.
 *
 * @param order     first-order proximity, second-order, or both concatenated
 * @param dim       vector size; with {@link Order#BOTH} the first order gets {@code dim / 2} and the
 *                  second order the rest
 * @param negatives negatives drawn per edge sample (per order with {@link Order#BOTH})
 * @param samples   edge samples over the whole run (the paper's "total number of samples")
 * @param startRate learning rate at the first sample; it decays linearly to {@code startRate × 1e-4}
 * @param threads   worker threads
 * @param seed      seed of the initial vectors and of every worker's draws
 */
public record LineConfig(Order order, int dim, int negatives, long samples, float startRate, int threads,
                         long seed) {
    /** The paper's vector size (128 in all its tables). */
    public static final int DEFAULT_DIM = 128;
    /** The paper's K. */
    public static final int DEFAULT_NEGATIVES = 5;
    /** Samples per edge by default: an epochs-like count, so that the default scales with the graph. */
    public static final int DEFAULT_SAMPLES_PER_EDGE = 100;
    /** The paper's (and word2vec's) starting rate ρ₀. */
    public static final float DEFAULT_START_RATE = 0.025f;

    /** Which proximity the vectors preserve (section 4.1 of Tang et al. 2015). */
    public enum Order {
        /** Nodes joined by an edge are close: one vector per node, u·v for the edge (u, v). */
        FIRST,
        /** Nodes with the same neighbours are close: a vertex and a context vector per node, u·ctx(v). */
        SECOND,
        /** Both, trained side by side, each half L2-normalised and concatenated, as the paper's LINE(1st+2nd). */
        BOTH
    }

    public LineConfig {
        Objects.requireNonNull(order, "order");
        require(dim > 0, "dim must be > 0, got " + dim);
        require(order != Order.BOTH || dim >= 2, "dim must be >= 2 with order BOTH (one half per order), got " + dim);
        require(negatives >= 0, "negatives must be >= 0, got " + negatives);
        require(samples > 0, "samples must be > 0, got " + samples);
        require(startRate > 0 && Float.isFinite(startRate), "startRate must be finite and > 0, got " + startRate);
        require(threads > 0, "threads must be > 0, got " + threads);
    }

    /**
     * The defaults for {@code graph}: both orders, dim 128, 5 negatives, 100 samples per edge, rate 0.025,
     * one thread per processor, seed 1.
     */
    public static LineConfig defaults(Graph graph) {
        return new LineConfig(Order.BOTH, DEFAULT_DIM, DEFAULT_NEGATIVES,
                Math.max(1, DEFAULT_SAMPLES_PER_EDGE * graph.edgeCount()), DEFAULT_START_RATE,
                Runtime.getRuntime().availableProcessors(), 1);
    }

    /** The size of the first-order vectors: all of dim, half of it with BOTH, none with SECOND. */
    int firstOrderDim() {
        return switch (order) {
            case FIRST -> dim;
            case SECOND -> 0;
            case BOTH -> dim / 2;
        };
    }

    /** The size of the second-order vectors: what the first order leaves. */
    int secondOrderDim() {
        return order == Order.FIRST ? 0 : dim - firstOrderDim();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
