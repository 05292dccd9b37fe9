package org.thymus.core.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.table.EmbeddingTable;

/**
 * Adagrad (Duchi et al. 2011) on touched rows only: per coordinate, G += g², x −= lr · g / (√G + ε).
 * A row's history is a row of a second table of the same shape, so it costs memory like the
 * table itself and nothing per step for rows an example does not touch.
 */
public final class SparseAdagrad implements RowOptimizer {
    /** Guards the first step of a coordinate whose gradient is zero. */
    private static final float EPSILON = 1e-10f;

    private final EmbeddingTable table;
    private final EmbeddingTable history;
    private float learningRate;
    private final Kernels kernels = Kernels.get();

    public SparseAdagrad(EmbeddingTable table, float learningRate) {
        this.table = table;
        this.history = new EmbeddingTable(table.rows(), table.dim());
        this.learningRate = RowOptimizer.checkLearningRate(learningRate);
    }

    @Override
    public void step(int row, float[] gradient, int offset) {
        kernels.adagradStep(learningRate, EPSILON, gradient, offset, table.shard(row), table.offset(row),
                history.shard(row), history.offset(row), table.dim());
    }

    @Override
    public void setLearningRate(float rate) {
        learningRate = RowOptimizer.checkLearningRate(rate);
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        history.writeValues(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        history.readValues(in);
    }
}
