package org.thymus.hyperbolic;

import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.NegativeSampler;

/**
 * Topological hard negatives for a relation (u, v) of a transitive closure: a node drawn uniformly
 * among v's other descendants — u's siblings and cousins below v, the nodes that compete with v
 * for the top of u's ranking. Uniform draws almost never hit them in a large taxonomy (a noun has
 * a handful of siblings among 82,000 nouns), so the model learns to separate them late; drawn
 * here, they are pushed apart from the start. Descendants that are ancestors of u are related to
 * u: put the sampler behind {@link Hierarchy#relatedGuard()} and mix it with a global sampler
 * ({@code MixtureSampler}) so that far nodes are still seen.
 */
public final class SubtreeSampler implements NegativeSampler {
    private final Hierarchy hierarchy;

    public SubtreeSampler(Hierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    @Override
    public int sample(int anchor, int positive, FastRandom rng) {
        int descendants = hierarchy.inDegree(positive);
        if (descendants <= 1) { // only u itself
            return NONE;
        }
        return hierarchy.source(positive, rng.nextInt(descendants));
    }
}
