package org.thymus.core.sampler;

/**
 * A rule that a candidate must not be a negative for the pair (anchor, positive): a known
 * positive, a member of the positive's equivalence class, an item within a radius. Guards are
 * evaluated by a {@link GuardedSampler}, which redraws rejected candidates and counts, per guard,
 * how many it rejected.
 *
 * <p>A guard is called from every worker thread at once: it must be thread-safe, and it should be
 * read-only after construction.
 */
public interface NegativeGuard {

    /** True when {@code candidate} must not be drawn as a negative for (anchor, positive). */
    boolean rejects(int anchor, int positive, int candidate);

    /** A short stable name ("known-pairs", "classes", "exclusion", ...): the key of the guard in reports. */
    String name();
}
