package org.thymus.graph;

import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.AliasTable;
import org.thymus.core.sampler.NegativeSampler;

/**
 * Negatives drawn from degree^α over the nodes of a {@link Graph}: word2vec's unigram^0.75 with a
 * node's degree as its count, as DeepWalk, node2vec and LINE draw them. The degree is the summed
 * weight of the node's edges (the number of its edges in an unweighted graph); a directed edge counts
 * at both ends, so a node that is only pointed at can still be drawn. α = 0 is uniform over the
 * nodes that have an edge; nodes without edges are never drawn (they are nobody's context).
 *
 * <p>One {@link AliasTable} over the weights: O(1) a draw, 8 bytes a node. The pair is ignored.
 */
public final class DegreeSampler implements NegativeSampler {
    /** word2vec's and LINE's exponent. */
    public static final double DEFAULT_EXPONENT = 0.75;

    private final AliasTable table;
    private final double exponent;

    public DegreeSampler(Graph graph, double exponent) {
        if (!Double.isFinite(exponent)) {
            throw new IllegalArgumentException("the degree exponent must be finite, got " + exponent);
        }
        double[] weights = degrees(graph, true);
        for (int v = 0; v < weights.length; v++) {
            weights[v] = weights[v] == 0 ? 0 : Math.pow(weights[v], exponent);
        }
        this.table = new AliasTable(weights);
        this.exponent = exponent;
    }

    public double exponent() {
        return exponent;
    }

    @Override
    public int sample(int anchor, int positive, FastRandom rng) {
        return table.sample(rng);
    }

    /**
     * Each node's degree: the summed weight of its edges ({@code weighted} and a weighted graph) or
     * their number, a directed edge counted at both ends. Fails on a graph without edges, from which
     * no negative can be drawn.
     */
    static double[] degrees(Graph graph, boolean weighted) {
        if (graph.edgeCount() == 0) {
            throw new IllegalArgumentException("the graph has no edges (" + graph.nodeCount()
                    + " nodes): no node can be drawn by degree");
        }
        int[] neighbours = graph.neighbourArray();
        float[] weights = weighted ? graph.weightArray() : null;
        double[] degree = new double[graph.nodeCount()];
        for (int u = 0; u < degree.length; u++) {
            for (int i = graph.neighboursStart(u); i < graph.neighboursEnd(u); i++) {
                double w = weights == null ? 1 : weights[i];
                degree[u] += w;
                if (graph.isDirected()) {
                    degree[neighbours[i]] += w; // an undirected edge is already stored at its other end
                }
            }
        }
        return degree;
    }
}
