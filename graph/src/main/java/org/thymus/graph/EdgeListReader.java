package org.thymus.graph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.InputFiles;
import org.thymus.core.token.Utf8;

/**
 * Reads a {@link Graph} from an edge list, plain or gzip: one edge a line, {@code u v} or
 * {@code u v weight}, the fields separated by any run of spaces, tabs and commas. Blank lines and
 * lines whose first field starts with '#' are skipped. Every edge line has the number of fields of
 * the first one; a weight is a finite positive number. Node names are any UTF-8 strings.
 *
 * <p>Lines are split as bytes and names looked up in the graph's symbol table straight from the read
 * buffer: a name becomes an object only the first time it is seen, so a large edge list costs a byte
 * loop and a hash lookup per field. A malformed line is an {@link InvalidInputException} naming the
 * file and the line.
 */
public final class EdgeListReader {
    private static final int BUFFER = 1 << 16;
    /** A longer "line" means the file is not an edge list; stop before the buffer eats the heap. */
    private static final int MAX_LINE = 1 << 26;
    private static final boolean[] SEPARATOR = new boolean[256];

    static {
        for (char c : new char[] {' ', '\t', ',', '\r', 0x0B, '\f'}) {
            SEPARATOR[c] = true;
        }
    }

    private final Path file;
    private final InputStream in;
    private final Graph.CountedBuilder builder;
    /** The second pass: names are known and edges fill the lists. */
    private final boolean filling;
    private byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private boolean endOfInput;
    private int lineStart;
    private int lineEnd;
    private long lineNumber;
    private int fieldsPerLine; // 0 until the first edge line
    private final int[] fieldStart = new int[3];
    private final int[] fieldEnd = new int[3];

    private EdgeListReader(Path file, InputStream in, Graph.CountedBuilder builder, boolean filling) {
        this.file = file;
        this.in = in;
        this.builder = builder;
        this.filling = filling;
    }

    /**
     * Reads {@code file} as a directed or an undirected graph; a file without an edge is an error.
     * The file is read twice (names and list sizes, then the lists), so that no edge list is held
     * beside the graph ({@link Graph.CountedBuilder}).
     */
    public static Graph read(Path file, boolean directed) throws IOException {
        Graph.CountedBuilder builder = new Graph.CountedBuilder(directed);
        int fields;
        try (InputStream in = InputFiles.open(file, "edge list")) {
            EdgeListReader counting = new EdgeListReader(file, in, builder, false);
            counting.readEdges();
            fields = counting.fieldsPerLine;
        }
        if (builder.edgesCounted() == 0) {
            throw new InvalidInputException("no edges in " + file
                    + (builder.selfLoopsSkipped() > 0 ? " (only self-loops u u)" : ""));
        }
        builder.allocate(fields == 3);
        try (InputStream in = InputFiles.open(file, "edge list")) {
            new EdgeListReader(file, in, builder, true).readEdges();
        }
        return builder.build();
    }

    private void readEdges() throws IOException {
        while (nextLine()) {
            lineNumber++;
            int fields = splitFields();
            if (fields == 0) {
                continue;
            }
            if (fields != 2 && fields != 3) {
                throw malformed("expected 2 fields (u v) or 3 (u v weight), got " + fields);
            }
            if (fieldsPerLine == 0) {
                fieldsPerLine = fields;
            } else if (fields != fieldsPerLine) {
                throw malformed(fields + " fields, but the first edge line has " + fieldsPerLine);
            }
            int u = node(0);
            int v = node(1);
            float weight = fields == 3 ? weight() : 1;
            if (filling) {
                builder.fill(u, v, weight);
            } else {
                builder.count(u, v);
            }
        }
    }

    /**
     * Finds the fields of the current line (the first three kept in {@link #fieldStart} and
     * {@link #fieldEnd}) and returns how many there are: 0 for a blank or comment line.
     */
    private int splitFields() {
        int count = 0;
        int i = lineStart;
        while (true) {
            while (i < lineEnd && SEPARATOR[buffer[i] & 0xFF]) {
                i++;
            }
            if (i == lineEnd) {
                return count;
            }
            if (count == 0 && buffer[i] == '#') {
                return 0;
            }
            int start = i;
            while (i < lineEnd && !SEPARATOR[buffer[i] & 0xFF]) {
                i++;
            }
            if (count < fieldStart.length) {
                fieldStart[count] = start;
                fieldEnd[count] = i;
            }
            count++;
        }
    }

    private int node(int field) {
        int start = fieldStart[field];
        int length = fieldEnd[field] - start;
        int id = builder.find(buffer, start, length);
        if (id >= 0) {
            return id;
        }
        if (filling) {
            throw malformed("node " + new String(buffer, start, length, StandardCharsets.UTF_8)
                    + " was not there when the file was first read: did it change while being read?");
        }
        if (Utf8.firstInvalid(buffer, start, length) >= 0) {
            throw malformed("node name " + (field + 1) + " is not valid UTF-8");
        }
        return builder.add(buffer, start, length);
    }

    private float weight() {
        String text = new String(buffer, fieldStart[2], fieldEnd[2] - fieldStart[2], StandardCharsets.ISO_8859_1);
        float weight;
        try {
            weight = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            weight = Float.NaN;
        }
        if (!(weight > 0 && weight < Float.POSITIVE_INFINITY)) {
            throw malformed("the weight '" + text + "' is not a finite positive number");
        }
        return weight;
    }

    private InvalidInputException malformed(String problem) {
        return new InvalidInputException(file + " line " + lineNumber + ": " + problem);
    }

    /** Moves {@link #lineStart} and {@link #lineEnd} to the next line (without its '\n'); false at the end. */
    private boolean nextLine() throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    lineStart = position;
                    lineEnd = i;
                    position = i + 1;
                    return true;
                }
            }
            if (endOfInput) {
                if (position == limit) {
                    return false;
                }
                lineStart = position; // a last line without its '\n'
                lineEnd = limit;
                position = limit;
                return true;
            }
            scanned = limit - position; // where the scan resumes once the partial line moves to the front
            refill();
        }
    }

    /** Moves the partial line to the front of the buffer (growing it if the line fills it) and reads more. */
    private void refill() throws IOException {
        int kept = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, kept);
        } else if (kept == buffer.length) {
            if (buffer.length >= MAX_LINE) {
                throw new InvalidInputException(file + " line " + (lineNumber + 1) + " is longer than "
                        + (MAX_LINE >> 20) + " MB: not an edge list?");
            }
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        position = 0;
        limit = kept;
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
    }
}
