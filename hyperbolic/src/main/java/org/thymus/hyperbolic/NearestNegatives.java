package org.thymus.hyperbolic;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.sampler.NeighborLists;
import org.thymus.core.table.EmbeddingTable;

/**
 * Mined hard negatives: for each node u, the {@code k} nodes nearest to u in the current
 * embedding among those u is not related to — exactly the nodes that outrank u's ancestors in the
 * reconstruction ranking, so the ones the loss should push. Uniform draws stop finding them once
 * the embedding is good (the loss flattens while the ranking still has errors). Exact search,
 * refreshed between epochs by {@link #refresh}; read by the workers through {@link NeighborLists}
 * (sample them with {@code BandSampler.ofAnchor}).
 */
public final class NearestNegatives implements NeighborLists {
    private final Hierarchy hierarchy;
    private final Geometry geometry;
    private final int k;
    private final int threads;
    private volatile int[] lists; // node u's neighbours at [u * k, u * k + counts[u])
    private volatile int[] counts;
    private double lastRefreshSeconds;

    public NearestNegatives(Hierarchy hierarchy, Geometry geometry, int k, int threads) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.hierarchy = hierarchy;
        this.geometry = geometry;
        this.k = k;
        this.threads = threads;
        this.counts = new int[hierarchy.nodeCount()];
        this.lists = new int[0];
    }

    /** Recomputes every list from {@code table}; call while no worker trains. */
    public void refresh(EmbeddingTable table) {
        long start = System.nanoTime();
        int n = hierarchy.nodeCount();
        DistanceKeys distances = new DistanceKeys(table, geometry);
        int[] newLists = new int[n * k];
        int[] newCounts = new int[n];
        AtomicInteger next = new AtomicInteger();
        Parallel.run(Math.max(1, threads), w -> {
            float[] keys = new float[n];
            float[] heapKeys = new float[k];
            int[] heapIds = new int[k];
            int u;
            while ((u = next.getAndIncrement()) < n) {
                if (hierarchy.outDegree(u) == 0) {
                    continue; // u is never an anchor
                }
                distances.compute(u, keys);
                keys[u] = Float.POSITIVE_INFINITY;
                int[] related = hierarchy.relatedArray();
                for (int i = hierarchy.relatedStart(u); i < hierarchy.relatedEnd(u); i++) {
                    keys[related[i]] = Float.POSITIVE_INFINITY;
                }
                int size = nearest(keys, n, heapKeys, heapIds);
                System.arraycopy(heapIds, 0, newLists, u * k, size);
                newCounts[u] = size;
            }
        });
        lists = newLists;
        counts = newCounts;
        lastRefreshSeconds = (System.nanoTime() - start) / 1e9;
    }

    /** The k smallest finite keys: a max-heap of the best so far, then sorted nearest first; returns how many. */
    private int nearest(float[] keys, int n, float[] heapKeys, int[] heapIds) {
        int size = 0;
        for (int j = 0; j < n; j++) {
            float key = keys[j];
            if (size < k) {
                if (key == Float.POSITIVE_INFINITY) {
                    continue;
                }
                int i = size++;
                while (i > 0 && heapKeys[(i - 1) / 2] < key) { // sift up
                    heapKeys[i] = heapKeys[(i - 1) / 2];
                    heapIds[i] = heapIds[(i - 1) / 2];
                    i = (i - 1) / 2;
                }
                heapKeys[i] = key;
                heapIds[i] = j;
            } else if (key < heapKeys[0]) {
                int i = 0; // replace the root, sift down
                while (true) {
                    int child = 2 * i + 1;
                    if (child >= k) {
                        break;
                    }
                    if (child + 1 < k && heapKeys[child + 1] > heapKeys[child]) {
                        child++;
                    }
                    if (heapKeys[child] <= key) {
                        break;
                    }
                    heapKeys[i] = heapKeys[child];
                    heapIds[i] = heapIds[child];
                    i = child;
                }
                heapKeys[i] = key;
                heapIds[i] = j;
            }
        }
        // Nearest first.
        long[] packed = new long[size];
        for (int i = 0; i < size; i++) {
            packed[i] = ((long) Float.floatToIntBits(heapKeys[i]) << 32) | heapIds[i];
        }
        Arrays.sort(packed); // non-negative floats sort like their bits
        for (int i = 0; i < size; i++) {
            heapIds[i] = (int) packed[i];
        }
        return size;
    }

    public double lastRefreshSeconds() {
        return lastRefreshSeconds;
    }

    @Override
    public int count(int item) {
        int[] c = counts;
        return item >= 0 && item < c.length ? c[item] : 0;
    }

    @Override
    public int neighbor(int item, int rank) {
        return lists[item * k + rank];
    }
}
