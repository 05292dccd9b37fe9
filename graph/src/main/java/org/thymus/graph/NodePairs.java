package org.thymus.graph;

/**
 * Node pairs (from[i], to[i]), as two parallel arrays: the held-out edges or the negative pairs of a
 * link-prediction split. In an undirected graph each pair has from &lt; to. The arrays are shared,
 * not copied; read only.
 */
public record NodePairs(int[] from, int[] to) {
    public NodePairs {
        if (from.length != to.length) {
            throw new IllegalArgumentException(from.length + " first nodes but " + to.length + " second nodes");
        }
    }

    public int size() {
        return from.length;
    }
}
