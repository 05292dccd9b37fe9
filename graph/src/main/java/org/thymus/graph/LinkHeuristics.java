package org.thymus.graph;

import java.util.Arrays;
import java.util.Locale;

/**
 * The classic neighbourhood scores of a candidate link (u, v) on a {@link Graph} (Liben-Nowell &amp;
 * Kleinberg 2007), with Γ(x) the neighbours of x (out-neighbours in a directed graph):
 * <ul>
 *   <li>common neighbours |Γ(u) ∩ Γ(v)|;
 *   <li>Jaccard |Γ(u) ∩ Γ(v)| / |Γ(u) ∪ Γ(v)| (0 when both are empty);
 *   <li>Adamic–Adar Σ 1 / ln k(w) over the common neighbours w, where k(w) is the number of nodes
 *       that have w as a neighbour (the degree; the in-degree in a directed graph), at least 2 for
 *       a common neighbour;
 *   <li>preferential attachment |Γ(u)| · |Γ(v)|.
 * </ul>
 * Intersections walk the two sorted lists together, or look the shorter list up in the longer by
 * binary search when that is cheaper (a hub against a leaf). An instance holds one Adamic–Adar
 * weight per node and is safe to share between threads.
 */
public final class LinkHeuristics {
    /** The scores, by the names the command line uses. */
    public enum Heuristic {
        COMMON_NEIGHBOURS, JACCARD, ADAMIC_ADAR, PREFERENTIAL_ATTACHMENT;

        /** The name in lower case with hyphens: {@code adamic-adar}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Graph graph;
    private final int[] neighbours;
    private final double[] adamicAdarWeight;

    public LinkHeuristics(Graph graph) {
        this.graph = graph;
        this.neighbours = graph.neighbourArray();
        int[] pointedAt = new int[graph.nodeCount()];
        for (int w : neighbours) {
            pointedAt[w]++;
        }
        adamicAdarWeight = new double[pointedAt.length];
        for (int w = 0; w < pointedAt.length; w++) {
            // A node fewer than two others point at is no one's common neighbour: its weight is never read.
            adamicAdarWeight[w] = pointedAt[w] >= 2 ? 1 / Math.log(pointedAt[w]) : 0;
        }
    }

    public Graph graph() {
        return graph;
    }

    public double score(Heuristic heuristic, int u, int v) {
        return switch (heuristic) {
            case COMMON_NEIGHBOURS -> commonNeighbours(u, v);
            case JACCARD -> jaccard(u, v);
            case ADAMIC_ADAR -> adamicAdar(u, v);
            case PREFERENTIAL_ATTACHMENT -> preferentialAttachment(u, v);
        };
    }

    /** The scores of every pair. */
    public double[] scores(Heuristic heuristic, NodePairs pairs) {
        double[] scores = new double[pairs.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = score(heuristic, pairs.from()[i], pairs.to()[i]);
        }
        return scores;
    }

    public int commonNeighbours(int u, int v) {
        return (int) sumOverCommonNeighbours(u, v, null);
    }

    public double jaccard(int u, int v) {
        int common = commonNeighbours(u, v);
        int union = graph.degree(u) + graph.degree(v) - common;
        return union == 0 ? 0 : (double) common / union;
    }

    public double adamicAdar(int u, int v) {
        return sumOverCommonNeighbours(u, v, adamicAdarWeight);
    }

    public double preferentialAttachment(int u, int v) {
        return (double) graph.degree(u) * graph.degree(v);
    }

    /** Σ weight[w] over the common neighbours w (each counts 1 when {@code weight} is null). */
    private double sumOverCommonNeighbours(int u, int v, double[] weight) {
        int shortNode = graph.degree(u) <= graph.degree(v) ? u : v;
        int longNode = shortNode == u ? v : u;
        int i = graph.neighboursStart(shortNode);
        int iEnd = graph.neighboursEnd(shortNode);
        int j = graph.neighboursStart(longNode);
        int jEnd = graph.neighboursEnd(longNode);
        int shortLength = iEnd - i;
        int longLength = jEnd - j;
        double sum = 0;
        if ((long) shortLength * (32 - Integer.numberOfLeadingZeros(longLength)) < shortLength + longLength) {
            for (; i < iEnd && j < jEnd; i++) {
                int found = Arrays.binarySearch(neighbours, j, jEnd, neighbours[i]);
                if (found >= 0) {
                    sum += weight == null ? 1 : weight[neighbours[i]];
                    j = found + 1;
                } else {
                    j = -found - 1; // both lists are sorted: the next search starts where this one ended
                }
            }
            return sum;
        }
        while (i < iEnd && j < jEnd) {
            int a = neighbours[i];
            int b = neighbours[j];
            if (a < b) {
                i++;
            } else if (a > b) {
                j++;
            } else {
                sum += weight == null ? 1 : weight[a];
                i++;
                j++;
            }
        }
        return sum;
    }
}
