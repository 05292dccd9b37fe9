package org.thymus.core.sampler;

/**
 * For each item, a list of other items ranked by closeness (spelling, embedding, topology): the
 * raw material of hard negatives. Rank 0 is the closest.
 */
public interface NeighborLists {

    /** How many neighbours {@code item} has (0 when it has none or is outside the lists). */
    int count(int item);

    /** The neighbour of {@code item} at {@code rank}, for {@code rank < count(item)}. */
    int neighbor(int item, int rank);
}
