package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class GraphTest {
    static int[] neighbours(Graph g, int u) {
        return Arrays.copyOfRange(g.neighbourArray(), g.neighboursStart(u), g.neighboursEnd(u));
    }

    @Test
    void undirectedEdgesAreStoredBothWaysSortedWithSelfLoopsAndRepeatsCounted() {
        Graph g = Graph.undirected().addEdge("d", "a").addEdge("a", "b").addEdge("c", "a").addEdge("b", "a")
                .addEdge("a", "a").addEdge("a", "b").addEdge("b", "c").build();
        assertFalse(g.isDirected());
        assertFalse(g.isWeighted());
        assertNull(g.weightArray());
        assertEquals(4, g.nodeCount());
        assertEquals(4, g.edgeCount()); // a-d, a-b, a-c, b-c
        assertEquals(1, g.selfLoopsSkipped());
        assertEquals(2, g.duplicatesSkipped(), "(b, a) repeats (a, b), and so does the second (a, b)");
        int a = g.node("a");
        int b = g.node("b");
        int c = g.node("c");
        int d = g.node("d");
        assertEquals("d", g.name(d));
        assertEquals(-1, g.node("e"));
        assertArrayEquals(new int[] {d, b, c}, neighbours(g, a)); // ids in first-seen order: d=0, a=1, b=2, c=3
        assertArrayEquals(new int[] {a, c}, neighbours(g, b));
        assertEquals(3, g.degree(a));
        assertEquals(1, g.degree(d));
        assertTrue(g.hasEdge(d, a));
        assertTrue(g.hasEdge(a, d));
        assertTrue(g.hasEdge(c, b));
        assertFalse(g.hasEdge(c, d));
        assertFalse(g.hasEdge(a, a));
    }

    @Test
    void directedEdgesKeepTheirDirection() {
        Graph g = Graph.directed().addEdge(0, 1).addEdge(1, 0).addEdge(0, 1).addEdge(2, 0).addEdge(2, 2).build();
        assertTrue(g.isDirected());
        assertEquals(3, g.nodeCount());
        assertEquals(3, g.edgeCount());
        assertEquals(1, g.duplicatesSkipped());
        assertEquals(1, g.selfLoopsSkipped());
        assertTrue(g.hasEdge(2, 0));
        assertFalse(g.hasEdge(0, 2));
        assertEquals(1, g.degree(0));
        assertEquals(1, g.degree(2));
    }

    @Test
    void weightsFollowTheirNeighboursAndARepeatKeepsTheLargestWeight() {
        Graph g = Graph.undirected().addEdge(0, 2, 5f).addEdge(0, 1, 2f).addEdge(1, 0, 3f).addEdge(0, 1, 0.5f)
                .addEdge(2, 1).build();
        assertTrue(g.isWeighted());
        assertEquals(3, g.edgeCount());
        assertEquals(2, g.duplicatesSkipped());
        float[] w = g.weightArray();
        assertArrayEquals(new int[] {1, 2}, neighbours(g, 0));
        assertArrayEquals(new float[] {3f, 5f}, Arrays.copyOfRange(w, g.neighboursStart(0), g.neighboursEnd(0)));
        // Both lists of an edge agree, whatever order the repeats came in; an unweighted edge weighs 1.
        assertArrayEquals(new float[] {3f, 1f}, Arrays.copyOfRange(w, g.neighboursStart(1), g.neighboursEnd(1)));
        assertArrayEquals(new float[] {5f, 1f}, Arrays.copyOfRange(w, g.neighboursStart(2), g.neighboursEnd(2)));
        assertThrows(IllegalArgumentException.class, () -> Graph.undirected().addEdge(0, 1, 0f));
        assertThrows(IllegalArgumentException.class, () -> Graph.undirected().addEdge(0, 1, Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> Graph.undirected().addEdge(0, 1, Float.POSITIVE_INFINITY));
    }

    @Test
    void numberedNodesAreNamedByTheirIdsAndDoNotMixWithNames() {
        Graph g = Graph.undirected().addEdge(3, 1).build();
        assertEquals(4, g.nodeCount(), "one past the largest id; 0 and 2 have no edges");
        assertEquals(0, g.degree(0));
        assertEquals("3", g.name(3));
        assertEquals(3, g.node("3"));
        assertEquals(-1, g.node("03"));
        assertEquals(-1, g.node("4"));
        assertEquals(-1, g.node("x"));
        assertThrows(IllegalStateException.class, () -> Graph.undirected().addEdge(0, 1).node("a"));
        assertThrows(IllegalArgumentException.class, () -> Graph.undirected().addEdge("a", "b").addEdge(0, 2));
        assertThrows(IllegalArgumentException.class, () -> Graph.undirected().addEdge(-1, 0));
    }

    @Test
    void aBuilderWithTheSameNodesKeepsIdsAndNamesAndTakesNoNewNodes() {
        Graph full = Graph.undirected().addEdge("a", "b").addEdge("b", "c").addEdge("c", "a").build();
        Graph.Builder builder = full.builderWithSameNodes();
        Graph sub = builder.addEdge("c", "b").build();
        assertEquals(3, sub.nodeCount());
        assertEquals(1, sub.edgeCount());
        assertEquals("a", sub.name(full.node("a")));
        assertEquals(0, sub.degree(sub.node("a")));
        assertThrows(IllegalArgumentException.class, () -> full.builderWithSameNodes().addEdge("a", "z"));
        assertThrows(IllegalArgumentException.class, () -> full.builderWithSameNodes().addEdge(0, 3));
        assertThrows(IllegalStateException.class, () -> builder.addEdge(0, 1));
        assertThrows(IllegalStateException.class, builder::build);
    }

    /**
     * The memory of the adjacency, per edge: the figure the 100 M-edge benchmark is to confirm at
     * scale (see graph/README.md). An undirected edge is two ints, a weight two floats more; each
     * node adds one int of offsets.
     */
    @Test
    void bytesPerEdge() {
        int nodes = 20_000;
        int edges = 200_000;
        for (boolean weighted : new boolean[] {false, true}) {
            Graph.Builder builder = Graph.undirected();
            FastRandom rng = new FastRandom(3);
            for (int e = 0; e < edges; e++) {
                int u = rng.nextInt(nodes);
                int v = rng.nextInt(nodes);
                if (weighted) {
                    builder.addEdge(u, v, 1 + rng.nextFloat());
                } else {
                    builder.addEdge(u, v);
                }
            }
            Graph g = builder.build();
            assertEquals(edges, g.edgeCount() + g.duplicatesSkipped() + g.selfLoopsSkipped());
            long stored = 2 * g.edgeCount();
            long expected = 16 + 4L * (nodes + 1) + 16 + 4 * stored + (weighted ? 16 + 4 * stored : 0);
            assertEquals(expected, g.memoryBytes());
            double perEdge = (double) g.memoryBytes() / g.edgeCount();
            double listsPerEdge = weighted ? 16 : 8;
            assertEquals(listsPerEdge + 4.0 * nodes / g.edgeCount(), perEdge, 0.01, "bytes per edge");
        }
    }
}
