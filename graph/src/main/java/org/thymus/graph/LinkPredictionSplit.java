package org.thymus.graph;

import java.util.Arrays;
import java.util.Locale;
import org.thymus.core.InvalidInputException;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.PairSet;

/**
 * The link-prediction split of node2vec (Grover &amp; Leskovec 2016, section 4.4): a share of the
 * edges is held out as positive test pairs while the residual graph stays as connected as the full
 * one, and as many negative pairs are drawn among the node pairs that are not edges.
 *
 * <p>Connectivity: the edges are shuffled and a spanning forest is taken from them by union-find
 * (Kruskal's algorithm in a random order). Forest edges always stay, so every connected component
 * of the full graph (weakly connected, in a directed graph) is still one in the residual; the
 * held-out edges are drawn uniformly among the other edges. When fewer are available than asked for,
 * all of them are held out, and {@link #requested()} tells how many were wanted.
 *
 * <p>Negatives: uniform pairs u ≠ v that are not an edge of the full graph, without repeats;
 * unordered (from &lt; to) in an undirected graph, ordered in a directed one. Everything is drawn from
 * one generator seeded by the caller, so a seed gives one split.
 *
 * @param residual the graph without the held-out edges, over the same nodes
 * @param heldOut the held-out edges: the positives of the test
 * @param negatives non-edges, as many as the held-out edges
 * @param requested the held-out edges asked for: {@code round(fraction × edges)}
 */
public record LinkPredictionSplit(Graph residual, NodePairs heldOut, NodePairs negatives, long requested) {
    /** Pairs with a label: edges and non-edges. */
    public record Labelled(NodePairs positives, NodePairs negatives) {
    }

    /** node2vec's share of held-out edges. */
    public static final double DEFAULT_HOLDOUT = 0.5;

