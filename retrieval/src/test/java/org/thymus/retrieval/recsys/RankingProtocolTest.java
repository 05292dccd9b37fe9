package org.thymus.retrieval.recsys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thymus.core.random.FastRandom;

class RankingProtocolTest {
    private static final double EPS = 1e-12;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** A split from explicit training and test pairs {user, item}. */
    private static RecsysSplit split(int users, int items, int[][] trainPairs, int[][] testPairs) {
        return RecsysSplit.of("hand", interactions(users, items, trainPairs), interactions(users, items, testPairs));
    }

    private static Interactions interactions(int users, int items, int[][] pairs) {
        int[] us = new int[pairs.length];
        int[] is = new int[pairs.length];
        for (int k = 0; k < pairs.length; k++) {
            us[k] = pairs[k][0];
            is[k] = pairs[k][1];
        }
        return new Interactions(users, items, us, is, new long[pairs.length]);
    }

    @Test
    void handComputedMetrics() {
        // user 0: trained on item 0, tested on item 3; user 1: trained on item 5, tested on items 2 and 4
        RecsysSplit split = split(2, 6, new int[][] {{0, 0}, {1, 5}}, new int[][] {{0, 3}, {1, 2}, {1, 4}});
        float[][] table = {
            {100, 9, 8, 7, 6, 5}, // item 0 is excluded (training): item 3 ranks 3rd behind items 1 and 2
            {1, 10, 9, 0, 8, 50}, // item 5 excluded: item 1, then test items 2 and 4 at ranks 2 and 3
        };
        RankingResult r = new RankingProtocol(split).evaluate((user, scores) ->
                System.arraycopy(table[user], 0, scores, 0, scores.length), 1);

        double ndcgUser0 = 1 / log2(4); // 0.5
        double ndcgUser1 = (1 / log2(3) + 1 / log2(4)) / (1 + 1 / log2(3));
        assertEquals(0.5, ndcgUser0, EPS);
        assertEquals(2, r.users());
        assertEquals(3, r.testPairs());
        assertEquals((ndcgUser0 + ndcgUser1) / 2, r.ndcgAt10(), EPS);
        assertEquals((1.0 / 3 + 1.0 / 2) / 2, r.mrr(), EPS);
        assertEquals(1.0, r.recallAt10(), EPS);
        assertEquals(1.0, r.recallAt20(), EPS);
        assertEquals(0, r.nanScores());
    }

