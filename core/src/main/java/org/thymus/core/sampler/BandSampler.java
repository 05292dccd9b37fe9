package org.thymus.core.sampler;

import org.thymus.core.random.FastRandom;

/**
 * Hard negatives: a neighbour of the positive drawn uniformly among the ranks {@code [lo, hi)} of
 * its neighbour list. Skipping the first ranks leaves out the closest items, which are the most
 * likely to be false negatives (synonyms, inflections). Returns {@link #NONE} when the positive
 * has no neighbour in the band.
 */
public final class BandSampler implements NegativeSampler {
    private final NeighborLists lists;
    private final int lo;
    private final int hi;

    public BandSampler(NeighborLists lists, int lo, int hi) {
        if (lo < 0 || hi <= lo) {
            throw new IllegalArgumentException("rank band must satisfy 0 <= lo < hi, got [" + lo + ", " + hi + ")");
        }
        this.lists = lists;
        this.lo = lo;
        this.hi = hi;
    }

    public int lo() {
        return lo;
    }

    public int hi() {
        return hi;
    }

    @Override
    public int sample(int anchor, int positive, FastRandom rng) {
        int available = Math.min(hi, lists.count(positive)) - lo;
        if (available <= 0) {
            return NONE;
        }
        return lists.neighbor(positive, lo + rng.nextInt(available));
    }
}
