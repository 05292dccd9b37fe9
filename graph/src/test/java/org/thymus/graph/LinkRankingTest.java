package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thymus.core.table.EmbeddingTable;

class LinkRankingTest {
    private static final double EPS = 1e-12;

    /** Training: the path 0-1-2-3-4-5. Held out: (0, 2), (0, 3), (1, 4). */
    private static final Graph PATH = Graph.undirected().addEdge(0, 1).addEdge(1, 2).addEdge(2, 3).addEdge(3, 4)
            .addEdge(4, 5).build();
    private static final NodePairs HELD_OUT = new NodePairs(new int[] {0, 0, 1}, new int[] {2, 3, 4});
    private static final Set<Set<Integer>> HELD_OUT_SET = Set.of(Set.of(0, 2), Set.of(0, 3), Set.of(1, 4));

    private static LinkRanking.Result rank(LinkScorer scorer, boolean both) {
        return LinkRanking.evaluate(PATH, HELD_OUT, scorer, both, 1);
    }

    private static void assertRanks(double[] ranks, LinkRanking.Ranks actual) {
        assertEquals(LinkRanking.Ranks.of(ranks), actual);
        double reciprocal = 0;
        for (double r : ranks) {
            reciprocal += 1 / r;
        }
        assertEquals(reciprocal / ranks.length, actual.meanReciprocalRank(), EPS);
    }

    /**
     * Candidates, filtered: (0, 2) and (0, 3) against {4, 5}; (1, 4) against {3, 5}. Raw: (0, 2) also
     * against 3 and (0, 3) against 2.
     */
    @Test
    void aPerfectScorerRanksFirstFilteredAndTiesWithTheOtherPositivesRaw() {
        LinkRanking.Result r = rank((u, v) -> HELD_OUT_SET.contains(Set.of(u, v)) ? 1 : 0, false);
        assertEquals(3, r.queries());
        assertEquals(new LinkRanking.Ranks(1, 1, 1, 1, 1), r.filtered());
        // (0, 2) ties with 3 and (0, 3) with 2: 1 + 1/2 each.
        assertRanks(new double[] {1.5, 1.5, 1}, r.raw());
        assertEquals((1 / 1.5 + 1 / 1.5 + 1) / 3, r.raw().meanReciprocalRank(), EPS);
        assertEquals(1.0 / 3, r.raw().hitsAt1(), EPS);
        assertEquals(4.0 / 3, r.raw().meanRank(), EPS);
    }

    @Test
    void aReversedScorerRanksLast() {
        LinkRanking.Result r = rank((u, v) -> HELD_OUT_SET.contains(Set.of(u, v)) ? 0 : 1, false);
        assertRanks(new double[] {3, 3, 3}, r.filtered());
        assertEquals(1.0 / 3, r.filtered().meanReciprocalRank(), EPS);
        assertEquals(0, r.filtered().hitsAt1());
        assertEquals(1, r.filtered().hitsAt10());
        // Raw: the other positive of 0 ties at 0.
        assertRanks(new double[] {3.5, 3.5, 3}, r.raw());
    }

    @Test
    void scoresByIdGiveHandComputedRanks() {
        LinkRanking.Result r = rank((u, v) -> -v, false);
        // (0, 2): 4 and 5 below, raw 3 below too; (0, 3): raw 2 above; (1, 4): 3 above, 5 below.
        assertRanks(new double[] {1, 1, 2}, r.filtered());
        assertRanks(new double[] {1, 2, 2}, r.raw());
    }

    @Test
    void tiesCountHalf() {
        LinkRanking.Result r = rank((u, v) -> 7, false);
        assertRanks(new double[] {2, 2, 2}, r.filtered()); // 1 + 2 ties / 2
        assertRanks(new double[] {2.5, 2.5, 2}, r.raw());
    }

    /** Both directions add (2, 0) against {4, 5}, (3, 0) against {1, 5} and (4, 1) against {0, 2}. */
    @Test
    void bothDirectionsRankEachEndAmongTheOthersCandidates() {
        LinkRanking.Result r = rank((u, v) -> -v, true);
        assertEquals(6, r.queries());
        // Queries grouped by source node: (0, 2), (0, 3), (1, 4), (2, 0), (3, 0), (4, 1).
        assertRanks(new double[] {1, 1, 2, 1, 1, 2}, r.filtered());
        assertRanks(new double[] {1, 2, 2, 1, 1, 2}, r.raw());
    }

