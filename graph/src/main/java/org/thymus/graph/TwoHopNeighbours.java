package org.thymus.graph;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.sampler.NeighborLists;

/**
 * Topological hard negatives: for each node u of an undirected graph, up to K nodes at distance
 * exactly 2 — neighbours of u's neighbours that are neither u nor its neighbours — best first by
 * their common neighbours with u, or by Adamic–Adar (Σ 1 / ln deg(w) over the common neighbours w).
 * These are the pairs a link predictor finds most plausible without an edge: hard negatives, and the
 * likeliest false ones (future links), which is why a sampler may skip the first ranks. Drawn through
 * core's {@link org.thymus.core.sampler.BandSampler#ofAnchor}: uniform over the ranks of a band of
 * the anchor's list.
 *
 * <p>The lists are computed once, in parallel, with a bounded amount of work per node: a hub's full
 * two-hop neighbourhood is most of the graph. When the lists of u's neighbours hold more than
 * {@code budget} entries in all (neighbours whose only neighbour is u do not count: they lead
 * nowhere), they are read lowest-degree neighbour first (the neighbours that Adamic–Adar weighs
 * most, and the most specific evidence for common neighbours) until the budget is spent; the last
 * list read may be read in part, a window at an offset fixed by (u, w) so that no part of a hub's
 * list is always preferred. Within the budget the scores are exact. The whole build reads at most
 * nodes × budget list entries, plus a sort of each over-budget node's neighbours by degree. Ties are
 * broken by a per-node scramble of the ids, not by id, so low ids are not favoured. Lists depend on
 * the graph and the settings only, not on the threads.
 *
 * <p>Memory: the lists, at most K ints a node, plus one int a node of list starts (stored in chunks
 * of 1,024 nodes, so no array needs more than 2^31 entries). While building, each thread holds a
 * float a node of scores and scratch arrays of {@code budget} entries.
 */
public final class TwoHopNeighbours implements NeighborLists {
    /** How candidates are ranked. */
    public enum Score { COMMON_NEIGHBOURS, ADAMIC_ADAR }

    public static final int DEFAULT_DEPTH = 50;
    /** Neighbour-list entries read per node: exact scores for nodes whose neighbours' degrees sum to at most this. */
    public static final int DEFAULT_BUDGET = 10_000;

    private static final int CHUNK_SHIFT = 10;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    private final int nodeCount;
    private final int depth;
    private final int[][] starts; // per chunk of nodes: where each node's list starts in lists[chunk], and the end
    private final int[][] lists;
    private final long truncated;

    private TwoHopNeighbours(int nodeCount, int depth, int[][] starts, int[][] lists, long truncated) {
        this.nodeCount = nodeCount;
        this.depth = depth;
        this.starts = starts;
        this.lists = lists;
        this.truncated = truncated;
    }

    /**
     * Computes every node's list of its {@code depth} best two-hop nodes by {@code score}, reading at
     * most {@code budget} neighbour-list entries a node, on {@code threads} threads.
     */
    public static TwoHopNeighbours build(Graph graph, Score score, int depth, int budget, int threads) {
        if (graph.isDirected()) {
            throw new IllegalArgumentException("two-hop negatives need an undirected graph: in a directed one, "
                    + "distance and common neighbours are not symmetric");
        }
        if (depth < 1) {
            throw new IllegalArgumentException("the two-hop list length must be >= 1, got " + depth);
        }
        if (budget < 1) {
            throw new IllegalArgumentException("the two-hop work budget must be >= 1, got " + budget);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int n = graph.nodeCount();
        int chunks = (n + CHUNK - 1) >>> CHUNK_SHIFT;
        int[][] starts = new int[chunks][];
        int[][] lists = new int[chunks][];
        AtomicInteger next = new AtomicInteger();
        LongAdder truncated = new LongAdder();
        Parallel.run(Math.max(1, Math.min(threads, chunks)), worker -> {
            Scan scan = new Scan(graph, score, depth, budget);
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                int first = c << CHUNK_SHIFT;
                int last = Math.min(n, first + CHUNK);
                int[] chunkStarts = new int[last - first + 1];
                for (int u = first; u < last; u++) {
                    chunkStarts[u - first] = scan.size;
                    scan.appendList(u);
                }
                chunkStarts[last - first] = scan.size;
                starts[c] = chunkStarts;
                lists[c] = Arrays.copyOf(scan.out, scan.size);
                scan.size = 0;
            }
            truncated.add(scan.truncated);
        });
        return new TwoHopNeighbours(n, depth, starts, lists, truncated.sum());
    }

    @Override
    public int count(int node) {
        if (node < 0 || node >= nodeCount) {
            return 0;
        }
        int[] s = starts[node >>> CHUNK_SHIFT];
        int i = node & (CHUNK - 1);
        return s[i + 1] - s[i];
    }

    @Override
    public int neighbor(int node, int rank) {
        int c = node >>> CHUNK_SHIFT;
        return lists[c][starts[c][node & (CHUNK - 1)] + rank];
    }

    /** The longest list kept (K). */
    public int depth() {
        return depth;
    }

    /** Nodes whose neighbours' lists exceeded the budget: their scores count only what was read. */
    public long truncatedNodes() {
        return truncated;
    }

    /** Bytes held by the lists and their starts. */
    public long memoryBytes() {
        long bytes = 0;
        for (int c = 0; c < starts.length; c++) {
            bytes += 32 + 4L * (starts[c].length + lists[c].length); // two array headers
        }
        return bytes;
    }

