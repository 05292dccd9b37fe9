package org.thymus.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.Word2VecFormat.Encoding;
import org.thymus.core.io.Word2VecFormat.Loaded;
import org.thymus.core.vectors.TestVectors;
import org.thymus.core.vectors.WordVectors;

class Word2VecFormatTest {
    @TempDir
    Path dir;

    private static WordVectors randomVectors(int rows, int dim, long seed) {
        Random random = new Random(seed);
        String[] words = new String[rows];
        float[][] values = new float[rows][dim];
        for (int r = 0; r < rows; r++) {
            words[r] = r == 1 ? "café" : r == 2 ? "日本語" : "w" + r;
            for (int c = 0; c < dim; c++) {
                values[r][c] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(13) - 8));
            }
        }
        values[0][0] = -0.0f;
        values[0][1] = Float.MIN_VALUE;
        values[0][2] = Float.MAX_VALUE;
        return TestVectors.of(words, values);
    }

    private static void assertSameVectors(WordVectors expected, WordVectors actual) {
        assertEquals(expected.words(), actual.words());
        assertEquals(expected.dim(), actual.dim());
        for (String word : expected.words()) {
            float[] want = expected.get(word);
            float[] got = actual.get(word);
            for (int c = 0; c < want.length; c++) {
                assertEquals(Float.floatToRawIntBits(want[c]), Float.floatToRawIntBits(got[c]),
                        () -> word + ": " + Arrays.toString(want) + " vs " + Arrays.toString(got));
            }
        }
    }

    private Path file(String name, byte[] content) throws IOException {
        Path path = dir.resolve(name);
        Files.write(path, content);
        return path;
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Reading fails with a one-line message that names the file and contains {@code fragment}. */
    private static void assertInvalid(Path path, String fragment) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Word2VecFormat.read(path));
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static byte[] binaryRow(String word, float[] values, boolean newline) {
        byte[] wordBytes = (word + " ").getBytes(StandardCharsets.UTF_8);
        ByteBuffer row = ByteBuffer.allocate(wordBytes.length + 4 * values.length + (newline ? 1 : 0))
                .order(ByteOrder.LITTLE_ENDIAN);
        row.put(wordBytes);
        for (float v : values) {
            row.putFloat(v);
        }
        if (newline) {
            row.put((byte) '\n');
        }
        return row.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void textRoundTripIsBitExact() throws IOException {
        WordVectors vectors = randomVectors(50, 37, 1);
        Path path = dir.resolve("v.txt");
        Word2VecFormat.write(vectors, path, Encoding.TEXT);
        Loaded loaded = Word2VecFormat.load(path, Integer.MAX_VALUE);
        assertEquals(Encoding.TEXT, loaded.encoding());
        assertEquals(0, loaded.duplicatesSkipped());
        assertSameVectors(vectors, loaded.vectors());
    }

    @Test
    void binaryRoundTripIsBitExact() throws IOException {
        WordVectors vectors = randomVectors(50, 37, 2);
        Path path = dir.resolve("v.bin");
        Word2VecFormat.write(vectors, path, Encoding.BINARY);
        Loaded loaded = Word2VecFormat.load(path, Integer.MAX_VALUE);
        assertEquals(Encoding.BINARY, loaded.encoding());
        assertSameVectors(vectors, loaded.vectors());
    }

    @Test
    void binaryBytesAreWhatWord2vecCWrites() throws IOException {
        WordVectors vectors = TestVectors.of(new String[] {"</s>", "é"}, new float[][] {{1, -2}, {0.5f, 0}});
        Path path = dir.resolve("v.bin");
        Word2VecFormat.write(vectors, path, Encoding.BINARY);
        byte[] expected = concat("2 2\n".getBytes(StandardCharsets.US_ASCII),
                binaryRow("</s>", new float[] {1, -2}, true), binaryRow("é", new float[] {0.5f, 0}, true));
        assertArrayEquals(expected, Files.readAllBytes(path));
    }

    @Test
    void textBytesAreHeaderThenOneLineAWord() throws IOException {
        WordVectors vectors = TestVectors.of(new String[] {"a", "b"}, new float[][] {{1, -0.25f}, {1e-5f, 0}});
        Path path = dir.resolve("v.txt");
        Word2VecFormat.write(vectors, path, Encoding.TEXT);
        assertEquals("2 2\na 1.0 -0.25\nb 1.0E-5 0.0\n", Files.readString(path));
    }

    @Test
    void readsGensimBinaryWithoutRowNewlines() throws IOException {
        Path path = file("gensim.bin", concat("2 3\n".getBytes(StandardCharsets.US_ASCII),
                binaryRow("king", new float[] {1, 2, 3}, false), binaryRow("queen", new float[] {-1, 0.5f, 7}, false)));
        WordVectors vectors = Word2VecFormat.read(path);
        assertEquals(List.of("king", "queen"), vectors.words());
        assertArrayEquals(new float[] {-1, 0.5f, 7}, vectors.get("queen"));
    }

    @Test
    void readsWord2vecCTextWithTrailingSpaces() throws IOException {
        Path path = file("w2v.txt", "2 3\n</s> 0.001525 -0.000321 0.004000 \nthe -0.100000 0.200000 1.500000 \n");
        WordVectors vectors = Word2VecFormat.read(path);
        assertArrayEquals(new float[] {0.001525f, -0.000321f, 0.004f}, vectors.get("</s>"));
        assertArrayEquals(new float[] {-0.1f, 0.2f, 1.5f}, vectors.get("the"));
    }

    @Test
    void readsFastTextVecWithCrlfExponentsAndBlankLastLine() throws IOException {
        Path path = file("ft.vec", "2 3 \r\n, 1e-3 -2.5E+2 .5 \r\nde\t0 -0 3.4028235E38\r\n\r\n");
        WordVectors vectors = Word2VecFormat.read(path);
        assertArrayEquals(new float[] {1e-3f, -250f, 0.5f}, vectors.get(","));
        assertArrayEquals(new float[] {0, -0f, Float.MAX_VALUE}, vectors.get("de"));
    }

    @Test
    void readsGzippedFiles() throws IOException {
        WordVectors vectors = randomVectors(30, 5, 6);
        for (Encoding encoding : Encoding.values()) {
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            Word2VecFormat.write(vectors, plain, encoding);
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(plain.toByteArray());
            }
            Loaded loaded = Word2VecFormat.load(file("v.gz", zipped.toByteArray()), Integer.MAX_VALUE);
            assertEquals(encoding, loaded.encoding());
            assertSameVectors(vectors, loaded.vectors());
        }
    }

    @Test
    void missingFileIsInvalidInput() {
        Path missing = dir.resolve("missing.bin");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Word2VecFormat.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void limitReadsOnlyTheFirstRows() throws IOException {
        WordVectors vectors = randomVectors(20, 8, 3);
        for (Encoding encoding : Encoding.values()) {
            Path path = dir.resolve("v." + encoding);
            Word2VecFormat.write(vectors, path, encoding);
            WordVectors head = Word2VecFormat.load(path, 5).vectors();
            assertEquals(vectors.words().subList(0, 5), head.words());
            assertArrayEquals(vectors.get("w4"), head.get("w4"));
            assertEquals(0, Word2VecFormat.load(path, 0).vectors().size());
        }
    }

    @Test
    void limitDoesNotReadPastTheRowsItKeeps() throws IOException {
        Path path = file("v.txt", "3 2\na 1 2\nb 3 4\nc not numbers at all\n");
        assertEquals(2, Word2VecFormat.load(path, 2).vectors().size());
    }

    @Test
    void repeatedWordKeepsTheFirstRowAndIsCounted() throws IOException {
        Path text = file("dup.txt", "4 2\na 1 2\nb 3 4\na 5 6\nc 7 8\n");
        Loaded loaded = Word2VecFormat.load(text, Integer.MAX_VALUE);
        assertEquals(1, loaded.duplicatesSkipped());
        assertEquals(List.of("a", "b", "c"), loaded.vectors().words());
        assertArrayEquals(new float[] {1, 2}, loaded.vectors().get("a"));
        assertArrayEquals(new float[] {7, 8}, loaded.vectors().get("c"));

        Path binary = file("dup.bin", concat("3 2\n".getBytes(StandardCharsets.US_ASCII),
                binaryRow("x", new float[] {1, 2}, true), binaryRow("y", new float[] {3, 4}, true),
                binaryRow("y", new float[] {5, 6}, true)));
        Loaded fromBinary = Word2VecFormat.load(binary, Integer.MAX_VALUE);
        assertEquals(1, fromBinary.duplicatesSkipped());
        assertEquals(2, fromBinary.vectors().size());
        assertArrayEquals(new float[] {3, 4}, fromBinary.vectors().get("y"));
    }

    @Test
    void emptyFileWithZeroHeaderIsEmpty() throws IOException {
        WordVectors vectors = Word2VecFormat.read(file("empty.txt", "0 5\n"));
        assertEquals(0, vectors.size());
        assertEquals(5, vectors.dim());
    }

    @Test
    void badHeadersAreRejected() throws IOException {
        assertInvalid(file("none.txt", ""), "first line");
        assertInvalid(file("words.txt", "a 1 2\nb 3 4\n"), "COUNT DIM");
        assertInvalid(file("one.txt", "3\n"), "COUNT DIM");
        assertInvalid(file("zero-dim.txt", "3 0\n"), "DIM > 0");
        assertInvalid(file("negative.txt", "-1 3\n"), "COUNT >= 0");
    }

    @Test
    void headerCountMustMatchTheRows() throws IOException {
        assertInvalid(file("fewer.txt", "3 2\na 1.5 2.5\nb 3.5 4.5\n"), "ends after 2");
        assertInvalid(file("more.txt", "1 2\na 1 2\nb 3 4\n"), "more than the 1 vectors");
        byte[] header = "2 2\n".getBytes(StandardCharsets.US_ASCII);
        assertInvalid(file("more.bin", concat(header, binaryRow("a", new float[] {1, 2}, true),
                binaryRow("b", new float[] {3, 4}, true), binaryRow("c", new float[] {5, 6}, true))), "more than the 2");
        assertInvalid(file("huge.bin", concat("1000000 300\n".getBytes(StandardCharsets.US_ASCII),
                binaryRow("a", new float[300], true))), "only");
    }

    @Test
    void rowsWithWrongValueCountsOrNonNumbersAreRejected() throws IOException {
        assertInvalid(file("short.txt", "2 3\na 1 2 3\nb 4 5\n"), "line 3: expected 3 values after 'b', found 2");
        assertInvalid(file("long.txt", "2 3\na 1 2 3\nb 4 5 6 7\n"), "line 3: expected 3 values after 'b', found more");
        assertInvalid(file("nan.txt", "2 3\na 1 2 3\nb 4 x 6\n"), "line 3: value 2 of 'b' is not a number: 'x'");
        assertInvalid(file("first.txt", "1 3\na 1 2,5 3\n"), "value 2 of 'a' is not a number");
    }

    @Test
    void everyTruncationOfABinaryFileIsReported() throws IOException {
        WordVectors vectors = randomVectors(3, 4, 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Word2VecFormat.write(vectors, out, Encoding.BINARY);
        byte[] whole = out.toByteArray();
        int headerEnd = new String(whole, StandardCharsets.ISO_8859_1).indexOf('\n') + 1;
        // Every cut except right after a row's optional newline leaves a row incomplete.
        for (int cut = headerEnd; cut < whole.length - 1; cut++) {
            Path path = file("cut.bin", Arrays.copyOf(whole, cut));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Word2VecFormat.read(path),
                    "cut at " + cut);
            assertTrue(e.getMessage().startsWith(path.toString()), e.getMessage());
        }
        assertEquals(3, Word2VecFormat.read(file("nolastnewline.bin", Arrays.copyOf(whole, whole.length - 1))).size());
    }

    @Test
    void writerRejectsWordsTheFormatCannotHold() {
        WordVectors spaced = TestVectors.of(new String[] {"new york"}, new float[][] {{1}});
        assertThrows(IllegalArgumentException.class,
                () -> Word2VecFormat.write(spaced, new ByteArrayOutputStream(), Encoding.TEXT));
        assertThrows(IllegalArgumentException.class,
                () -> Word2VecFormat.write(spaced, dir.resolve("v.txt"), Encoding.BINARY));
        assertFalse(Files.exists(dir.resolve("v.txt")), "a failed write leaves no file behind");
    }

    @Test
    void fastFloatParsingAgreesWithFloatParseFloat() {
        Random random = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            float anyFloat = Float.intBitsToFloat(random.nextInt());
            double d = random.nextGaussian() * Math.pow(10, random.nextInt(13) - 8);
            String[] forms = {
                Float.toString(anyFloat),
                Float.toString((float) d),
                String.format(Locale.ROOT, "%f", d),
                String.format(Locale.ROOT, "%." + random.nextInt(11) + "f", d),
                String.format(Locale.ROOT, "%." + random.nextInt(12) + "e", d),
                (random.nextLong() >>> random.nextInt(64)) + "e" + (random.nextInt(60) - 30),
                Long.toString(random.nextInt(1 << 25) - (1 << 24)),
            };
            for (String form : forms) {
                assertParsesLikeJava(form);
            }
        }
        for (String edge : new String[] {"16777217", "16777219", "-0", "+.5", "5.", "1E+1", "1e-45", "1e-46",
            "3.4028236e38", "1e39", "NaN", "-Infinity", "0x1p3"}) {
            assertParsesLikeJava(edge);
        }
        for (String bad : new String[] {"", "-", ".", "1e", "1e+", "e5", "1.2.3", "1,5", "--1"}) {
            byte[] bytes = bad.getBytes(StandardCharsets.US_ASCII);
            assertThrows(NumberFormatException.class, () -> Word2VecReader.parseFloat(bytes, 0, bytes.length), bad);
        }
    }

    private static void assertParsesLikeJava(String form) {
        byte[] bytes = form.getBytes(StandardCharsets.US_ASCII);
        assertEquals(Float.floatToRawIntBits(Float.parseFloat(form)),
                Float.floatToRawIntBits(Word2VecReader.parseFloat(bytes, 0, bytes.length)), form);
    }
}
