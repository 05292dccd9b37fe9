package org.thymus.core.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.thymus.core.table.EmbeddingTable;

/**
 * Adam (Kingma and Ba 2015) made sparse the way "LazyAdam" is: only the rows an example touched
 * update their moments and values, and each row counts its own steps, so its bias correction
 * reflects how often that row was trained rather than how many steps the whole model took. A row
 * first touched late in training therefore takes a full-size first step (lr · g / |g| per
 * coordinate) instead of a step scaled by a global count's stale correction, and rows that are
 * rarely touched are not dragged by decayed moments they never had.
 *
 * <p>Per coordinate, with t the row's step count: m = β1·m + (1 − β1)·g, v = β2·v + (1 − β2)·g²,
 * x −= lr · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε).
 */
public final class LazyAdam implements RowOptimizer {
    private final EmbeddingTable table;
    private final EmbeddingTable firstMoments;
    private final EmbeddingTable secondMoments;
    private final int[] steps;
    private float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    public LazyAdam(EmbeddingTable table, float learningRate, float beta1, float beta2, float epsilon) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
        }
        this.table = table;
        this.firstMoments = new EmbeddingTable(table.rows(), table.dim());
        this.secondMoments = new EmbeddingTable(table.rows(), table.dim());
        this.steps = new int[table.rows()];
        this.learningRate = RowOptimizer.checkLearningRate(learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** How many steps {@code row} has taken. */
    public int steps(int row) {
        return steps[row];
    }

    @Override
    public void step(int row, float[] gradient, int offset) {
        int t = ++steps[row];
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        // lr · m̂ / (√v̂ + ε) = (lr / c1) · m / (√v / √c2 + ε)
        float stepSize = (float) (learningRate / correction1);
        float invSqrtC2 = (float) (1 / Math.sqrt(correction2));
        float[] xs = table.shard(row);
        int xo = table.offset(row);
        float[] ms = firstMoments.shard(row);
        float[] vs = secondMoments.shard(row);
        int mo = firstMoments.offset(row);
        for (int i = 0; i < table.dim(); i++) {
            float g = gradient[offset + i];
            float m = beta1 * ms[mo + i] + (1 - beta1) * g;
            float v = beta2 * vs[mo + i] + (1 - beta2) * g * g;
            ms[mo + i] = m;
            vs[mo + i] = v;
            xs[xo + i] -= stepSize * m / ((float) Math.sqrt(v) * invSqrtC2 + epsilon);
        }
    }

    @Override
    public void setLearningRate(float rate) {
        learningRate = RowOptimizer.checkLearningRate(rate);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        firstMoments.writeValues(out);
        secondMoments.writeValues(out);
        for (int step : steps) {
            out.writeInt(step);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        firstMoments.readValues(in);
        secondMoments.readValues(in);
        for (int row = 0; row < steps.length; row++) {
            steps[row] = in.readInt();
        }
    }
}
