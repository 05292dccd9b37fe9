package org.thymus.core.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.thymus.core.table.EmbeddingTable;

/**
 * A sparse optimiser over the rows of one {@link EmbeddingTable}: a training step moves only the
 * rows its example touched, each by its own gradient, and the optimiser's state (Adagrad's sum of
 * squares, Adam's moments) is kept per row so that an untouched row costs nothing. This is what
 * embedding training with a few rows per example needs: a dense optimiser would sweep millions of
 * rows per step.
 *
 * <p>Implementations are used by Hogwild workers without locks, as the tables are: two threads may
 * step the same row at once and one update may then be partly lost, which sparse updates make rare
 * and which SGD tolerates (Niu et al. 2011).
 */
public interface RowOptimizer {

    /** Moves {@code row} against the gradient {@code gradient[offset .. offset + dim)}. */
    void step(int row, float[] gradient, int offset);

    /**
     * Changes the step size from the next step on, the state kept (a rate schedule). Call it between
     * epochs, when no worker steps: the rate is a plain field that workers read without a barrier.
     */
    void setLearningRate(float rate);

    /** A short name for reports: "sgd", "adagrad", "adam". */
    String name();

    /**
     * Writes the per-row state (Adagrad's history, Adam's moments and step counts; SGD has none), so
     * that a checkpoint resumes training where it stopped rather than with a fresh optimiser, whose
     * first steps would be full-size again.
     */
    void writeState(DataOutput out) throws IOException;

    /** Replaces the state with what {@link #writeState} of the same optimiser over a table of this shape wrote. */
    void readState(DataInput in) throws IOException;

    /** Plain SGD: every touched row moves by the rate times its gradient. */
    static RowOptimizer sgd(EmbeddingTable table, float learningRate) {
        return new SparseSgd(table, learningRate);
    }

    /** Adagrad (Duchi et al. 2011) with per-coordinate history. */
    static RowOptimizer adagrad(EmbeddingTable table, float learningRate) {
        return new SparseAdagrad(table, learningRate);
    }

    /** Adam with lazy per-row moments and step counts (β1 = 0.9, β2 = 0.999, ε = 1e-8). */
    static RowOptimizer adam(EmbeddingTable table, float learningRate) {
        return new LazyAdam(table, learningRate, 0.9f, 0.999f, 1e-8f);
    }

    /** Checks a learning rate: finite and > 0. */
    static float checkLearningRate(float learningRate) {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        return learningRate;
    }
}
