package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thymus.core.InvalidInputException;
import org.thymus.core.random.FastRandom;

class LinkPredictionSplitTest {
    /**
     * Three random components of 150 nodes, a path of 20 nodes (all tree edges: none can be held out)
     * and two isolated nodes.
     */
    private static Graph severalComponents(boolean directed) {
        Graph.Builder b = directed ? Graph.directed() : Graph.undirected();
        FastRandom rng = new FastRandom(5);
        for (int component = 0; component < 3; component++) {
            int base = component * 150;
            for (int u = 1; u < 150; u++) {
                b.addEdge(base + u, base + rng.nextInt(u)); // a random tree keeps the component connected
            }
            for (int e = 0; e < 600; e++) {
                b.addEdge(base + rng.nextInt(150), base + rng.nextInt(150));
            }
        }
        for (int u = 450; u < 469; u++) {
            b.addEdge(u, u + 1);
        }
        b.addEdge(472, 471).addEdge(471, 472); // in a directed graph, a 2-cycle: one of its edges may go
        b.addEdge(475, 474);
        return b.build();
    }

    /** Connected components, ignoring direction (weakly connected ones in a directed graph). */
    private static int components(Graph g) {
        int n = g.nodeCount();
        Set<Long> undirected = new HashSet<>();
        int[][] adjacency = new int[n][];
        int[] sizes = new int[n];
        for (int u = 0; u < n; u++) {
            for (int i = g.neighboursStart(u); i < g.neighboursEnd(u); i++) {
                int v = g.neighbourArray()[i];
                if (undirected.add(key(Math.min(u, v), Math.max(u, v)))) {
                    sizes[u]++;
                    sizes[v]++;
                }
            }
        }
        for (int u = 0; u < n; u++) {
            adjacency[u] = new int[sizes[u]];
            sizes[u] = 0;
        }
        for (long edge : undirected) {
            int u = (int) (edge >>> 32);
            int v = (int) edge;
            adjacency[u][sizes[u]++] = v;
            adjacency[v][sizes[v]++] = u;
        }
        boolean[] seen = new boolean[n];
        int count = 0;
        for (int s = 0; s < n; s++) {
            if (seen[s]) {
                continue;
            }
            count++;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(s);
            seen[s] = true;
            while (!queue.isEmpty()) {
                for (int v : adjacency[queue.poll()]) {
                    if (!seen[v]) {
                        seen[v] = true;
                        queue.add(v);
                    }
                }
            }
        }
        return count;
    }

    private static long key(int u, int v) {
        return ((long) u << 32) | v;
    }

    private static Set<Long> edges(Graph g) {
        Set<Long> edges = new HashSet<>();
        for (int u = 0; u < g.nodeCount(); u++) {
            for (int i = g.neighboursStart(u); i < g.neighboursEnd(u); i++) {
                int v = g.neighbourArray()[i];
                if (g.isDirected() || u < v) {
                    edges.add(key(u, v));
                }
            }
        }
        return edges;
    }

    private static void assertValidSplit(Graph full, LinkPredictionSplit split, double fraction) {
        Graph residual = split.residual();
        assertEquals(components(full), components(residual), "the residual graph keeps the components");
        assertEquals(full.nodeCount(), residual.nodeCount());
        assertEquals(full.isDirected(), residual.isDirected());
        long m = full.edgeCount();
        long available = m - (full.nodeCount() - components(full)); // all but a spanning forest's edges
        assertEquals(Math.round(fraction * m), split.requested());
        assertEquals(Math.min(split.requested(), available), split.heldOut().size());
        assertEquals(split.heldOut().size(), split.negatives().size());
        assertEquals(m - split.heldOut().size(), residual.edgeCount());

        Set<Long> fullEdges = edges(full);
        Set<Long> residualEdges = edges(residual);
        Set<Long> held = new HashSet<>();
        NodePairs positives = split.heldOut();
        for (int i = 0; i < positives.size(); i++) {
            long edge = key(positives.from()[i], positives.to()[i]);
            assertTrue(fullEdges.contains(edge), "a held-out pair is an edge");
            assertFalse(residualEdges.contains(edge), "a held-out edge is not in the residual graph");
            assertTrue(held.add(edge), "held out once");
        }
        Set<Long> rebuilt = new HashSet<>(residualEdges);
        rebuilt.addAll(held);
        assertEquals(fullEdges, rebuilt, "residual + held out = the full graph");

        Set<Long> negatives = new HashSet<>();
        NodePairs pairs = split.negatives();
        for (int i = 0; i < pairs.size(); i++) {
            int u = pairs.from()[i];
            int v = pairs.to()[i];
            assertTrue(full.isDirected() ? u != v : u < v, "a negative pair is two nodes, in order when undirected");
            assertFalse(full.hasEdge(u, v), "a negative is no edge of the full graph");
            assertTrue(negatives.add(key(u, v)), "no repeated negative");
        }
    }

