package org.thymus.core.optim;

import java.io.DataInput;
import java.io.DataOutput;
import org.thymus.core.table.EmbeddingTable;

/** Plain SGD on touched rows only: x −= lr · g. No state, so nothing per row but the row itself. */
public final class SparseSgd implements RowOptimizer {
    private final EmbeddingTable table;
    private float learningRate;

    public SparseSgd(EmbeddingTable table, float learningRate) {
        this.table = table;
        this.learningRate = RowOptimizer.checkLearningRate(learningRate);
    }

    @Override
    public void step(int row, float[] gradient, int offset) {
        float[] xs = table.shard(row);
        int xo = table.offset(row);
        for (int i = 0; i < table.dim(); i++) {
            xs[xo + i] -= learningRate * gradient[offset + i];
        }
    }

    @Override
    public void setLearningRate(float rate) {
        learningRate = RowOptimizer.checkLearningRate(rate);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public void writeState(DataOutput out) {
    }

    @Override
    public void readState(DataInput in) {
    }
}
