package org.thymus.core.sampler;

/** An arbitrary exclusion rule for an {@link ExclusionGuard}; called from many threads at once. */
@FunctionalInterface
public interface ExclusionPredicate {

    /** True when {@code candidate} must not be a negative for (anchor, positive). */
    boolean excludes(int anchor, int positive, int candidate);
}
