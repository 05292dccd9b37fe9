package org.thymus.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.vectors.WordVectors;

/**
 * The word2vec vector file, as word2vec.c, gensim and fastText write it. Both encodings start with
 * a line {@code "COUNT DIM\n"} and then hold one row a word, most frequent first:
 *
 * <ul>
 *   <li>text ({@code .txt}, fastText's {@code .vec}): {@code word v1 v2 ... vDIM\n}, values in any
 *       decimal float syntax;
 *   <li>binary ({@code .bin}): the word in UTF-8, a space, DIM little-endian float32, then
 *       {@code "\n"} (word2vec.c writes the newline, gensim does not; readers skip it).
 * </ul>
 *
 * <p>Reading detects the encoding, skips a word seen before (keeping the first, as gensim does) and
 * reports a malformed file as an {@link org.thymus.core.InvalidInputException} that names it.
 */
public final class Word2VecFormat {
    /** How the values of a row are stored. */
    public enum Encoding {
        TEXT,
        BINARY
    }

    /**
     * What reading a file found: its vectors, its encoding and how many rows were dropped because
     * their word had been seen in an earlier row.
     */
    public record Loaded(WordVectors vectors, Encoding encoding, int duplicatesSkipped) {
    }

    private Word2VecFormat() {
    }

    /** Reads every vector of {@code file}, text or binary. */
    public static WordVectors read(Path file) throws IOException {
        return load(file, Integer.MAX_VALUE).vectors();
    }

    /**
     * Reads the first {@code limit} rows of {@code file} (all of them if it has fewer), text or
     * binary. The rest of the file is not read, so a large file loads fast when only its most
     * frequent words are wanted.
     */
    public static Loaded load(Path file, int limit) throws IOException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        return Word2VecReader.read(file, limit);
    }

    /** Replaces {@code file} with {@code vectors}, atomically (see {@link AtomicOutput}). */
    public static void write(WordVectors vectors, Path file, Encoding encoding) throws IOException {
        AtomicOutput.write(file, out -> write(vectors, out, encoding));
    }

    /**
     * Writes {@code vectors} to {@code out} (buffered here; not closed). Text values are written as
     * {@link Float#toString(float)} writes them, the shortest decimal that reads back to the same
     * float, so a text file round-trips exactly.
     *
     * @throws IllegalArgumentException if a word is empty or holds a space, tab or line break,
     *     which would make the file unreadable
     */
    public static void write(WordVectors vectors, OutputStream out, Encoding encoding) throws IOException {
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        buffered.write((vectors.size() + " " + vectors.dim() + "\n").getBytes(StandardCharsets.US_ASCII));
        if (encoding == Encoding.TEXT) {
            writeText(vectors, buffered);
        } else {
            writeBinary(vectors, buffered);
        }
        buffered.flush();
    }

    private static void writeText(WordVectors vectors, OutputStream out) throws IOException {
        EmbeddingTable table = vectors.table();
        StringBuilder line = new StringBuilder();
        for (int row = 0; row < vectors.size(); row++) {
            line.setLength(0);
            line.append(checkedWord(vectors, row));
            float[] shard = table.shard(row);
            int off = table.offset(row);
            for (int c = 0; c < table.dim(); c++) {
                line.append(' ').append(shard[off + c]);
            }
            line.append('\n');
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void writeBinary(WordVectors vectors, OutputStream out) throws IOException {
        EmbeddingTable table = vectors.table();
        ByteBuffer values = ByteBuffer.allocate(4 * table.dim()).order(ByteOrder.LITTLE_ENDIAN);
        for (int row = 0; row < vectors.size(); row++) {
            out.write(checkedWord(vectors, row).getBytes(StandardCharsets.UTF_8));
            out.write(' ');
            values.clear();
            values.asFloatBuffer().put(table.shard(row), table.offset(row), table.dim());
            out.write(values.array());
            out.write('\n');
        }
    }

    private static String checkedWord(WordVectors vectors, int row) {
        String word = vectors.word(row);
        if (word.isEmpty()) {
            throw new IllegalArgumentException("row " + row + " has an empty word");
        }
        for (int i = 0; i < word.length(); i++) {
            char ch = word.charAt(i);
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                throw new IllegalArgumentException("word holds whitespace, which the format cannot store: '"
                        + word.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'");
            }
        }
        return word;
    }
}
