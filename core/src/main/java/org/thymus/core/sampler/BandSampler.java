package org.thymus.core.sampler;

import org.thymus.core.random.FastRandom;

/**
 * Hard negatives: a neighbour of the positive (or, built with {@link #ofAnchor}, of the anchor)
 * drawn uniformly among the ranks {@code [lo, hi)} of its neighbour list. Skipping the first ranks
 * leaves out the closest items, which are the most likely to be false negatives (synonyms,
 * inflections). Returns {@link #NONE} when the item has no neighbour in the band.
 */
public final class BandSampler implements NegativeSampler {
    private final NeighborLists lists;
    private final int lo;
    private final int hi;
    private final boolean anchorSide;

    /** Draws among the positive's neighbours. */
    public BandSampler(NeighborLists lists, int lo, int hi) {
        this(lists, lo, hi, false);
    }

    /**
     * Draws among the anchor's neighbours: the items the anchor itself confuses with its positive
     * (in a ranking task, the ones that outrank the positive).
     */
    public static BandSampler ofAnchor(NeighborLists lists, int lo, int hi) {
        return new BandSampler(lists, lo, hi, true);
    }

    private BandSampler(NeighborLists lists, int lo, int hi, boolean anchorSide) {
        if (lo < 0 || hi <= lo) {
            throw new IllegalArgumentException("rank band must satisfy 0 <= lo < hi, got [" + lo + ", " + hi + ")");
        }
        this.lists = lists;
        this.lo = lo;
        this.hi = hi;
        this.anchorSide = anchorSide;
    }

    public int lo() {
        return lo;
    }

    public int hi() {
        return hi;
    }

    @Override
    public int sample(int anchor, int positive, FastRandom rng) {
        int item = anchorSide ? anchor : positive;
        if (item < 0) {
            return NONE;
        }
        int available = Math.min(hi, lists.count(item)) - lo;
        if (available <= 0) {
            return NONE;
        }
        return lists.neighbor(item, lo + rng.nextInt(available));
    }
}
