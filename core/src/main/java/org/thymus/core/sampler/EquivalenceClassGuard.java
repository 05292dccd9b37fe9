package org.thymus.core.sampler;

import java.util.Objects;

/**
 * Rejects a candidate that shares the positive's equivalence class (a synonym or homophone of the
 * positive word): training it as a negative would push apart two things that mean the same. Its
 * rejection rate is the false-negative rate the sampler would have had without it. A draw of the
 * positive itself is not its business (every training loop skips it already) unless the positive
 * is in a class, so the rate counts class-mates, not repeats of the positive.
 */
public final class EquivalenceClassGuard implements NegativeGuard {
    private final EquivalenceClasses classes;

    public EquivalenceClassGuard(EquivalenceClasses classes) {
        this.classes = Objects.requireNonNull(classes, "classes");
    }

    @Override
    public boolean rejects(int anchor, int positive, int candidate) {
        return classes.sameClass(positive, candidate);
    }

    @Override
    public String name() {
        return "classes";
    }

    public EquivalenceClasses classes() {
        return classes;
    }

    @Override
    public String toString() {
        return name();
    }
}
