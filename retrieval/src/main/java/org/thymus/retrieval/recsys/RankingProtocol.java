package org.thymus.retrieval.recsys;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.thymus.core.concurrent.Parallel;

/**
 * The full-ranking protocol of a recommendation split. For each user with test items, the scorer
 * scores every item; the candidates are all items except the user's training items (test items
 * never seen in training included), and each test item gets its rank among them.
 *
 * <p><b>Ties are broken pessimistically</b>: a test item ranks after every other candidate with
 * the same score (so a constant scorer ranks its test items last, not first); test items tied with
 * each other take consecutive ranks. A NaN score counts as negative infinity, and NaNs are counted
 * in the result.
 *
 * <p>Per user, with T the user's test items and rank(t) from 1: Recall@K = |{t : rank(t) &lt;= K}|
 * / |T|; NDCG@10 = sum over t ranked in the top 10 of 1 / log2(rank(t) + 1), divided by the ideal
 * DCG (1 / log2(i + 1) summed for i = 1 .. min(|T|, 10)); reciprocal rank = 1 / the best rank(t).
 * Each is averaged over the tested users (every tested user weighs the same). Recall@10 per
 * popularity group ({@link PopularityTerciles} of the training counts) is micro-averaged over the
 * (user, test item) pairs whose item falls in the group; with one test item per user
 * (leave-last-out) that is the per-user average restricted to the group. Beside it, the same
 * pairs' Recall@10 <em>among the group's items</em>: each test item ranked against the user's
 * candidates of its own group only. The first says how often the group's items reach a user's top
 * 10, which a scorer can raise by ranking the whole group up; the second, how well the scorer orders
 * the group's items among themselves, which moving a whole group up or down does not change.
 *
 * <p>Users are ranked in parallel; each user's figures land in their own slot and are summed in
 * user order afterwards, so the result does not depend on the number of threads.
 */
public final class RankingProtocol {
    /** Cut-offs reported. */
    public static final int RECALL_SMALL = 10;
    public static final int RECALL_LARGE = 20;
    public static final int NDCG_CUTOFF = 10;

    private static final int USERS_PER_CLAIM = 8;

    private final RecsysSplit split;
    private final PopularityTerciles terciles;
    private final int[] testedUsers;
    private final int[] trainingCounts;

    public RankingProtocol(RecsysSplit split) {
        this.split = split;
        this.trainingCounts = split.training().itemCounts();
        this.terciles = new PopularityTerciles(trainingCounts);
        this.testedUsers = java.util.stream.IntStream.range(0, split.userCount())
                .filter(u -> split.testItemsView(u).length > 0).toArray();
    }

    public RecsysSplit split() {
        return split;
    }

    public PopularityTerciles terciles() {
        return terciles;
    }

