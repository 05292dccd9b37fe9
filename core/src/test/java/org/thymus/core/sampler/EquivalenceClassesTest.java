package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;

class EquivalenceClassesTest {
    private static final List<String> WORDS = List.of(
            "cat", "kitty", "feline", "dog", "hound", "canine", "their", "there", "they're", "sea", "see", "café", "naïve");
    private static final Map<String, Integer> IDS = index(WORDS);

    @TempDir
    Path dir;

    private static Map<String, Integer> index(List<String> words) {
        java.util.HashMap<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            m.put(words.get(i), i);
        }
        return m;
    }

    private static final ToIntFunction<String> ID_OF = w -> IDS.getOrDefault(w, -1);

    private static int id(String w) {
        return IDS.get(w);
    }

    private EquivalenceClasses read(String text) throws IOException {
        Path file = dir.resolve("classes.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return EquivalenceClasses.read(file, ID_OF, WORDS.size());
    }

    @Test
    void linesSharingAWordAreMerged() throws IOException {
        EquivalenceClasses c = read("""
                # animals
                cat kitty
                   # an indented comment
                feline cat

                dog\thound
                canine hound
                their there they're
                sea see
                """);
        assertEquals(4, c.classCount());
        assertTrue(c.sameClass(id("kitty"), id("feline")), "merged through cat");
        assertTrue(c.sameClass(id("dog"), id("canine")), "merged through hound");
        assertFalse(c.sameClass(id("cat"), id("dog")));
        assertTrue(c.sameClass(id("they're"), id("their")));
        assertFalse(c.sameClass(id("café"), id("café")), "in no class");
        assertEquals(-1, c.classOf(id("café")));
        assertEquals(0, c.unknownWords());
        // Dense class ids, numbered by smallest member.
        assertEquals(0, c.classOf(id("cat")));
        assertEquals(1, c.classOf(id("dog")));
        assertEquals(2, c.classOf(id("their")));
        assertEquals(3, c.classOf(id("sea")));
        assertEquals(WORDS.size(), c.items());
    }

    @Test
    void unknownWordsAreCountedAndSingletonsMakeNoClass() throws IOException {
        EquivalenceClasses c = read("cat moggy puss\nzebra quagga\nnaïve naive\ncafé café\nsea unknown see\n");
        assertEquals(6, c.unknownWords()); // moggy, puss, zebra, quagga, naive, unknown
        assertEquals(1, c.classCount(), "only sea-see has two known words");
        assertEquals(-1, c.classOf(id("cat")));
        assertEquals(-1, c.classOf(id("café")), "a word repeated on its line is still alone");
        assertEquals(-1, c.classOf(id("naïve")));
        assertTrue(c.sameClass(id("sea"), id("see")));
    }

    @Test
    void byteOrderMarkCrLfAndNoFinalNewline() throws IOException {
        Path file = dir.resolve("bom.txt");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "cat kitty\r\ncafé naïve".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(text, 0, all, 3, text.length);
        Files.write(file, all);
        EquivalenceClasses c = EquivalenceClasses.read(file, ID_OF, WORDS.size());
        assertEquals(2, c.classCount());
        assertTrue(c.sameClass(id("cat"), id("kitty")));
        assertTrue(c.sameClass(id("café"), id("naïve")));
        assertEquals(0, c.unknownWords());
    }

    @Test
    void gzipIsReadTransparently() throws IOException {
        Path file = dir.resolve("classes.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("sea see\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(1, EquivalenceClasses.read(file, ID_OF, WORDS.size()).classCount());
    }

    @Test
    void invalidUtf8NamesTheFileAndLine() throws IOException {
        Path file = dir.resolve("latin1.txt");
        byte[] text = "cat kitty\n# fine\ncaf\u00e9 na\u00efve\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, text);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EquivalenceClasses.read(file, ID_OF, WORDS.size()));
        assertTrue(e.getMessage().startsWith(file + ": line 3: invalid UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("0xe9"), e.getMessage());
    }

    @Test
    void missingFileIsAnInputError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EquivalenceClasses.read(dir.resolve("nope.txt"), ID_OF, WORDS.size()));
        assertTrue(e.getMessage().contains("nope.txt"), e.getMessage());
    }

    @Test
    void idsOutsideTheRangeAreABug() {
        assertThrows(IllegalArgumentException.class, () -> {
            Path file = dir.resolve("c.txt");
            Files.writeString(file, "a b\n");
            EquivalenceClasses.read(file, w -> 5, 3);
        });
    }

    @Test
    void emptyFileHasNoClasses() throws IOException {
        EquivalenceClasses c = read("# nothing here\n\n");
        assertEquals(0, c.classCount());
        for (int i = 0; i < WORDS.size(); i++) {
            assertEquals(-1, c.classOf(i));
        }
    }

    @Test
    void largeMergeChains() throws IOException {
        // 10,000 items linked pairwise along a chain in shuffled line order: one class.
        int n = 10_000;
        StringBuilder sb = new StringBuilder();
        for (int i = n - 1; i > 0; i -= 2) {
            sb.append(i - 1).append(' ').append(i).append('\n');
        }
        for (int i = 1; i + 1 < n; i += 2) {
            sb.append(i).append(' ').append(i + 1).append('\n');
        }
        Path file = dir.resolve("chain.txt");
        Files.writeString(file, sb.toString());
        EquivalenceClasses c = EquivalenceClasses.read(file, Integer::parseInt, n + 5);
        assertEquals(1, c.classCount());
        assertTrue(c.sameClass(0, n - 1));
        assertEquals(-1, c.classOf(n));
    }

    @Test
    void labelsMakeClassesOfTheItemsSharingOne() {
        // items 0..6: labels 5, 9, 5, -1, 7, 9, 5 -> {0, 2, 6}, {1, 5}; 3 (no label) and 4 (alone) in none
        EquivalenceClasses c = EquivalenceClasses.ofLabels(new int[] {5, 9, 5, -1, 7, 9, 5});
        assertEquals(7, c.items());
        assertEquals(2, c.classCount());
        assertTrue(c.sameClass(0, 2));
        assertTrue(c.sameClass(2, 6));
        assertTrue(c.sameClass(1, 5));
        assertFalse(c.sameClass(0, 1));
        assertEquals(-1, c.classOf(3));
        assertEquals(-1, c.classOf(4));
        assertFalse(c.sameClass(4, 4), "an item alone is in no class, not even with itself");
        assertEquals(0, c.unknownWords());
    }
}
