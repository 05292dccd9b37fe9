package org.thymus.core.train;

import org.thymus.core.table.EmbeddingTable;

/**
 * Adagrad (Duchi et al. 2011) on the rows of an {@link EmbeddingTable}, one row at a time, so a
 * sparse model updates only the rows a batch touched: x −= lr · g / (√(Σ g²) + ε), coordinate-wise,
 * with the sum of squared gradients kept in a history table of the same shape. Rows a step never
 * touches cost nothing. Called from several Hogwild workers at once without locks, like the tables.
 */
public final class RowAdagrad {
    /** The guard against dividing by a zero history. */
    public static final float EPSILON = 1e-10f;

    private final EmbeddingTable table;
    private final EmbeddingTable history;

    /** Adagrad for {@code table}, with a zero history (optionally started at {@code initialHistory}). */
    public RowAdagrad(EmbeddingTable table, float initialHistory) {
        this.table = table;
        this.history = new EmbeddingTable(table.rows(), table.dim());
        if (initialHistory != 0) {
            history.fillUniform(0, initialHistory, initialHistory);
        }
    }

    public EmbeddingTable table() {
        return table;
    }

    /** Applies gradient {@code g[gOff .. gOff+dim)} to {@code row} with rate {@code lr}. */
    public void step(int row, float[] g, int gOff, float lr) {
        float[] xs = table.shard(row);
        int xo = table.offset(row);
        float[] hs = history.shard(row);
        int ho = history.offset(row);
        for (int i = 0, n = table.dim(); i < n; i++) {
            float gi = g[gOff + i];
            float acc = hs[ho + i] + gi * gi;
            hs[ho + i] = acc;
            xs[xo + i] -= lr * gi / ((float) Math.sqrt(acc) + EPSILON);
        }
    }
}