    /** Ranks every tested user's candidates with {@code scorer} on {@code threads} threads. */
    public RankingResult evaluate(UserItemScorer scorer, int threads) {
        int users = testedUsers.length;
        double[] recallSmall = new double[users];
        double[] recallLarge = new double[users];
        double[] ndcg = new double[users];
        double[] reciprocalRank = new double[users];
        int[] groupHits = new int[users * 3];
        int[] groupPairs = new int[users * 3];
        int[] groupOnlyHits = new int[users * 3];
        int[] coldHits = new int[users];
        int[] coldPairs = new int[users];
        long[] nanScores = new long[users];
        AtomicInteger nextClaim = new AtomicInteger();
        long start = System.nanoTime();
        Parallel.run(Math.max(1, threads), worker -> {
            UserRanker ranker = new UserRanker(split.itemCount());
            while (true) {
                int from = nextClaim.getAndAdd(USERS_PER_CLAIM);
                if (from >= users) {
                    return;
                }
                for (int slot = from; slot < Math.min(users, from + USERS_PER_CLAIM); slot++) {
                    int user = testedUsers[slot];
                    int[] test = split.testItemsView(user);
                    ranker.rank(scorer, user, test);
                    int[] ranks = ranker.ranks;
                    nanScores[slot] = ranker.nanScores;
                    int hitsSmall = 0;
                    int hitsLarge = 0;
                    double dcg = 0;
                    int best = Integer.MAX_VALUE;
                    for (int t = 0; t < test.length; t++) {
                        int rank = ranks[t];
                        best = Math.min(best, rank);
                        int group = terciles.group(test[t]);
                        groupPairs[slot * 3 + group]++;
                        if (ranker.groupRanks[t] <= RECALL_SMALL) {
                            groupOnlyHits[slot * 3 + group]++;
                        }
                        boolean cold = trainingCounts[test[t]] == 0;
                        if (cold) {
                            coldPairs[slot]++;
                        }
                        if (rank <= RECALL_SMALL) {
                            hitsSmall++;
                            groupHits[slot * 3 + group]++;
                            if (cold) {
                                coldHits[slot]++;
                            }
                        }
                        if (rank <= RECALL_LARGE) {
                            hitsLarge++;
                        }
                        if (rank <= NDCG_CUTOFF) {
                            dcg += 1.0 / log2(rank + 1);
                        }
                    }
                    double idealDcg = 0;
                    for (int i = 1; i <= Math.min(test.length, NDCG_CUTOFF); i++) {
                        idealDcg += 1.0 / log2(i + 1);
                    }
                    recallSmall[slot] = (double) hitsSmall / test.length;
                    recallLarge[slot] = (double) hitsLarge / test.length;
                    ndcg[slot] = dcg / idealDcg;
                    reciprocalRank[slot] = 1.0 / best;
                }
            }
        });
        double evalSeconds = (System.nanoTime() - start) / 1e9;
        return RankingResult.aggregate(split, terciles, recallSmall, recallLarge, ndcg, reciprocalRank, groupHits,
                groupOnlyHits, groupPairs, coldHits, coldPairs, sum(nanScores), evalSeconds);
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** One thread's scratch space: the score array, the sort keys of the test items, and the ranks of the last user. */
    private final class UserRanker {
        final float[] scores;
        long nanScores;
        long[] keys = new long[16];
        int[] groupAheadCounts = new int[3 * 17];
        /** Per test item (in the order of test): its rank among all candidates, and among its group's. */
        int[] ranks;
        int[] groupRanks;

        UserRanker(int itemCount) {
            scores = new float[itemCount];
        }

        /**
         * Sets {@link #ranks}, the rank of each test item among the user's candidates (pessimistic
         * ties), and {@link #groupRanks}, its rank among the candidates of its popularity group, both
         * in the order of {@code test} (sorted item ids).
         */
        void rank(UserItemScorer scorer, int user, int[] test) {
            Arrays.fill(scores, 0f);
            scorer.scoreItems(user, scores);
            nanScores = 0;
            int m = test.length;
            if (keys.length < m) {
                keys = new long[m];
                groupAheadCounts = new int[3 * (m + 1)];
            }
            // Test items sorted by score ascending; the low 32 bits keep the index into test.
            for (int t = 0; t < m; t++) {
                keys[t] = ((long) orderedBits(scores[test[t]]) << 32) | t;
            }
            Arrays.sort(keys, 0, m);
            float[] sortedScores = new float[m];
            for (int p = 0; p < m; p++) {
                sortedScores[p] = comparable(scores[test[(int) keys[p]]]);
            }
            // groupAheadCounts, one difference array per popularity group: a non-test candidate of group
            // g scoring x is ahead of every test item scoring <= x, the sorted positions [0, upperBound(x)).
            Arrays.fill(groupAheadCounts, 0, 3 * (m + 1), 0);
            UserItemMatrix training = split.trainingMatrix();
            int[] known = training.columnsView();
            int nextKnown = training.rowStart(user);
            int knownEnd = training.rowStart(user + 1);
            int nextTest = 0;
            float lowestTest = sortedScores[0];
            for (int item = 0; item < scores.length; item++) {
                float raw = scores[item];
                if (Float.isNaN(raw)) {
                    nanScores++;
                }
                if (nextKnown < knownEnd && known[nextKnown] == item) {
                    nextKnown++;
                    continue;
                }
                if (nextTest < m && test[nextTest] == item) {
                    nextTest++;
                    continue;
                }
                float x = comparable(raw);
                if (x >= lowestTest) {
                    int below = upperBound(sortedScores, m, x);
                    int g = terciles.group(item) * (m + 1);
                    groupAheadCounts[g + below]--;
                    groupAheadCounts[g]++;
                }
            }
            // Prefix sums: the group's candidates ahead of the test item at each sorted position.
            for (int g = 0; g < 3; g++) {
                int groupAhead = 0;
                for (int p = 0; p < m; p++) {
                    groupAhead += groupAheadCounts[g * (m + 1) + p];
                    groupAheadCounts[g * (m + 1) + p] = groupAhead;
                }
            }
            // Test items tied with each other fill consecutive ranks; higher sorted positions rank first.
            // Among all candidates, every group's are ahead and every test item above; within a group,
            // its own.
            ranks = new int[m];
            groupRanks = new int[m];
            int[] testAbove = new int[3];
            for (int p = m - 1; p >= 0; p--) {
                int t = (int) keys[p];
                int g = terciles.group(test[t]);
                int ahead = groupAheadCounts[p] + groupAheadCounts[(m + 1) + p] + groupAheadCounts[2 * (m + 1) + p];
                ranks[t] = 1 + ahead + (m - 1 - p);
                groupRanks[t] = 1 + groupAheadCounts[g * (m + 1) + p] + testAbove[g];
                testAbove[g]++;
            }
        }
    }

    /** NaN ranks below everything. */
    private static float comparable(float score) {
        return Float.isNaN(score) ? Float.NEGATIVE_INFINITY : score;
    }

    /** An int whose signed order is the float order of {@link #comparable}(score) (-0 below +0). */
    private static int orderedBits(float score) {
        int bits = Float.floatToIntBits(comparable(score));
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The number of values in sorted {@code a[0, n)} that are at most {@code x}. */
    private static int upperBound(float[] a, int n, float x) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
