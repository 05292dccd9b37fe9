package org.thymus.core.vectors;

import org.thymus.core.table.EmbeddingTable;

/** Small hand-written vector sets for tests. */
public final class TestVectors {
    private TestVectors() {
    }

    /** Word {@code words[i]} gets {@code vectors[i]}. */
    public static WordVectors of(String[] words, float[][] vectors) {
        EmbeddingTable table = new EmbeddingTable(words.length, vectors[0].length);
        for (int row = 0; row < words.length; row++) {
            table.setRow(row, vectors[row], 0);
        }
        return new WordVectors(words, table);
    }

    /** Words "w0", "w1", ... with values uniform in [-1, 1). */
    public static WordVectors uniform(int rows, int dim, long seed) {
        EmbeddingTable table = new EmbeddingTable(rows, dim);
        table.fillUniform(seed, -1, 1);
        String[] words = new String[rows];
        for (int row = 0; row < rows; row++) {
            words[row] = "w" + row;
        }
        return new WordVectors(words, table);
    }
}
