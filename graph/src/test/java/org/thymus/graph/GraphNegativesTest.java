package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.thymus.core.InvalidInputException;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.SamplerReport;

class GraphNegativesTest {
    private static final int DRAWS = 400_000;
    private static final Graph GRAPH = SamplerGraphs.preferentialAttachment(300, 3, 71);
    /** The anchor of the distribution tests: a node of middling degree, and its first neighbour as positive. */
    private static final int U = 150;
    private static final int POSITIVE = GRAPH.neighbourArray()[GRAPH.neighboursStart(U)];

    private static long[] draw(GraphNegatives negatives, long seed) {
        FastRandom rng = new FastRandom(seed);
        return ChiSquare.histogram(GRAPH.nodeCount(), DRAWS, () -> negatives.sampler().sample(U, POSITIVE, rng));
    }

    private static double[] guarded(double[] weights) {
        return SamplerGraphs.withoutGuarded(GRAPH, weights, U, POSITIVE);
    }

    @Test
    void baseRecipesDrawTheirDistributionBehindTheEdgeGuard() {
        GraphNegatives degree = GraphNegatives.build("degree", GRAPH, 1);
        assertNull(degree.mixture());
        ChiSquare.assertFits(draw(degree, 1), guarded(SamplerGraphs.degreePowers(GRAPH, 0.75)), "degree");
        ChiSquare.assertFits(draw(GraphNegatives.build("degree:0.25", GRAPH, 1), 2),
                guarded(SamplerGraphs.degreePowers(GRAPH, 0.25)), "degree:0.25");
        ChiSquare.assertFits(draw(GraphNegatives.build(" uniform ", GRAPH, 1), 3),
                guarded(SamplerGraphs.degreePowers(GRAPH, 0)), "uniform");
        ChiSquare.assertFits(draw(GraphNegatives.build("hubs:1", GRAPH, 1), 4),
                guarded(SamplerGraphs.degreePowers(GRAPH, 0)), "hubs:1 (uniform over the nodes with an edge)");
        HubSampler buckets = HubSampler.tempered(GRAPH, 0);
        double[] hubs = new double[GRAPH.nodeCount()];
        for (int v = 0; v < hubs.length; v++) {
            int b = HubSampler.bucket(GRAPH.degree(v));
            hubs[v] = buckets.bucketProbability(b) / buckets.bucketSize(b);
        }
        ChiSquare.assertFits(draw(GraphNegatives.build("hubs", GRAPH, 1), 5), guarded(hubs), "hubs");
    }

    /** A fifth of the draws among the anchor's best three two-hop nodes, the rest by degree, all guarded. */
    @Test
    void twoHopNegativesAreMixedInByTheirFraction() {
        GraphNegatives negatives = GraphNegatives.build("degree+twohop:0.2:by=aa:top=3", GRAPH, 2);
        assertEquals(List.of("twohop"), negatives.componentNames());
        TwoHopNeighbours lists = negatives.twoHopLists().get(0);
        assertEquals(3, lists.count(U));
        double[] degree = SamplerGraphs.degreePowers(GRAPH, 0.75);
        double total = java.util.Arrays.stream(degree).sum();
        double[] mixture = new double[degree.length];
        for (int v = 0; v < mixture.length; v++) {
            mixture[v] = 0.8 * degree[v] / total;
        }
        for (int r = 0; r < 3; r++) {
            mixture[lists.neighbor(U, r)] += 0.2 / 3;
        }
        long[] observed = draw(negatives, 6);
        ChiSquare.assertFits(observed, guarded(mixture), "degree + 20 % two-hop");
        // A fifth of the candidates: the guard's redraws (of base draws that hit a neighbour) count too.
        long candidates = negatives.sampler().candidates();
        long served = negatives.mixture().served(0);
        assertEquals(0.2 * candidates, served, 5 * Math.sqrt(candidates * 0.2 * 0.8), served + " two-hop draws");
        assertEquals(0, negatives.mixture().fellBack(0));
    }

