package org.thymus.core.ann;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.table.EmbeddingTable;

/**
 * The stored part of an HNSW index: the vectors and the layered neighbour lists, in flat arrays.
 *
 * <ul>
 *   <li>Vectors: padded to {@link EmbeddingTable#ROW_ALIGNMENT} floats like the tables (so the
 *       kernels run whole rows with no tail) and stored contiguously in one {@code float[]}, split
 *       into power-of-two shards only when they pass the Java array limit. Cosine vectors are
 *       normalised when they are stored, so cosine search is a dot product.
 *   <li>Layer 0: one {@code int[]} with {@code 2M + 1} ints a node: the count, then the ids.
 *   <li>Upper layers (a node has level L with probability ~ M^-L): for a node of level L, an
 *       {@code int[]} of {@code L * (M + 1)} ints, layer l at {@code (l - 1) * (M + 1)}.
 * </ul>
 *
 * <p>Writers of a node's lists take that node's stripe lock; readers do not lock. A list is
 * written ids first, count last, so a reader sees old ids, new ids or a mix, and every id it sees
 * is a node whose vector was stored before any list named it. Growth (when an insert passes the
 * capacity) swaps in larger arrays under {@link #growth}'s write lock while inserts hold its read
 * lock; a search that started on the old arrays finishes on them.
 */
final class HnswGraph {
    /** Most nodes: layer 0 must stay one int array. */
    static final int MAX_LEVEL = 30;
    private static final int LOCK_STRIPES = 1 << 12;
    private static final Kernels KERNELS = Kernels.get();

    final Metric metric;
    final int dim;
    final int stride;
    final int m;
    final int maxM0;
    final int efConstruction;
    final long seed;
    final double levelScale;
    /** Vector shards: row r is at shards[r >>> shardShift], offset (r & shardMask) * stride. */
    final int shardShift;
    final int shardMask;
    final int rowsPerShard;
    final Object[] locks = new Object[LOCK_STRIPES];
    final ReentrantReadWriteLock growth = new ReentrantReadWriteLock();
    private final Object reserveLock = new Object();
    /** Held while inserting a node whose level is above the top level, as in hnswlib. */
    final ReentrantLock entryLock = new ReentrantLock();

    /** The arrays, replaced whole on growth. */
    volatile Storage storage;
    /** Ids handed out (nodes stored or being stored). */
    private volatile int size;
    /** (maxLevel << 32) | entry node, or -1 when empty; one volatile so both are read together. */
    private volatile long entry = -1;

    /** The arrays of one capacity. */
    static final class Storage {
        final int capacity;
        final float[][] vectors;
        final int[] links0;
        final int[][] upper;

        Storage(int capacity, float[][] vectors, int[] links0, int[][] upper) {
            this.capacity = capacity;
            this.vectors = vectors;
            this.links0 = links0;
            this.upper = upper;
        }
    }

