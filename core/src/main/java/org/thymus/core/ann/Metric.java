package org.thymus.core.ann;

import java.util.Locale;
import org.thymus.core.InvalidInputException;

/**
 * How close two vectors are. Every search returns scores where higher is better: the dot product,
 * the cosine, or the negated squared Euclidean distance.
 */
public enum Metric {
    /** The dot product (maximum inner product search). */
    DOT,
    /** The cosine: the dot product of the vectors scaled to unit length (a zero vector stays zero). */
    COSINE,
    /** Euclidean: the score is {@code -|a - b|^2}. */
    L2;

    /** The metric named {@code name} ("dot", "cosine", "l2", any case). */
    public static Metric parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown metric '" + name + "': use cosine, dot or l2");
        }
    }

    /** The lower-case name the CLI and metrics files use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
