package org.thymus.kg;

/**
 * A list of (head, relation, tail) triples as three parallel id arrays: the form every loop here
 * reads (no object per triple).
 */
public record Triples(int[] heads, int[] relations, int[] tails) {

    public Triples {
        if (heads.length != relations.length || heads.length != tails.length) {
            throw new IllegalArgumentException("arrays differ in length: " + heads.length + ", "
                    + relations.length + ", " + tails.length);
        }
    }

    public int size() {
        return heads.length;
    }

    public int head(int i) {
        return heads[i];
    }

    public int relation(int i) {
        return relations[i];
    }

    public int tail(int i) {
        return tails[i];
    }
}