    @Test
    void holdsOutHalfTheEdgesKeepingComponentsAndDrawsAsManyNonEdges() {
        Graph g = severalComponents(false);
        LinkPredictionSplit split = LinkPredictionSplit.of(g, LinkPredictionSplit.DEFAULT_HOLDOUT, 1);
        assertValidSplit(g, split, 0.5);
        assertEquals(split.requested(), split.heldOut().size(), "enough non-forest edges here");
        assertValidSplit(g, LinkPredictionSplit.of(g, 0.1, 2), 0.1);
    }

    @Test
    void directedGraphsKeepTheirWeakComponents() {
        Graph g = severalComponents(true);
        assertValidSplit(g, LinkPredictionSplit.of(g, 0.5, 3), 0.5);
    }

    @Test
    void whenTooFewEdgesCanGoItHoldsOutWhatItCanAndSaysHowManyWereAsked() {
        Graph.Builder ring = Graph.undirected();
        for (int u = 0; u < 10; u++) {
            ring.addEdge(u, (u + 1) % 10);
        }
        Graph g = ring.build();
        LinkPredictionSplit split = LinkPredictionSplit.of(g, 0.5, 4);
        assertEquals(5, split.requested());
        assertEquals(1, split.heldOut().size(), "a ring of 10 has one edge beyond its spanning tree");
        assertValidSplit(g, split, 0.5);
    }

    @Test
    void aSeedGivesOneSplit() {
        Graph g = severalComponents(false);
        LinkPredictionSplit a = LinkPredictionSplit.of(g, 0.5, 7);
        LinkPredictionSplit b = LinkPredictionSplit.of(g, 0.5, 7);
        LinkPredictionSplit c = LinkPredictionSplit.of(g, 0.5, 8);
        assertArrayEquals(a.heldOut().from(), b.heldOut().from());
        assertArrayEquals(a.heldOut().to(), b.heldOut().to());
        assertArrayEquals(a.negatives().from(), b.negatives().from());
        assertArrayEquals(a.negatives().to(), b.negatives().to());
        assertEquals(edges(a.residual()), edges(b.residual()));
        assertFalse(edges(a.residual()).equals(edges(c.residual())), "another seed, another split");
    }

    @Test
    void weightsStayWithTheirEdges() {
        Graph g = Graph.undirected().addEdge(0, 1, 2f).addEdge(1, 2, 3f).addEdge(2, 0, 4f).addEdge(2, 3, 5f).build();
        Graph residual = LinkPredictionSplit.of(g, 0.25, 1).residual();
        assertEquals(3, residual.edgeCount());
        for (int u = 0; u < residual.nodeCount(); u++) {
            for (int i = residual.neighboursStart(u); i < residual.neighboursEnd(u); i++) {
                int v = residual.neighbourArray()[i];
                int j = java.util.Arrays.binarySearch(g.neighbourArray(), g.neighboursStart(u), g.neighboursEnd(u), v);
                assertEquals(g.weightArray()[j], residual.weightArray()[i], u + "-" + v);
            }
        }
    }

    @Test
    void badFractionsAndGraphsTooDenseForTheNegativesAreClearErrors() {
        Graph g = severalComponents(false);
        assertThrows(InvalidInputException.class, () -> LinkPredictionSplit.of(g, 0, 1));
        assertThrows(InvalidInputException.class, () -> LinkPredictionSplit.of(g, 1, 1));
        assertThrows(InvalidInputException.class, () -> LinkPredictionSplit.of(g, Double.NaN, 1));
        Graph.Builder complete = Graph.undirected();
        for (int u = 0; u < 5; u++) {
            for (int v = u + 1; v < 5; v++) {
                complete.addEdge(u, v);
            }
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LinkPredictionSplit.of(complete.build(), 0.5, 1));
        assertTrue(e.getMessage().contains("too dense"), e.getMessage());
    }
}
