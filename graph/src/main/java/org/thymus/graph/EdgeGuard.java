package org.thymus.graph;

import java.util.Objects;
import org.thymus.core.sampler.NegativeGuard;

/**
 * Rejects, for the pair (u, positive), a candidate v that is an edge of the training graph — (u, v)
 * an edge, u → v in a directed graph — and u and the positive themselves: the false negatives a
 * degree or uniform draw finds in a dense neighbourhood, and the positive of a walk co-occurrence,
 * which need not be u's neighbour. An anchor of {@link org.thymus.core.sampler.NegativeSampler#NONE}
 * has no edges to check. Used through core's {@link org.thymus.core.sampler.GuardedSampler}, which
 * redraws a rejected candidate and counts the rejections.
 *
 * <p>The check is a binary search in u's sorted neighbour list, which stays in cache across u's
 * draws: no pair set, no memory beyond the graph.
 */
public final class EdgeGuard implements NegativeGuard {
    private final Graph graph;

    public EdgeGuard(Graph graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    @Override
    public boolean rejects(int anchor, int positive, int candidate) {
        return candidate == anchor || candidate == positive || (anchor >= 0 && graph.hasEdge(anchor, candidate));
    }

    @Override
    public String name() {
        return "edges";
    }

    @Override
    public String toString() {
        return name();
    }
}
