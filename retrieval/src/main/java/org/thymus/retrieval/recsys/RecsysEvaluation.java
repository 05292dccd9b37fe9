package org.thymus.retrieval.recsys;

import org.thymus.core.metrics.Metrics;

/**
 * One evaluation run: train a {@link Recommender} on a split's training interactions, rank the
 * test items with the {@link RankingProtocol}, and gather the figures (the split's sizes, the
 * training settings and speed, the ranking metrics) in one {@link Metrics}.
 */
public final class RecsysEvaluation {
    private RecsysEvaluation() {
    }

    /**
     * The outcome of a run.
     *
     * @param ranking the protocol's figures
     * @param metrics everything, laid out as the {@code --metrics-out} file: {@code split},
     *                {@code training}, {@code ranking}
     */
    public record Outcome(RankingResult ranking, Metrics metrics) {
    }

    /** Trains {@code recommender} on {@code split} and ranks its test items on {@code threads} threads. */
    public static Outcome run(RecsysSplit split, Recommender recommender, int threads) {
        Metrics metrics = new Metrics();
        metrics.put("split", split.describe());
        Metrics training = metrics.section("training");
        long start = System.nanoTime();
        Recommender.Fitted fitted = recommender.fit(split, training);
        double seconds = (System.nanoTime() - start) / 1e9;
        training.put("seconds", seconds)
                .put("interactions_processed", fitted.interactionsProcessed())
                .put("interactions_per_second", seconds > 0 ? fitted.interactionsProcessed() / seconds : null);
        RankingResult ranking = new RankingProtocol(split).evaluate(fitted.scorer(), threads);
        metrics.put("ranking", ranking.toMetrics());
        return new Outcome(ranking, metrics);
    }
}
