package org.thymus.retrieval.recsys;

import org.thymus.core.metrics.Metrics;

/**
 * The popularity baseline: every user gets the items with the most training interactions first.
 * The bar any personalised model must clear; ties (items with equal counts) are ranked against the
 * model by the protocol.
 */
public final class PopularityRecommender implements Recommender {

    @Override
    public Fitted fit(RecsysSplit split, Metrics report) {
        int[] counts = split.training().itemCounts();
        report.put("model", "popularity");
        UserItemScorer scorer = (user, scores) -> {
            for (int item = 0; item < scores.length; item++) {
                scores[item] = counts[item];
            }
        };
        return new Fitted(scorer, split.training().size());
    }
}
