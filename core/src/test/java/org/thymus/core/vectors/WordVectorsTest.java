package org.thymus.core.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.thymus.core.vectors.TestVectors.of;

import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.thymus.core.table.EmbeddingTable;

class WordVectorsTest {

    @Test
    void looksUpWordsByRow() {
        WordVectors vectors = of(new String[] {"the", "cat"}, new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(2, vectors.size());
        assertEquals(3, vectors.dim());
        assertEquals(1, vectors.row("cat"));
        assertEquals(-1, vectors.row("dog"));
        assertTrue(vectors.contains("the"));
        assertFalse(vectors.contains("dog"));
        assertEquals("cat", vectors.word(1));
        assertEquals(List.of("the", "cat"), vectors.words());
        assertArrayEquals(new float[] {4, 5, 6}, vectors.get("cat"));
        assertThrows(NoSuchElementException.class, () -> vectors.get("dog"));
    }

    @Test
    void rejectsRepeatedWordsAndCountMismatch() {
        assertThrows(IllegalArgumentException.class,
                () -> of(new String[] {"a", "a"}, new float[][] {{1}, {2}}));
        assertThrows(IllegalArgumentException.class,
                () -> new WordVectors(new String[] {"a"}, new EmbeddingTable(2, 3)));
    }

    @Test
    void normalizedRowsHaveUnitLengthAndZeroStaysZero() {
        WordVectors vectors = of(new String[] {"a", "b", "zero"},
                new float[][] {{3, 4, 0}, {0, 0, -2}, {0, 0, 0}});
        WordVectors unit = vectors.normalized();
        assertArrayEquals(new float[] {0.6f, 0.8f, 0}, unit.get("a"), 1e-7f);
        assertArrayEquals(new float[] {0, 0, -1}, unit.get("b"), 1e-7f);
        assertArrayEquals(new float[] {0, 0, 0}, unit.get("zero"));
        assertEquals(2, unit.row("zero"));
        assertArrayEquals(new float[] {3, 4, 0}, vectors.get("a"), "the original is untouched");
    }

    @Test
    void headKeepsTheFirstRows() {
        WordVectors vectors = of(new String[] {"a", "b", "c"}, new float[][] {{1}, {2}, {3}});
        WordVectors head = vectors.head(2);
        assertEquals(List.of("a", "b"), head.words());
        assertArrayEquals(new float[] {2}, head.get("b"));
        assertFalse(head.contains("c"));
        assertEquals(3, vectors.head(10).size());
    }
}
