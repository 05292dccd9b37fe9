package org.thymus.hyperbolic;

import java.util.Arrays;
import org.thymus.core.InvalidInputException;
import org.thymus.core.table.EmbeddingTable;

/**
 * Keys that order every node by its distance from a query node, for ranking (evaluation) and for
 * mining the nearest nodes (hard negatives). A query costs one pass per coordinate over a
 * column-major copy of the table — a loop the JIT vectorises — and one weight per node from the
 * geometry; no distance is taken. Read only after construction: share one between threads, each
 * with its own key array.
 */
final class DistanceKeys {
    private final float[][] columns;
    private final float[] weights;
    private final int n;

    DistanceKeys(EmbeddingTable table, Geometry geometry) {
        n = table.rows();
        int dim = table.dim();
        columns = new float[dim][n];
        double[] squaredNorms = new double[n];
        for (int j = 0; j < n; j++) {
            float[] shard = table.shard(j);
            int off = table.offset(j);
            double s = 0;
            for (int c = 0; c < dim; c++) {
                float x = shard[off + c];
                if (!Float.isFinite(x)) {
                    throw new InvalidInputException("row " + j + " has a non-finite coordinate (" + x
                            + "): the vectors are broken, nothing to rank");
                }
                columns[c][j] = x;
                s += (double) x * x;
            }
            squaredNorms[j] = s;
        }
        weights = geometry.rankingWeights(squaredNorms);
    }

    int size() {
        return n;
    }

    /**
     * Writes to {@code keys[0..n)} a key per node, increasing with its distance from node {@code u}.
     * Squared differences, not |q|^2 + |x|^2 - 2 q.x: near the rim of the ball neighbours are close
     * and the expanded form would cancel to noise.
     */
    void compute(int u, float[] keys) {
        Arrays.fill(keys, 0, n, 0f);
        for (float[] column : columns) {
            float q = column[u];
            for (int j = 0; j < n; j++) {
                float d = q - column[j];
                keys[j] += d * d;
            }
        }
        if (weights != null) {
            for (int j = 0; j < n; j++) {
                keys[j] *= weights[j];
            }
        }
    }
}
