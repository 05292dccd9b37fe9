package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.BandSampler;
import org.thymus.graph.TwoHopNeighbours.Score;

class TwoHopNeighboursTest {
    private static final Graph GRAPH = SamplerGraphs.preferentialAttachment(500, 3, 51);

    /** u = 0 with neighbours 1, 2, 3; 4 shares all three with it, 5 two (1, 2), 6 and 7 one each. */
    private static Graph ranked() {
        return Graph.undirected().addEdge(0, 1).addEdge(0, 2).addEdge(0, 3)
                .addEdge(4, 1).addEdge(4, 2).addEdge(4, 3).addEdge(5, 1).addEdge(5, 2).addEdge(6, 1).addEdge(7, 3)
                .build();
    }

    private static double score(LinkHeuristics h, Score score, int u, int x) {
        return score == Score.COMMON_NEIGHBOURS ? h.commonNeighbours(u, x) : h.adamicAdar(u, x);
    }

    private static boolean atDistanceTwo(LinkHeuristics h, int u, int x) {
        return x != u && !h.graph().hasEdge(u, x) && h.commonNeighbours(u, x) > 0;
    }

    /** With an unlimited budget every list is the true top of its distance-2 nodes, best first. */
    @Test
    void listsAreTheBestNodesAtDistanceTwo() {
        LinkHeuristics h = new LinkHeuristics(GRAPH);
        for (Score score : Score.values()) {
            int depth = 10;
            TwoHopNeighbours lists = TwoHopNeighbours.build(GRAPH, score, depth, Integer.MAX_VALUE, 2);
            assertEquals(0, lists.truncatedNodes());
            for (int u = 0; u < GRAPH.nodeCount(); u++) {
                Set<Integer> listed = new HashSet<>();
                double previous = Double.POSITIVE_INFINITY;
                for (int r = 0; r < lists.count(u); r++) {
                    int x = lists.neighbor(u, r);
                    assertTrue(atDistanceTwo(h, u, x), u + " -> " + x + " is not at distance 2");
                    assertTrue(listed.add(x), "repeated " + x);
                    double s = score(h, score, u, x);
                    assertTrue(s <= previous + 1e-5, score + ": " + u + "'s list is not best first");
                    previous = s;
                }
                int atTwo = 0;
                for (int x = 0; x < GRAPH.nodeCount(); x++) {
                    if (atDistanceTwo(h, u, x)) {
                        atTwo++;
                        if (!listed.contains(x)) {
                            assertTrue(score(h, score, u, x) <= previous + 1e-5, score + ": " + x + " left out of " + u
                                    + "'s list but scores " + score(h, score, u, x) + " > " + previous);
                        }
                    }
                }
                assertEquals(Math.min(depth, atTwo), lists.count(u));
            }
        }
    }

    @Test
    void drawsComeFromTheBandOfTheRanking() {
        TwoHopNeighbours lists = TwoHopNeighbours.build(ranked(), Score.COMMON_NEIGHBOURS, 4, 100, 1);
        assertEquals(4, lists.count(0));
        assertEquals(4, lists.neighbor(0, 0));
        assertEquals(5, lists.neighbor(0, 1));
        assertEquals(Set.of(6, 7), Set.of(lists.neighbor(0, 2), lists.neighbor(0, 3)));
        FastRandom rng = new FastRandom(3);
        BandSampler top = BandSampler.ofAnchor(lists, 0, 2);
        long[] observed = ChiSquare.histogram(8, 200_000, () -> top.sample(0, 1, rng));
        ChiSquare.assertFits(observed, new double[] {0, 0, 0, 0, 1, 1, 0, 0}, "the two most common-neighboured");
        BandSampler band = BandSampler.ofAnchor(lists, 1, 3);
        double[] expected = new double[8];
        expected[5] = 1;
        expected[lists.neighbor(0, 2)] = 1;
        ChiSquare.assertFits(ChiSquare.histogram(8, 200_000, () -> band.sample(0, 1, rng)), expected, "ranks 1 and 2");
    }

    /** Adamic–Adar prefers one common neighbour of degree 2 to two hubs shared: common neighbours the reverse. */
    @Test
    void adamicAdarWeighsCommonNeighboursByTheirDegree() {
        Graph.Builder b = Graph.undirected().addEdge(0, 1).addEdge(0, 2).addEdge(0, 3) // u = 0
                .addEdge(4, 1).addEdge(4, 2) // x = 4 shares the hubs 1 and 2
                .addEdge(5, 3); // y = 5 shares 3, whose only other neighbour is u
        for (int leaf = 10; leaf < 70; leaf++) {
            b.addEdge(leaf < 40 ? 1 : 2, leaf);
        }
        Graph g = b.build();
        assertEquals(4, TwoHopNeighbours.build(g, Score.COMMON_NEIGHBOURS, 5, 1000, 1).neighbor(0, 0));
        TwoHopNeighbours aa = TwoHopNeighbours.build(g, Score.ADAMIC_ADAR, 5, 1000, 1);
        assertEquals(5, aa.neighbor(0, 0));
        assertEquals(4, aa.neighbor(0, 1));
    }

