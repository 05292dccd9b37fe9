package org.thymus.core.ann;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.AtomicOutput;

/**
 * The index file, little-endian:
 *
 * <pre>
 * header   "THYHNSW\0", version (int), metric (int: 0 dot, 1 cosine, 2 l2), dim, m,
 *          efConstruction, seed (long), count, entry node, top level
 * vectors  count x dim floats (unit length for cosine, as stored)
 * levels   count bytes
 * layer 0  per node: n, then n ids
 * upper    per node of level L > 0, per layer 1..L: n, then n ids
 * trailer  CRC32C of all bytes before it (int), "ENDHNSW\0"
 * </pre>
 *
 * Reading checks the magic, version, header ranges, the length the header implies, every count and
 * id, and the checksum; any failure is an {@link InvalidInputException} naming the file.
 */
final class HnswFile {
    static final int VERSION = 1;
    private static final byte[] MAGIC = "THYHNSW\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "ENDHNSW\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 8 + 4 * 5 + 8 + 4 * 3;
    private static final int TRAILER_BYTES = 4 + 8;
    private static final int BUFFER = 1 << 20;

    private HnswFile() {
    }

    static void write(HnswGraph graph, Path file) throws IOException {
        AtomicOutput.write(file, out -> {
            Writer w = new Writer(out);
            HnswGraph.Storage st = graph.storage;
            int count = graph.size();
            long entry = graph.entry();
            w.bytes(MAGIC);
            w.putInt(VERSION);
            w.putInt(graph.metric.ordinal());
            w.putInt(graph.dim);
            w.putInt(graph.m);
            w.putInt(graph.efConstruction);
            w.putLong(graph.seed);
            w.putInt(count);
            w.putInt(entry < 0 ? -1 : (int) entry);
            w.putInt(entry < 0 ? -1 : (int) (entry >>> 32));
            for (int node = 0; node < count; node++) {
                float[] shard = graph.shard(st, node);
                int off = graph.offset(node);
                for (int d = 0; d < graph.dim; d++) {
                    w.putFloat(shard[off + d]);
                }
            }
            for (int node = 0; node < count; node++) {
                w.putByte(graph.nodeLevel(st, node));
            }
            for (int node = 0; node < count; node++) {
                w.list(st.links0, node * (graph.maxM0 + 1));
            }
            for (int node = 0; node < count; node++) {
                int[] up = st.upper[node];
                for (int l = 0; l < graph.levelsOf(up); l++) {
                    w.list(up, l * (graph.m + 1));
                }
            }
            w.flush();
            int crc = (int) w.crc.getValue();
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            trailer.putInt(crc).put(END);
            out.write(trailer.array());
        });
    }

