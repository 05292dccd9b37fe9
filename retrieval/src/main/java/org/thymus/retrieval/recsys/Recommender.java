package org.thymus.retrieval.recsys;

import org.thymus.core.metrics.Metrics;

/**
 * A recommendation model as the evaluation runs it: trained on a split's training interactions,
 * then ranked by the {@link RankingProtocol} through the {@link UserItemScorer} it returns. Every
 * model of {@code thymus recsys eval} (popularity, item-kNN, BPR, the two towers) is one of these.
 */
@FunctionalInterface
public interface Recommender {

    /**
     * A trained model.
     *
     * @param scorer                the model's scores for the protocol
     * @param interactionsProcessed training interactions the training went through (epochs times
     *                              the training set for an SGD model; the training set once for a
     *                              model counted in one pass): the numerator of interactions/s
     */
    record Fitted(UserItemScorer scorer, long interactionsProcessed) {
    }

    /**
     * Trains on {@code split.training()} (never on its test items) and writes the settings and
     * training figures worth keeping into {@code report}.
     */
    Fitted fit(RecsysSplit split, Metrics report);
}