    /** Node 0 has no training edge; its ranks sit on both sides of the Hits@10 and @50 cut-offs. */
    @Test
    void hitsAtTenAndFiftyCountRanksUpToTheCutOff() {
        Graph.Builder b = Graph.undirected();
        for (int v = 1; v < 99; v++) {
            b.addEdge(v, v + 1);
        }
        Graph g = b.build();
        NodePairs heldOut = new NodePairs(new int[] {0, 0, 0}, new int[] {10, 50, 60});
        LinkRanking.Result r = LinkRanking.evaluate(g, heldOut, (u, v) -> -v, false, 2);
        // Filtered: 10 below 1..9; 50 below 1..49 but 10; 60 below 1..59 but 10 and 50. Raw: the others count.
        assertRanks(new double[] {10, 49, 58}, r.filtered());
        assertEquals(1.0 / 3, r.filtered().hitsAt10(), EPS);
        assertEquals(2.0 / 3, r.filtered().hitsAt50(), EPS);
        assertRanks(new double[] {10, 50, 60}, r.raw());
        assertEquals(2.0 / 3, r.raw().hitsAt50(), EPS);
    }

    @Test
    void aDirectedGraphRanksTheTargetsOfEachSource() {
        Graph g = Graph.directed().addEdge(0, 1).addEdge(2, 0).addEdge(3, 4).build();
        NodePairs heldOut = new NodePairs(new int[] {0, 4}, new int[] {3, 0});
        LinkRanking.Result r = LinkRanking.evaluate(g, heldOut, (u, v) -> -v, false, 1);
        // (0, 3): candidates 2 and 4 (1 is 0's out-neighbour; 2 -> 0 does not count); (4, 0): 1, 2, 3.
        assertRanks(new double[] {2, 1}, r.filtered());
        assertThrows(IllegalArgumentException.class, () -> LinkRanking.evaluate(g, heldOut, (u, v) -> 0, true, 1));
    }

    @Test
    void resultsDoNotDependOnTheThreads() {
        Graph g = TestGraphs.plantedPartition(4, 100, 0.3, 0.005, 61);
        LinkPredictionSplit split = LinkPredictionSplit.of(g, 0.3, 5);
        LinkHeuristics heuristics = new LinkHeuristics(split.residual());
        LinkScorer adamicAdar = LinkScorer.of(heuristics, LinkHeuristics.Heuristic.ADAMIC_ADAR);
        LinkRanking.Result one = LinkRanking.evaluate(split.residual(), split.heldOut(), adamicAdar, true, 1);
        LinkRanking.Result four = LinkRanking.evaluate(split.residual(), split.heldOut(), adamicAdar, true, 4);
        assertEquals(2L * split.heldOut().size(), one.queries());
        assertEquals(one.filtered(), four.filtered());
        assertEquals(one.raw(), four.raw());
        // Adamic–Adar finds the pair's block: far better than chance (a rank near half of ~370 candidates).
        LinkRanking.Ranks filtered = one.filtered();
        assertTrue(filtered.meanRank() < 100, filtered.toString());
        assertTrue(filtered.meanReciprocalRank() > 0.05 && filtered.meanReciprocalRank() < 1, filtered.toString());
        assertTrue(one.raw().meanReciprocalRank() <= one.filtered().meanReciprocalRank());
    }

    @Test
    void embeddingScorersAreTheDotProductAndTheCosine() {
        EmbeddingTable table = new EmbeddingTable(3, 3);
        table.setRow(0, new float[] {1, 2, 2}, 0);
        table.setRow(1, new float[] {0, 3, 4}, 0);
        LinkScorer dot = LinkScorer.dot(table);
        LinkScorer cosine = LinkScorer.cosine(table);
        assertEquals(14, dot.score(0, 1), EPS);
        assertEquals(14.0 / 15, cosine.score(0, 1), 1e-6);
        assertEquals(1, cosine.score(1, 1), 1e-6);
        assertEquals(0, cosine.score(0, 2), "a zero row");
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinkRanking.evaluate(PATH, new NodePairs(new int[] {0}, new int[] {1}), (u, v) -> 0, false, 1));
        assertEquals("held-out edge (0, 1) is an edge of the training graph", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinkRanking.evaluate(PATH, new NodePairs(new int[] {0}, new int[] {9}), (u, v) -> 0, false, 1));
        assertEquals("held-out pair 0 (0, 9) is not a pair of distinct nodes of the graph (6 nodes)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rank((u, v) -> v == 4 ? Double.NaN : 0, false));
        assertEquals("the scorer gave NaN for (0, 4)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LinkRanking.evaluate(PATH, new NodePairs(new int[0], new int[0]), (u, v) -> 0, false, 1));
    }
}
