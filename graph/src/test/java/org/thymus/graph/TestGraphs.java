package org.thymus.graph;

import org.thymus.core.random.FastRandom;

/** Generated graphs for tests. */
final class TestGraphs {
    private TestGraphs() {
    }

    /**
     * A planted partition: {@code communities} blocks of {@code size} nodes (node u is in block
     * u / size), an edge inside a block with probability {@code inside} and across with
     * {@code across}.
     */
    static Graph plantedPartition(int communities, int size, double inside, double across, long seed) {
        FastRandom rng = new FastRandom(seed);
        Graph.Builder b = Graph.undirected();
        int n = communities * size;
        for (int u = 0; u < n; u++) {
            b.node(Integer.toString(u));
        }
        for (int u = 0; u < n; u++) {
            for (int v = u + 1; v < n; v++) {
                if (rng.nextDouble() < (u / size == v / size ? inside : across)) {
                    b.addEdge(u, v);
                }
            }
        }
        return b.build();
    }
}
