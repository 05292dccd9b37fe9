package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class LinkHeuristicsTest {
    private static final double EPS = 1e-12;

    /**
     * Γ(a) = {c, d, e}, Γ(b) = {c, d, f}; c has 3 neighbours (a, b, g), d has 4 (a, b, g, h).
     */
    private static Graph handMade() {
        return Graph.undirected().addEdge("a", "c").addEdge("a", "d").addEdge("a", "e").addEdge("b", "c")
                .addEdge("b", "d").addEdge("b", "f").addEdge("c", "g").addEdge("d", "g").addEdge("d", "h").build();
    }

    @Test
    void scoresOfAPairWithTwoCommonNeighbours() {
        Graph g = handMade();
        LinkHeuristics h = new LinkHeuristics(g);
        int a = g.node("a");
        int b = g.node("b");
        assertEquals(2, h.commonNeighbours(a, b));
        assertEquals(2.0 / 4, h.jaccard(a, b), EPS); // union {c, d, e, f}
        assertEquals(1 / Math.log(3) + 1 / Math.log(4), h.adamicAdar(a, b), EPS);
        assertEquals(9, h.preferentialAttachment(a, b), EPS);
        assertEquals(h.adamicAdar(a, b), h.adamicAdar(b, a), EPS);
        assertEquals(h.adamicAdar(a, b), h.score(LinkHeuristics.Heuristic.ADAMIC_ADAR, a, b), EPS);
        assertEquals(h.jaccard(a, b), h.score(LinkHeuristics.Heuristic.JACCARD, a, b), EPS);
    }

    @Test
    void scoresOfPairsWithNoCommonNeighbour() {
        Graph g = handMade();
        LinkHeuristics h = new LinkHeuristics(g);
        int e = g.node("e");
        int f = g.node("f");
        assertEquals(0, h.commonNeighbours(e, f));
        assertEquals(0, h.jaccard(e, f));
        assertEquals(0, h.adamicAdar(e, f));
        assertEquals(1, h.preferentialAttachment(e, f));
        Graph withIsolated = Graph.undirected().addEdge(0, 1).addEdge(3, 1).build(); // node 2 has no edges
        assertEquals(0, new LinkHeuristics(withIsolated).jaccard(2, 2), "empty union");
    }

    /** In a directed graph Γ is the out-neighbours and Adamic–Adar weighs w by how many nodes point at it. */
    @Test
    void directedGraphsUseOutNeighboursAndInDegrees() {
        Graph g = Graph.directed().addEdge("a", "c").addEdge("b", "c").addEdge("d", "c").addEdge("a", "e")
                .addEdge("b", "e").addEdge("c", "a").build();
        LinkHeuristics h = new LinkHeuristics(g);
        int a = g.node("a");
        int b = g.node("b");
        assertEquals(2, h.commonNeighbours(a, b));
        assertEquals(1, h.jaccard(a, b), EPS);
        assertEquals(1 / Math.log(3) + 1 / Math.log(2), h.adamicAdar(a, b), EPS);
        assertEquals(4, h.preferentialAttachment(a, b), EPS);
    }

    /**
     * Every pair of a random graph with hubs, against set intersections: both the merge of two lists
     * and the binary search of a short list in a hub's long one are exercised.
     */
    @Test
    void intersectionsAgreeWithSetsOnEveryPair() {
        int n = 120;
        Graph.Builder builder = Graph.undirected();
        FastRandom rng = new FastRandom(13);
        for (int e = 0; e < 500; e++) {
            builder.addEdge(rng.nextInt(n), rng.nextInt(n));
        }
        for (int v = 0; v < n; v += 2) {
            builder.addEdge(0, v); // a hub
        }
        Graph g = builder.build();
        LinkHeuristics h = new LinkHeuristics(g);
        for (int u = 0; u < n; u++) {
            for (int v = u + 1; v < n; v++) {
                Set<Integer> common = neighbourSet(g, u);
                common.retainAll(neighbourSet(g, v));
                double adamicAdar = 0;
                for (int w : common) {
                    adamicAdar += 1 / Math.log(g.degree(w));
                }
                assertEquals(common.size(), h.commonNeighbours(u, v), u + ", " + v);
                assertEquals(adamicAdar, h.adamicAdar(u, v), 1e-9, u + ", " + v);
                assertEquals(h.adamicAdar(u, v), h.adamicAdar(v, u), 1e-12, "symmetric");
            }
        }
    }

    private static Set<Integer> neighbourSet(Graph g, int u) {
        Set<Integer> set = new HashSet<>();
        for (int i = g.neighboursStart(u); i < g.neighboursEnd(u); i++) {
            set.add(g.neighbourArray()[i]);
        }
        return set;
    }

    @Test
    void labelsAreTheCommandLineNames() {
        assertEquals("adamic-adar", LinkHeuristics.Heuristic.ADAMIC_ADAR.label());
        assertEquals("preferential-attachment", LinkHeuristics.Heuristic.PREFERENTIAL_ATTACHMENT.label());
    }
}
