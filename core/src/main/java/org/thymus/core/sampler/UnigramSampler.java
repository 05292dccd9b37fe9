package org.thymus.core.sampler;

import org.thymus.core.random.FastRandom;

/**
 * Negatives drawn from count^alpha: word2vec's unigram^0.75, or degree^0.75 on a graph.
 * alpha = 0 is uniform over the ids with a non-zero count, alpha = 1 the raw frequency.
 */
public final class UnigramSampler implements NegativeSampler {
    private final AliasTable table;
    private final double exponent;

    public UnigramSampler(long[] counts, double exponent) {
        if (!Double.isFinite(exponent)) {
            throw new IllegalArgumentException("exponent must be finite, got " + exponent);
        }
        double[] weights = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("count " + i + " is negative: " + counts[i]);
            }
            weights[i] = counts[i] == 0 ? 0 : Math.pow(counts[i], exponent);
        }
        this.table = new AliasTable(weights);
        this.exponent = exponent;
    }

    public double exponent() {
        return exponent;
    }

    /** Draws an id with probability proportional to count^exponent, regardless of the pair. */
    public int sample(FastRandom rng) {
        return table.sample(rng);
    }

    @Override
    public int sample(int anchor, int positive, FastRandom rng) {
        return table.sample(rng);
    }
}
