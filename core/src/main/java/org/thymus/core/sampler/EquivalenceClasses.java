package org.thymus.core.sampler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.ToIntFunction;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.InputFiles;
import org.thymus.core.token.Utf8;

/**
 * Items grouped into classes whose members must not be negatives for each other (homophones,
 * synonyms, inflections of one lemma, duplicates of one product).
 *
 * <p>The file has one class per line: whitespace-separated words (ASCII whitespace, as the corpus
 * tokenizer splits). A line whose first non-blank character is {@code #} is a comment, blank lines
 * are skipped, gzip is read transparently. A word on several lines merges those lines' classes
 * (union-find), so {@code a b} and {@code b c} make one class {a, b, c}. Words the vocabulary does
 * not know are counted ({@link #unknownWords()}) and otherwise ignored. A class is what remains with
 * at least two known items; an item alone on its line (after dropping unknown words) is in no class.
 */
public final class EquivalenceClasses {
    private final int[] classOf;
    private final int classCount;
    private final long unknownWords;

    private EquivalenceClasses(int[] classOf, int classCount, long unknownWords) {
        this.classOf = classOf;
        this.classCount = classCount;
        this.unknownWords = unknownWords;
    }

    /**
     * Reads a class file.
     *
     * @param file  the file (plain or gzip, UTF-8)
     * @param idOf  a word's id in [0, items), or a negative value for a word not in the vocabulary
     * @param items the number of ids
     * @throws InvalidInputException for a missing or unreadable file, or invalid UTF-8 (naming
     *                               the file and the line)
     */
    public static EquivalenceClasses read(Path file, ToIntFunction<String> idOf, int items) throws IOException {
        if (items < 0) {
            throw new IllegalArgumentException("items must be >= 0, got " + items);
        }
        Builder builder = new Builder(items);
        long unknown = 0;
        try (InputStream in = InputFiles.open(file, "equivalence classes file")) {
            byte[] chunk = new byte[1 << 16];
            byte[] line = new byte[256];
            int length = 0;
            long lineNumber = 0;
            int read;
            while ((read = in.read(chunk)) >= 0) {
                for (int i = 0; i < read; i++) {
                    byte b = chunk[i];
                    if (b != '\n') {
                        if (length == line.length) {
                            line = Arrays.copyOf(line, line.length * 2);
                        }
                        line[length++] = b;
                        continue;
                    }
                    lineNumber++;
                    unknown += parseLine(file, lineNumber, line, length, idOf, items, builder);
                    length = 0;
                }
            }
            if (length > 0) {
                unknown += parseLine(file, lineNumber + 1, line, length, idOf, items, builder);
            }
        }
        return builder.build(unknown);
    }

    /**
     * Classes from a label per item: items with the same non-negative label form a class (a label
     * held by one item alone, or a negative label, puts the item in no class).
     *
     * @param labels per item id, its label
     */
    public static EquivalenceClasses ofLabels(int[] labels) {
        Builder builder = new Builder(labels.length);
        java.util.Map<Integer, Integer> first = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                Integer f = first.putIfAbsent(labels[i], i);
                if (f != null) {
                    builder.union(f, i);
                }
            }
        }
        return builder.build(0);
    }

    private static long parseLine(Path file, long lineNumber, byte[] line, int length,
                                  ToIntFunction<String> idOf, int items, Builder builder) {
        int start = 0;
        if (lineNumber == 1 && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF) {
            start = 3; // a UTF-8 byte order mark
        }
        int bad = Utf8.firstInvalid(line, start, length - start);
        if (bad >= 0) {
            throw new InvalidInputException(file + ": line " + lineNumber + ": invalid UTF-8 (byte 0x"
                    + Integer.toHexString(line[bad] & 0xFF) + " at byte " + (bad + 1) + " of the line)");
        }
        long unknown = 0;
        int previous = -1;
        int i = start;
        boolean first = true;
        while (true) {
            while (i < length && isSpace(line[i])) {
                i++;
            }
            if (i == length) {
                return unknown;
            }
            if (first && line[i] == '#') {
                return 0;
            }
            first = false;
            int wordStart = i;
            while (i < length && !isSpace(line[i])) {
                i++;
            }
            String word = new String(line, wordStart, i - wordStart, StandardCharsets.UTF_8);
            int id = idOf.applyAsInt(word);
            if (id < 0) {
                unknown++;
                continue;
            }
            if (id >= items) {
                throw new IllegalArgumentException("idOf(\"" + word + "\") = " + id + ", outside [0, " + items + ")");
            }
            if (previous >= 0) {
                builder.union(previous, id);
            }
            previous = id;
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B;
    }

    /** Union-find by size with path halving. */
    private static final class Builder {
        private final int[] parent;
        private final int[] size;

        Builder(int items) {
            parent = new int[items];
            size = new int[items];
            for (int i = 0; i < items; i++) {
                parent[i] = i;
                size[i] = 1;
            }
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            if (size[ra] < size[rb]) {
                int t = ra;
                ra = rb;
                rb = t;
            }
            parent[rb] = ra;
            size[ra] += size[rb];
        }

        EquivalenceClasses build(long unknown) {
            int n = parent.length;
            int[] classOfRoot = new int[n];
            Arrays.fill(classOfRoot, -1);
            int[] classOf = new int[n];
            int classes = 0;
            for (int i = 0; i < n; i++) {
                int root = find(i);
                if (size[root] < 2) {
                    classOf[i] = -1;
                    continue;
                }
                if (classOfRoot[root] < 0) {
                    classOfRoot[root] = classes++;
                }
                classOf[i] = classOfRoot[root];
            }
            return new EquivalenceClasses(classOf, classes, unknown);
        }
    }

    /** The class of {@code item} (dense, in [0, classCount()), numbered by smallest member), or -1 when in none. */
    public int classOf(int item) {
        return classOf[item];
    }

    /** True if a and b are both in a class, the same one (an item in no class is in no class with itself). */
    public boolean sameClass(int a, int b) {
        int c = classOf[a];
        return c >= 0 && c == classOf[b];
    }

    /** The number of classes (each has at least two known items). */
    public int classCount() {
        return classCount;
    }

    /** Word occurrences in the file that the vocabulary did not know. */
    public long unknownWords() {
        return unknownWords;
    }

    /** The number of item ids covered (the {@code items} given to {@link #read}). */
    public int items() {
        return classOf.length;
    }
}