    HnswGraph(Metric metric, int dim, int m, int efConstruction, long seed, int capacity) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        }
        if (m < 2 || m > 512) {
            throw new IllegalArgumentException("m must be in [2, 512], got " + m);
        }
        if (efConstruction < 1) {
            throw new IllegalArgumentException("efConstruction must be >= 1, got " + efConstruction);
        }
        this.metric = metric;
        this.dim = dim;
        this.stride = EmbeddingTable.paddedDim(dim);
        this.m = m;
        this.maxM0 = 2 * m;
        this.efConstruction = efConstruction;
        this.seed = seed;
        this.levelScale = 1 / Math.log(m);
        long maxRows = Math.max(1, EmbeddingTable.DEFAULT_MAX_SHARD_FLOATS / stride);
        int shift = Math.min(30, 63 - Long.numberOfLeadingZeros(maxRows));
        this.rowsPerShard = 1 << shift;
        this.shardShift = shift;
        this.shardMask = rowsPerShard - 1;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        this.storage = allocate(checkCapacity(Math.max(capacity, 1)), null);
    }

    int size() {
        return size;
    }

    /** The entry node, or -1 when empty. */
    int entryNode() {
        long e = entry;
        return e < 0 ? -1 : (int) e;
    }

    int maxLevel() {
        long e = entry;
        return e < 0 ? -1 : (int) (e >>> 32);
    }

    long entry() {
        return entry;
    }

    void setEntry(int node, int level) {
        entry = ((long) level << 32) | node;
    }

    Object lock(int node) {
        return locks[node & (LOCK_STRIPES - 1)];
    }

    /** The level of a node: geometric with ratio 1/M, from (seed, node) so it is reproducible. */
    int randomLevel(int node) {
        long z = seed * 0x9E3779B97F4A7C15L + node * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        double u = ((z >>> 11) + 1) * 0x1.0p-53; // (0, 1]
        return (int) Math.min(MAX_LEVEL, Math.floor(-Math.log(u) * levelScale));
    }

    /** Number of levels stored in an upper-layer array of that length. */
    int levelsOf(int[] up) {
        return up == null ? 0 : up.length / (m + 1);
    }

    int nodeLevel(Storage st, int node) {
        return levelsOf(st.upper[node]);
    }

    /** Hands out the next id, growing the arrays first if they are full. */
    int reserve() {
        synchronized (reserveLock) {
            int id = size;
            if (id == Integer.MAX_VALUE) {
                throw new IllegalStateException("the index is full");
            }
            Storage st = storage;
            if (id >= st.capacity) {
                growth.writeLock().lock();
                try {
                    long wanted = Math.max(16L, (long) st.capacity + (st.capacity >>> 1));
                    storage = allocate(checkCapacity((int) Math.min(wanted, maxCapacity())), st);
                } finally {
                    growth.writeLock().unlock();
                }
            }
            size = id + 1;
            return id;
        }
    }

    /** For bulk builds and loading: {@code n} ids at once (the graph must be empty). */
    void reserveAll(int n) {
        synchronized (reserveLock) {
            if (size != 0) {
                throw new IllegalStateException("not empty");
            }
            if (n > storage.capacity) {
                storage = allocate(checkCapacity(n), storage);
            }
            size = n;
        }
    }

    private long maxCapacity() {
        return (Integer.MAX_VALUE - 16) / (maxM0 + 1);
    }

    private int checkCapacity(int capacity) {
        if (capacity > maxCapacity()) {
            throw new IllegalArgumentException("an index with M = " + m + " holds at most " + maxCapacity()
                    + " vectors, asked for " + capacity);
        }
        return capacity;
    }

    private Storage allocate(int capacity, Storage old) {
        int shardCount = (int) (((long) capacity + rowsPerShard - 1) >>> shardShift);
        float[][] vectors = new float[shardCount][];
        for (int s = 0; s < shardCount; s++) {
            long rows = Math.min(rowsPerShard, capacity - ((long) s << shardShift));
            int floats = Math.toIntExact(rows * stride);
            float[] previous = old != null && s < old.vectors.length ? old.vectors[s] : null;
            vectors[s] = previous == null ? new float[floats]
                    : previous.length == floats ? previous : Arrays.copyOf(previous, floats);
        }
        int[] links0 = old == null ? new int[Math.multiplyExact(capacity, maxM0 + 1)]
                : Arrays.copyOf(old.links0, Math.multiplyExact(capacity, maxM0 + 1));
        int[][] upper = old == null ? new int[capacity][] : Arrays.copyOf(old.upper, capacity);
        return new Storage(capacity, vectors, links0, upper);
    }

    float[] shard(Storage st, int node) {
        return st.vectors[node >>> shardShift];
    }

    int offset(int node) {
        return (node & shardMask) * stride;
    }

    /**
     * Stores {@code dim} floats as the vector of {@code node} (unit length for cosine) and
     * allocates its upper layers when {@code level > 0} (only on first store).
     */
    void storeVector(Storage st, int node, float[] src, int srcOff) {
        float[] shard = shard(st, node);
        int off = offset(node);
        System.arraycopy(src, srcOff, shard, off, dim);
        if (metric == Metric.COSINE) {
            double squares = ExactSearch.squares(shard, off, dim);
            if (squares > 0) {
                KERNELS.scale((float) (1 / Math.sqrt(squares)), shard, off, dim);
            }
        }
    }

    void allocateLevels(Storage st, int node, int level) {
        if (level > 0 && st.upper[node] == null) {
            int[] up = new int[level * (m + 1)];
            st.upper[node] = up;
        }
    }

    /** The score of stored node {@code b} against the vector at {@code (q, qOff)} (padded, stride long). */
    float score(float[] q, int qOff, Storage st, int b) {
        float[] shard = st.vectors[b >>> shardShift];
        int off = (b & shardMask) * stride;
        return metric == Metric.L2 ? -KERNELS.squaredDistance(q, qOff, shard, off, stride)
                : KERNELS.dot(q, qOff, shard, off, stride);
    }

    /** The score between two stored nodes. */
    float score(Storage st, int a, int b) {
        return score(st.vectors[a >>> shardShift], (a & shardMask) * stride, st, b);
    }

    /** Copies the stored vector of {@code node} (unit length for cosine) into {@code dest}. */
    void copyVector(int node, float[] dest, int destOff) {
        Storage st = storage;
        System.arraycopy(shard(st, node), offset(node), dest, destOff, dim);
    }
}