    /** One thread's scratch space and its output buffer for the current chunk. */
    private static final class Scan {
        /** Odd, so multiplying by it permutes the ints (modulo 2^32); {@link #UNSPREAD} is its inverse. */
        private static final int SPREAD = 0x9E3779B9;
        private static final int UNSPREAD = 0x144CBC89;
        /** Marks u and its neighbours in {@link #total}: never candidates. */
        private static final float EXCLUDED = -1;

        private final Graph graph;
        private final int[] neighbours;
        private final Score score;
        private final int depth;
        private final int budget;
        private final float[] total; // a touched candidate's score so far; 0 untouched
        private final int[] touched;
        private final long[] keys;
        private long[] order = new long[16];
        private int[] out = new int[CHUNK];
        private int size;
        private long truncated;

        Scan(Graph graph, Score score, int depth, int budget) {
            this.graph = graph;
            this.neighbours = graph.neighbourArray();
            this.score = score;
            this.depth = depth;
            this.budget = budget;
            this.total = new float[graph.nodeCount()];
            // At most one candidate per entry read, and entries read <= budget (or their sum, when smaller).
            int capacity = Math.min(budget, graph.nodeCount());
            this.touched = new int[capacity];
            this.keys = new long[capacity];
        }

        /** Appends u's list, best first, to {@link #out}. */
        void appendList(int u) {
            int start = graph.neighboursStart(u);
            int end = graph.neighboursEnd(u);
            total[u] = EXCLUDED;
            long work = 0;
            for (int i = start; i < end; i++) {
                total[neighbours[i]] = EXCLUDED;
                int degree = graph.degree(neighbours[i]);
                work += degree < 2 ? 0 : degree; // a neighbour whose only neighbour is u leads nowhere
            }
            int count = 0;
            if (work <= budget) {
                for (int i = start; i < end; i++) {
                    count = visit(neighbours[i], 0, graph.degree(neighbours[i]), count);
                }
            } else {
                truncated++;
                count = visitLowestDegreeFirst(u, start, end);
            }
            keep(u, count);
            for (int i = 0; i < count; i++) {
                total[touched[i]] = 0;
            }
            total[u] = 0;
            for (int i = start; i < end; i++) {
                total[neighbours[i]] = 0;
            }
        }

        /** Reads u's neighbours' lists in ascending order of degree until the budget is spent. */
        private int visitLowestDegreeFirst(int u, int start, int end) {
            if (order.length < end - start) {
                order = new long[Math.max(end - start, 2 * order.length)];
            }
            int d = 0;
            for (int i = start; i < end; i++) {
                int w = neighbours[i];
                if (graph.degree(w) >= 2) {
                    order[d++] = ((long) graph.degree(w) << 32) | w;
                }
            }
            Arrays.sort(order, 0, d);
            int count = 0;
            long remaining = budget;
            for (int i = 0; i < d && remaining > 0; i++) {
                int w = (int) order[i];
                int degree = graph.degree(w);
                int steps = (int) Math.min(degree, remaining);
                int offset = steps == degree ? 0 : (int) Long.remainderUnsigned(mix(((long) u << 32) | w), degree);
                count = visit(w, offset, steps, count);
                remaining -= steps;
            }
            return count;
        }

        /** Adds w's weight to {@code steps} entries of w's list from {@code offset}, wrapping around. */
        private int visit(int w, int offset, int steps, int count) {
            int degree = graph.degree(w);
            if (degree < 2) {
                return count; // its only neighbour is u
            }
            // Adamic–Adar's weight is finite: w has u and at least one other neighbour.
            float weight = score == Score.COMMON_NEIGHBOURS ? 1 : (float) (1 / Math.log(degree));
            int from = graph.neighboursStart(w);
            int firstPart = Math.min(steps, degree - offset);
            count = accumulate(from + offset, from + offset + firstPart, weight, count);
            return accumulate(from, from + steps - firstPart, weight, count);
        }

        private int accumulate(int from, int to, float weight, int count) {
            for (int i = from; i < to; i++) {
                int x = neighbours[i];
                float t = total[x];
                if (t < 0) {
                    continue;
                }
                if (t == 0) {
                    touched[count++] = x;
                }
                total[x] = t + weight;
            }
            return count;
        }

        /**
         * Sorts the candidates by score (descending), ties by scrambled id, and appends the best
         * {@link #depth}. The scramble (x · SPREAD) XOR mix(u) is a bijection of the ints, so the id
         * is recovered from the key and each node breaks its ties in an order of its own.
         */
        private void keep(int u, int count) {
            int scramble = (int) mix(u);
            for (int i = 0; i < count; i++) {
                int x = touched[i];
                // A positive float orders like its bits: subtracting them from MAX_VALUE sorts the best first.
                long rank = Integer.MAX_VALUE - Float.floatToIntBits(total[x]);
                keys[i] = (rank << 32) | (((x * SPREAD) ^ scramble) & 0xFFFFFFFFL);
            }
            Arrays.sort(keys, 0, count);
            int kept = Math.min(depth, count);
            if (out.length < size + kept) {
                out = Arrays.copyOf(out, Math.max(size + kept, 2 * out.length));
            }
            for (int i = 0; i < kept; i++) {
                out[size++] = ((int) keys[i] ^ scramble) * UNSPREAD;
            }
        }

        /** One SplitMix64 step: a fixed, well-spread function of its input (0 does not map to 0). */
        private static long mix(long z) {
            z += 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
