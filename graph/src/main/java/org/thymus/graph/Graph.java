package org.thymus.graph;

import java.util.Arrays;
import org.thymus.core.token.SymbolTable;
import org.thymus.core.token.TokenScanner;

/**
 * A graph in compressed sparse rows: node u's neighbours are {@code neighbourArray()[neighboursStart(u)
 * .. neighboursEnd(u))}, sorted ascending and without repeats, with their weights at the same places of
 * {@link #weightArray()} when the graph is weighted. An undirected edge is stored both ways (the lists
 * are symmetric); a directed edge u → v only in u's list, so a node's list is its out-neighbours.
 *
 * <p>Nodes are dense ids 0 .. n−1. A graph read from names maps them through a {@link SymbolTable}; a
 * graph built from numbered edges alone names each node by its decimal id. Self-loops are skipped
 * and repeated edges collapsed (in an undirected graph (u, v) and (v, u) are one edge); both are
 * counted. Memory is one int per node plus one int per stored neighbour (and one float per stored
 * weight): about 8 bytes an undirected edge; {@code graph/README.md} has the figures.
 */
public final class Graph {
    /** Array header of a {@code float[]} or {@code int[]} on a 64-bit JVM with compressed class pointers. */
    private static final int ARRAY_HEADER_BYTES = 16;

    private final boolean directed;
    private final int[] offsets;
    private final int[] neighbours;
    private final float[] weights;
    private final SymbolTable names; // empty when the nodes are numbered
    private final long selfLoopsSkipped;
    private final long duplicatesSkipped;

    private Graph(boolean directed, int[] offsets, int[] neighbours, float[] weights, SymbolTable names,
                  long selfLoopsSkipped, long duplicatesSkipped) {
        this.directed = directed;
        this.offsets = offsets;
        this.neighbours = neighbours;
        this.weights = weights;
        this.names = names;
        this.selfLoopsSkipped = selfLoopsSkipped;
        this.duplicatesSkipped = duplicatesSkipped;
    }

    /** A builder of an undirected graph: each edge is stored in both end nodes' lists. */
    public static Builder undirected() {
        return new Builder(false, new SymbolTable(), 0, false);
    }

    /** A builder of a directed graph: an edge u → v is stored in u's list only. */
    public static Builder directed() {
        return new Builder(true, new SymbolTable(), 0, false);
    }

    /**
     * A builder of a graph over this graph's nodes (same ids, same names, same direction) that takes
     * edges between them only: for a subgraph such as the residual of a link-prediction split.
     */
    public Builder builderWithSameNodes() {
        return new Builder(directed, names, nodeCount(), true);
    }

    public int nodeCount() {
        return offsets.length - 1;
    }

    /** Undirected edges (each stored twice) or directed edges. */
    public long edgeCount() {
        return directed ? neighbours.length : neighbours.length / 2;
    }

    public boolean isDirected() {
        return directed;
    }

    public boolean isWeighted() {
        return weights != null;
    }

    /** The number of neighbours of {@code node} (out-neighbours in a directed graph). */
    public int degree(int node) {
        return offsets[node + 1] - offsets[node];
    }

    /** Where {@code node}'s sorted neighbours start in {@link #neighbourArray()}. */
    public int neighboursStart(int node) {
        return offsets[node];
    }

    /** Where {@code node}'s neighbours end (exclusive) in {@link #neighbourArray()}. */
    public int neighboursEnd(int node) {
        return offsets[node + 1];
    }

    /** The shared neighbour lists; read only. */
    public int[] neighbourArray() {
        return neighbours;
    }

    /** The weights parallel to {@link #neighbourArray()}, or null for an unweighted graph; read only. */
    public float[] weightArray() {
        return weights;
    }

    /** True when there is an edge u → v (in an undirected graph, between u and v): a binary search in u's list. */
    public boolean hasEdge(int u, int v) {
        return Arrays.binarySearch(neighbours, offsets[u], offsets[u + 1], v) >= 0;
    }

    /** The name of {@code node}: as read, or its decimal id in a numbered graph. */
    public String name(int node) {
        return names.size() > 0 ? names.symbol(node) : Integer.toString(node);
    }

