package org.thymus.retrieval;

import java.util.Arrays;
import org.thymus.core.optim.RowOptimizer;

/**
 * The gradients of one batch for the rows of one table, summed per row: a feature that occurs in
 * many bags of the batch (a popular genre) takes one step with the sum rather than many steps.
 * One instance per worker thread; {@link #apply} steps the touched rows and clears it.
 */
public final class SparseGradients {
    private final int dim;
    /** slotOf[row] = offset of the row's gradient in values, valid when stamp[row] == generation. */
    private final int[] slotOf;
    private final int[] stamp;
    private int generation = 1;
    private int[] touched = new int[64];
    private int count;
    private float[] values;

    public SparseGradients(int rows, int dim) {
        this.dim = dim;
        this.slotOf = new int[rows];
        this.stamp = new int[rows];
        this.values = new float[64 * dim];
    }

    /** The offset in {@link #values()} of {@code row}'s gradient, zeroed on first use in a batch. */
    public int slot(int row) {
        if (stamp[row] == generation) {
            return slotOf[row];
        }
        if (count == touched.length) {
            touched = Arrays.copyOf(touched, count * 2);
            values = Arrays.copyOf(values, touched.length * dim);
        }
        stamp[row] = generation;
        int off = count * dim;
        slotOf[row] = off;
        touched[count++] = row;
        Arrays.fill(values, off, off + dim, 0f);
        return off;
    }

    /** The gradient buffer (re-read after every {@link #slot} call: it may grow). */
    public float[] values() {
        return values;
    }

    /** Rows touched since the last {@link #apply}. */
    public int touchedRows() {
        return count;
    }

    /** Receives one touched row's gradient. */
    @FunctionalInterface
    public interface RowGradient {
        void accept(int row, float[] values, int off);
    }

    /** Hands every touched row's gradient to {@code sink} (for checks and reports; does not clear). */
    public void forEach(RowGradient sink) {
        for (int i = 0; i < count; i++) {
            sink.accept(touched[i], values, i * dim);
        }
    }

    /** Takes one optimiser step on every touched row with its summed gradient, then forgets them. */
    public void apply(RowOptimizer optimizer) {
        for (int i = 0; i < count; i++) {
            optimizer.step(touched[i], values, i * dim);
        }
        count = 0;
        if (++generation == 0) {
            Arrays.fill(stamp, 0);
            generation = 1;
        }
    }
}
