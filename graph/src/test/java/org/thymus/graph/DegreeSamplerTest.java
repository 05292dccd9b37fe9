package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class DegreeSamplerTest {
    private static final int DRAWS = 1_000_000;
    private static final Graph GRAPH = SamplerGraphs.preferentialAttachment(300, 2, 7);

    private static long[] draw(Graph graph, DegreeSampler sampler, long seed) {
        FastRandom rng = new FastRandom(seed);
        return ChiSquare.histogram(graph.nodeCount(), DRAWS, () -> sampler.sample(0, 1, rng));
    }

    @Test
    void drawsFitDegreeToTheThreeQuarters() {
        DegreeSampler sampler = new DegreeSampler(GRAPH, DegreeSampler.DEFAULT_EXPONENT);
        assertEquals(0.75, sampler.exponent());
        long[] observed = draw(GRAPH, sampler, 11);
        ChiSquare.assertFits(observed, SamplerGraphs.degreePowers(GRAPH, 0.75), "degree^0.75");
        // The test has power: the raw degree and the uniform distribution are told apart.
        ChiSquare.assertRejects(observed, SamplerGraphs.degreePowers(GRAPH, 1), "degree^1");
        ChiSquare.assertRejects(observed, SamplerGraphs.degreePowers(GRAPH, 0), "uniform");
    }

    @Test
    void exponentZeroIsUniformOverTheNodesWithAnEdge() {
        Graph g = Graph.undirected().addEdge(0, 1).addEdge(1, 3).addEdge(3, 4).build(); // node 2 has no edges
        long[] observed = draw(g, new DegreeSampler(g, 0), 12);
        ChiSquare.assertFits(observed, new double[] {1, 1, 0, 1, 1}, "degree^0");
    }

    /** The degree of a weighted directed graph is the summed weight of the edges at a node, both ends. */
    @Test
    void weightedDirectedEdgesCountAtBothEndsByWeight() {
        Graph g = Graph.directed().addEdge(0, 1, 2f).addEdge(0, 2, 1f).addEdge(2, 1, 0.5f).build();
        long[] observed = draw(g, new DegreeSampler(g, 1), 13);
        ChiSquare.assertFits(observed, new double[] {3, 2.5, 1.5}, "weighted degree");
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DegreeSampler(GRAPH, Double.NaN));
        Graph.Builder noEdges = Graph.undirected();
        noEdges.node("lonely");
        Graph empty = noEdges.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DegreeSampler(empty, 0.75));
        assertEquals("the graph has no edges (1 nodes): no node can be drawn by degree", e.getMessage());
    }
}
