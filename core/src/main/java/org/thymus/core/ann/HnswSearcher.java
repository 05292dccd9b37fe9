package org.thymus.core.ann;

import java.util.Arrays;
import org.thymus.core.kernel.Kernels;

/**
 * The search of one thread over an {@link HnswIndex}: its scratch (a visited set reset by bumping
 * a generation byte rather than by clearing, the two heaps of packed (score, id) longs, a padded
 * query buffer) is allocated once and reused, so a search allocates nothing. Not thread-safe: one
 * searcher a thread (see {@link HnswIndex#searcher()}).
 */
public final class HnswSearcher {
    private static final Kernels KERNELS = Kernels.get();

    private final HnswGraph graph;
    /** visited[node] == generation means seen in this search. */
    private byte[] visited = new byte[0];
    private byte generation;
    /** Complements of packed keys: a max-heap, best candidate first. */
    final LongHeap candidates = new LongHeap(256);
    /** Packed keys: a min-heap of the best ef found, worst at the root. */
    final LongHeap results = new LongHeap(256);
    private final float[] query;
    /** The unvisited neighbours of the node being expanded. */
    private final int[] pending;
    private final float[] pendingScores;

    HnswSearcher(HnswGraph graph) {
        this.graph = graph;
        this.query = new float[graph.stride];
        this.pending = new int[graph.maxM0];
        this.pendingScores = new float[graph.maxM0];
    }

    /**
     * The {@code k} nearest stored vectors to {@code vector[off .. off+dim)}, searched with a
     * candidate list of {@code max(ef, k)}. Writes ids (best first) and scores at
     * {@code outOff}, pads with id -1 / negative infinity, and returns how many were found.
     */
    public int search(float[] vector, int off, int k, int ef, int[] ids, float[] scores, int outOff) {
        if (k < 1 || ef < 1) {
            throw new IllegalArgumentException("k and ef must be >= 1, got " + k + " and " + ef);
        }
        int dim = graph.dim;
        System.arraycopy(vector, off, query, 0, dim);
        if (graph.metric == Metric.COSINE) {
            double squares = ExactSearch.squares(query, 0, dim);
            if (squares > 0) {
                KERNELS.scale((float) (1 / Math.sqrt(squares)), query, 0, dim);
            }
        }
        long e = graph.entry();
        HnswGraph.Storage st = graph.storage; // after the entry: never older than it
        int found = 0;
        if (e >= 0) {
            int entryNode = (int) e;
            long cur = ScoredIds.pack(graph.score(query, 0, st, entryNode), entryNode);
            for (int level = (int) (e >>> 32); level >= 1; level--) {
                cur = greedy(query, 0, st, cur, level);
            }
            start(st);
            enter(cur);
            searchLayer(query, 0, st, 0, Math.max(ef, k));
            while (results.size() > k) {
                results.pop();
            }
            found = results.size();
            for (int i = found - 1; i >= 0; i--) {
                long key = results.pop();
                ids[outOff + i] = ScoredIds.id(key);
                scores[outOff + i] = ScoredIds.score(key);
            }
        }
        Arrays.fill(ids, outOff + found, outOff + k, -1);
        Arrays.fill(scores, outOff + found, outOff + k, Float.NEGATIVE_INFINITY);
        return found;
    }

    /** Greedy descent on one upper layer: moves to a better neighbour until there is none. */
    long greedy(float[] q, int qOff, HnswGraph.Storage st, long cur, int level) {
        int stride = graph.m + 1;
        int base = (level - 1) * stride;
        boolean changed = true;
        while (changed) {
            changed = false;
            int[] up = st.upper[ScoredIds.id(cur)];
            int count = up[base];
            for (int i = 1; i <= count; i++) {
                int n = up[base + i];
                long key = ScoredIds.pack(graph.score(q, qOff, st, n), n);
                if (key > cur) {
                    cur = key;
                    changed = true;
                }
            }
        }
        return cur;
    }

    /** Starts a layer search: empty heaps, a fresh visited generation. */
    void start(HnswGraph.Storage st) {
        candidates.clear();
        results.clear();
        if (visited.length < st.capacity) {
            visited = new byte[st.capacity];
            generation = 0;
        }
        if (++generation == 0) {
            Arrays.fill(visited, (byte) 0);
            generation = 1;
        }
    }

    /** Adds an entry point to the search started by {@link #start}. */
    void enter(long key) {
        int node = ScoredIds.id(key);
        if (visited[node] != generation) {
            visited[node] = generation;
            candidates.push(~key);
            results.push(key);
        }
    }

    /** The best-first search of one layer (the HNSW paper's SEARCH-LAYER) from the entered points. */
    void searchLayer(float[] q, int qOff, HnswGraph.Storage st, int level, int ef) {
        byte[] seen = visited;
        byte gen = generation;
        LongHeap cand = candidates;
        LongHeap res = results;
        int[] links0 = st.links0;
        int stride0 = graph.maxM0 + 1;
        int upperBase = (level - 1) * (graph.m + 1);
        while (cand.size() > 0) {
            long best = ~cand.peek();
            if (res.size() >= ef && best < res.peek()) {
                break;
            }
            cand.pop();
            int node = ScoredIds.id(best);
            int[] list;
            int base;
            if (level == 0) {
                list = links0;
                base = node * stride0;
            } else {
                list = st.upper[node];
                base = upperBase;
            }
            int count = list[base];
            // The unvisited neighbours, then their scores, then the heaps: the scores are a loop of
            // independent kernel calls with no branch on their results, so their loads overlap.
            int[] fresh = pending;
            int n = 0;
            for (int i = 1; i <= count; i++) {
                int id = list[base + i];
                if (seen[id] != gen) {
                    seen[id] = gen;
                    fresh[n++] = id;
                }
            }
            float[] scores = pendingScores;
            for (int i = 0; i < n; i++) {
                scores[i] = graph.score(q, qOff, st, fresh[i]);
            }
            for (int i = 0; i < n; i++) {
                int id = fresh[i];
                long key = ScoredIds.pack(scores[i], id);
                if (res.size() < ef) {
                    cand.push(~key);
                    res.push(key);
                } else if (key > res.peek()) {
                    cand.push(~key);
                    res.replaceTop(key);
                }
            }
        }
    }

    /**
     * Empties the results into {@code out} in ascending order (worst first), leaving out
     * {@code exclude}; returns how many were written. {@code out} must hold the results.
     */
    int drainAscending(long[] out, int exclude) {
        int n = 0;
        while (results.size() > 0) {
            long key = results.pop();
            if (ScoredIds.id(key) != exclude) {
                out[n++] = key;
            }
        }
        return n;
    }

    int resultCount() {
        return results.size();
    }
}
