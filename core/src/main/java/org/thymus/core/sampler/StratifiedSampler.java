package org.thymus.core.sampler;

import java.util.Objects;
import java.util.function.IntUnaryOperator;
import org.thymus.core.random.FastRandom;

/**
 * Negatives only from the anchor's own stratum (the same hospital, the same language, the same
 * shop): a negative from another group is too easy and teaches the model the group, not the item.
 * Within a stratum, an item is drawn with probability proportional to its weight, by an alias
 * table of its own (O(1) a draw).
 *
 * <p>Items of stratum -1 are never drawn. An anchor whose stratum is -1, unknown, or holds no item
 * of positive weight gets {@link #NONE}.
 */
public final class StratifiedSampler implements NegativeSampler {
    private final IntUnaryOperator stratumOfAnchor;
    private final AliasTable[] tables;
    private final int[] memberStart;
    private final int[] members;

    /**
     * @param stratumOfItem   each item's stratum (>= 0), or -1 for an item that is never a negative
     * @param weights         each item's weight (finite, >= 0), e.g. count^0.75
     * @param stratumOfAnchor each anchor id's stratum, or -1; ids past its end have none
     */
    public StratifiedSampler(int[] stratumOfItem, double[] weights, int[] stratumOfAnchor) {
        this(stratumOfItem, weights, lookup(stratumOfAnchor));
    }

    /**
     * @param stratumOfItem   each item's stratum (>= 0), or -1 for an item that is never a negative
     * @param weights         each item's weight (finite, >= 0), e.g. count^0.75
     * @param stratumOfAnchor an anchor id's stratum, or -1; must be thread-safe
     */
    public StratifiedSampler(int[] stratumOfItem, double[] weights, IntUnaryOperator stratumOfAnchor) {
        Objects.requireNonNull(stratumOfItem, "stratumOfItem");
        Objects.requireNonNull(weights, "weights");
        this.stratumOfAnchor = Objects.requireNonNull(stratumOfAnchor, "stratumOfAnchor");
        if (stratumOfItem.length != weights.length) {
            throw new IllegalArgumentException(stratumOfItem.length + " strata but " + weights.length + " weights");
        }
        int strata = 0;
        for (int i = 0; i < stratumOfItem.length; i++) {
            int s = stratumOfItem[i];
            if (s < -1) {
                throw new IllegalArgumentException("item " + i + " has stratum " + s + " (use -1 for none)");
            }
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("item " + i + " has weight " + weights[i]);
            }
            strata = Math.max(strata, s + 1);
        }
        // Members of each stratum, contiguous (counting sort by stratum, items in id order).
        memberStart = new int[strata + 1];
        for (int s : stratumOfItem) {
            if (s >= 0) {
                memberStart[s + 1]++;
            }
        }
        for (int s = 0; s < strata; s++) {
            memberStart[s + 1] += memberStart[s];
        }
        members = new int[memberStart[strata]];
        int[] fill = java.util.Arrays.copyOf(memberStart, strata);
        for (int i = 0; i < stratumOfItem.length; i++) {
            int s = stratumOfItem[i];
            if (s >= 0) {
                members[fill[s]++] = i;
            }
        }
        tables = new AliasTable[strata];
        for (int s = 0; s < strata; s++) {
            int from = memberStart[s];
            int to = memberStart[s + 1];
            double[] w = new double[to - from];
            boolean any = false;
            for (int j = from; j < to; j++) {
                w[j - from] = weights[members[j]];
                any |= w[j - from] > 0;
            }
            tables[s] = any ? new AliasTable(w) : null;
        }
    }

    private static IntUnaryOperator lookup(int[] stratumOfAnchor) {
        Objects.requireNonNull(stratumOfAnchor, "stratumOfAnchor");
        return anchor -> anchor >= 0 && anchor < stratumOfAnchor.length ? stratumOfAnchor[anchor] : -1;
    }

    /** An item of the anchor's stratum drawn by weight, or {@link #NONE}. The positive is not excluded. */
    @Override
    public int sample(int anchor, int positive, FastRandom rng) {
        int s = stratumOfAnchor.applyAsInt(anchor);
        if (s < 0 || s >= tables.length) {
            return NONE;
        }
        AliasTable table = tables[s];
        return table == null ? NONE : members[memberStart[s] + table.sample(rng)];
    }

    /** The number of strata (one more than the largest item stratum). */
    public int strata() {
        return tables.length;
    }

    /** The number of items in stratum {@code s} (including zero-weight ones). */
    public int stratumSize(int s) {
        return memberStart[s + 1] - memberStart[s];
    }

    /** The stratum an anchor draws from (-1 for none). */
    public int stratumOf(int anchor) {
        return stratumOfAnchor.applyAsInt(anchor);
    }
}