    @Test
    void aReportCountsWhatEachComponentServedAndWhatTheGuardRejected() {
        GraphNegatives negatives = GraphNegatives.build("uniform+twohop:0.5:skip=1:top=4+hubs:0.25:t=0.5", GRAPH, 1);
        SamplerReport report = negatives.newReport(1);
        report.epochSeen(0);
        FastRandom rng = new FastRandom(8);
        int draws = 10_000;
        for (int i = 0; i < draws; i++) {
            int u = rng.nextInt(GRAPH.nodeCount());
            int v = negatives.sampler().sample(u, GRAPH.neighbourArray()[GRAPH.neighboursStart(u)], rng);
            assertTrue(v >= 0 && v != u && !GRAPH.hasEdge(u, v), "(" + u + ", " + v + ")");
        }
        report.record(0, draws, 0, 0);
        report.finish();
        Metrics epoch = (Metrics) ((List<?>) report.toMetrics().get("epochs")).get(0);
        Metrics components = (Metrics) epoch.get("components");
        long twoHop = (Long) ((Metrics) components.get("twohop")).get("served");
        long hubs = (Long) ((Metrics) components.get("hubs")).get("served");
        assertEquals(0.5 * draws, twoHop, 0.05 * draws);
        assertEquals(0.25 * draws, hubs, 0.05 * draws);
        Metrics edges = (Metrics) ((Metrics) epoch.get("guards")).get("edges");
        assertTrue((Long) edges.get("rejected") > 0, "the uniform and hub draws hit neighbours");
        assertEquals(negatives.sampler().rejected(0), (Long) edges.get("rejected"));
        assertEquals("uniform+twohop:0.5:skip=1:top=4+hubs:0.25:t=0.5", report.toMetrics().get("spec"));
    }

    private static void assertBad(String recipe, String expectedPart) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GraphNegatives.build(recipe, GRAPH, 1));
        assertTrue(e.getMessage().contains(expectedPart), "'" + e.getMessage() + "' lacks '" + expectedPart + "'");
    }

    @Test
    void badRecipesNameTheProblem() {
        assertBad("", "empty recipe");
        assertBad("unigram", "unknown base distribution 'unigram'");
        assertBad("degree:x", "the degree exponent must be a finite number, got 'x'");
        assertBad("degree:", "the degree exponent must be a finite number, got ''");
        assertBad("degree:NaN", "got 'NaN'");
        assertBad("uniform:2", "uniform takes no argument, got '2'");
        assertBad("hubs:2", "the hubs tempering must be in [0, 1], got 2");
        assertBad("degree+hubs:0.2:t=-1", "the hubs tempering must be in [0, 1], got -1");
        assertBad("degree+semantic:0.1", "unknown sampler 'semantic'");
        assertBad("degree+twohop:0.2:depth=3", "twohop: unknown option 'depth'");
        assertBad("degree+twohop:0.2:by=jaccard", "twohop by must be cn (common neighbours) or aa (Adamic-Adar), "
                + "got 'jaccard'");
        assertBad("degree+twohop:0.2:top=0", "twohop needs top >= 1 and 0 <= skip < top, got top=0 skip=0");
        assertBad("degree+twohop:0.2:skip=5:top=5", "got top=5 skip=5");
        assertBad("degree+twohop:0.2:budget=0", "twohop budget must be >= 1, got 0");
        assertBad("degree+twohop:0.7+hubs:0.5", "more than 1");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GraphNegatives.build("degree+twohop:0.2", Graph.directed().addEdge(0, 1).build(), 1));
        assertEquals("--negatives 'degree+twohop:0.2': twohop needs an undirected graph", e.getMessage());
        assertFalse(GraphNegatives.build("degree:0", GRAPH, 1).sampler().guards().isEmpty(), "the guard is always on");
    }
}
