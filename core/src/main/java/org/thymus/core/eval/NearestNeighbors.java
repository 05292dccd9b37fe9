package org.thymus.core.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.vectors.WordVectors;

/** Exact cosine nearest neighbours: one SIMD dot product per word of the vocabulary. */
public final class NearestNeighbors {
    /** A word and its cosine similarity to the query. */
    public record Neighbor(String word, float similarity) {
    }

    private final WordVectors unit;

    /** Prepares a search over {@code vectors} (normalising a copy of them once). */
    public NearestNeighbors(WordVectors vectors) {
        this.unit = vectors.normalized();
    }

    /**
     * The {@code k} words most similar to {@code word}, most similar first, without {@code word}
     * itself.
     *
     * @throws NoSuchElementException if {@code word} has no vector
     */
    public List<Neighbor> nearest(String word, int k) {
        return nearest(unit.get(word), k, Set.of(word));
    }

    /**
     * The {@code k} words whose vectors have the highest cosine with {@code query}, most similar
     * first (ties: the earlier row first), leaving out the words in {@code excluded}.
     */
    public List<Neighbor> nearest(float[] query, int k, Set<String> excluded) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (query.length != unit.dim()) {
            throw new IllegalArgumentException("query has " + query.length + " values, vectors have " + unit.dim());
        }
        EmbeddingTable table = unit.table();
        float[] unitQuery = new float[table.stride()];
        System.arraycopy(query, 0, unitQuery, 0, query.length);
        float norm = (float) Math.sqrt(Kernels.get().dot(unitQuery, 0, unitQuery, 0, unitQuery.length));
        if (norm > 0) {
            Kernels.get().scale(1 / norm, unitQuery, 0, unitQuery.length);
        }
        float[] similarities = cosines(unitQuery, table);
        for (String word : excluded) {
            int row = unit.row(word);
            if (row >= 0) {
                similarities[row] = Float.NaN; // TopK passes over NaN
            }
        }
        TopK top = new TopK(Math.min(k, unit.size()));
        for (int row = 0; row < similarities.length; row++) {
            top.offer(row, similarities[row]);
        }
        List<Neighbor> neighbors = new ArrayList<>(k);
        for (int row : top.drainBestFirst()) {
            neighbors.add(new Neighbor(unit.word(row), similarities[row]));
        }
        return neighbors;
    }

    /** The dot product of {@code query} (padded to the table's stride) with every row. */
    static float[] cosines(float[] query, EmbeddingTable table) {
        Kernels kernels = Kernels.get();
        int stride = table.stride();
        float[] dots = new float[table.rows()];
        for (int row = 0; row < dots.length; row++) {
            dots[row] = kernels.dot(query, 0, table.shard(row), table.offset(row), stride);
        }
        return dots;
    }
}
