package org.thymus.core.sampler;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.thymus.core.ann.ExactSearch;
import org.thymus.core.ann.HnswIndex;
import org.thymus.core.ann.Metric;
import org.thymus.core.ann.Neighbors;
import org.thymus.core.random.FastRandom;
import org.thymus.core.table.EmbeddingTable;

/**
 * Semantic hard negatives: each pool item's nearest neighbours (cosine) in the current embedding,
 * recomputed in the background every {@code refreshEvery} training steps while training goes on
 * (as ANCE does). Until the first lists are published every item has none (at step 0 the
 * embedding is noise, so the first refresh is due at step {@code refreshEvery}).
 *
 * <p>A refresh copies the pool's rows (a snapshot: training keeps moving the live table), then
 * finds each row's neighbours among the others, exactly ({@link ExactSearch}, batched) or through
 * an HNSW index built on the snapshot ({@link HnswIndex}), and publishes the lists with one
 * volatile write. Workers never wait: a refresh runs on its own thread, and a deadline that passes
 * while one is running is skipped. The lists in use are stale by the steps since their snapshot.
 * With {@code inline} the worker that reaches the deadline refreshes on its own thread instead (the
 * others go on training): the lists are then published at a known step, and a one-thread run is
 * reproducible.
 *
 * <p>With {@code biasProbes > 0}, each refresh also measures what the approximation and the
 * staleness cost, on that many pool items drawn at random: the overlap of the published lists
 * with the exact lists of the same snapshot (approximation alone), and, at the next refresh, the
 * overlap of the old lists with the exact lists of the new snapshot (approximation and
 * staleness), each as the overlap of the whole list and as the total-variation distance between
 * the negatives drawn from the rank band [lo, hi) of the list in use and of the exact list (both
 * uniform over a band of items, so TV = 1 - shared items / band size).
 */
public final class SemanticNeighbors implements NeighborLists, AutoCloseable {
    /** How a refresh finds the neighbours. */
    public enum Search { EXACT, HNSW }

    /** HNSW settings for a refresh: graph degree, construction beam and search beam. */
    public record HnswSettings(int m, int efConstruction, int ef) {
        public static HnswSettings defaults(int depth) {
            return new HnswSettings(16, 100, Math.max(64, 2 * depth));
        }
    }

    /** What one refresh did: when its snapshot was taken, how long it took, and the bias probes. */
    public record Refresh(long snapshotStep, long publishedStep, double seconds, double searchSeconds,
                          double overlap, double bandTv, double staleOverlap, double staleBandTv,
                          long staleSteps) {
    }

    private final EmbeddingTable table;
    private final int[] pool;
    private final int[] poolIndex;
    private final int depth;
    private final int bandLo;
    private final long refreshEvery;
    private final boolean inline;
    private final Search search;
    private final HnswSettings hnsw;
    private final int threads;
    private final int biasProbes;
    private final long seed;
    private final LongSupplier clock;
    private final ExecutorService background;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Refresh> refreshes = new CopyOnWriteArrayList<>();
    private volatile Future<?> pending;
    private volatile long nextRefresh;
    private volatile int[] lists;
    private volatile long listsStep = -1;
    private volatile Throwable failure;
    /** The previous refresh's lists of the probed items, to measure their staleness at the next. */
    private int[] probeItems;
    private int[][] previousProbeLists;
    private long previousProbeStep;

