package org.thymus.retrieval;

import org.thymus.core.ann.HnswIndex;
import org.thymus.core.ann.HnswSearcher;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.table.EmbeddingTable;

/**
 * Hard negatives from the item tower itself (ANCE): an HNSW index over every item's current
 * vector, rebuilt every {@code refreshEvery} batches, answers "which items does this query score
 * highest", and a negative is the item at a random rank of the band [low, high) of that list. The
 * top ranks are skipped by default because they hold the most likely false negatives.
 *
 * <p>The worker whose batch reaches the deadline rebuilds the index inline (others keep using the
 * old one meanwhile), so a one-thread run is reproducible. Each draw records its staleness: the
 * batches since the index it used was built.
 */
final class HardNegativeMiner {
    private static final int M = 16;
    private static final int EF_CONSTRUCTION = 100;

    private final TwoTowerModel model;
    private final int low;
    private final int high;
    private final int refreshEvery;
    private final long seed;
    private volatile HnswIndex index;
    private volatile long builtAt = Long.MIN_VALUE;
    private long refreshes;
    private double refreshSeconds;

    HardNegativeMiner(TwoTowerModel model, int low, int high, int refreshEvery, long seed) {
        this.model = model;
        this.low = low;
        this.high = high;
        this.refreshEvery = refreshEvery;
        this.seed = seed;
    }

    /** Rebuilds the index if it is {@code refreshEvery} batches old at batch {@code step}. */
    void refreshIfDue(long step) {
        if (step - builtAt < refreshEvery && index != null) {
            return;
        }
        synchronized (this) {
            if (step - builtAt < refreshEvery && index != null) {
                return;
            }
            long start = System.nanoTime();
            EmbeddingTable vectors = model.itemVectors(1);
            index = HnswIndex.build(vectors, model.similarity(), M, EF_CONSTRUCTION, 1, seed + refreshes);
            builtAt = step;
            refreshes++;
            refreshSeconds += (System.nanoTime() - start) / 1e9;
        }
    }

    /** Per-thread search state: a searcher bound to one index, and the scratch of its results. */
    final class Cursor {
        private HnswIndex boundTo;
        private HnswSearcher searcher;
        private final int[] ids = new int[high];
        private final float[] scores = new float[high];
        long staleness;

        /**
         * A hard negative for the query vector {@code q[off..)} whose positive is {@code positive},
         * skipping items {@code skip} rejects, or {@link NegativeSampler#NONE}.
         */
        int draw(float[] q, int off, long step, FastRandom rng, java.util.function.IntPredicate skip) {
            HnswIndex current = index;
            if (current != boundTo) {
                boundTo = current;
                searcher = current.searcher();
            }
            staleness = step - builtAt;
            int found = searcher.search(q, off, high, Math.max(high, 64), ids, scores, 0);
            int from = Math.min(low, found);
            if (found <= from) {
                return NegativeSampler.NONE;
            }
            for (int attempt = 0; attempt < 8; attempt++) {
                int item = ids[from + rng.nextInt(found - from)];
                if (!skip.test(item)) {
                    return item;
                }
            }
            return NegativeSampler.NONE;
        }
    }

    Cursor cursor() {
        return new Cursor();
    }

    long refreshes() {
        return refreshes;
    }

    double refreshSeconds() {
        return refreshSeconds;
    }
}
