package org.thymus.core.vectors;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.table.EmbeddingTable;

/**
 * Words and their vectors: row {@code i} of the table is the vector of {@code words[i]}. Rows keep
 * the order they were given in, which for a word2vec file is most frequent first, so "the first N
 * rows" means "the N most frequent words".
 */
public final class WordVectors {
    private final String[] words;
    private final EmbeddingTable table;
    private final Map<String, Integer> rowOf;

    /**
     * Wraps {@code table} (not copied) with one word per row.
     *
     * @throws IllegalArgumentException if the counts differ or a word appears twice
     */
    public WordVectors(String[] words, EmbeddingTable table) {
        if (words.length != table.rows()) {
            throw new IllegalArgumentException(
                    words.length + " words for a table of " + table.rows() + " rows");
        }
        this.words = words.clone();
        this.table = table;
        this.rowOf = HashMap.newHashMap(words.length);
        for (int row = 0; row < words.length; row++) {
            if (rowOf.putIfAbsent(words[row], row) != null) {
                throw new IllegalArgumentException("word appears twice: " + words[row]);
            }
        }
    }

    public int size() {
        return words.length;
    }

    public int dim() {
        return table.dim();
    }

    /** The table behind these vectors (shared, not a copy). */
    public EmbeddingTable table() {
        return table;
    }

    public String word(int row) {
        return words[row];
    }

    /** The words in row order, unmodifiable. */
    public List<String> words() {
        return Collections.unmodifiableList(Arrays.asList(words));
    }

    public boolean contains(String word) {
        return rowOf.containsKey(word);
    }

    /** The row of {@code word}, or -1 if it has no vector. */
    public int row(String word) {
        Integer row = rowOf.get(word);
        return row == null ? -1 : row;
    }

    /**
     * A copy of the vector of {@code word}.
     *
     * @throws NoSuchElementException if {@code word} has no vector
     */
    public float[] get(String word) {
        int row = row(word);
        if (row < 0) {
            throw new NoSuchElementException("no vector for: " + word);
        }
        float[] vector = new float[dim()];
        table.copyRow(row, vector, 0);
        return vector;
    }

    /**
     * A copy of the first {@code n} rows (all rows if there are fewer): in a word2vec file, the
     * {@code n} most frequent words.
     */
    public WordVectors head(int n) {
        int rows = Math.min(n, size());
        EmbeddingTable first = new EmbeddingTable(rows, dim());
        for (int row = 0; row < rows; row++) {
            System.arraycopy(table.shard(row), table.offset(row), first.shard(row), first.offset(row), dim());
        }
        return new WordVectors(Arrays.copyOf(words, rows), first);
    }

    /**
     * A copy in which every vector has unit length, so that a dot product is a cosine. A zero vector
     * stays zero (its cosine with anything is 0).
     */
    public WordVectors normalized() {
        EmbeddingTable unit = new EmbeddingTable(table.rows(), table.dim());
        Kernels kernels = Kernels.get();
        int stride = table.stride();
        for (int row = 0; row < table.rows(); row++) {
            float[] src = table.shard(row);
            int srcOff = table.offset(row);
            float[] dest = unit.shard(row);
            int destOff = unit.offset(row);
            System.arraycopy(src, srcOff, dest, destOff, stride);
            // Sum the squares in double: a float sum loses digits on long, large vectors.
            double squares = 0;
            for (int c = 0; c < table.dim(); c++) {
                squares += (double) src[srcOff + c] * src[srcOff + c];
            }
            if (squares > 0) {
                kernels.scale((float) (1 / Math.sqrt(squares)), dest, destOff, stride);
            }
        }
        return new WordVectors(words, unit, rowOf);
    }

    private WordVectors(String[] words, EmbeddingTable table, Map<String, Integer> rowOf) {
        this.words = words;
        this.table = table;
        this.rowOf = rowOf;
    }
}