    /** The node called {@code name}, or -1. */
    public int node(String name) {
        if (names.size() > 0) {
            return names.find(name);
        }
        try {
            int id = Integer.parseInt(name);
            return id >= 0 && id < nodeCount() && Integer.toString(id).equals(name) ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public long selfLoopsSkipped() {
        return selfLoopsSkipped;
    }

    /** Repeated edges collapsed into one (in an undirected graph, (v, u) repeats (u, v)). */
    public long duplicatesSkipped() {
        return duplicatesSkipped;
    }

    /** Bytes held by the adjacency arrays (offsets, neighbours, weights); the names are not counted. */
    public long memoryBytes() {
        return arrayBytes(offsets.length) + arrayBytes(neighbours.length)
                + (weights == null ? 0 : arrayBytes(weights.length));
    }

    private static long arrayBytes(int length) {
        return ARRAY_HEADER_BYTES + 4L * length;
    }

    /**
     * Collects edges between named or numbered nodes and builds the compact graph. A builder takes
     * either names (then every id comes from {@link #node}) or numbers (ids ≥ 0, the node count one
     * past the largest), not both. Not thread-safe; used once.
     */
    public static final class Builder {
        /** The largest Java array: an undirected graph stores each edge twice in one. */
        static final int MAX_ENTRIES = Integer.MAX_VALUE - 8;

        private final boolean directed;
        private final SymbolTable names;
        private final boolean nodesFixed;
        private int nodeCount;
        private int[] from = new int[1024];
        private int[] to = new int[1024];
        private float[] weights; // allocated by the first weighted edge
        private int size;
        private long selfLoops;
        private boolean built;

        private Builder(boolean directed, SymbolTable names, int nodeCount, boolean nodesFixed) {
            this.directed = directed;
            this.names = names;
            this.nodeCount = nodeCount;
            this.nodesFixed = nodesFixed;
        }

        /** The id of the node called {@code name}, adding it if new (a node may have no edges). */
        public int node(String name) {
            int id = names.find(name);
            if (id >= 0) {
                return id;
            }
            if (nodesFixed) {
                throw new IllegalArgumentException("the graph has no node called " + name);
            }
            requireNewNamesAllowed();
            id = names.add(name);
            nodeCount = names.size();
            return id;
        }

        /** {@link #node(String)} straight from UTF-8 bytes; -1 if the name is new. */
        int find(byte[] bytes, int offset, int length) {
            return names.find(bytes, offset, length, TokenScanner.hashOf(bytes, offset, length));
        }

        /** Adds a new name from UTF-8 bytes (the caller has checked with {@link #find} and validated them). */
        int add(byte[] bytes, int offset, int length) {
            requireNewNamesAllowed();
            int id = names.add(bytes, offset, length, TokenScanner.hashOf(bytes, offset, length));
            nodeCount = names.size();
            return id;
        }

        private void requireNewNamesAllowed() {
            requireNotBuilt();
            if (nodesFixed) {
                throw new IllegalArgumentException("this builder takes the nodes of an existing graph, no new ones");
            }
            if (nodeCount > names.size()) {
                throw new IllegalStateException("this builder has numbered nodes: it takes numbers or names, not both");
            }
        }

        /** Adds the edge (u, v) between named nodes. */
        public Builder addEdge(String u, String v) {
            return addEdge(node(u), node(v));
        }

        /** Adds the edge (u, v) with a weight between named nodes. */
        public Builder addEdge(String u, String v, float weight) {
            return addEdge(node(u), node(v), weight);
        }

        /** Adds the edge (u, v) between node ids; an unweighted edge of a weighted graph weighs 1. */
        public Builder addEdge(int u, int v) {
            if (admit(u, v)) {
                append(u, v, 1);
            }
            return this;
        }

        /** Adds the edge (u, v) with a weight, which must be finite and positive; the graph becomes weighted. */
        public Builder addEdge(int u, int v, float weight) {
            if (!(weight > 0 && weight < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("an edge weight must be finite and positive, got " + weight);
            }
            if (admit(u, v)) {
                if (weights == null) {
                    weights = new float[from.length];
                    Arrays.fill(weights, 0, size, 1);
                }
                append(u, v, weight);
            }
            return this;
        }

        /** Checks both ids; false (and counted) for a self-loop, which is not stored. */
        private boolean admit(int u, int v) {
            requireNotBuilt();
            requireNode(u);
            requireNode(v);
            if (u == v) {
                selfLoops++;
                return false;
            }
            return true;
        }

        private void requireNode(int id) {
            if (id < 0) {
                throw new IllegalArgumentException("node ids are >= 0, got " + id);
            }
            if (id >= nodeCount) {
                if (nodesFixed || names.size() > 0) {
                    throw new IllegalArgumentException("node " + id + " does not exist (" + nodeCount + " nodes)");
                }
                nodeCount = id + 1;
            }
        }

        private void requireNotBuilt() {
            if (built) {
                throw new IllegalStateException("this builder has already built its graph");
            }
        }

        /** Stores the edge; its weight only once the graph is weighted. */
        private void append(int u, int v, float weight) {
            if (size == from.length) {
                int limit = directed ? MAX_ENTRIES : MAX_ENTRIES / 2;
                if (size == limit) {
                    throw new IllegalStateException("more than " + limit + " edges: the graph's arrays cannot hold them");
                }
                // Growth by half rather than doubling: less slack in the edge list of a large graph (README.md).
                int capacity = (int) Math.min(limit, size + (size >> 1) + 16L);
                from = Arrays.copyOf(from, capacity);
                to = Arrays.copyOf(to, capacity);
                if (weights != null) {
                    weights = Arrays.copyOf(weights, capacity);
                }
            }
            from[size] = u;
            to[size] = v;
            if (weights != null) {
                weights[size] = weight;
            }
            size++;
        }

        /** Edges added so far, before repeats are collapsed; self-loops not counted. */
        public long edgesAdded() {
            return size;
        }

        public long selfLoopsSkipped() {
            return selfLoops;
        }

        /** The compact graph: lists filled by a counting pass, then each sorted and its repeats dropped. */
        public Graph build() {
            requireNotBuilt();
            built = true;
            int n = nodeCount;
            int[] offsets = new int[n + 1];
            for (int i = 0; i < size; i++) {
                offsets[from[i] + 1]++;
                if (!directed) {
                    offsets[to[i] + 1]++;
                }
            }
            for (int u = 0; u < n; u++) {
                offsets[u + 1] += offsets[u];
            }
            int[] neighbours = new int[offsets[n]];
            float[] listWeights = weights == null ? null : new float[offsets[n]];
            int[] fill = Arrays.copyOf(offsets, n);
            for (int i = 0; i < size; i++) {
                int at = fill[from[i]]++;
                neighbours[at] = to[i];
                if (listWeights != null) {
                    listWeights[at] = weights[i];
                }
                if (!directed) {
                    at = fill[to[i]]++;
                    neighbours[at] = from[i];
                    if (listWeights != null) {
                        listWeights[at] = weights[i];
                    }
                }
            }
            from = null; // the edge list is no longer needed: let it go before the lists are compacted
            to = null;
            weights = null;
            return compact(directed, offsets, neighbours, listWeights, names, selfLoops);
        }
    }

    /** Sorts and deduplicates filled lists and makes the graph of them. */
    private static Graph compact(boolean directed, int[] offsets, int[] neighbours, float[] weights,
                                 SymbolTable names, long selfLoops) {
        long removed = sortAndCollapse(offsets, neighbours, weights);
        int kept = offsets[offsets.length - 1];
        if (kept < neighbours.length) {
            neighbours = Arrays.copyOf(neighbours, kept);
            weights = weights == null ? null : Arrays.copyOf(weights, kept);
        }
        // An undirected repeat is removed from both end nodes' lists.
        long duplicates = directed ? removed : removed / 2;
        return new Graph(directed, offsets, neighbours, weights, names, selfLoops, duplicates);
    }

    /**
     * Builds a graph whose lists are sized before their edges come: an edge list read twice, once to
     * name the nodes and count each node's list ({@link #count}), once to fill the lists
     * ({@link #fill}). No edge list is kept, so reading peaks at the lists themselves (4 bytes an
     * entry, 8 with weights; two entries an undirected edge) plus two ints a node and the names,
     * where {@link Builder} also holds the edge list (100 M edges: 1.3 GB instead of over 2 GB).
     */
    static final class CountedBuilder {
        private final boolean directed;
        private final SymbolTable names = new SymbolTable();
        private int[] counts = new int[1024];
        private long entries;
        private long edges;
        private long selfLoops;
        private int[] offsets;
        private int[] next;
        private int[] neighbours;
        private float[] weights;

        CountedBuilder(boolean directed) {
            this.directed = directed;
        }

        /** The id of a name from UTF-8 bytes, or -1 if it is new. */
        int find(byte[] bytes, int offset, int length) {
            return names.find(bytes, offset, length, TokenScanner.hashOf(bytes, offset, length));
        }

        /** Adds a new name (first pass only). */
        int add(byte[] bytes, int offset, int length) {
            int id = names.add(bytes, offset, length, TokenScanner.hashOf(bytes, offset, length));
            if (id == counts.length) {
                counts = Arrays.copyOf(counts, counts.length + (counts.length >> 1));
            }
            return id;
        }

        /** First pass: one more entry in u's list (and v's, undirected); a self-loop is only counted. */
        void count(int u, int v) {
            if (u == v) {
                selfLoops++;
                return;
            }
            entries += directed ? 1 : 2;
            if (entries > Builder.MAX_ENTRIES) {
                throw new IllegalStateException("more than " + (directed ? Builder.MAX_ENTRIES : Builder.MAX_ENTRIES / 2)
                        + " edges: the graph's arrays cannot hold them");
            }
            counts[u]++;
            if (!directed) {
                counts[v]++;
            }
            edges++;
        }

        long edgesCounted() {
            return edges;
        }

        long selfLoopsSkipped() {
            return selfLoops;
        }

        /** Between the passes: the lists, sized by the counts. */
        void allocate(boolean weighted) {
            int n = names.size();
            offsets = new int[n + 1];
            for (int u = 0; u < n; u++) {
                offsets[u + 1] = offsets[u] + counts[u];
            }
            counts = null;
            next = Arrays.copyOf(offsets, n);
            neighbours = new int[offsets[n]];
            weights = weighted ? new float[offsets[n]] : null;
        }

        /** Second pass: the edge (u, v) into the lists (self-loops skipped, as counted). */
        void fill(int u, int v, float weight) {
            if (u == v) {
                return;
            }
            int at = next[u]++;
            neighbours[at] = v;
            if (weights != null) {
                weights[at] = weight;
            }
            if (!directed) {
                at = next[v]++;
                neighbours[at] = u;
                if (weights != null) {
                    weights[at] = weight;
                }
            }
        }

        Graph build() {
            next = null;
            return compact(directed, offsets, neighbours, weights, names, selfLoops);
        }
    }

    /**
     * Sorts each node's list and keeps one entry per neighbour, compacting the lists towards the
     * front and rewriting {@code offsets}; a repeated edge keeps the largest of its weights (so
     * both lists of an undirected edge agree whatever order the repeats came in). Returns the
     * number of entries removed.
     */
    private static long sortAndCollapse(int[] offsets, int[] neighbours, float[] weights) {
        long removed = 0;
        long[] packed = weights == null ? null : new long[maxDegree(offsets)];
        int out = 0;
        int start = 0;
        for (int u = 0; u < offsets.length - 1; u++) {
            int end = offsets[u + 1];
            if (weights == null) {
                Arrays.sort(neighbours, start, end);
            } else {
                sortByNeighbourThenWeight(neighbours, weights, start, end, packed);
            }
            int listStart = out;
            for (int i = start; i < end; i++) {
                if (out > listStart && neighbours[out - 1] == neighbours[i]) {
                    removed++;
                    if (weights != null) {
                        weights[out - 1] = weights[i]; // sorted by weight too: the last is the largest
                    }
                    continue;
                }
                neighbours[out] = neighbours[i];
                if (weights != null) {
                    weights[out] = weights[i];
                }
                out++;
            }
            offsets[u + 1] = out;
            start = end;
        }
        return removed;
    }

    /** Positive floats order like their bit patterns, so (neighbour, weight) sorts as one long. */
    private static void sortByNeighbourThenWeight(int[] neighbours, float[] weights, int start, int end,
                                                  long[] packed) {
        int length = end - start;
        for (int i = 0; i < length; i++) {
            packed[i] = ((long) neighbours[start + i] << 32) | Float.floatToRawIntBits(weights[start + i]);
        }
        Arrays.sort(packed, 0, length);
        for (int i = 0; i < length; i++) {
            neighbours[start + i] = (int) (packed[i] >>> 32);
            weights[start + i] = Float.intBitsToFloat((int) packed[i]);
        }
    }

    private static int maxDegree(int[] offsets) {
        int max = 0;
        for (int u = 0; u + 1 < offsets.length; u++) {
            max = Math.max(max, offsets[u + 1] - offsets[u]);
        }
        return max;
    }
}
