package org.thymus.core.ann;

import java.util.Arrays;

/**
 * Links nodes into an {@link HnswGraph}: the insertion of the HNSW paper (greedy descent to the
 * node's level, then a best-first search with {@code efConstruction} on each layer below) with its
 * heuristic neighbour selection (a candidate is kept only if it is closer to the new node than to
 * every neighbour kept before it, which keeps links pointing in different directions). The new
 * node gets M links on every layer, as in hnswlib; a neighbour whose list is full (M, or 2M on
 * layer 0) re-selects from its list plus the new node.
 *
 * <p>One builder a thread; builders of one graph run concurrently (a node's lists are written
 * under its stripe lock, never two locks at once).
 */
final class HnswBuilder {
    private final HnswGraph graph;
    private final HnswSearcher searcher;
    /** The layer's candidates, ascending. */
    private long[] found;
    /** The new node's selected neighbours. */
    private final int[] selected;
    /** A full neighbour's list plus the new node, ascending, and what is kept of it. */
    private final long[] pruneKeys;
    private final int[] pruneSelected;

    HnswBuilder(HnswGraph graph) {
        this.graph = graph;
        this.searcher = new HnswSearcher(graph);
        this.found = new long[graph.efConstruction + 1];
        this.selected = new int[graph.maxM0 + 1];
        this.pruneKeys = new long[graph.maxM0 + 1];
        this.pruneSelected = new int[graph.maxM0 + 1];
    }

    /**
     * Links {@code node}, whose vector and upper-layer arrays are stored, into the graph. With
     * {@code relink} the node is already linked (its vector moved): its lists are chosen anew.
     */
    void link(HnswGraph.Storage st, int node, boolean relink) {
        int level = graph.nodeLevel(st, node);
        long e = graph.entry();
        boolean top = false;
        if (e < 0 || level > (int) (e >>> 32)) {
            graph.entryLock.lock();
            e = graph.entry();
            top = e < 0 || level > (int) (e >>> 32);
            if (!top) {
                graph.entryLock.unlock();
            }
        }
        try {
            if (e < 0) {
                graph.setEntry(node, level);
                return;
            }
            int entryNode = (int) e;
            int maxLevel = (int) (e >>> 32);
            float[] q = graph.shard(st, node);
            int qOff = graph.offset(node);
            long cur = ScoredIds.pack(graph.score(q, qOff, st, entryNode), entryNode);
            for (int lc = maxLevel; lc > level; lc--) {
                cur = searcher.greedy(q, qOff, st, cur, lc);
            }
            for (int lc = Math.min(level, maxLevel); lc >= 0; lc--) {
                searcher.start(st);
                searcher.enter(cur);
                searcher.searchLayer(q, qOff, st, lc, graph.efConstruction);
                if (found.length < searcher.resultCount()) {
                    found = new long[searcher.resultCount()];
                }
                int n = searcher.drainAscending(found, relink ? node : -1);
                if (n == 0) {
                    continue;
                }
                cur = found[n - 1];
                int count = select(st, found, n, graph.m, selected);
                setLinks(st, node, lc, selected, count);
                for (int i = 0; i < count; i++) {
                    addLink(st, selected[i], node, lc);
                }
            }
            if (top) {
                graph.setEntry(node, level);
            }
        } finally {
            if (top) {
                graph.entryLock.unlock();
            }
        }
    }

    /**
     * The heuristic selection: walks {@code keys[0 .. n)} from the best (the end) and keeps a
     * candidate unless it is closer to a node already kept than to the target. Returns how many
     * of at most {@code max} were written to {@code out}.
     */
    private int select(HnswGraph.Storage st, long[] keys, int n, int max, int[] out) {
        int count = 0;
        for (int i = n - 1; i >= 0 && count < max; i--) {
            long key = keys[i];
            int c = ScoredIds.id(key);
            float toTarget = ScoredIds.score(key);
            float[] cv = graph.shard(st, c);
            int cOff = graph.offset(c);
            boolean keep = true;
            for (int j = 0; j < count; j++) {
                if (graph.score(cv, cOff, st, out[j]) > toTarget) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                out[count++] = c;
            }
        }
        return count;
    }

    private void setLinks(HnswGraph.Storage st, int node, int level, int[] ids, int count) {
        synchronized (graph.lock(node)) {
            int[] list = level == 0 ? st.links0 : st.upper[node];
            int base = level == 0 ? node * (graph.maxM0 + 1) : (level - 1) * (graph.m + 1);
            System.arraycopy(ids, 0, list, base + 1, count);
            list[base] = count;
        }
    }

    /** Adds {@code node} to the list of {@code n} on {@code level}, re-selecting if it is full. */
    private void addLink(HnswGraph.Storage st, int n, int node, int level) {
        synchronized (graph.lock(n)) {
            int[] list = level == 0 ? st.links0 : st.upper[n];
            int base = level == 0 ? n * (graph.maxM0 + 1) : (level - 1) * (graph.m + 1);
            int capacity = level == 0 ? graph.maxM0 : graph.m;
            int count = list[base];
            for (int i = 1; i <= count; i++) {
                if (list[base + i] == node) {
                    return;
                }
            }
            if (count < capacity) {
                list[base + 1 + count] = node;
                list[base] = count + 1;
                return;
            }
            float[] nv = graph.shard(st, n);
            int nOff = graph.offset(n);
            for (int i = 0; i < count; i++) {
                int e = list[base + 1 + i];
                pruneKeys[i] = ScoredIds.pack(graph.score(nv, nOff, st, e), e);
            }
            pruneKeys[count] = ScoredIds.pack(graph.score(nv, nOff, st, node), node);
            Arrays.sort(pruneKeys, 0, count + 1);
            int kept = select(st, pruneKeys, count + 1, capacity, pruneSelected);
            System.arraycopy(pruneSelected, 0, list, base + 1, kept);
            list[base] = kept;
        }
    }
}
