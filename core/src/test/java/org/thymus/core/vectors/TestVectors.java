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
}