    @Test
    void cutOffsAtTenAndTwenty() {
        // 40 items, user 0 trained on nothing; scores descend with the item id
        RecsysSplit atEleven = split(1, 40, new int[0][], new int[][] {{0, 10}});
        RecsysSplit atTwentyOne = split(1, 40, new int[0][], new int[][] {{0, 20}});
        UserItemScorer descending = (user, scores) -> {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = -i;
            }
        };
        RankingResult eleven = new RankingProtocol(atEleven).evaluate(descending, 1);
        assertEquals(0.0, eleven.recallAt10(), EPS);
        assertEquals(1.0, eleven.recallAt20(), EPS);
        assertEquals(0.0, eleven.ndcgAt10(), EPS);
        assertEquals(1.0 / 11, eleven.mrr(), EPS);
        RankingResult twentyOne = new RankingProtocol(atTwentyOne).evaluate(descending, 1);
        assertEquals(0.0, twentyOne.recallAt20(), EPS);
        assertEquals(1.0 / 21, twentyOne.mrr(), EPS);
    }

    @Test
    void tiesArePessimisticAndNanRanksLast() {
        RecsysSplit one = split(1, 6, new int[][] {{0, 0}}, new int[][] {{0, 3}});
        RankingResult constant = new RankingProtocol(one).evaluate((user, scores) -> Arrays.fill(scores, 1f), 1);
        assertEquals(1.0 / 5, constant.mrr(), EPS, "tied with all 4 other candidates: ranked after them");

        RecsysSplit two = split(1, 6, new int[][] {{0, 5}}, new int[][] {{0, 2}, {0, 4}});
        RankingResult tied = new RankingProtocol(two).evaluate((user, scores) -> Arrays.fill(scores, 1f), 1);
        assertEquals(1.0 / 4, tied.mrr(), EPS, "two tied test items take the last two ranks, 4 and 5");
        assertEquals((1 / log2(5) + 1 / log2(6)) / (1 + 1 / log2(3)), tied.ndcgAt10(), EPS);

        RankingResult nan = new RankingProtocol(one).evaluate((user, scores) -> {
            Arrays.fill(scores, 0f);
            scores[3] = Float.NaN;
            scores[4] = Float.NaN;
        }, 1);
        assertEquals(1.0 / 5, nan.mrr(), EPS, "a NaN score ranks below every number, and ties with NaN pessimistically");
        assertEquals(2, nan.nanScores());
    }

    @Test
    void popularityTercilesHoldAThirdOfTheInteractionsEach() {
        PopularityTerciles t = new PopularityTerciles(new int[] {1, 6, 0, 3, 2});
        // sorted: item 1 (6, before 0: head), item 3 (3, before 6: torso), item 4 (2, before 9: tail), 0, 2
        assertEquals(PopularityTerciles.HEAD, t.group(1));
        assertEquals(PopularityTerciles.TORSO, t.group(3));
        assertEquals(PopularityTerciles.TAIL, t.group(4));
        assertEquals(PopularityTerciles.TAIL, t.group(0));
        assertEquals(PopularityTerciles.TAIL, t.group(2), "an item without training interactions is tail");
        assertEquals(1, t.items(PopularityTerciles.HEAD));
        assertEquals(3, t.items(PopularityTerciles.TAIL));

        PopularityTerciles even = new PopularityTerciles(new int[] {4, 4, 4});
        assertArrayEquals(new int[] {0, 1, 2}, new int[] {even.group(0), even.group(1), even.group(2)},
                "equal counts: ties by item id, one item a third");
    }

    @Test
    void recallByPopularityGroupCountsTheGroupsTestPairs() {
        // training counts: item 0 by 3 users (head), item 1 by 2 (torso), item 2 by 1 (tail), item 3 by 0
        int[][] train = {{0, 0}, {1, 0}, {2, 0}, {0, 1}, {1, 1}, {0, 2}};
        // user 3 tests items 0, 1, 2, 3; user 2 tests item 3
        int[][] test = {{3, 0}, {3, 1}, {3, 2}, {3, 3}, {2, 3}};
        RecsysSplit split = split(4, 30, train, test);
        // scores: items 0, 1, 3 first, item 2 last of 30
        RankingResult r = new RankingProtocol(split).evaluate((user, scores) -> {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = i == 2 ? -100 : i < 4 ? 100 - i : 50 - i;
            }
        }, 1);
        assertArrayEquals(new int[] {1, 1, 3}, r.groupTestPairs());
        assertEquals(1.0, r.groupRecallAt10()[PopularityTerciles.HEAD], EPS);
        assertEquals(1.0, r.groupRecallAt10()[PopularityTerciles.TORSO], EPS);
        assertEquals(2.0 / 3, r.groupRecallAt10()[PopularityTerciles.TAIL], EPS, "items 3 and 3 hit, item 2 missed");
        assertEquals(2, r.coldTestPairs());
        assertEquals(1.0, r.coldRecallAt10(), EPS);
        String json = r.toMetrics().toJson();
        assertTrue(json.contains("\"tail\""), json);
    }

    /** Several test items a user (as u1-u5), or one (as leave-last-out). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void agreesWithANaiveSortAndDoesNotDependOnThreads(boolean oneTestItem) {
        FastRandom rng = new FastRandom(11);
        int users = 50;
        int items = 80;
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int held = -1;
            int untrained = 0;
            for (int i = 0; i < items; i++) {
                int draw = rng.nextInt(20);
                if (draw < 3) {
                    train.add(new int[] {u, i});
                } else if (draw < 5 && !oneTestItem) {
                    test.add(new int[] {u, i});
                } else if (rng.nextInt(++untrained) == 0) {
                    held = i; // one of the user's untrained items, uniformly (reservoir sampling)
                }
            }
            if (oneTestItem) {
                test.add(new int[] {u, held});
            }
        }
        RecsysSplit split = split(users, items, train.toArray(int[][]::new), test.toArray(int[][]::new));
        // coarse scores: many ties, between test items and with other candidates
        UserItemScorer coarse = (user, scores) -> {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = (float) (Math.floorMod((user * 31 + i) * 2654435761L, 97L) / 10);
            }
        };
        RankingProtocol protocol = new RankingProtocol(split);
        RankingResult one = protocol.evaluate(coarse, 1);
        RankingResult four = protocol.evaluate(coarse, 4);
        assertEquals(one.ndcgAt10(), four.ndcgAt10(), 0.0);
        assertEquals(one.mrr(), four.mrr(), 0.0);
        assertEquals(one.recallAt20(), four.recallAt20(), 0.0);
        assertArrayEquals(one.groupRecallAt10(), four.groupRecallAt10(), 0.0);
        assertArrayEquals(one.groupOnlyRecallAt10(), four.groupOnlyRecallAt10(), 0.0);

        PopularityTerciles terciles = protocol.terciles();
        int[] groupOnlyHits = new int[3];
        int[] groupPairs = new int[3];
        double recall10 = 0;
        double recall20 = 0;
        double ndcg = 0;
        double mrr = 0;
        int tested = 0;
        float[] scores = new float[items];
        for (int u = 0; u < users; u++) {
            int[] relevant = split.testItems(u);
            if (relevant.length == 0) {
                continue;
            }
            tested++;
            coarse.scoreItems(u, scores);
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                if (!split.trainingMatrix().contains(u, i)) {
                    candidates.add(i);
                }
            }
            // best first; on a tie, non-relevant items first (pessimistic)
            candidates.sort((a, b) -> {
                int byScore = Float.compare(scores[b], scores[a]);
                return byScore != 0 ? byScore
                        : Boolean.compare(Arrays.binarySearch(relevant, a) >= 0, Arrays.binarySearch(relevant, b) >= 0);
            });
            int hits10 = 0;
            int hits20 = 0;
            double dcg = 0;
            int best = 0;
            for (int pos = 0; pos < candidates.size(); pos++) {
                if (Arrays.binarySearch(relevant, candidates.get(pos)) >= 0) {
                    int rank = pos + 1;
                    best = best == 0 ? rank : best;
                    hits10 += rank <= 10 ? 1 : 0;
                    hits20 += rank <= 20 ? 1 : 0;
                    dcg += rank <= 10 ? 1 / log2(rank + 1) : 0;
                }
            }
            for (int g = 0; g < 3; g++) {
                int group = g;
                List<Integer> ofGroup = candidates.stream().filter(i -> terciles.group(i) == group).toList();
                for (int pos = 0; pos < ofGroup.size(); pos++) {
                    if (Arrays.binarySearch(relevant, ofGroup.get(pos)) >= 0) {
                        groupPairs[g]++;
                        groupOnlyHits[g] += pos < 10 ? 1 : 0;
                    }
                }
            }
            double ideal = 0;
            for (int i = 1; i <= Math.min(10, relevant.length); i++) {
                ideal += 1 / log2(i + 1);
            }
            recall10 += (double) hits10 / relevant.length;
            recall20 += (double) hits20 / relevant.length;
            ndcg += dcg / ideal;
            mrr += 1.0 / best;
        }
        assertEquals(tested, one.users());
        assertEquals(recall10 / tested, one.recallAt10(), 1e-9);
        assertEquals(recall20 / tested, one.recallAt20(), 1e-9);
        assertEquals(ndcg / tested, one.ndcgAt10(), 1e-9);
        assertEquals(mrr / tested, one.mrr(), 1e-9);
        for (int g = 0; g < 3; g++) {
            assertTrue(groupPairs[g] > 0, "group " + g + " has test pairs");
            assertEquals((double) groupOnlyHits[g] / groupPairs[g], one.groupOnlyRecallAt10()[g], 1e-9, "group " + g);
        }
    }

    /**
     * Raising a whole popularity group leaves every group's Recall@10 among its own items unchanged,
     * while it moves the groups' Recall@10 among all candidates: with the tail above everything else,
     * a tail test item's rank is its rank among the tail, and the head loses what the tail gains.
     */
    @Test
    void recallAmongTheGroupIgnoresAShiftOfTheWholeGroup() {
        FastRandom rng = new FastRandom(5);
        int users = 60;
        int items = 90;
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                // popular items low in id: item i is trained with probability about (90 - i) / 200
                int draw = rng.nextInt(200);
                if (draw < (items - i) / 2) {
                    train.add(new int[] {u, i});
                } else if (draw < (items - i) / 2 + 4) {
                    test.add(new int[] {u, i});
                }
            }
        }
        RecsysSplit split = split(users, items, train.toArray(int[][]::new), test.toArray(int[][]::new));
        RankingProtocol protocol = new RankingProtocol(split);
        PopularityTerciles terciles = protocol.terciles();
        UserItemScorer plain = (user, scores) -> {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = (float) (Math.floorMod((user * 17 + i) * 2654435761L, 1000L) / 10.0);
            }
        };
        UserItemScorer tailFirst = (user, scores) -> {
            plain.scoreItems(user, scores);
            for (int i = 0; i < scores.length; i++) {
                scores[i] += terciles.group(i) == PopularityTerciles.TAIL ? 1000 : 0;
            }
        };
        RankingResult before = protocol.evaluate(plain, 1);
        RankingResult after = protocol.evaluate(tailFirst, 1);
        assertArrayEquals(before.groupOnlyRecallAt10(), after.groupOnlyRecallAt10(), 0.0);
        int tail = PopularityTerciles.TAIL;
        assertEquals(after.groupOnlyRecallAt10()[tail], after.groupRecallAt10()[tail], 0.0);
        assertTrue(after.groupRecallAt10()[tail] > before.groupRecallAt10()[tail] + 0.05,
                before.groupRecallAt10()[tail] + " -> " + after.groupRecallAt10()[tail]);
        assertTrue(after.groupRecallAt10()[PopularityTerciles.HEAD] < before.groupRecallAt10()[PopularityTerciles.HEAD],
                before.groupRecallAt10()[PopularityTerciles.HEAD] + " -> " + after.groupRecallAt10()[PopularityTerciles.HEAD]);
        assertTrue(before.groupOnlyRecallAt10()[PopularityTerciles.HEAD] > before.groupRecallAt10()[PopularityTerciles.HEAD],
                "among fewer candidates, a higher recall");
    }
}
