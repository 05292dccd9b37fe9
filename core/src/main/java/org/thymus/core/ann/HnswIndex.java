package org.thymus.core.ann;

import org.thymus.core.concurrent.Parallel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.thymus.core.table.EmbeddingTable;

/**
 * An HNSW index (Malkov and Yashunin, 2016) over the core kernels: {@link HnswGraph} holds the
 * vectors and flat neighbour arrays, {@link HnswBuilder} links nodes (multi-threaded, striped
 * locks), {@link HnswSearcher} searches with per-thread scratch, {@link HnswFile} saves and loads.
 *
 * <p>Scores are higher-is-better as in {@link Metric}. Inserts and updates may run concurrently
 * with each other and with searches; a search running during an update may see a half-written
 * vector or list (never an invalid id), which costs at most a little recall. {@link #save} must
 * not run concurrently with inserts or updates.
 */
public final class HnswIndex {
    private final HnswGraph graph;
    private final ConcurrentLinkedQueue<HnswSearcher> searchers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<HnswBuilder> builders = new ConcurrentLinkedQueue<>();

    HnswIndex(HnswGraph graph) {
        this.graph = graph;
    }

    /** An empty index to {@link #insert} into. */
    public static HnswIndex create(int dim, Metric metric, int m, int efConstruction, long seed) {
        return new HnswIndex(new HnswGraph(metric, dim, m, efConstruction, seed, 16));
    }