    /**
     * @param table        the embedding whose neighbours are hard negatives (read live)
     * @param pool         the items that get lists and serve as candidates (distinct ids)
     * @param depth        list length: the rank band's upper end
     * @param bandLo       the rank band's lower end, for the bias probes
     * @param refreshEvery steps between refreshes (> 0)
     * @param inline       refresh on the worker that reaches the deadline, not in the background
     * @param search       exact or HNSW
     * @param threads      threads one refresh uses
     * @param biasProbes   pool items whose lists are checked against exact search at each refresh (0: none)
     * @param clock        the training step now (to record when lists are published)
     */
    public SemanticNeighbors(EmbeddingTable table, int[] pool, int depth, int bandLo, long refreshEvery,
                             boolean inline, Search search, HnswSettings hnsw, int threads, int biasProbes, long seed,
                             LongSupplier clock) {
        if (depth < 1 || depth >= pool.length) {
            throw new IllegalArgumentException("list depth must be in [1, pool size " + pool.length + "), got " + depth);
        }
        if (bandLo < 0 || bandLo >= depth) {
            throw new IllegalArgumentException("band start must be in [0, depth " + depth + "), got " + bandLo);
        }
        if (refreshEvery < 1) {
            throw new IllegalArgumentException("refresh period must be >= 1 step, got " + refreshEvery);
        }
        this.table = table;
        this.pool = pool.clone();
        this.poolIndex = new int[table.rows()];
        Arrays.fill(poolIndex, -1);
        for (int i = 0; i < pool.length; i++) {
            if (poolIndex[pool[i]] >= 0) {
                throw new IllegalArgumentException("item " + pool[i] + " is twice in the pool");
            }
            poolIndex[pool[i]] = i;
        }
        this.depth = depth;
        this.bandLo = bandLo;
        this.refreshEvery = refreshEvery;
        this.inline = inline;
        this.search = search;
        this.hnsw = hnsw;
        this.threads = threads;
        this.biasProbes = Math.min(biasProbes, pool.length);
        this.seed = seed;
        this.clock = clock;
        this.nextRefresh = refreshEvery;
        this.background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "thymus-semantic-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    /** The {@code size} lowest ids: with a vocabulary sorted by frequency, the most frequent words. */
    public static int[] firstIds(int size) {
        int[] ids = new int[size];
        Arrays.setAll(ids, i -> i);
        return ids;
    }

    /**
     * Called by workers as training advances: starts a refresh if {@code step} has reached the
     * deadline and none is running. Blocks only an inline refresh's own worker.
     */
    public void refreshIfDue(long step) {
        rethrowFailure();
        if (step < nextRefresh || !running.compareAndSet(false, true)) {
            return;
        }
        nextRefresh = step + refreshEvery;
        if (inline) {
            try {
                refreshNow(step);
            } finally {
                running.set(false);
            }
            return;
        }
        pending = background.submit(() -> {
            try {
                refreshNow(step);
            } catch (Throwable t) {
                failure = t;
            } finally {
                running.set(false);
            }
        });
    }

    /** Waits for a running refresh to finish (tests, and the end of training). */
    public void awaitRefresh() {
        Future<?> f = pending;
        if (f != null) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("semantic refresh failed", e);
            }
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException("semantic refresh failed", t);
        }
    }

    /** Snapshots the pool now and recomputes every pool item's list, on the calling thread. */
    public void refreshNow(long step) {
        long start = System.nanoTime();
        EmbeddingTable snapshot = new EmbeddingTable(pool.length, table.dim());
        float[] row = new float[table.dim()];
        for (int i = 0; i < pool.length; i++) {
            table.copyRow(pool[i], row, 0);
            snapshot.setRow(i, row, 0);
        }
        long searchStart = System.nanoTime();
        int[] next = search == Search.EXACT ? exactLists(snapshot, null) : hnswLists(snapshot);
        double searchSeconds = (System.nanoTime() - searchStart) / 1e9;
        lists = next;
        listsStep = step;
        long published = clock.getAsLong();
        double seconds = (System.nanoTime() - start) / 1e9;
        refreshes.add(probeBias(snapshot, next, step, published, seconds, searchSeconds));
    }

    /** Exact lists (pool ids) of the snapshot rows {@code queries} (null: all), depth each. */
    private int[] exactLists(EmbeddingTable snapshot, int[] queries) {
        Neighbors found = ExactSearch.search(snapshot, null, snapshot, queries, depth, Metric.COSINE, true, threads);
        int[] out = new int[found.queries() * depth];
        for (int q = 0; q < found.queries(); q++) {
            for (int r = 0; r < depth; r++) {
                out[q * depth + r] = pool[found.id(q, r)];
            }
        }
        return out;
    }

    private int[] hnswLists(EmbeddingTable snapshot) {
        HnswIndex index = HnswIndex.build(snapshot, Metric.COSINE, hnsw.m(), hnsw.efConstruction(), threads, seed);
        Neighbors found = index.search(snapshot, null, depth + 1, Math.max(hnsw.ef(), depth + 1), threads);
        int[] out = new int[pool.length * depth];
        for (int q = 0; q < pool.length; q++) {
            int r = 0;
            for (int j = 0; j <= depth && r < depth; j++) {
                int id = found.id(q, j);
                if (id != q && id >= 0) {
                    out[q * depth + r++] = pool[id];
                }
            }
            for (; r < depth; r++) {
                // fewer than depth found (rare): repeat the last one rather than leave a hole
                out[q * depth + r] = r > 0 ? out[q * depth + r - 1] : pool[(q + 1) % pool.length];
            }
        }
        return out;
    }

    private Refresh probeBias(EmbeddingTable snapshot, int[] published, long step, long publishedStep,
                              double seconds, double searchSeconds) {
        if (biasProbes == 0) {
            return new Refresh(step, publishedStep, seconds, searchSeconds, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, -1);
        }
        if (probeItems == null) {
            probeItems = new int[biasProbes];
            int[] order = firstIds(pool.length);
            FastRandom rng = new FastRandom(seed ^ 0x5EEDL);
            for (int i = 0; i < biasProbes; i++) { // partial Fisher-Yates: distinct pool rows
                int j = i + rng.nextInt(pool.length - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                probeItems[i] = order[i];
            }
        }
        int[] exact = exactLists(snapshot, probeItems);
        double overlap = 0;
        double tv = 0;
        double staleOverlap = 0;
        double staleTv = 0;
        int[][] current = new int[biasProbes][];
        for (int i = 0; i < biasProbes; i++) {
            int[] truth = Arrays.copyOfRange(exact, i * depth, (i + 1) * depth);
            current[i] = Arrays.copyOfRange(published, probeItems[i] * depth, (probeItems[i] + 1) * depth);
            overlap += shared(current[i], truth, 0) / (double) depth;
            tv += 1 - shared(current[i], truth, bandLo) / (double) (depth - bandLo);
            if (previousProbeLists != null) {
                staleOverlap += shared(previousProbeLists[i], truth, 0) / (double) depth;
                staleTv += 1 - shared(previousProbeLists[i], truth, bandLo) / (double) (depth - bandLo);
            }
        }
        boolean hasStale = previousProbeLists != null;
        long staleSteps = hasStale ? step - previousProbeStep : -1;
        previousProbeLists = current;
        previousProbeStep = step;
        return new Refresh(step, publishedStep, seconds, searchSeconds, overlap / biasProbes, tv / biasProbes,
                hasStale ? staleOverlap / biasProbes : Double.NaN, hasStale ? staleTv / biasProbes : Double.NaN,
                staleSteps);
    }

    /** Items of {@code a[from..)} also in {@code b[from..)}. */
    private static int shared(int[] a, int[] b, int from) {
        int n = 0;
        for (int i = from; i < a.length; i++) {
            for (int j = from; j < b.length; j++) {
                if (a[i] == b[j]) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    @Override
    public int count(int item) {
        return lists == null || poolIndex[item] < 0 ? 0 : depth;
    }

    @Override
    public int neighbor(int item, int rank) {
        return lists[poolIndex[item] * depth + rank];
    }

    public int poolSize() {
        return pool.length;
    }

    public int depth() {
        return depth;
    }

    public long refreshEvery() {
        return refreshEvery;
    }

    public Search search() {
        return search;
    }

    /** The refreshes done so far, oldest first. */
    public List<Refresh> refreshes() {
        return List.copyOf(refreshes);
    }

    /** Seconds spent in refreshes so far (on the refresh thread). */
    public double refreshSeconds() {
        return refreshes.stream().mapToDouble(Refresh::seconds).sum();
    }

    /** Steps since the snapshot of the lists in use, or -1 before the first lists. */
    public long staleness(long step) {
        long at = listsStep;
        return at < 0 ? -1 : step - at;
    }

    /** Waits for a running refresh and stops the refresh thread. */
    @Override
    public void close() {
        background.shutdown();
        try {
            background.awaitTermination(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
