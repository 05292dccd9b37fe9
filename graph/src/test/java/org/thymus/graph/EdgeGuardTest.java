package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.GuardedSampler;
import org.thymus.core.sampler.NegativeGuard;
import org.thymus.core.sampler.NegativeSampler;

class EdgeGuardTest {
    private static final Graph GRAPH = SamplerGraphs.preferentialAttachment(300, 3, 41);

    private static GuardedSampler guarded(Graph graph) {
        return new GuardedSampler(new DegreeSampler(graph, 0.75), List.<NegativeGuard>of(new EdgeGuard(graph)), 32);
    }

    private static int hub(Graph graph) {
        int hub = 0;
        for (int v = 1; v < graph.nodeCount(); v++) {
            hub = graph.degree(v) > graph.degree(hub) ? v : hub;
        }
        return hub;
    }

    @Test
    void guardedDrawsAreNeverAnEdgeTheAnchorOrThePositive() {
        GuardedSampler sampler = guarded(GRAPH);
        FastRandom rng = new FastRandom(1);
        long returned = 0;
        for (int u = 0; u < GRAPH.nodeCount(); u++) {
            int positive = GRAPH.neighbourArray()[GRAPH.neighboursStart(u)];
            for (int i = 0; i < 2_000; i++) {
                int v = sampler.sample(u, positive, rng);
                if (v == NegativeSampler.NONE) {
                    continue;
                }
                returned++;
                assertNotEquals(u, v);
                assertFalse(GRAPH.hasEdge(u, v), "(" + u + ", " + v + ") is an edge");
            }
        }
        assertTrue(returned > 0.99 * 2_000 * GRAPH.nodeCount(), returned + " negatives returned");
        // Every candidate not returned was the guard's doing, and the hubs made it work.
        assertEquals(sampler.candidates() - returned, sampler.rejected(0));
        assertTrue(sampler.rejected(0) > 0.01 * sampler.candidates(), sampler.rejected(0) + " rejected");
    }

    /** What the guard lets through keeps the inner distribution, renormalised over the allowed nodes. */
    @Test
    void aHubsNegativesAreDegreeDrawsRenormalisedOverItsNonNeighbours() {
        int hub = hub(GRAPH);
        int positive = GRAPH.neighbourArray()[GRAPH.neighboursStart(hub)];
        GuardedSampler sampler = guarded(GRAPH);
        FastRandom rng = new FastRandom(2);
        long[] observed = ChiSquare.histogram(GRAPH.nodeCount(), 600_000, () -> sampler.sample(hub, positive, rng));
        double[] allowed = SamplerGraphs.withoutGuarded(GRAPH, SamplerGraphs.degreePowers(GRAPH, 0.75), hub, positive);
        ChiSquare.assertFits(observed, allowed, "degree^0.75 without the hub's neighbours");
        assertEquals(0, sampler.exhausted());
    }

    @Test
    void theWalkPositiveIsRejectedEvenWhenItIsNoNeighbour() {
        EdgeGuard guard = new EdgeGuard(GRAPH);
        int u = 0;
        int[] farAway = new int[2]; // two nodes that are neither u nor its neighbours
        for (int v = 1, found = 0; found < 2; v++) {
            if (!GRAPH.hasEdge(u, v)) {
                farAway[found++] = v;
            }
        }
        assertTrue(guard.rejects(u, farAway[0], farAway[0]), "the positive");
        assertFalse(guard.rejects(u, farAway[1], farAway[0]), "a non-neighbour that is not the positive");
        assertTrue(guard.rejects(u, farAway[0], u), "the anchor");
        assertTrue(guard.rejects(NegativeSampler.NONE, farAway[0], farAway[0]), "no anchor: the positive still is");
        assertFalse(guard.rejects(NegativeSampler.NONE, farAway[0], u), "no anchor: no edges to check");
        assertEquals("edges", guard.name());
    }

    @Test
    void aDirectedGraphGuardsTheAnchorsOutEdgesOnly() {
        Graph g = Graph.directed().addEdge(0, 1).addEdge(2, 0).build();
        EdgeGuard guard = new EdgeGuard(g);
        assertTrue(guard.rejects(0, 2, 1), "0 -> 1");
        assertFalse(guard.rejects(0, 1, 2), "2 -> 0 is not 0 -> 2");
        assertTrue(guard.rejects(2, 1, 0), "2 -> 0");
    }
}