    /** A star's leaf reads a window of the hub's list, not all of it; the hub, whose leaves lead nowhere, is exact. */
    @Test
    void theBudgetCapsTheWorkOfAHubsNeighbourhood() {
        Graph.Builder b = Graph.undirected();
        for (int leaf = 1; leaf <= 2000; leaf++) {
            b.addEdge(0, leaf);
        }
        Graph g = b.addEdge(1, 2001).build();
        TwoHopNeighbours lists = TwoHopNeighbours.build(g, Score.COMMON_NEIGHBOURS, 10, 100, 2);
        assertEquals(1, lists.count(0));
        assertEquals(2001, lists.neighbor(0, 0));
        Set<Integer> seen = new HashSet<>();
        for (int leaf = 2; leaf <= 2000; leaf++) {
            assertEquals(10, lists.count(leaf));
            for (int r = 0; r < 10; r++) {
                int x = lists.neighbor(leaf, r);
                assertTrue(x >= 1 && x <= 2000 && x != leaf, leaf + " -> " + x);
                seen.add(x);
            }
        }
        assertTrue(lists.truncatedNodes() >= 1999, lists.truncatedNodes() + " truncated");
        // Windows at offsets fixed by each leaf spread over the hub's whole list, not its first ids.
        assertTrue(seen.size() > 1500, seen.size() + " distinct leaves in the lists");
    }

    @Test
    void listsDoNotDependOnTheThreadsAndMemoryIsKANode() {
        for (int budget : new int[] {20, Integer.MAX_VALUE}) {
            TwoHopNeighbours one = TwoHopNeighbours.build(GRAPH, Score.ADAMIC_ADAR, 8, budget, 1);
            TwoHopNeighbours three = TwoHopNeighbours.build(GRAPH, Score.ADAMIC_ADAR, 8, budget, 3);
            LinkHeuristics h = new LinkHeuristics(GRAPH);
            for (int u = 0; u < GRAPH.nodeCount(); u++) {
                assertEquals(one.count(u), three.count(u));
                for (int r = 0; r < one.count(u); r++) {
                    assertEquals(one.neighbor(u, r), three.neighbor(u, r));
                    assertTrue(atDistanceTwo(h, u, one.neighbor(u, r)));
                }
            }
            assertEquals(budget == 20, one.truncatedNodes() > 0);
            // At most 8 ids and one list start a node, the end of the last list and one chunk's array headers.
            assertTrue(one.memoryBytes() <= 4L * (GRAPH.nodeCount() * (8 + 1) + 1) + 32, one.memoryBytes() + " bytes");
        }
        assertEquals(0, TwoHopNeighbours.build(GRAPH, Score.ADAMIC_ADAR, 8, 20, 1).count(GRAPH.nodeCount()));
    }

    @Test
    void tiesAreNotBrokenById() {
        // u = 0 and 1000 nodes sharing its one neighbour: all tie; the kept ten are not the ten lowest ids.
        Graph.Builder b = Graph.undirected().addEdge(0, 1);
        for (int x = 2; x < 1002; x++) {
            b.addEdge(1, x);
        }
        TwoHopNeighbours lists = TwoHopNeighbours.build(b.build(), Score.COMMON_NEIGHBOURS, 10, 100_000, 1);
        int low = 0;
        for (int r = 0; r < 10; r++) {
            low += lists.neighbor(0, r) < 100 ? 1 : 0;
        }
        assertTrue(low <= 5, low + " of the 10 below id 100 (10 % of the candidates)");
    }

    @Test
    void badSettingsAreRejected() {
        Graph directed = Graph.directed().addEdge(0, 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwoHopNeighbours.build(directed, Score.COMMON_NEIGHBOURS, 5, 10, 1));
        assertTrue(e.getMessage().startsWith("two-hop negatives need an undirected graph"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TwoHopNeighbours.build(GRAPH, Score.COMMON_NEIGHBOURS, 0, 10, 1));
        assertEquals("the two-hop list length must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TwoHopNeighbours.build(GRAPH, Score.COMMON_NEIGHBOURS, 5, 0, 1));
        assertEquals("the two-hop work budget must be >= 1, got 0", e.getMessage());
    }
}
