package org.thymus.text;

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

class VocabularyBuilderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void countsSortsByFrequencyAndAppliesMinCount() throws IOException {
        Path corpus = write("c.txt", "b a c a\nb a d\ne e e e");
        Vocabulary v = new VocabularyBuilder(2, Integer.MAX_VALUE).build(corpus);
        assertEquals(3, v.size());
        assertEquals("e", v.word(0));
        assertEquals(4, v.count(0));
        assertEquals("a", v.word(1));
        assertEquals(3, v.count(1));
        assertEquals("b", v.word(2));
        assertEquals(-1, v.id("c"), "below min-count");
        assertEquals(11, v.corpusTokens());
        assertEquals(9, v.keptTokens());
    }

    @Test
    void tiesKeepFirstSeenOrderAndMaxVocabCapsTheMostFrequent() throws IOException {
        Path corpus = write("c.txt", "z y x z y x w");
        Vocabulary v = new VocabularyBuilder(1, 2).build(corpus);
        assertEquals(2, v.size());
        assertEquals("z", v.word(0));
        assertEquals("y", v.word(1));
    }

    @Test
    void readsGzipByContentNotByName() throws IOException {
        Path corpus = dir.resolve("corpus.data");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(corpus))) {
            out.write("über über straße\n".getBytes(StandardCharsets.UTF_8));
        }
        Vocabulary v = new VocabularyBuilder(1, Integer.MAX_VALUE).build(corpus);
        assertEquals("über", v.word(0));
        assertEquals(1, v.id("straße"));
    }

    @Test
    void pruningKeepsMemoryBoundedAndKeepsFrequentWords() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append("rare").append(i).append(" common ");
        }
        Vocabulary v = new VocabularyBuilder(1, Integer.MAX_VALUE, 100).build(write("c.txt", text.toString()));
        assertEquals("common", v.word(0));
        assertTrue(v.size() <= 101, "pruned to the threshold, got " + v.size());
    }

    @Test
    void badInputsAreClearErrors() throws IOException {
        VocabularyBuilder builder = new VocabularyBuilder(5, Integer.MAX_VALUE);
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> builder.build(dir.resolve("nope.txt")));
        assertTrue(missing.getMessage().contains("nope.txt"), missing.getMessage());

        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> new VocabularyBuilder(5, Integer.MAX_VALUE).build(write("empty.txt", " \n\n")));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());

        InvalidInputException rare = assertThrows(InvalidInputException.class,
                () -> new VocabularyBuilder(5, Integer.MAX_VALUE).build(write("rare.txt", "a b c a")));
        assertTrue(rare.getMessage().contains("--min-count"), rare.getMessage());

        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'o', 'k', ' ', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        InvalidInputException utf8 = assertThrows(InvalidInputException.class,
                () -> new VocabularyBuilder(1, Integer.MAX_VALUE).build(latin1));
        assertTrue(utf8.getMessage().contains("UTF-8 at byte 6"), utf8.getMessage());

        Path truncated = dir.resolve("t.gz");
        byte[] gz;
        try (var bytes = new java.io.ByteArrayOutputStream(); var out = new GZIPOutputStream(bytes)) {
            out.write("some words here ".repeat(1000).getBytes(StandardCharsets.UTF_8));
            out.finish();
            gz = bytes.toByteArray();
        }
        Files.write(truncated, java.util.Arrays.copyOf(gz, gz.length / 2));
        InvalidInputException bad = assertThrows(InvalidInputException.class,
                () -> new VocabularyBuilder(1, Integer.MAX_VALUE).build(truncated));
        assertTrue(bad.getMessage().contains("gzip") || bad.getMessage().contains("t.gz"), bad.getMessage());

        assertThrows(InvalidInputException.class, () -> new VocabularyBuilder(0, 10));
        assertThrows(InvalidInputException.class, () -> new VocabularyBuilder(1, 0));
    }
}
