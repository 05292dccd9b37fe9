package org.thymus.retrieval.recsys;

/**
 * A recommender as the ranking protocol sees it: one score for every item, for one user. Every model
 * (popularity, item-kNN, BPR matrix factorisation, the two towers) is evaluated through this one
 * interface, so they are ranked by the same code on the same split.
 */
@FunctionalInterface
public interface UserItemScorer {

    /**
     * Writes a score for every item into {@code scores} (indexed by dense item id, length = the
     * number of items); a higher score ranks first. The protocol calls this from several threads at
     * once, each with its own array, so an implementation must not keep per-call state in fields.
     */
    void scoreItems(int user, float[] scores);
}
