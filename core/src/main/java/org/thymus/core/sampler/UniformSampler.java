package org.thymus.core.sampler;

import org.thymus.core.random.FastRandom;

/** Negatives drawn uniformly from the ids {@code [0, size)}, regardless of the pair. */
public final class UniformSampler implements NegativeSampler {
    private final int size;

    public UniformSampler(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a uniform sampler needs at least one id, got " + size);
        }
        this.size = size;
    }

    @Override
    public int sample(int anchor, int positive, FastRandom rng) {
        return rng.nextInt(size);
    }
}
