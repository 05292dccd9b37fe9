package org.thymus.core.sampler;

import org.thymus.core.random.FastRandom;

/**
 * In-batch negatives: the positives of the other pairs of the current batch, drawn uniformly over
 * the batch's slots (so an item appears as often as it is a positive in the batch: the
 * popularity bias that the logQ correction undoes). Holds the batch, so each worker thread has its
 * own instance and calls {@link #reset} for every batch. A slot whose item equals the pair's own
 * positive is redrawn; when every slot holds it, {@link #NONE}.
 */
public final class InBatchSampler implements NegativeSampler {
    private static final int MAX_TRIES = 32;

    private int[] positives = new int[0];
    private int size;

    /** Makes {@code positives[0..size)} the current batch (the array is read, not copied). */
    public void reset(int[] positives, int size) {
        if (size < 0 || size > positives.length) {
            throw new IllegalArgumentException("batch size " + size + " outside [0, " + positives.length + "]");
        }
        this.positives = positives;
        this.size = size;
    }

    public int size() {
        return size;
    }

    @Override
    public int sample(int anchor, int positive, FastRandom rng) {
        if (size == 0) {
            return NONE;
        }
        for (int t = 0; t < MAX_TRIES; t++) {
            int id = positives[rng.nextInt(size)];
            if (id != positive) {
                return id;
            }
        }
        return NONE;
    }
}
