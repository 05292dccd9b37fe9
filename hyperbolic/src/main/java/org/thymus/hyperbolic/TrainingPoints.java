package org.thymus.hyperbolic;

import org.thymus.core.InvalidInputException;
import org.thymus.core.table.EmbeddingTable;

/**
 * The points a {@link HierarchyTrainer} moves, in double precision: row r is
 * {@code values[r * dim .. (r + 1) * dim)}. Near the rim of the ball a Riemannian step is scaled by
 * (1 - |x|^2)^2 / 4, about 10^-9 at norm 0.9999, and most steps of a trained leaf come out smaller
 * than a float's resolution at its coordinates: in float32 they round away and training stalls
 * (measured on the WordNet nouns: the same 20 epochs reach a lower loss and a higher MAP in double).
 * The float {@link EmbeddingTable} stays the model's format for evaluation and output.
 */
final class TrainingPoints {
    final double[] values;
    /** Values per row: the geometry's training width for the table's dim. */
    final int width;
    private final Geometry geometry;
    private final int dim;

    /** The training coordinates, in double, of {@code table}'s rows. */
    TrainingPoints(EmbeddingTable table, Geometry geometry) {
        this.geometry = geometry;
        this.dim = table.dim();
        this.width = geometry.trainingWidth(dim);
        long size = (long) table.rows() * width;
        if (size > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(table.rows() + " nodes x " + width + " coordinates are more than one array"
                    + " of doubles holds (2^31): train fewer nodes or dimensions");
        }
        this.values = new double[(int) size];
        for (int r = 0; r < table.rows(); r++) {
            geometry.toTraining(table.shard(r), table.offset(r), dim, values, r * width);
        }
    }

    /** Where row {@code row} starts in {@link #values}. */
    int offset(int row) {
        return row * width;
    }

    /** Writes every row, as the model's float coordinates, into {@code table}. */
    void copyTo(EmbeddingTable table) {
        for (int r = 0; r < table.rows(); r++) {
            geometry.toModel(values, r * width, dim, table.shard(r), table.offset(r));
        }
    }
}
