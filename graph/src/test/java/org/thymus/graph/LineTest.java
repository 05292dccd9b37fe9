package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.train.ProgressReporter;
import org.thymus.graph.LineConfig.Order;

class LineTest {
    private static final int DRAWS = 100_000;
    /** 0.999 quantiles of chi-square: a correct sampler fails one seed in 1,000. */

    /** 4 communities of 100 nodes, about 20 neighbours inside and 0.6 outside. */
    private static final Graph GRAPH = TestGraphs.plantedPartition(4, 100, 0.2, 0.002, 3);

    private static LineConfig config(Order order, int dim, long samples) {
        return new LineConfig(order, dim, 5, samples, 0.025f, 1, 7);
    }

    /** ROC-AUC of the dot products of held-out edges against the split's non-edges. */
    private static double auc(EmbeddingTable vectors, LinkPredictionSplit split) {
        LinkScorer dot = LinkScorer.dot(vectors);
        return RocAuc.of(EdgeEmbeddingEvaluation.scores(dot, split.heldOut()),
                EdgeEmbeddingEvaluation.scores(dot, split.negatives()));
    }

    /**
     * Trains {@code order} on the residual of a planted partition; returns {initial AUC, trained AUC}.
     * Dim 8 and 300 samples an edge: on 400 nodes a model with more of either fits the residual edges
     * and so treats the held-out ones as the non-edges it was pushed away from (first order at dim 16:
     * AUC 0.81; second order at 1,000 samples an edge: 0.80), and at 30 samples an edge the second
     * order has not started (0.49).
     */
    private static double[] linkPrediction(Order order) {
        LinkPredictionSplit split = LinkPredictionSplit.of(GRAPH, 0.5, 11);
        Graph residual = split.residual();
        long samples = 300 * residual.edgeCount();
        Line line = new Line(residual, config(order, 8, samples));
        double before = auc(line.vectors(), split);
        Line.Result result = line.train();
        assertEquals(samples, result.samples());
        assertTrue(Double.isFinite(result.meanLoss()) && result.meanLoss() > 0, "mean loss " + result.meanLoss());
        return new double[] {before, auc(result.vectors(), split)};
    }

    private static void assertLearnsLinks(Order order) {
        double[] auc = linkPrediction(order);
        String figures = order + ": AUC " + auc[0] + " initial, " + auc[1] + " trained";
        assertTrue(auc[1] > 0.8, figures);
        assertTrue(auc[1] > auc[0] + 0.2, figures);
    }

    @Test
    void firstOrderPredictsHeldOutLinks() {
        assertLearnsLinks(Order.FIRST);
    }

    @Test
    void secondOrderPredictsHeldOutLinks() {
        assertLearnsLinks(Order.SECOND);
    }

    @Test
    void bothOrdersPredictHeldOutLinksWithUnitHalves() {
        assertLearnsLinks(Order.BOTH);
        EmbeddingTable vectors = new Line(GRAPH, config(Order.BOTH, 9, 20_000)).train().vectors();
        assertEquals(9, vectors.dim());
        for (int u = 0; u < GRAPH.nodeCount(); u++) {
            assertEquals(1, squaredNorm(vectors, u, 0, 4), 1e-5, "first-order half of node " + u);
            assertEquals(1, squaredNorm(vectors, u, 4, 9), 1e-5, "second-order half of node " + u);
        }
    }

    private static double squaredNorm(EmbeddingTable vectors, int row, int from, int to) {
        double sum = 0;
        for (int c = from; c < to; c++) {
            sum += vectors.get(row, c) * vectors.get(row, c);
        }
        return sum;
    }

    @Test
    void oneThreadWithASeedIsReproducible() {
        float[] a = rows(new Line(GRAPH, config(Order.SECOND, 16, 30_000)).train().vectors());
        float[] b = rows(new Line(GRAPH, config(Order.SECOND, 16, 30_000)).train().vectors());
        assertArrayEquals(a, b);
        Line line = new Line(GRAPH, config(Order.FIRST, 16, 10));
        line.train();
        assertThrows(IllegalStateException.class, line::train);
    }

    private static float[] rows(EmbeddingTable table) {
        float[] all = new float[table.rows() * table.dim()];
        for (int r = 0; r < table.rows(); r++) {
            table.copyRow(r, all, r * table.dim());
        }
        return all;
    }

    @Test
    void severalThreadsTrainEverySample() {
        LineConfig config = new LineConfig(Order.BOTH, 16, 5, 123_457, 0.025f, 3, 1);
        Line.Result result = new Line(GRAPH, config).train();
        assertEquals(123_457, result.samples());
        assertTrue(Double.isFinite(result.meanLoss()));
        assertTrue(result.samplesPerSecond() > 0);
    }