    /**
     * Indexes every row of {@code vectors} (copied; row r gets id r) with {@code m} links a node
     * on the upper layers and {@code 2m} on layer 0. Node levels come from {@code seed}; with one
     * thread the index is reproducible, with more the insertion order interleaves.
     */
    public static HnswIndex build(EmbeddingTable vectors, Metric metric, int m, int efConstruction, int threads,
                                  long seed) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int n = vectors.rows();
        HnswGraph graph = new HnswGraph(metric, vectors.dim(), m, efConstruction, seed, Math.max(n, 16));
        graph.reserveAll(n);
        HnswGraph.Storage st = graph.storage;
        int chunk = 4096;
        AtomicInteger nextChunk = new AtomicInteger();
        Parallel.run(threads, worker -> {
            for (int c; (c = nextChunk.getAndIncrement()) * (long) chunk < n; ) {
                for (int r = c * chunk, end = Math.min(n, r + chunk); r < end; r++) {
                    graph.storeVector(st, r, vectors.shard(r), vectors.offset(r));
                    graph.allocateLevels(st, r, graph.randomLevel(r));
                }
            }
        });
        HnswIndex index = new HnswIndex(graph);
        if (n == 0) {
            return index;
        }
        new HnswBuilder(graph).link(st, 0, false);
        AtomicInteger next = new AtomicInteger(1);
        Parallel.run(Math.min(threads, n), worker -> {
            HnswBuilder builder = new HnswBuilder(graph);
            for (int node; (node = next.getAndIncrement()) < n; ) {
                builder.link(st, node, false);
            }
        });
        if (threads > 1) {
            relinkUnfound(graph, st, n, threads);
        }
        return index;
    }

    /**
     * Relinks, one at a time, every node that a search for its own vector does not find. Builders
     * that insert into one gap at once cannot see each other (neither is linked yet), so on thin
     * data they leave parallel chains, or a node with no link in, that a search cannot cross
     * (points on a line, 4 threads: 1 to 34 of 3,000 not found). A relink searches the finished
     * graph and links the node both ways with what it finds, which joins the chains. The check is
     * one search a node, in parallel; a one-thread build has no races and skips it.
     */
    private static void relinkUnfound(HnswGraph graph, HnswGraph.Storage st, int n, int threads) {
        boolean[] unfound = new boolean[n];
        AtomicInteger next = new AtomicInteger();
        Parallel.run(threads, worker -> {
            HnswSearcher searcher = new HnswSearcher(graph);
            float[] vector = new float[graph.dim];
            int[] id = new int[1];
            float[] score = new float[1];
            for (int node; (node = next.getAndIncrement()) < n; ) {
                System.arraycopy(graph.shard(st, node), graph.offset(node), vector, 0, graph.dim);
                searcher.search(vector, 0, 1, graph.efConstruction, id, score, 0);
                // A duplicate of the node's vector scores as well as the node: found too.
                unfound[node] = id[0] != node
                        && score[0] < graph.score(graph.shard(st, node), graph.offset(node), st, node);
            }
        });
        HnswBuilder builder = new HnswBuilder(graph);
        for (int node = 0; node < n; node++) {
            if (unfound[node]) {
                // Linked again as if new: its lists keep what they had (the only link into some
                // other node may be there) merged with what the search finds now.
                builder.link(st, node, false);
            }
        }
    }

    /**
     * The {@code k} nearest indexed vectors of each query row ({@code queryRows} null: all rows of
     * {@code queries}), searched with a candidate list of {@code max(ef, k)}, queries spread over
     * {@code threads} threads.
     */
    public Neighbors search(EmbeddingTable queries, int[] queryRows, int k, int ef, int threads) {
        if (queries.dim() != graph.dim) {
            throw new IllegalArgumentException("queries have dim " + queries.dim() + ", the index " + graph.dim);
        }
        if (k < 1 || ef < 1 || threads < 1) {
            throw new IllegalArgumentException("k, ef and threads must be >= 1, got " + k + ", " + ef + ", " + threads);
        }
        int n = queryRows == null ? queries.rows() : queryRows.length;
        int[] ids = new int[Math.multiplyExact(n, k)];
        float[] scores = new float[ids.length];
        int block = 16;
        AtomicInteger next = new AtomicInteger();
        int blocks = (n + block - 1) / block;
        Parallel.run(Math.max(1, Math.min(threads, blocks)), worker -> {
            HnswSearcher searcher = borrowSearcher();
            try {
                for (int b; (b = next.getAndIncrement()) < blocks; ) {
                    for (int q = b * block, end = Math.min(n, q + block); q < end; q++) {
                        int row = queryRows == null ? q : queryRows[q];
                        searcher.search(queries.shard(row), queries.offset(row), k, ef, ids, scores, q * k);
                    }
                }
            } finally {
                searchers.offer(searcher);
            }
        });
        return new Neighbors(n, k, ids, scores);
    }

    /** A searcher for one thread, for many single searches without allocation. */
    public HnswSearcher searcher() {
        return new HnswSearcher(graph);
    }

    private HnswSearcher borrowSearcher() {
        HnswSearcher s = searchers.poll();
        return s != null ? s : new HnswSearcher(graph);
    }

    /** Adds {@code vector[off .. off+dim)} and returns its id (the next id: ids are dense). */
    public int insert(float[] vector, int off) {
        checkVector(vector, off);
        int id = graph.reserve();
        graph.growth.readLock().lock();
        try {
            HnswGraph.Storage st = graph.storage;
            graph.storeVector(st, id, vector, off);
            graph.allocateLevels(st, id, graph.randomLevel(id));
            link(st, id, false);
        } finally {
            graph.growth.readLock().unlock();
        }
        return id;
    }

    /**
     * Moves the vector of {@code id} to {@code vector[off .. off+dim)} and chooses its neighbour
     * lists anew (nodes that linked to it keep those links).
     */
    public void update(int id, float[] vector, int off) {
        checkVector(vector, off);
        if (id < 0 || id >= graph.size()) {
            throw new IndexOutOfBoundsException("id " + id + " of " + graph.size());
        }
        graph.growth.readLock().lock();
        try {
            HnswGraph.Storage st = graph.storage;
            synchronized (graph.lock(id)) {
                graph.storeVector(st, id, vector, off);
            }
            link(st, id, true);
        } finally {
            graph.growth.readLock().unlock();
        }
    }

    private void link(HnswGraph.Storage st, int id, boolean relink) {
        HnswBuilder builder = builders.poll();
        if (builder == null) {
            builder = new HnswBuilder(graph);
        }
        try {
            builder.link(st, id, relink);
        } finally {
            builders.offer(builder);
        }
    }

    private void checkVector(float[] vector, int off) {
        if (off < 0 || off + graph.dim > vector.length) {
            throw new IllegalArgumentException("a vector of dim " + graph.dim + " at offset " + off
                    + " does not fit in " + vector.length + " floats");
        }
    }

    /** Writes the index (vectors and graph, versioned and checksummed) atomically to {@code file}. */
    public void save(Path file) throws IOException {
        HnswFile.write(graph, file);
    }

    /**
     * Reads an index written by {@link #save}.
     *
     * @throws org.thymus.core.InvalidInputException if the file is not an index, is of another
     *     version, is truncated or fails its checksum or structure checks
     */
    public static HnswIndex load(Path file) throws IOException {
        return new HnswIndex(HnswFile.read(file));
    }

    public int size() {
        return graph.size();
    }

    public int dim() {
        return graph.dim;
    }

    public Metric metric() {
        return graph.metric;
    }

    public int m() {
        return graph.m;
    }

    public int efConstruction() {
        return graph.efConstruction;
    }

    public long seed() {
        return graph.seed;
    }

    /** The highest layer (-1 when empty). */
    public int maxLevel() {
        return graph.maxLevel();
    }

    /** Copies the stored vector of {@code id} (unit length for cosine) into {@code dest}. */
    public void vector(int id, float[] dest, int destOff) {
        if (id < 0 || id >= graph.size()) {
            throw new IndexOutOfBoundsException("id " + id + " of " + graph.size());
        }
        graph.copyVector(id, dest, destOff);
    }

    /** The ids linked from {@code id} on {@code level} (a copy). */
    public int[] neighbours(int id, int level) {
        HnswGraph.Storage st = graph.storage;
        if (level == 0) {
            int base = id * (graph.maxM0 + 1);
            return Arrays.copyOfRange(st.links0, base + 1, base + 1 + st.links0[base]);
        }
        int[] up = st.upper[id];
        if (up == null || level > graph.levelsOf(up)) {
            return new int[0];
        }
        int base = (level - 1) * (graph.m + 1);
        return Arrays.copyOfRange(up, base + 1, base + 1 + up[base]);
    }
}
