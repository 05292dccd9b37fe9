package org.thymus.retrieval.recsys;

import org.thymus.core.metrics.Metrics;

/**
 * The figures of one {@link RankingProtocol} run: the user-averaged metrics, Recall@10 per
 * popularity group with its test pairs, Recall@10 on cold test items, and what was counted on the
 * way (NaN scores). Group recalls are NaN for a group without test pairs.
 *
 * @param users            tested users
 * @param testPairs        (user, test item) pairs ranked
 * @param recallAt10       Recall@10, averaged over users
 * @param recallAt20       Recall@20, averaged over users
 * @param ndcgAt10         NDCG@10, averaged over users
 * @param mrr              mean reciprocal rank of each user's best-ranked test item
 * @param groupRecallAt10  Recall@10 of the head, torso and tail test pairs (micro-averaged)
 * @param groupOnlyRecallAt10 the same pairs' Recall@10 when only the candidates of the test item's own
 *                         group are ranked (how well the scorer orders the group's items among themselves)
 * @param groupTestPairs   test pairs whose item is in the head, torso and tail
 * @param groupItems       items in the head, torso and tail
 * @param coldTestPairs    test pairs whose item has no training interaction (part of the tail)
 * @param coldRecallAt10   Recall@10 over those pairs
 * @param nanScores        NaN scores met (ranked as negative infinity)
 * @param seconds          wall time of the ranking
 */
public record RankingResult(int users, int testPairs, double recallAt10, double recallAt20, double ndcgAt10,
                            double mrr, double[] groupRecallAt10, double[] groupOnlyRecallAt10, int[] groupTestPairs,
                            int[] groupItems,
                            int coldTestPairs, double coldRecallAt10, long nanScores, double seconds) {

    static RankingResult aggregate(RecsysSplit split, PopularityTerciles terciles, double[] recallSmall,
                                   double[] recallLarge, double[] ndcg, double[] reciprocalRank, int[] groupHits,
                                   int[] groupOnlyHits, int[] groupPairs, int[] coldHits, int[] coldPairs, long nanScores,
                                   double seconds) {
        int users = recallSmall.length;
        double r10 = 0;
        double r20 = 0;
        double n10 = 0;
        double rr = 0;
        long[] hitsByGroup = new long[3];
        long[] groupOnlyHitsByGroup = new long[3];
        int[] pairsByGroup = new int[3];
        long cold = 0;
        int coldTotal = 0;
        for (int slot = 0; slot < users; slot++) {
            r10 += recallSmall[slot];
            r20 += recallLarge[slot];
            n10 += ndcg[slot];
            rr += reciprocalRank[slot];
            for (int g = 0; g < 3; g++) {
                hitsByGroup[g] += groupHits[slot * 3 + g];
                groupOnlyHitsByGroup[g] += groupOnlyHits[slot * 3 + g];
                pairsByGroup[g] += groupPairs[slot * 3 + g];
            }
            cold += coldHits[slot];
            coldTotal += coldPairs[slot];
        }
        double[] groupRecall = new double[3];
        double[] groupOnlyRecall = new double[3];
        int[] groupItems = new int[3];
        int pairs = 0;
        for (int g = 0; g < 3; g++) {
            groupRecall[g] = pairsByGroup[g] == 0 ? Double.NaN : (double) hitsByGroup[g] / pairsByGroup[g];
            groupOnlyRecall[g] = pairsByGroup[g] == 0 ? Double.NaN : (double) groupOnlyHitsByGroup[g] / pairsByGroup[g];
            groupItems[g] = terciles.items(g);
            pairs += pairsByGroup[g];
        }
        double mean = users == 0 ? Double.NaN : 1.0 / users;
        return new RankingResult(users, pairs, r10 * mean, r20 * mean, n10 * mean, rr * mean, groupRecall,
                groupOnlyRecall, pairsByGroup, groupItems, coldTotal, coldTotal == 0 ? Double.NaN : (double) cold / coldTotal,
                nanScores, seconds);
    }

    /** The figures as a metrics section (JSON writes NaN as null). */
    public Metrics toMetrics() {
        Metrics m = new Metrics()
                .put("users", users)
                .put("test_pairs", testPairs)
                .put("recall_at_10", recallAt10)
                .put("recall_at_20", recallAt20)
                .put("ndcg_at_10", ndcgAt10)
                .put("mrr", mrr);
        Metrics groups = m.section("recall_at_10_by_popularity");
        for (int g = 0; g < 3; g++) {
            groups.section(PopularityTerciles.NAMES.get(g))
                    .put("recall_at_10", groupRecallAt10[g])
                    .put("recall_at_10_among_group", groupOnlyRecallAt10[g])
                    .put("test_pairs", groupTestPairs[g])
                    .put("items", groupItems[g]);
        }
        m.section("cold_test_items").put("test_pairs", coldTestPairs).put("recall_at_10", coldRecallAt10);
        m.put("nan_scores", nanScores);
        m.put("ties", "pessimistic");
        m.put("seconds", seconds);
        return m;
    }
}
