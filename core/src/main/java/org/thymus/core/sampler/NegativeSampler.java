package org.thymus.core.sampler;

import org.thymus.core.random.FastRandom;

/**
 * Draws negatives for a positive pair (anchor, positive). Samplers are stateless apart from
 * what they were built with, so one instance serves every worker thread; each thread brings its
 * own {@link FastRandom}. Samplers that depend on the pair (hard negatives, guards) read
 * {@code anchor} and {@code positive}; base distributions ignore them.
 */
public interface NegativeSampler {

    /** Draws one negative id for the pair. */
    int sample(int anchor, int positive, FastRandom rng);

    /** Fills {@code out[0..k)} with negatives for the pair. */
    default void sample(int anchor, int positive, FastRandom rng, int[] out, int k) {
        for (int i = 0; i < k; i++) {
            out[i] = sample(anchor, positive, rng);
        }
    }
}
