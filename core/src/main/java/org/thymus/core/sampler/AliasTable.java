package org.thymus.core.sampler;

import org.thymus.core.random.FastRandom;

/**
 * Walker's alias method (Vose's construction): draws index i with probability w[i] / sum(w) in
 * O(1), one uniform column and one biased coin. Build is O(n). The two arrays are small
 * (8 bytes an entry) compared with word2vec.c's 10^8-entry unigram table, so they stay in cache.
 */
public final class AliasTable {
    private final float[] threshold;
    private final int[] alias;

    public AliasTable(double[] weights) {
        int n = weights.length;
        if (n == 0) {
            throw new IllegalArgumentException("an alias table needs at least one weight");
        }
        double max = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0, got " + w);
            }
            max = Math.max(max, w);
        }
        // Sum the weights relative to the largest, so that huge weights cannot overflow the sum.
        double sum = 0;
        for (double w : weights) {
            sum += max > 0 ? w / max : 0;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        threshold = new float[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallCount = 0;
        int largeCount = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] / max * n / sum;
            if (scaled[i] < 1.0) {
                small[smallCount++] = i;
            } else {
                large[largeCount++] = i;
            }
        }
        while (smallCount > 0 && largeCount > 0) {
            int s = small[--smallCount];
            int l = large[--largeCount];
            threshold[s] = (float) scaled[s];
            alias[s] = l;
            scaled[l] = (scaled[l] + scaled[s]) - 1.0;
            if (scaled[l] < 1.0) {
                small[smallCount++] = l;
            } else {
                large[largeCount++] = l;
            }
        }
        // Leftovers are 1 up to rounding: they keep their own column.
        while (largeCount > 0) {
            int l = large[--largeCount];
            threshold[l] = 1f;
            alias[l] = l;
        }
        while (smallCount > 0) {
            int s = small[--smallCount];
            threshold[s] = 1f;
            alias[s] = s;
        }
    }

    public int size() {
        return threshold.length;
    }

    /** Draws an index with probability proportional to its weight. */
    public int sample(FastRandom rng) {
        long bits = rng.nextLong();
        // High 32 bits pick the column, low 24 bits flip the coin: one generator call per draw.
        int column = (int) (((bits >>> 32) * threshold.length) >>> 32);
        float coin = (bits & 0xFFFFFF) * 0x1.0p-24f;
        return coin < threshold[column] ? column : alias[column];
    }
}