    @Test
    void progressIsShownInEdges() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        new Line(GRAPH, config(Order.FIRST, 8, 50_000))
                .train(progress -> new ProgressReporter(progress, print, "edges", false, 3600).start());
        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("100.0%") && line.contains("edges/s"), line);
    }

    /** Five weighted edges: ten stored slots, each to be drawn in proportion to its weight. */
    private static Graph weightedGraph() {
        return Graph.undirected().addEdge("a", "b", 1).addEdge("a", "c", 2).addEdge("b", "c", 3)
                .addEdge("c", "d", 0.5f).addEdge("d", "e", 4).build();
    }

    /** Draws of the edge sampler, counted by stored slot; checks each slot's source and target. */
    private static long[] slotDraws(Graph g, long seed) {
        Line.Edges edges = new Line.Edges(g);
        FastRandom rng = new FastRandom(seed);
        long[] counts = new long[g.neighbourArray().length];
        for (int i = 0; i < DRAWS; i++) {
            int slot = edges.sample(rng);
            int u = edges.source(slot);
            assertTrue(slot >= g.neighboursStart(u) && slot < g.neighboursEnd(u), "slot " + slot + " of node " + u);
            assertEquals(g.neighbourArray()[slot], edges.target(slot));
            counts[slot]++;
        }
        return counts;
    }

    private static double[] slotWeights(Graph g) {
        double[] weights = new double[g.neighbourArray().length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = g.isWeighted() ? g.weightArray()[i] : 1;
        }
        return weights;
    }


    @Test
    void weightedEdgesAreDrawnInProportionToWeight() {
        Graph g = weightedGraph();
        long[] counts = slotDraws(g, 42);
        ChiSquare.assertFits(counts, slotWeights(g), "edge draws by weight");
    }

    /** The test has power: uniform draws (the same graph without weights) fail it. */
    @Test
    void unweightedEdgesAreDrawnUniformlyAndFailTheWeightedTest() {
        Graph weighted = weightedGraph();
        Graph plain = Graph.undirected().addEdge("a", "b").addEdge("a", "c").addEdge("b", "c")
                .addEdge("c", "d").addEdge("d", "e").build();
        long[] counts = slotDraws(plain, 42);
        ChiSquare.assertFits(counts, slotWeights(plain), "uniform edge draws");
        ChiSquare.assertRejects(counts, slotWeights(weighted), "uniform draws tested as weighted ones");
    }


    @Test
    void badConfigIsRejectedWithAClearMessage() {
        assertMessage("dim must be > 0, got 0", () -> new LineConfig(Order.FIRST, 0, 5, 100, 0.025f, 1, 1));
        assertMessage("dim must be > 0, got -3", () -> new LineConfig(Order.SECOND, -3, 5, 100, 0.025f, 1, 1));
        assertMessage("dim must be >= 2 with order BOTH (one half per order), got 1",
                () -> new LineConfig(Order.BOTH, 1, 5, 100, 0.025f, 1, 1));
        assertMessage("negatives must be >= 0, got -1", () -> new LineConfig(Order.FIRST, 8, -1, 100, 0.025f, 1, 1));
        assertMessage("threads must be > 0, got 0", () -> new LineConfig(Order.FIRST, 8, 5, 100, 0.025f, 0, 1));
        assertMessage("samples must be > 0, got 0", () -> new LineConfig(Order.FIRST, 8, 5, 0, 0.025f, 1, 1));
        assertMessage("startRate must be finite and > 0, got NaN",
                () -> new LineConfig(Order.FIRST, 8, 5, 100, Float.NaN, 1, 1));
        LineConfig ok = config(Order.FIRST, 8, 100);
        assertMessage("the graph has no edges (0 nodes): LINE trains on edges",
                () -> new Line(Graph.undirected().build(), ok));
        Graph.Builder isolated = Graph.undirected();
        isolated.node("a");
        isolated.node("b");
        assertMessage("the graph has no edges (2 nodes): LINE trains on edges", () -> new Line(isolated.build(), ok));
    }

    private static void assertMessage(String message, Runnable bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
        assertEquals(message, e.getMessage());
    }

    @Test
    void defaultsFollowThePaper() {
        LineConfig d = LineConfig.defaults(GRAPH);
        assertEquals(Order.BOTH, d.order());
        assertEquals(128, d.dim());
        assertEquals(5, d.negatives());
        assertEquals(100 * GRAPH.edgeCount(), d.samples());
        assertEquals(0.025f, d.startRate());
    }
}
