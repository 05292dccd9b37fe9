package org.thymus.kg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;

class KnowledgeGraphTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void aModelsVocabularyFixesTheIdsAndLeavesOutWhatItLacks() throws IOException {
        write("train.txt", "a\tlikes\tb\nb\tlikes\tc\n");
        write("valid.txt", "c\tlikes\ta\n");
        write("test.txt", "c\tlikes\tb\nd\tlikes\ta\na\tfears\tb\n");
        KnowledgeGraph g = KnowledgeGraph.read(dir, java.util.List.of("c", "b", "a"), java.util.List.of("x", "likes"));
        assertEquals(3, g.entityCount());
        assertEquals("c", g.entity(0));
        assertArrayEquals(new int[] {2, 1}, g.train().heads());
        assertArrayEquals(new int[] {1, 1}, g.train().relations());
        assertArrayEquals(new int[] {0}, g.test().heads());
        assertEquals(2, g.unknownTest()); // d is not in the vocabulary, nor is fears
        assertThrows(InvalidInputException.class,
                () -> KnowledgeGraph.read(dir, java.util.List.of("a", "a"), java.util.List.of("likes")));
    }

    @Test
    void idsFollowTrainingOrderAndUnknownNamesAreCountedNotScored() throws IOException {
        write("train.txt", "a\tlikes\tb\nb\tlikes\tc\n\nc\thates\ta\n");
        write("valid.txt", "a\thates\tc\nz\tlikes\ta\n");
        write("test.txt", "a\tlikes\tc\nb\tfears\tc\nq\tlikes\tr\nc\tlikes\tb\n");
        KnowledgeGraph g = KnowledgeGraph.read(dir);
        assertEquals(3, g.entityCount());
        assertEquals(2, g.relationCount());
        assertEquals("a", g.entity(0));
        assertEquals("c", g.entity(2));
        assertEquals("hates", g.relation(1));
        assertArrayEquals(new int[] {0, 1, 2}, g.train().heads());
        assertArrayEquals(new int[] {0, 0, 1}, g.train().relations());
        assertArrayEquals(new int[] {1, 2, 0}, g.train().tails());
        assertEquals(1, g.valid().size());
        assertEquals(1, g.unknownValid());
        assertEquals(2, g.test().size()); // "fears" and q/r are unknown to training
        assertEquals(2, g.unknownTest());
        assertArrayEquals(new int[] {0, 2}, g.test().heads());
        assertArrayEquals(new int[] {2, 1}, g.test().tails());
    }

    @Test
    void allEntitiesKeepsTriplesWithUnseenEntitiesButNotUnseenRelations() throws IOException {
        write("train.txt", "a\tlikes\tb\nb\tlikes\tc\n");
        write("valid.txt", "a\tlikes\tz\nb\tlikes\ta\n");
        write("test.txt", "q\tlikes\tr\nb\tfears\tw\nz\tlikes\ta\nc\tlikes\ta\n");
        KnowledgeGraph g = KnowledgeGraph.read(dir, true);
        assertEquals(3, g.trainEntityCount());
        assertEquals(6, g.entityCount()); // z, q, r; never w, whose only triple has an unknown relation
        assertEquals("z", g.entity(3));
        assertEquals("r", g.entity(5));
        assertEquals(2, g.valid().size());
        assertEquals(0, g.unknownValid());
        assertEquals(3, g.test().size());
        assertEquals(1, g.unknownTest());
        assertArrayEquals(new int[] {4, 3, 2}, g.test().heads());
        KnowledgeGraph trainOnly = KnowledgeGraph.read(dir);
        assertEquals(3, trainOnly.entityCount());
        assertEquals(1, trainOnly.unknownValid());
        assertEquals(3, trainOnly.unknownTest());
        assertEquals(1, trainOnly.test().size());
    }

    @Test
    void gzipTrainingSplitIsRead() throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("train.txt.gz")))) {
            out.write("a\tr\tb\n".getBytes(StandardCharsets.UTF_8));
        }
        write("valid.txt", "b\tr\ta\n");
        write("test.txt", "a\tr\ta\n");
        KnowledgeGraph g = KnowledgeGraph.read(dir);
        assertEquals(2, g.entityCount());
        assertEquals(1, g.train().size());
    }

    @Test
    void malformedLineNamesFileAndLine() throws IOException {
        write("train.txt", "a\tr\tb\n");
        write("valid.txt", "a\tr\tb\na r b\n");
        write("test.txt", "a\tr\tb\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KnowledgeGraph.read(dir));
        assertTrue(e.getMessage().contains("valid.txt line 2"), e.getMessage());
        write("valid.txt", "a\tr\tb\n");
        write("test.txt", "a\tr\tb\textra\n");
        e = assertThrows(InvalidInputException.class, () -> KnowledgeGraph.read(dir));
        assertTrue(e.getMessage().contains("test.txt line 1"), e.getMessage());
        write("test.txt", "a\t\tb\n");
        assertThrows(InvalidInputException.class, () -> KnowledgeGraph.read(dir));
    }

    @Test
    void emptyOrAllUnknownSplitIsAnError() throws IOException {
        write("train.txt", "a\tr\tb\n");
        write("valid.txt", "\n");
        write("test.txt", "a\tr\tb\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KnowledgeGraph.read(dir));
        assertTrue(e.getMessage().contains("no triples in") && e.getMessage().contains("valid.txt"), e.getMessage());
        write("valid.txt", "x\tr\ty\n");
        e = assertThrows(InvalidInputException.class, () -> KnowledgeGraph.read(dir));
        assertTrue(e.getMessage().contains("1 unknown"), e.getMessage());
    }

    @Test
    void missingSplitOrDirectoryIsAnError() throws IOException {
        write("train.txt", "a\tr\tb\n");
        write("valid.txt", "a\tr\tb\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KnowledgeGraph.read(dir));
        assertTrue(e.getMessage().contains("test.txt"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> KnowledgeGraph.read(dir.resolve("nope")));
    }
}
