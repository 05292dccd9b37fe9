package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thymus.core.table.EmbeddingTable;

class WalkEmbeddingTest {
    private static final EdgeEmbeddingEvaluation.Protocol CV = EdgeEmbeddingEvaluation.Protocol.CROSS_VALIDATION;
    private static final Graph GRAPH = TestGraphs.plantedPartition(4, 100, 0.1, 0.002, 11);

    private static WalkEmbedding.Config config(double p, double q) {
        return new WalkEmbedding.Config(32, 5, 5, 1e-3, 5, 20, p, q, 0.025f, 0.0001f, 1, 3);
    }

    private static WalkEmbedding.Result train(Graph graph, WalkEmbedding.Config config) {
        return WalkEmbedding.train(graph, config, null, progress -> () -> { });
    }

    @Test
    void deepWalkAndNode2vecVectorsPredictHeldOutEdges() {
        LinkPredictionSplit split = LinkPredictionSplit.of(GRAPH, 0.5, 5);
        EmbeddingTable untrained = new EmbeddingTable(GRAPH.nodeCount(), 32);
        untrained.fillUniform(3, -1f / 32, 1f / 32);
        double chance = EdgeEmbeddingEvaluation.evaluate(split, GRAPH, untrained, CV, 1, 1).cosineAuc();
        assertTrue(Math.abs(chance - 0.5) < 0.1, "untrained vectors are at chance: " + chance);
        // Inside a block edges are random, so the best any model can do is to score same-block pairs
        // above the others: AUC = P(pos same, neg not) + half the ties.
        double positivesInside = sameBlockShare(split.heldOut());
        double negativesInside = sameBlockShare(split.negatives());
        double bound = positivesInside * (1 - negativesInside)
                + 0.5 * (positivesInside * negativesInside + (1 - positivesInside) * (1 - negativesInside));
        for (double[] pq : new double[][] {{1, 1}, {4, 0.5}, {1, 1, 1}}) {
            boolean shared = pq.length > 2; // one draw of negatives per window
            WalkEmbedding.Result result = train(split.residual(), config(pq[0], pq[1]).withSharedNegatives(shared));
            assertEquals(5L * GRAPH.nodeCount() * 20, result.walkTokens(), "every walk trained (no dead ends here)");
            EdgeEmbeddingEvaluation.Result eval = EdgeEmbeddingEvaluation.evaluate(split, GRAPH, result.vectors(), CV, 1, 2);
            String where = "p, q = " + pq[0] + ", " + pq[1] + (shared ? ", shared negatives" : "")
                    + ", the blocks' bound " + bound + ": ";
            assertTrue(eval.cosineAuc() > bound - 0.03, where + "cosine AUC " + eval.cosineAuc());
            double hadamard = eval.classifierAuc().get(EdgeEmbeddingEvaluation.Operator.HADAMARD);
            assertTrue(hadamard > bound - 0.03, where + "Hadamard + logistic regression AUC " + hadamard);
        }
    }

    private static double sameBlockShare(NodePairs pairs) {
        int same = 0;
        for (int i = 0; i < pairs.size(); i++) {
            same += pairs.from()[i] / 100 == pairs.to()[i] / 100 ? 1 : 0;
        }
        return same / (double) pairs.size();
    }

    @Test
    void oneThreadIsReproducible() {
        WalkEmbedding.Result a = train(GRAPH, config(1, 1));
        WalkEmbedding.Result b = train(GRAPH, config(1, 1));
        float[] rowA = new float[32];
        float[] rowB = new float[32];
        for (int r = 0; r < GRAPH.nodeCount(); r += 37) {
            a.vectors().copyRow(r, rowA, 0);
            b.vectors().copyRow(r, rowB, 0);
            assertArrayEquals(rowA, rowB);
        }
    }

    @Test
    void expectedWalkCountsFollowTheDegrees() {
        // A star: the centre is every walk's second node, the leaves every other step.
        Graph.Builder b = Graph.undirected();
        for (int leaf = 1; leaf <= 4; leaf++) {
            b.addEdge(0, leaf);
        }
        long[] counts = WalkEmbedding.expectedWalkCounts(b.build(), 10, 5);
        // Walks of 5 from each of 5 nodes, 10 rounds: 250 visits, half of the 4 later steps at the centre.
        assertEquals(1000 * 10 * (1 + 5 * 4 * 4 / 8.0), counts[0], 1);
        assertEquals(1000 * 10 * (1 + 5 * 4 * 1 / 8.0), counts[1], 1);
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        assertEquals(1000 * 250, total, 5);
    }

    @Test
    void badSettingsAndEmptyGraphsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new WalkEmbedding.Config(0, 5, 5, 1e-3, 5, 20, 1, 1, 0.025f, 0.0001f, 1, 3));
        assertThrows(IllegalArgumentException.class,
                () -> new WalkEmbedding.Config(8, 5, 5, 1e-3, 5, 1, 1, 1, 0.025f, 0.0001f, 1, 3));
        assertThrows(IllegalArgumentException.class,
                () -> new WalkEmbedding.Config(8, 5, 5, 1e-3, 5, 20, 1, 1, 0.025f, 0.1f, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> config(0, 1));
        assertThrows(IllegalArgumentException.class, () -> config(1, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> train(Graph.undirected().build(), config(1, 1)));
        // A recipe's guard reads each pair, so its draws cannot be shared by a window.
        assertThrows(IllegalArgumentException.class, () -> WalkEmbedding.train(GRAPH,
                config(1, 1).withSharedNegatives(true), new DegreeSampler(GRAPH, 0.75), progress -> () -> { }));
    }
}
