package org.thymus.kg;

import java.util.List;
import org.thymus.core.InvalidInputException;

/** Builds a model by its name, as the CLI and model files spell it. */
public final class KgModels {
    /** The names {@link #create} accepts; "transe" is TransE-L1. */
    public static final List<String> NAMES = List.of("transe", "transe-l1", "transe-l2", "distmult", "complex", "rotate");

    private KgModels() {
    }

    /**
     * A freshly initialised model.
     *
     * @param dim   real dimensions (TransE, DistMult) or complex ones (ComplEx, RotatE: rows of 2·dim floats)
     * @param range initial values uniform in [−range, range) (RotatE's phases: [−π, π))
     */
    public static KgModel create(String name, int entityCount, int relationCount, int dim, float range, long seed) {
        if (dim < 1) {
            throw new InvalidInputException("dim must be at least 1, got " + dim);
        }
        return switch (name) {
            case "transe", "transe-l1" -> new TransE(entityCount, relationCount, dim, TransE.Norm.L1, range, seed);
            case "transe-l2" -> new TransE(entityCount, relationCount, dim, TransE.Norm.L2, range, seed);
            case "distmult" -> new DistMult(entityCount, relationCount, dim, range, seed);
            case "complex" -> new ComplEx(entityCount, relationCount, dim, range, seed);
            case "rotate" -> new RotatE(entityCount, relationCount, dim, range, seed);
            default -> throw new InvalidInputException("unknown model '" + name + "' (" + String.join(", ", NAMES) + ")");
        };
    }

    /** Whether the model scores by a product (DistMult, ComplEx) rather than a distance: its loss margin is 0. */
    public static boolean isBilinear(String name) {
        return name.equals("distmult") || name.equals("complex");
    }
}
