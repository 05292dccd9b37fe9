package org.thymus.kg;

/**
 * Which side of a positive triple a negative replaces. Either way the replacement entity is drawn
 * uniformly from all entities.
 */
public enum Corruption {
    /** Head or tail with probability 1/2 each (Bordes et al. 2013). */
    UNIFORM,
    /**
     * Per relation (Wang et al. 2014): the head with probability tph / (tph + hph), where tph is the
     * mean number of tails per head and hph of heads per tail in training. A one-to-many relation
     * (high tph) gets its head replaced more often, since a replaced tail would too often be another
     * true tail.
     */
    BERNOULLI
}
