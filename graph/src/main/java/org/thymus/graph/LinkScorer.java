package org.thymus.graph;

import org.thymus.core.kernel.Kernels;
import org.thymus.core.table.EmbeddingTable;

/**
 * The score of a candidate link (u, v), higher meaning more likely: an embedding's dot product or
 * cosine, or a neighbourhood heuristic. {@link LinkRanking} calls it from several threads at once, so
 * an implementation must be thread-safe (read-only).
 */
@FunctionalInterface
public interface LinkScorer {

    double score(int u, int v);

    /** The dot product of the rows of u and v. */
    static LinkScorer dot(EmbeddingTable table) {
        Kernels kernels = Kernels.get();
        int width = table.stride(); // whole padded rows: the padding is zero
        return (u, v) -> kernels.dot(table.shard(u), table.offset(u), table.shard(v), table.offset(v), width);
    }

    /**
     * The cosine of the rows of u and v, 0 when either row is zero. The norms are taken now: make the
     * scorer after training.
     */
    static LinkScorer cosine(EmbeddingTable table) {
        Kernels kernels = Kernels.get();
        int width = table.stride();
        double[] inverseNorm = new double[table.rows()];
        for (int r = 0; r < inverseNorm.length; r++) {
            float[] shard = table.shard(r);
            double norm = Math.sqrt(kernels.dot(shard, table.offset(r), shard, table.offset(r), width));
            inverseNorm[r] = norm > 0 ? 1 / norm : 0;
        }
        return (u, v) -> kernels.dot(table.shard(u), table.offset(u), table.shard(v), table.offset(v), width)
                * inverseNorm[u] * inverseNorm[v];
    }

    /** A neighbourhood heuristic on the heuristics' graph (the training graph of a split). */
    static LinkScorer of(LinkHeuristics heuristics, LinkHeuristics.Heuristic heuristic) {
        return (u, v) -> heuristics.score(heuristic, u, v);
    }
}
