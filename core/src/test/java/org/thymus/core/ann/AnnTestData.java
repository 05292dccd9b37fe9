package org.thymus.core.ann;

import org.thymus.core.random.FastRandom;
import org.thymus.core.table.EmbeddingTable;

/** Vectors with structure for the ANN tests: clusters of different sizes and spreads. */
final class AnnTestData {
    private AnnTestData() {
    }

    /**
     * {@code rows} vectors around {@code clusters} random centres (Gaussian, unit variance per
     * value), each cluster with its own spread in [0.2, 0.6); cluster sizes are uneven (the
     * cluster of a row is the square of a uniform draw). Not i.i.d. Gaussian, on which no graph
     * index does well.
     */
    static EmbeddingTable clustered(int rows, int dim, int clusters, long seed) {
        FastRandom rng = new FastRandom(seed);
        float[][] centres = new float[clusters][dim];
        float[] spread = new float[clusters];
        for (int c = 0; c < clusters; c++) {
            for (int d = 0; d < dim; d++) {
                centres[c][d] = gaussian(rng);
            }
            spread[c] = 0.2f + 0.4f * rng.nextFloat();
        }
        EmbeddingTable table = new EmbeddingTable(rows, dim);
        for (int r = 0; r < rows; r++) {
            float u = rng.nextFloat();
            int c = Math.min(clusters - 1, (int) (u * u * clusters));
            for (int d = 0; d < dim; d++) {
                table.set(r, d, centres[c][d] + spread[c] * gaussian(rng));
            }
        }
        return table;
    }

    static EmbeddingTable uniform(int rows, int dim, long seed) {
        EmbeddingTable table = new EmbeddingTable(rows, dim);
        table.fillUniform(seed, -1, 1);
        return table;
    }

    static float gaussian(FastRandom rng) {
        double u = Math.max(1e-12, rng.nextFloat());
        double v = rng.nextFloat();
        return (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    }

    /** The fraction of the exact top-k ids found by {@code approx} (padding ignored). */
    static double recall(Neighbors approx, Neighbors exact) {
        long hits = 0;
        long total = 0;
        for (int q = 0; q < exact.queries(); q++) {
            for (int r = 0; r < exact.k(); r++) {
                int id = exact.id(q, r);
                if (id < 0) {
                    continue;
                }
                total++;
                for (int s = 0; s < approx.k(); s++) {
                    if (approx.id(q, s) == id) {
                        hits++;
                        break;
                    }
                }
            }
        }
        return total == 0 ? 1 : (double) hits / total;
    }
}