    static HnswGraph read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length < HEADER_BYTES + TRAILER_BYTES) {
                throw bad(file, length < MAGIC.length ? "is not a Thymus HNSW index (too short)"
                        : "is truncated (" + length + " bytes)");
            }
            Reader r = new Reader(channel, length - TRAILER_BYTES, file);
            byte[] magic = r.bytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw bad(file, "is not a Thymus HNSW index");
            }
            int version = r.getInt();
            if (version != VERSION) {
                throw bad(file, "has index format version " + version + "; this build reads version " + VERSION);
            }
            int metricCode = r.getInt();
            int dim = r.getInt();
            int m = r.getInt();
            int efConstruction = r.getInt();
            long seed = r.getLong();
            int count = r.getInt();
            int entry = r.getInt();
            int topLevel = r.getInt();
            if (metricCode < 0 || metricCode >= Metric.values().length || dim < 1 || dim > (1 << 20) || m < 2
                    || m > 512 || efConstruction < 1 || count < 0 || topLevel > HnswGraph.MAX_LEVEL
                    || (count == 0 ? entry != -1 || topLevel != -1 : entry < 0 || entry >= count || topLevel < 0)) {
                throw bad(file, "has a corrupt header");
            }
            long minimum = HEADER_BYTES + (long) count * dim * 4 + count + 4L * count + TRAILER_BYTES;
            if (length < minimum) {
                throw bad(file, "is truncated: " + length + " bytes where the header implies at least " + minimum);
            }
            HnswGraph graph = new HnswGraph(Metric.values()[metricCode], dim, m, efConstruction, seed,
                    Math.max(count, 16));
            graph.reserveAll(count);
            HnswGraph.Storage st = graph.storage;
            for (int node = 0; node < count; node++) {
                r.floats(graph.shard(st, node), graph.offset(node), dim);
            }
            int stored = 0;
            for (int node = 0; node < count; node++) {
                int level = r.getByte();
                if (level < 0 || level > topLevel) {
                    throw bad(file, "is corrupt: node " + node + " has level " + level + " above the top " + topLevel);
                }
                graph.allocateLevels(st, node, level);
                stored = Math.max(stored, level);
            }
            if (count > 0 && (graph.nodeLevel(st, entry) != topLevel || stored != topLevel)) {
                throw bad(file, "is corrupt: the entry node is not on the top level");
            }
            for (int node = 0; node < count; node++) {
                r.list(st.links0, node * (graph.maxM0 + 1), graph.maxM0, count, node);
            }
            for (int node = 0; node < count; node++) {
                int[] up = st.upper[node];
                for (int l = 0; l < graph.levelsOf(up); l++) {
                    r.list(up, l * (m + 1), m, count, node);
                }
            }
            r.expectEnd();
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(trailer, length - TRAILER_BYTES);
            trailer.flip();
            int crc = trailer.getInt();
            byte[] end = new byte[END.length];
            trailer.get(end);
            if (!Arrays.equals(end, END)) {
                throw bad(file, "is truncated or corrupt (no end marker)");
            }
            if (crc != (int) r.crc.getValue()) {
                throw bad(file, "is corrupt (checksum mismatch)");
            }
            if (count > 0) {
                graph.setEntry(entry, topLevel);
            }
            return graph;
        }
    }

    static InvalidInputException bad(Path file, String what) {
        return new InvalidInputException("index file " + file + " " + what);
    }

    /** Little-endian output through a buffer, with a running CRC32C. */
    private static final class Writer {
        final OutputStream out;
        final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        final CRC32C crc = new CRC32C();

        Writer(OutputStream out) {
            this.out = out;
        }

        void room(int n) throws IOException {
            if (buf.remaining() < n) {
                flush();
            }
        }

        void flush() throws IOException {
            crc.update(buf.array(), 0, buf.position());
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }

        void bytes(byte[] b) throws IOException {
            room(b.length);
            buf.put(b);
        }

        void putByte(int v) throws IOException {
            room(1);
            buf.put((byte) v);
        }

        void putInt(int v) throws IOException {
            room(4);
            buf.putInt(v);
        }

        void putLong(long v) throws IOException {
            room(8);
            buf.putLong(v);
        }

        void putFloat(float v) throws IOException {
            room(4);
            buf.putFloat(v);
        }

        void list(int[] a, int base) throws IOException {
            int n = a[base];
            room(4 * (n + 1));
            for (int i = 0; i <= n; i++) {
                buf.putInt(a[base + i]);
            }
        }
    }

    /** Little-endian input of the body (everything before the trailer), with a running CRC32C. */
    private static final class Reader {
        final FileChannel channel;
        final long bodyEnd;
        final Path file;
        final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        final CRC32C crc = new CRC32C();
        long position;

        Reader(FileChannel channel, long bodyEnd, Path file) {
            this.channel = channel;
            this.bodyEnd = bodyEnd;
            this.file = file;
            buf.limit(0);
        }

        void need(int n) throws IOException {
            if (buf.remaining() >= n) {
                return;
            }
            buf.compact();
            while (buf.position() < n) {
                long left = bodyEnd - position;
                if (left <= 0) {
                    throw bad(file, "is truncated");
                }
                int start = buf.position();
                int want = (int) Math.min(buf.remaining(), left);
                ByteBuffer slice = buf.slice(start, want);
                int read = channel.read(slice, position);
                if (read < 0) {
                    throw new EOFException(file.toString());
                }
                crc.update(buf.array(), start, read);
                position += read;
                buf.position(start + read);
            }
            buf.flip();
        }

        byte[] bytes(int n) throws IOException {
            need(n);
            byte[] b = new byte[n];
            buf.get(b);
            return b;
        }

        int getByte() throws IOException {
            need(1);
            return buf.get();
        }

        int getInt() throws IOException {
            need(4);
            return buf.getInt();
        }

        long getLong() throws IOException {
            need(8);
            return buf.getLong();
        }

        void floats(float[] dest, int off, int n) throws IOException {
            while (n > 0) {
                int part = Math.min(n, BUFFER / 4);
                need(4 * part);
                buf.asFloatBuffer().get(dest, off, part);
                buf.position(buf.position() + 4 * part);
                off += part;
                n -= part;
            }
        }

        /** A neighbour list: its count within capacity, every id a node other than the owner. */
        void list(int[] dest, int base, int capacity, int count, int owner) throws IOException {
            int n = getInt();
            if (n < 0 || n > capacity) {
                throw bad(file, "is corrupt: node " + owner + " has " + n + " links (at most " + capacity + ")");
            }
            need(4 * n);
            dest[base] = n;
            for (int i = 1; i <= n; i++) {
                int id = buf.getInt();
                if (id < 0 || id >= count || id == owner) {
                    throw bad(file, "is corrupt: node " + owner + " links to " + id);
                }
                dest[base + i] = id;
            }
        }

        void expectEnd() throws IOException {
            if (buf.remaining() != 0 || position != bodyEnd) {
                throw bad(file, "is corrupt: " + (bodyEnd - position + buf.remaining()) + " unexpected bytes");
            }
        }
    }
}
