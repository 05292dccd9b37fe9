package org.thymus.core.sampler;

import java.util.Objects;

/**
 * Rejects a candidate that is the positive itself or shares the positive's equivalence class
 * (a synonym or homophone of the positive word): training it as a negative would push apart two
 * things that mean the same. Its rejection rate is the false-negative rate the sampler would have
 * had without it.
 */
public final class EquivalenceClassGuard implements NegativeGuard {
    private final EquivalenceClasses classes;

    public EquivalenceClassGuard(EquivalenceClasses classes) {
        this.classes = Objects.requireNonNull(classes, "classes");
    }

    @Override
    public boolean rejects(int anchor, int positive, int candidate) {
        return candidate == positive || classes.sameClass(positive, candidate);
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
