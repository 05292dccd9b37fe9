package org.thymus.core.sampler;

import org.thymus.core.random.FastRandom;

/**
 * Draws negatives for a positive pair (anchor, positive). Samplers are stateless apart from
 * what they were built with, so one instance serves every worker thread; each thread brings its
 * own {@link FastRandom}. Samplers that depend on the pair (hard negatives, guards) read
 * {@code anchor} and {@code positive}; base distributions ignore them.
 *
 * <p>A sampler that has nothing to offer for a pair (a word with no spelling neighbours, a guard
 * that rejected every try) returns {@link #NONE}; a mixture then falls back to its base
 * distribution, and a training loop skips the negative.
 */
public interface NegativeSampler {
    /** "No negative for this pair". */
    int NONE = -1;

    /** Draws one negative id for the pair. */
    int sample(int anchor, int positive, FastRandom rng);

    /** Fills {@code out[0..k)} with negatives for the pair. */
    default void sample(int anchor, int positive, FastRandom rng, int[] out, int k) {
        for (int i = 0; i < k; i++) {
            out[i] = sample(anchor, positive, rng);
        }
    }
}
