package org.thymus.core.sampler;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.thymus.core.ann.ExactSearch;
import org.thymus.core.ann.Metric;
import org.thymus.core.ann.Neighbors;
import org.thymus.core.table.EmbeddingTable;

/**
 * Semantic hard negatives: each pool item's nearest neighbours (cosine) in the current embedding,
 * recomputed every {@code refreshEvery} training steps while training goes on. Between refreshes
 * the lists are stale by the steps since the last one; the first lists are computed at step
 * {@code refreshEvery} (at step 0 the embedding is noise), and until then every item has none.
 *
 * <p>The pool (e.g. the most frequent words) is both the set of items that get lists and the set
 * of candidates, so one refresh is an exact pool-by-pool top-k: {@link ExactSearch}, batched. The
 * worker whose step crosses the deadline runs the refresh; the other workers keep training on the
 * old lists, which are swapped in one volatile write.
 */
public final class SemanticNeighbors implements NeighborLists {
    private final EmbeddingTable table;
    private final int[] pool;
    private final int[] poolIndex;
    private final int depth;
    private final long refreshEvery;
    private final int threads;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile long nextRefresh;
    private volatile int[] lists;
    private volatile long lastRefreshStep = -1;
    private volatile long refreshes;
    private volatile double refreshSeconds;

    /**
     * @param table        the embedding whose neighbours are hard negatives (read live, no copy)
     * @param pool         the items that get lists and serve as candidates (distinct ids)
     * @param depth        list length: the rank band's upper end
     * @param refreshEvery steps between refreshes (> 0)
     * @param threads      threads one refresh uses
     */
    public SemanticNeighbors(EmbeddingTable table, int[] pool, int depth, long refreshEvery, int threads) {
        if (depth < 1 || depth >= pool.length) {
            throw new IllegalArgumentException("list depth must be in [1, pool size " + pool.length + "), got " + depth);
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
        this.refreshEvery = refreshEvery;
        this.threads = threads;
        this.nextRefresh = refreshEvery;
    }

    /** The {@code size} lowest ids: with a vocabulary sorted by frequency, the most frequent words. */
    public static int[] firstIds(int size) {
        int[] ids = new int[size];
        Arrays.setAll(ids, i -> i);
        return ids;
    }

    /**
     * Called by workers as training advances: refreshes the lists if {@code step} has reached the
     * deadline and no other worker is already refreshing. Returns true if this call refreshed.
     */
    public boolean refreshIfDue(long step) {
        if (step < nextRefresh || !refreshing.compareAndSet(false, true)) {
            return false;
        }
        try {
            if (step < nextRefresh) {
                return false; // another worker refreshed in between
            }
            refresh(step);
            nextRefresh = step + refreshEvery;
            return true;
        } finally {
            refreshing.set(false);
        }
    }

    /** Recomputes every pool item's lists now, recording {@code step} as their age. */
    public void refresh(long step) {
        long start = System.nanoTime();
        Neighbors found = ExactSearch.search(table, pool, table, pool, depth, Metric.COSINE, true, threads);
        int[] next = new int[pool.length * depth];
        for (int q = 0; q < pool.length; q++) {
            for (int r = 0; r < depth; r++) {
                next[q * depth + r] = found.id(q, r);
            }
        }
        lists = next;
        lastRefreshStep = step;
        refreshSeconds += (System.nanoTime() - start) / 1e9;
        refreshes++;
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

    /** Refreshes done so far. */
    public long refreshes() {
        return refreshes;
    }

    /** Seconds spent in refreshes so far. */
    public double refreshSeconds() {
        return refreshSeconds;
    }

    /** Steps since the lists in use were computed, or -1 before the first refresh. */
    public long staleness(long step) {
        long last = lastRefreshStep;
        return last < 0 ? -1 : step - last;
    }
}
