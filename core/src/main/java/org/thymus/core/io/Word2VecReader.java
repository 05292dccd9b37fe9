package org.thymus.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.Word2VecFormat.Encoding;
import org.thymus.core.io.Word2VecFormat.Loaded;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.vectors.WordVectors;

/**
 * Parses one word2vec file straight from a byte buffer: binary values are copied in bulk into the
 * table's rows, text values are parsed without making a String per number where that is exact.
 */
final class Word2VecReader {
    private static final int BUFFER = 1 << 20;
    private static final int MAX_HEADER_BYTES = 256;
    /** Longer words mean the file is not what it claims (no real token is this long). */
    private static final int MAX_WORD_BYTES = 1 << 16;
    /** Integers below this are exact doubles. */
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    /** Powers of ten up to this one are exact doubles (5^22 < 2^53). */
    private static final int MAX_EXACT_POWER = 22;
    private static final double[] POWERS_OF_TEN = new double[MAX_EXACT_POWER + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int p = 1; p <= MAX_EXACT_POWER; p++) {
            POWERS_OF_TEN[p] = POWERS_OF_TEN[p - 1] * 10;
        }
    }

    private final Path file;
    private final InputStream in;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int end;
    private boolean eof;
    /** File offset of buf[0], for messages about binary rows. */
    private long bufStart;
    /** Line number of the line starting at pos, for messages about text rows. */
    private long line = 1;
    private int count;
    private int dim;

    private Word2VecReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    static Loaded read(Path file, int limit) throws IOException {
        try (InputStream in = InputFiles.open(file, "vector file")) {
            return new Word2VecReader(file, in).read(limit, plainFileSize(file));
        }
    }

    /** The size of an uncompressed regular file; unknown (the largest long) for gzip or a pipe. */
    private static long plainFileSize(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Long.MAX_VALUE;
        }
        try (InputStream in = Files.newInputStream(file)) {
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            return gzip ? Long.MAX_VALUE : Files.size(file);
        }
    }

    private Loaded read(int limit, long fileSize) throws IOException {
        readHeader();
        int rows = Math.min(count, limit);
        Encoding encoding = detectEncoding();
        long minRowBytes = encoding == Encoding.BINARY ? 4L * dim + 2 : 2L * dim + 1;
        if (fileSize < bufStart + pos + rows * minRowBytes) {
            // Fail before allocating a table the header asks for but the file cannot fill.
            throw invalid("the header announces " + count + " vectors of " + dim
                    + " values but the file has only " + fileSize + " bytes");
        }
        EmbeddingTable table = new EmbeddingTable(rows, dim);
        List<String> words = new ArrayList<>(rows);
        Set<String> seen = HashSet.newHashSet(rows);
        int duplicates = 0;
        for (int row = 0; row < rows; row++) {
            int kept = words.size();
            String word = encoding == Encoding.TEXT
                    ? readTextRow(row, table.shard(kept), table.offset(kept))
                    : readBinaryRow(row, table.shard(kept), table.offset(kept));
            if (seen.add(word)) {
                words.add(word);
            } else {
                duplicates++;
            }
        }
        if (rows == count) {
            requireOnlyWhitespaceLeft();
        }
        if (duplicates > 0) {
            table = compact(table, words.size());
        }
        return new Loaded(new WordVectors(words.toArray(new String[0]), table), encoding, duplicates);
    }

    private void readHeader() throws IOException {
        fill(MAX_HEADER_BYTES);
        int newline = indexOf((byte) '\n', pos, Math.min(end, pos + MAX_HEADER_BYTES));
        String header = newline < 0 ? "" : new String(buf, pos, newline - pos, StandardCharsets.ISO_8859_1).strip();
        String[] parts = header.split("[ \t]+");
        if (newline < 0 || parts.length != 2) {
            throw invalid("not a word2vec vector file: the first line must be 'COUNT DIM'");
        }
        try {
            count = Integer.parseInt(parts[0]);
            dim = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw invalid("not a word2vec vector file: the first line must be 'COUNT DIM', not '" + header + "'");
        }
        if (count < 0 || dim <= 0) {
            throw invalid("the header '" + header + "' needs COUNT >= 0 and DIM > 0");
        }
        pos = newline + 1;
        line++;
    }

    /**
     * Text if the first row parses as text, or if its value bytes (the 4 * DIM after the word) are
     * all printable ASCII, which float32 bytes almost never are; binary otherwise.
     */
    private Encoding detectEncoding() throws IOException {
        fill(BUFFER);
        int space = indexOf((byte) ' ', pos, end);
        if (count == 0 || space < 0) {
            return Encoding.TEXT; // nothing to tell apart; the text reader reports what is wrong
        }
        int newline = indexOf((byte) '\n', pos, end);
        int lineEnd = newline >= 0 ? newline : eof ? end : -1;
        if (lineEnd >= 0 && textRowProblem(pos, lineEnd, new float[dim], 0) == null) {
            return Encoding.TEXT;
        }
        int valuesEnd = (int) Math.min(end, space + 1 + 4L * dim);
        for (int i = space + 1; i < valuesEnd; i++) {
            int b = buf[i];
            if (b != '\t' && b != '\n' && b != '\r' && (b < 0x20 || b > 0x7e)) {
                return Encoding.BINARY;
            }
        }
        return Encoding.TEXT;
    }

    private String readTextRow(int row, float[] dest, int destOff) throws IOException {
        while (true) {
            int lineEnd = nextLineEnd();
            if (lineEnd < 0) {
                throw invalid("the header announces " + count + " vectors but the file ends after " + row);
            }
            int trimmedEnd = trimEnd(pos, lineEnd);
            if (trimmedEnd == pos) { // a blank line
                advanceLine(lineEnd);
                continue;
            }
            String problem = textRowProblem(pos, trimmedEnd, dest, destOff);
            if (problem != null) {
                throw invalid("line " + line + ": " + problem);
            }
            String word = new String(buf, pos, wordEnd(pos, trimmedEnd) - pos, StandardCharsets.UTF_8);
            advanceLine(lineEnd);
            return word;
        }
    }

    /** Parses {@code word v1 ... vDIM} in buf[start, end) into dest; returns what is wrong, or null. */
    private String textRowProblem(int start, int lineEnd, float[] dest, int destOff) {
        int stop = trimEnd(start, lineEnd);
        int i = wordEnd(start, stop);
        String word = new String(buf, start, i - start, StandardCharsets.UTF_8);
        for (int c = 0; c < dim; c++) {
            while (i < stop && isSeparator(buf[i])) {
                i++;
            }
            if (i == stop) {
                return "expected " + dim + " values after '" + word + "', found " + c;
            }
            int tokenStart = i;
            while (i < stop && !isSeparator(buf[i])) {
                i++;
            }
            try {
                dest[destOff + c] = parseFloat(buf, tokenStart, i);
            } catch (NumberFormatException e) {
                return "value " + (c + 1) + " of '" + word + "' is not a number: '"
                        + new String(buf, tokenStart, i - tokenStart, StandardCharsets.UTF_8) + "'";
            }
        }
        if (i < stop) {
            return "expected " + dim + " values after '" + word + "', found more";
        }
        return null;
    }

    private String readBinaryRow(int row, float[] dest, int destOff) throws IOException {
        // word2vec.c ends each row with '\n', gensim does not: skip it where it is.
        while (fill(1) && buf[pos] == '\n') {
            pos++;
        }
        if (!fill(1)) {
            throw invalid("the header announces " + count + " vectors but the file ends after " + row);
        }
        long rowOffset = bufStart + pos;
        int wordEnd;
        int scanned = 0;
        while ((wordEnd = indexOf((byte) ' ', pos + scanned, end)) < 0) {
            scanned = end - pos;
            if (scanned > MAX_WORD_BYTES) {
                throw invalid("vector " + (row + 1) + " at byte " + rowOffset + " has no space after "
                        + MAX_WORD_BYTES + " bytes: not a binary word2vec file, or a damaged one");
            }
            if (!fill(scanned + 1)) {
                throw invalid("vector " + (row + 1) + " at byte " + rowOffset + " is cut off in its word");
            }
        }
        if (wordEnd == pos) {
            throw invalid("vector " + (row + 1) + " at byte " + rowOffset + " has an empty word");
        }
        String word = new String(buf, pos, wordEnd - pos, StandardCharsets.UTF_8);
        pos = wordEnd + 1;
        int valueBytes = 4 * dim;
        if (!fill(valueBytes)) {
            throw invalid("vector " + (row + 1) + " ('" + word + "') is cut off: " + (end - pos)
                    + " of its " + valueBytes + " bytes of values are there");
        }
        ByteBuffer.wrap(buf, pos, valueBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(dest, destOff, dim);
        pos += valueBytes;
        return word;
    }

    private void requireOnlyWhitespaceLeft() throws IOException {
        while (fill(1)) {
            for (; pos < end; pos++) {
                byte b = buf[pos];
                if (b != '\n' && b != '\r' && b != ' ' && b != '\t') {
                    throw invalid("the file has more than the " + count + " vectors its header announces");
                }
            }
        }
    }

    /** The index of the '\n' that ends the line at pos (or end at the end of the file), -1 if none. */
    private int nextLineEnd() throws IOException {
        int scanned = 0;
        while (true) {
            int newline = indexOf((byte) '\n', pos + scanned, end);
            if (newline >= 0) {
                return newline;
            }
            scanned = end - pos;
            if (!fill(scanned + 1)) {
                return end > pos ? end : -1;
            }
        }
    }

    private void advanceLine(int lineEnd) {
        pos = Math.min(lineEnd + 1, end);
        line++;
    }

    private int wordEnd(int start, int stop) {
        int i = start;
        while (i < stop && !isSeparator(buf[i])) {
            i++;
        }
        return i;
    }

    private int trimEnd(int start, int stop) {
        while (stop > start && (isSeparator(buf[stop - 1]) || buf[stop - 1] == '\r')) {
            stop--;
        }
        return stop;
    }

    private static boolean isSeparator(byte b) {
        return b == ' ' || b == '\t';
    }

    private int indexOf(byte target, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == target) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Makes at least {@code needed} unread bytes available from pos, moving them to the front of
     * the buffer and growing it if they do not fit; false if the file ends first.
     */
    private boolean fill(int needed) throws IOException {
        if (end - pos >= needed) {
            return true;
        }
        if (buf.length - pos < needed) {
            byte[] target = needed > buf.length ? new byte[Math.max(needed, 2 * buf.length)] : buf;
            System.arraycopy(buf, pos, target, 0, end - pos);
            buf = target;
            bufStart += pos;
            end -= pos;
            pos = 0;
        }
        while (end - pos < needed && !eof) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
        return end - pos >= needed;
    }

    /**
     * Parses a decimal float such as {@code -0.012345}, {@code 3} or {@code 1.2345678E-5}. Clinger's
     * fast path: a mantissa below 2^53 times or over a power of ten up to 10^22 is one correctly
     * rounded double operation, and rounding that double to float is exact unless it landed on a
     * midpoint between two floats. Anything else goes to {@link Float#parseFloat}.
     */
    static float parseFloat(byte[] b, int start, int stop) {
        int i = start;
        boolean negative = false;
        if (i < stop && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        boolean point = false;
        for (; i < stop && mantissa < MAX_EXACT_MANTISSA; i++) {
            int ch = b[i];
            if (ch >= '0' && ch <= '9') {
                mantissa = mantissa * 10 + (ch - '0');
                digits++;
                if (point) {
                    exponent--;
                }
            } else if (ch == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        boolean wellFormed = digits > 0;
        if (wellFormed && i < stop && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = i < stop && b[i] == '-';
            if (i < stop && (b[i] == '-' || b[i] == '+')) {
                i++;
            }
            int written = 0;
            int exponentStart = i;
            for (; i < stop && b[i] >= '0' && b[i] <= '9' && written < 1000; i++) {
                written = written * 10 + (b[i] - '0');
            }
            wellFormed = i > exponentStart;
            exponent += negativeExponent ? -written : written;
        }
        if (i == stop && wellFormed && mantissa < MAX_EXACT_MANTISSA
                && exponent >= -MAX_EXACT_POWER && exponent <= MAX_EXACT_POWER) {
            double value = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
            long bits = Double.doubleToRawLongBits(value);
            boolean onFloatMidpoint = (bits & 0x1FFF_FFFFL) == 0x1000_0000L;
            if (value == 0 || (value >= Float.MIN_NORMAL && !onFloatMidpoint)) {
                return (float) (negative ? -value : value);
            }
        }
        return Float.parseFloat(new String(b, start, stop - start, StandardCharsets.ISO_8859_1));
    }

    private static EmbeddingTable compact(EmbeddingTable table, int rows) {
        EmbeddingTable smaller = new EmbeddingTable(rows, table.dim());
        for (int row = 0; row < rows; row++) {
            System.arraycopy(table.shard(row), table.offset(row), smaller.shard(row), smaller.offset(row), table.dim());
        }
        return smaller;
    }

    private InvalidInputException invalid(String problem) {
        return new InvalidInputException(file + ": " + problem);
    }
}
