package org.thymus.core.sampler;

/** A read-only membership test for (a, b) pairs: {@link PairSet} (exact) or {@link BloomPairFilter}. */
public interface PairMembership {

    /** True if (a, b) was added (for a Bloom filter: or is a false positive). */
    boolean contains(int a, int b);
}
