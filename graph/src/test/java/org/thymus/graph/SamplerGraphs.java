package org.thymus.graph;

import org.thymus.core.random.FastRandom;

/** Small generated graphs for tests. */
final class SamplerGraphs {
    private SamplerGraphs() {
    }

    /**
     * Barabási–Albert preferential attachment: a clique of m + 1 nodes, then each new node links to
     * m distinct earlier nodes drawn ∝ degree. Degrees follow a power law (m up to ~√(2m·nodes)), so
     * there are hubs, and the graph is connected.
     */
    static Graph preferentialAttachment(int nodes, int m, long seed) {
        FastRandom rng = new FastRandom(seed);
        Graph.Builder builder = Graph.undirected();
        int[] endpoints = new int[2 * m * nodes + m * (m + 1)];
        int size = 0;
        for (int u = 0; u <= m; u++) {
            for (int v = u + 1; v <= m; v++) {
                builder.addEdge(u, v);
                endpoints[size++] = u;
                endpoints[size++] = v;
            }
        }
        int[] chosen = new int[m];
        for (int u = m + 1; u < nodes; u++) {
            int count = 0;
            while (count < m) {
                int v = endpoints[rng.nextInt(size)];
                boolean repeat = false;
                for (int i = 0; i < count; i++) {
                    repeat |= chosen[i] == v;
                }
                if (!repeat) {
                    chosen[count++] = v;
                }
            }
            for (int v : chosen) {
                builder.addEdge(u, v);
                endpoints[size++] = u;
                endpoints[size++] = v;
            }
        }
        return builder.build();
    }

    /** degree(v)^exponent for every node (0 for a node without edges). */
    static double[] degreePowers(Graph graph, double exponent) {
        double[] weights = new double[graph.nodeCount()];
        for (int v = 0; v < weights.length; v++) {
            weights[v] = graph.degree(v) == 0 ? 0 : Math.pow(graph.degree(v), exponent);
        }
        return weights;
    }

    /** The weights with u, the positive and u's neighbours set to 0: what the edge guard lets through. */
    static double[] withoutGuarded(Graph graph, double[] weights, int u, int positive) {
        double[] allowed = weights.clone();
        allowed[u] = 0;
        allowed[positive] = 0;
        for (int i = graph.neighboursStart(u); i < graph.neighboursEnd(u); i++) {
            allowed[graph.neighbourArray()[i]] = 0;
        }
        return allowed;
    }
}
