package org.thymus.core.sampler;

import java.util.Objects;

/**
 * Rejects candidate c for (anchor, positive) when (anchor, c) is a known positive pair: the other
 * words a word was seen with, the items a user already has. Give it a {@link PairSet} (exact, the
 * default) or a {@link BloomPairFilter} (smaller; a false positive discards a valid negative).
 */
public final class KnownPairsGuard implements NegativeGuard {
    private final PairMembership known;

    public KnownPairsGuard(PairMembership known) {
        this.known = Objects.requireNonNull(known, "known");
    }

    @Override
    public boolean rejects(int anchor, int positive, int candidate) {
        return known.contains(anchor, candidate);
    }

    @Override
    public String name() {
        return "known-pairs";
    }

    @Override
    public String toString() {
        return name();
    }
}
