package org.thymus.kg;

import org.thymus.core.random.FastRandom;

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

    /**
     * {@code count} triples drawn without replacement, seeded (a partial Fisher-Yates shuffle of the
     * indices, kept in their original order), or these triples when {@code count} covers them all.
     */
    public Triples sample(int count, long seed) {
        int n = size();
        if (count >= n) {
            return this;
        }
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        FastRandom rng = new FastRandom(seed);
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(n - i);
            int tmp = index[i];
            index[i] = index[j];
            index[j] = tmp;
        }
        int[] chosen = java.util.Arrays.copyOf(index, count);
        java.util.Arrays.sort(chosen);
        int[] h = new int[count];
        int[] r = new int[count];
        int[] t = new int[count];
        for (int i = 0; i < count; i++) {
            h[i] = heads[chosen[i]];
            r[i] = relations[chosen[i]];
            t[i] = tails[chosen[i]];
        }
        return new Triples(h, r, t);
    }
}
