package org.thymus.core.sampler;

import java.util.Objects;

/**
 * A guard from an arbitrary predicate, e.g. "within a radius of the anchor" or "same user". The
 * predicate must be thread-safe.
 */
public final class ExclusionGuard implements NegativeGuard {
    private final String name;
    private final ExclusionPredicate predicate;

    /** A guard called {@code name} in reports that rejects what {@code predicate} excludes. */
    public ExclusionGuard(String name, ExclusionPredicate predicate) {
        this.name = Objects.requireNonNull(name, "name");
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a guard needs a name");
        }
    }

    @Override
    public boolean rejects(int anchor, int positive, int candidate) {
        return predicate.excludes(anchor, positive, candidate);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
