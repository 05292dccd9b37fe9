package org.thymus.retrieval.recsys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.random.FastRandom;

class BaselinesTest {
    private static final int USERS = 300;
    private static final int ITEMS = 200;
    private static final RecsysSplit SPLIT =
            RecsysSplit.leaveLastOut(ClusteredInteractions.generate(USERS, ITEMS, 5, 20, 42));

    private static RankingResult evaluate(Recommender recommender) {
        return RecsysEvaluation.run(SPLIT, recommender, 2).ranking();
    }

    private static BprMatrixFactorization.Config bpr(int epochs, BprMatrixFactorization.Optimizer optimizer,
                                                     float rate) {
        return new BprMatrixFactorization.Config(16, epochs, rate, 0.001f, optimizer, 3, 1);
    }

    @Test
    void everyBaselineBeatsRandomAndThePersonalisedOnesBeatPopularity() {
        RankingResult random = new RankingProtocol(SPLIT).evaluate((user, scores) -> {
            FastRandom rng = new FastRandom(user);
            for (int i = 0; i < scores.length; i++) {
                scores[i] = rng.nextFloat();
            }
        }, 1);
        RankingResult popularity = evaluate(new PopularityRecommender());
        RankingResult knn = evaluate(new ItemKnn(20, 2));
        RankingResult sgd = evaluate(new BprMatrixFactorization(bpr(30, BprMatrixFactorization.Optimizer.SGD, 0.05f)));
        RankingResult adagrad = evaluate(new BprMatrixFactorization(
                bpr(15, BprMatrixFactorization.Optimizer.ADAGRAD, 0.05f)));
        RankingResult untrained = evaluate(new BprMatrixFactorization(
                bpr(0, BprMatrixFactorization.Optimizer.SGD, 0.05f)));
        // Random: about 10 of ~190 candidates, Recall@10 ~ 0.05.
        assertTrue(random.recallAt10() < 0.1, "random " + random.recallAt10());
        assertTrue(untrained.recallAt10() < 0.1, "untrained BPR " + untrained.recallAt10());
        assertTrue(popularity.recallAt10() > random.recallAt10() + 0.03, "popularity " + popularity.recallAt10());
        // Measured: popularity 0.11; item-kNN and BPR 0.60-0.63, they find the user's cluster.
        for (RankingResult personalised : new RankingResult[] {knn, sgd, adagrad}) {
            assertTrue(personalised.recallAt10() > 3 * popularity.recallAt10(),
                    personalised.recallAt10() + " vs popularity " + popularity.recallAt10());
            assertTrue(personalised.ndcgAt10() > popularity.ndcgAt10(),
                    personalised.ndcgAt10() + " vs popularity " + popularity.ndcgAt10());
        }
    }

    @Test
    void itemKnnCosineAndNeighbourCutOnAHandMadeMatrix() {
        // user 0: items 0, 1; user 1: items 0, 1, 2; user 2: item 2. Every item has 2 users.
        // cos(0, 1) = 2 / 2 = 1; cos(0, 2) = cos(1, 2) = 1 / 2.
        Interactions train = new Interactions(3, 4, new int[] {0, 0, 1, 1, 1, 2}, new int[] {0, 1, 0, 1, 2, 2},
                new long[6]);
        RecsysSplit split = RecsysSplit.of("hand", train, new Interactions(3, 4, new int[0], new int[0], new long[0]));
        ItemKnn.Neighbourhoods all = new ItemKnn(ItemKnn.ALL, 1).neighbourhoods(split.trainingMatrix());
        assertArrayEquals(new int[] {1, 2}, all.items()[0]);
        assertArrayEquals(new float[] {1f, 0.5f}, all.similarities()[0]);
        assertArrayEquals(new int[] {0, 1}, all.items()[2], "tied similarities: the smaller id first");
        assertArrayEquals(new int[0], all.items()[3], "an item nobody has has no neighbours");

        UserItemScorer one = new ItemKnn(1, 1).fit(split, new Metrics()).scorer();
        float[] scores = new float[4];
        one.scoreItems(2, scores);
        // user 2 has item 2, whose single kept neighbour is item 0 (0.5)
        assertArrayEquals(new float[] {0.5f, 0f, 0f, 0f}, scores);
        new ItemKnn(ItemKnn.ALL, 1).fit(split, new Metrics()).scorer().scoreItems(2, scores);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0f, 0f}, scores);
        assertArrayEquals(new ItemKnn(ItemKnn.ALL, 3).neighbourhoods(SPLIT.trainingMatrix()).items()[7],
                new ItemKnn(ItemKnn.ALL, 1).neighbourhoods(SPLIT.trainingMatrix()).items()[7],
                "neighbour lists do not depend on threads");
    }

    @Test
    void bprNegativesAreNeverKnownPositives() {
        UserItemMatrix known = SPLIT.trainingMatrix();
        AtomicLong triples = new AtomicLong();
        long[] negativeCounts = new long[ITEMS];
        Metrics report = new Metrics();
        new BprMatrixFactorization(bpr(3, BprMatrixFactorization.Optimizer.SGD, 0.05f), (user, positive, negative) -> {
            assertTrue(known.contains(user, positive), "positives come from training");
            assertFalse(known.contains(user, negative), "negative " + negative + " is a known positive of " + user);
            negativeCounts[negative]++;
            triples.incrementAndGet();
        }).train(known, report);
        assertEquals(3L * known.nonZeros() - (long) report.get("pairs_skipped"), triples.get());
        // Users hold ~10 % of the items and popular ones more: the guard had work to do.
        assertTrue((long) report.get("known_positives_rejected") > 0.05 * triples.get(), report.toJson());
        for (int item = 0; item < ITEMS; item++) {
            assertTrue(negativeCounts[item] > 0, "uniform negatives reach every item; item " + item + " never drawn");
        }
    }

    @Test
    void bprGuardRejectsExactlyTheUsersItems() {
        UserItemMatrix known = SPLIT.trainingMatrix();
        var sampler = BprMatrixFactorization.negativeSampler(known);
        FastRandom rng = new FastRandom(5);
        int user = 17;
        long[] counts = new long[ITEMS];
        int draws = 40_000;
        for (int d = 0; d < draws; d++) {
            counts[sampler.sample(user, known.row(user)[0], rng)]++;
        }
        int allowed = ITEMS - known.rowLength(user);
        double expected = (double) draws / allowed;
        double chiSquare = 0;
        for (int item = 0; item < ITEMS; item++) {
            if (known.contains(user, item)) {
                assertEquals(0, counts[item], "known item " + item + " drawn");
            } else {
                chiSquare += (counts[item] - expected) * (counts[item] - expected) / expected;
            }
        }
        // Uniform over the allowed items: chi-square with allowed - 1 degrees of freedom, mean df, sd sqrt(2 df).
        int df = allowed - 1;
        assertTrue(chiSquare < df + 5 * Math.sqrt(2.0 * df), "chi-square " + chiSquare + " with df " + df);
    }

    @Test
    void oneThreadBprIsReproducible() {
        var config = bpr(2, BprMatrixFactorization.Optimizer.ADAGRAD, 0.05f);
        float[] a = new float[ITEMS];
        float[] b = new float[ITEMS];
        new BprMatrixFactorization(config).fit(SPLIT, new Metrics()).scorer().scoreItems(9, a);
        new BprMatrixFactorization(config).fit(SPLIT, new Metrics()).scorer().scoreItems(9, b);
        assertArrayEquals(a, b);
    }
}
