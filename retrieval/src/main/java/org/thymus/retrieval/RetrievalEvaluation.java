package org.thymus.retrieval;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.sampler.PairMembership;
import org.thymus.core.table.EmbeddingTable;

/**
 * Full-corpus retrieval quality of a two-tower model on held-out (query, item) pairs: each query
 * text is encoded, every item of the corpus scored, and the rank of the held-out item found (ties
 * counted against it). Items the query already had in training can be left out of the ranking, as
 * the recommendation protocol does.
 */
public final class RetrievalEvaluation {
    private static final Kernels KERNELS = Kernels.get();

    /**
     * @param queries  test pairs evaluated
     * @param skipped  test pairs left out: the item is not in the corpus, or no query feature is known
     * @param recallAt recall at each cut-off of {@code cutoffs}
     * @param mrr      mean reciprocal rank
     */
    public record Result(int queries, int skipped, int[] cutoffs, double[] recallAt, double mrr) {
        public double recall(int k) {
            for (int i = 0; i < cutoffs.length; i++) {
                if (cutoffs[i] == k) {
                    return recallAt[i];
                }
            }
            throw new IllegalArgumentException("no cut-off " + k);
        }
    }

    private RetrievalEvaluation() {
    }

    /**
     * Ranks each held-out item among all items for its query.
     *
     * @param queryTexts  the test queries' texts
     * @param targetItems the held-out item of each, an item id of the model's corpus (-1: unknown, skipped)
     * @param trainQueries ids in {@code known} of the test queries (-1: none known), or null
     * @param known        (train query id, item) pairs left out of the ranking, or null
     */
    public static Result evaluate(TwoTowerModel model, List<String> queryTexts, int[] targetItems, int[] trainQueries,
                                  PairMembership known, int[] cutoffs, int threads) {
        EmbeddingTable items = model.itemVectors(threads);
        int n = queryTexts.size();
        int dim = model.dim();
        int[] hits = new int[cutoffs.length];
        LongAdder evaluated = new LongAdder();
        LongAdder skipped = new LongAdder();
        DoubleAdder reciprocal = new DoubleAdder();
        AtomicInteger next = new AtomicInteger();
        int[][] threadHits = new int[Math.max(1, threads)][cutoffs.length];
        Parallel.run(Math.max(1, threads), worker -> {
            float[] q = new float[dim];
            for (int t; (t = next.getAndIncrement()) < n; ) {
                int target = targetItems[t];
                if (target < 0 || model.queryVector(queryTexts.get(t), q) == 0) {
                    skipped.increment();
                    continue;
                }
                int trainQuery = trainQueries == null ? -1 : trainQueries[t];
                float targetScore = KERNELS.dot(q, 0, items.shard(target), items.offset(target), dim);
                int rank = 1;
                for (int i = 0; i < items.rows(); i++) {
                    if (i == target || (trainQuery >= 0 && known.contains(trainQuery, i))) {
                        continue;
                    }
                    if (KERNELS.dot(q, 0, items.shard(i), items.offset(i), dim) >= targetScore) {
                        rank++;
                    }
                }
                evaluated.increment();
                reciprocal.add(1.0 / rank);
                for (int c = 0; c < cutoffs.length; c++) {
                    if (rank <= cutoffs[c]) {
                        threadHits[worker][c]++;
                    }
                }
            }
        });
        for (int[] h : threadHits) {
            for (int c = 0; c < cutoffs.length; c++) {
                hits[c] += h[c];
            }
        }
        int count = (int) evaluated.sum();
        double[] recall = new double[cutoffs.length];
        for (int c = 0; c < cutoffs.length; c++) {
            recall[c] = count == 0 ? 0 : hits[c] / (double) count;
        }
        return new Result(count, (int) skipped.sum(), cutoffs.clone(), recall, count == 0 ? 0 : reciprocal.sum() / count);
    }
}
