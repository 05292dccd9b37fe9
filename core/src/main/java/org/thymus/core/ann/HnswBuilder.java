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
    /** A list written while other builders added to it: the union, and its keys. */
    private final int[] mergeIds;
    private final long[] mergeKeys;

    HnswBuilder(HnswGraph graph) {
        this.graph = graph;
        this.searcher = new HnswSearcher(graph);
        this.found = new long[graph.efConstruction + 1];
        this.selected = new int[graph.maxM0 + 1];
        this.pruneKeys = new long[graph.maxM0 + 1];
        this.pruneSelected = new int[graph.maxM0 + 1];
        this.mergeIds = new int[graph.m + graph.maxM0];
        this.mergeKeys = new long[graph.m + graph.maxM0];
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
            int entries = 0; // what the layer above found: the entry points of the next (the paper's ep <- W)
            for (int lc = Math.min(level, maxLevel); lc >= 0; lc--) {
                searcher.start(st);
                searcher.enter(cur);
                for (int i = 0; i < entries; i++) {
                    searcher.enter(found[i]);
                }
                searcher.searchLayer(q, qOff, st, lc, graph.efConstruction);
                if (found.length < searcher.resultCount()) {
                    found = new long[searcher.resultCount()];
                }
                // The node itself is left out: being relinked, or reached through a link another
                // builder has just made to it.
                int n = searcher.drainAscending(found, node);
                entries = n;
                if (n == 0) {
                    continue;
                }
                cur = found[n - 1];
                int count = select(st, found, n, graph.m, selected);
                setLinks(st, node, lc, selected, count, !relink);
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

    /**
     * Writes the lists of {@code node} on {@code level}. With {@code merge}, links that other
     * builders added to the list since this insert began are kept (another thread can reach the
     * node on an upper layer before its layer-0 list is written, and link to it there): the union
     * is written, re-selected with the heuristic if it is over capacity. Without the merge such a
     * link would be lost one way, which on a thin graph can cut it in two.
     */
    private void setLinks(HnswGraph.Storage st, int node, int level, int[] ids, int count, boolean merge) {
        synchronized (graph.lock(node)) {
            int[] list = level == 0 ? st.links0 : st.upper[node];
            int base = level == 0 ? node * (graph.maxM0 + 1) : (level - 1) * (graph.m + 1);
            int existing = list[base];
            if (!merge || existing == 0) {
                System.arraycopy(ids, 0, list, base + 1, count);
                list[base] = count;
                return;
            }
            int capacity = level == 0 ? graph.maxM0 : graph.m;
            int[] union = mergeIds;
            int n = 0;
            for (int i = 0; i < count; i++) {
                union[n++] = ids[i];
            }
            for (int i = 1; i <= existing; i++) {
                int e = list[base + i];
                boolean seen = false;
                for (int j = 0; j < count && !seen; j++) {
                    seen = ids[j] == e;
                }
                if (!seen) {
                    union[n++] = e;
                }
            }
            if (n > capacity) {
                float[] v = graph.shard(st, node);
                int off = graph.offset(node);
                for (int i = 0; i < n; i++) {
                    mergeKeys[i] = ScoredIds.pack(graph.score(v, off, st, union[i]), union[i]);
                }
                Arrays.sort(mergeKeys, 0, n);
                n = select(st, mergeKeys, n, capacity, union);
            }
            System.arraycopy(union, 0, list, base + 1, n);
            list[base] = n;
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