    /** Holds out {@code fraction} (in (0, 1)) of the edges of {@code graph}, drawn with {@code seed}. */
    public static LinkPredictionSplit of(Graph graph, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new InvalidInputException("the held-out fraction must be in (0, 1), got " + fraction);
        }
        Edges edges = Edges.of(graph);
        FastRandom rng = new FastRandom(seed);
        int m = edges.size();
        for (int i = m - 1; i > 0; i--) {
            edges.swap(i, rng.nextInt(i + 1));
        }
        int forestEdges = edges.moveSpanningForestToFront(graph.nodeCount());
        long requested = Math.round(fraction * m);
        int held = (int) Math.min(requested, m - forestEdges);
        // A uniform subset of the non-forest edges [forestEdges, m), moved to the tail [m - held, m).
        for (int k = m - 1; k >= m - held; k--) {
            edges.swap(k, forestEdges + rng.nextInt(k - forestEdges + 1));
        }
        Graph residual = edges.graph(graph.builderWithSameNodes(), m - held);
        NodePairs heldOut = new NodePairs(Arrays.copyOfRange(edges.from, m - held, m),
                Arrays.copyOfRange(edges.to, m - held, m));
        return new LinkPredictionSplit(residual, heldOut, negatives(graph, held, rng, new PairSet(held)), requested);
    }

    /**
     * Labelled pairs to fit an edge classifier on, disjoint from the test: as many residual edges
     * as held-out ones (all of them if fewer), and as many non-edges of {@code full} (the graph this
     * split came from) that are not test negatives.
     */
    public Labelled trainingPairs(Graph full, long seed) {
        FastRandom rng = new FastRandom(seed);
        Edges edges = Edges.of(residual);
        int count = Math.min(heldOut.size(), edges.size());
        for (int k = 0; k < count; k++) { // a partial shuffle: the first count edges are a uniform subset
            edges.swap(k, k + rng.nextInt(edges.size() - k));
        }
        NodePairs positives = new NodePairs(Arrays.copyOf(edges.from, count), Arrays.copyOf(edges.to, count));
        PairSet taken = new PairSet(negatives.size() + count);
        for (int i = 0; i < negatives.size(); i++) {
            taken.add(negatives.from()[i], negatives.to()[i]);
        }
        return new Labelled(positives, negatives(full, count, rng, taken));
    }

    /** {@code count} distinct uniform non-edges of {@code graph} not in {@code drawn} (which gets them). */
    private static NodePairs negatives(Graph graph, int count, FastRandom rng, PairSet drawn) {
        int n = graph.nodeCount();
        boolean directed = graph.isDirected();
        long pairs = directed ? (long) n * (n - 1) : (long) n * (n - 1) / 2;
        long nonEdges = pairs - graph.edgeCount() - drawn.size();
        if (nonEdges < count) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "the graph is too dense for %,d negative pairs: only %,d node pairs are not edges", count, nonEdges));
        }
        int[] from = new int[count];
        int[] to = new int[count];
        int found = 0;
        while (found < count) {
            int u = rng.nextInt(n);
            int v = rng.nextInt(n);
            if (!directed && u > v) {
                int t = u;
                u = v;
                v = t;
            }
            if (u == v || graph.hasEdge(u, v) || drawn.contains(u, v)) {
                continue;
            }
            drawn.add(u, v);
            from[found] = u;
            to[found] = v;
            found++;
        }
        return new NodePairs(from, to);
    }

    /** The edges of a graph as parallel arrays, each undirected edge once (from &lt; to). */
    private static final class Edges {
        final int[] from;
        final int[] to;
        final float[] weights; // null for an unweighted graph

        private Edges(int[] from, int[] to, float[] weights) {
            this.from = from;
            this.to = to;
            this.weights = weights;
        }

        static Edges of(Graph graph) {
            int m = Math.toIntExact(graph.edgeCount());
            int[] from = new int[m];
            int[] to = new int[m];
            float[] listWeights = graph.weightArray();
            float[] weights = listWeights == null ? null : new float[m];
            int[] neighbours = graph.neighbourArray();
            int e = 0;
            for (int u = 0; u < graph.nodeCount(); u++) {
                for (int i = graph.neighboursStart(u); i < graph.neighboursEnd(u); i++) {
                    int v = neighbours[i];
                    if (graph.isDirected() || u < v) {
                        from[e] = u;
                        to[e] = v;
                        if (weights != null) {
                            weights[e] = listWeights[i];
                        }
                        e++;
                    }
                }
            }
            return new Edges(from, to, weights);
        }

        int size() {
            return from.length;
        }

        void swap(int i, int j) {
            int t = from[i];
            from[i] = from[j];
            from[j] = t;
            t = to[i];
            to[i] = to[j];
            to[j] = t;
            if (weights != null) {
                float w = weights[i];
                weights[i] = weights[j];
                weights[j] = w;
            }
        }

        /**
         * Walks the edges in their order, keeping each one that joins two components so far (union-find
         * with path halving and union by size), and moves those to the front. Returns their number.
         */
        int moveSpanningForestToFront(int nodes) {
            int[] parent = new int[nodes];
            int[] componentSize = new int[nodes];
            for (int u = 0; u < nodes; u++) {
                parent[u] = u;
                componentSize[u] = 1;
            }
            int forest = 0;
            for (int i = 0; i < size(); i++) {
                int a = root(parent, from[i]);
                int b = root(parent, to[i]);
                if (a == b) {
                    continue;
                }
                if (componentSize[a] < componentSize[b]) {
                    int t = a;
                    a = b;
                    b = t;
                }
                parent[b] = a;
                componentSize[a] += componentSize[b];
                swap(i, forest++);
            }
            return forest;
        }

        private static int root(int[] parent, int u) {
            while (parent[u] != u) {
                parent[u] = parent[parent[u]];
                u = parent[u];
            }
            return u;
        }

        /** The graph of the first {@code count} edges. */
        Graph graph(Graph.Builder builder, int count) {
            for (int i = 0; i < count; i++) {
                if (weights != null) {
                    builder.addEdge(from[i], to[i], weights[i]);
                } else {
                    builder.addEdge(from[i], to[i]);
                }
            }
            return builder.build();
        }
    }
}
