package org.thymus.retrieval.recsys;

import java.util.concurrent.atomic.AtomicInteger;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.eval.TopK;
import org.thymus.core.metrics.Metrics;

/**
 * Item-based k-nearest-neighbour recommendation (Deshpande &amp; Karypis 2004; Sarwar et al. 2001)
 * on the binary user x item training matrix. The similarity of items i and j is the cosine of their
 * user columns, {@code |U(i) ∩ U(j)| / sqrt(|U(i)| |U(j)|)}; each item keeps its {@code k} most
 * similar items (ties to the smaller id); a user's score for item j is the sum of the similarities
 * of j to the user's training items among whose neighbours j is.
 *
 * <p>Neighbour lists are computed item by item in parallel (each from its own users' rows), so they
 * do not depend on the number of threads.
 */
public final class ItemKnn implements Recommender {
    /** {@code neighbours} value that keeps every item with a positive similarity. */
    public static final int ALL = 0;

    private final int neighbours;
    private final int threads;

    /**
     * @param neighbours items kept per item, or {@link #ALL}
     * @param threads    threads computing the neighbour lists
     */
    public ItemKnn(int neighbours, int threads) {
        if (neighbours < 0) {
            throw new IllegalArgumentException("neighbours must be >= 0 (0: all), got " + neighbours);
        }
        this.neighbours = neighbours;
        this.threads = Math.max(1, threads);
    }

    @Override
    public Fitted fit(RecsysSplit split, Metrics report) {
        UserItemMatrix matrix = split.trainingMatrix();
        Neighbourhoods lists = neighbourhoods(matrix);
        long kept = 0;
        for (int[] list : lists.items) {
            kept += list.length;
        }
        report.put("model", "itemknn")
                .put("neighbours", neighbours == ALL ? "all" : neighbours)
                .put("similarity", "cosine")
                .put("mean_neighbours", matrix.itemCount() == 0 ? 0.0 : (double) kept / matrix.itemCount());
        int[] columns = matrix.columnsView();
        UserItemScorer scorer = (user, scores) -> {
            java.util.Arrays.fill(scores, 0f);
            for (int k = matrix.rowStart(user); k < matrix.rowStart(user + 1); k++) {
                int known = columns[k];
                int[] items = lists.items[known];
                float[] similarities = lists.similarities[known];
                for (int n = 0; n < items.length; n++) {
                    scores[items[n]] += similarities[n];
                }
            }
        };
        return new Fitted(scorer, split.training().size());
    }

    /** Each item's kept neighbours, best first, and their similarities. */
    record Neighbourhoods(int[][] items, float[][] similarities) {
    }

    Neighbourhoods neighbourhoods(UserItemMatrix matrix) {
        int itemCount = matrix.itemCount();
        int[] degree = matrix.itemDegrees();
        // The transpose: each item's users.
        int[] userStart = new int[itemCount + 1];
        for (int i = 0; i < itemCount; i++) {
            userStart[i + 1] = userStart[i] + degree[i];
        }
        int[] itemUsers = new int[matrix.nonZeros()];
        int[] filled = userStart.clone();
        int[] columns = matrix.columnsView();
        for (int u = 0; u < matrix.userCount(); u++) {
            for (int k = matrix.rowStart(u); k < matrix.rowStart(u + 1); k++) {
                itemUsers[filled[columns[k]]++] = u;
            }
        }
        int[][] items = new int[itemCount][];
        float[][] similarities = new float[itemCount][];
        AtomicInteger next = new AtomicInteger();
        Parallel.run(threads, worker -> {
            int[] coCounts = new int[itemCount];
            int[] touched = new int[itemCount];
            float[] similarity = new float[itemCount];
            for (int i = next.getAndIncrement(); i < itemCount; i = next.getAndIncrement()) {
                int touchedCount = 0;
                for (int p = userStart[i]; p < userStart[i + 1]; p++) {
                    int u = itemUsers[p];
                    for (int k = matrix.rowStart(u); k < matrix.rowStart(u + 1); k++) {
                        int j = columns[k];
                        if (j != i && coCounts[j]++ == 0) {
                            touched[touchedCount++] = j;
                        }
                    }
                }
                TopK best = new TopK(neighbours == ALL ? touchedCount : Math.min(neighbours, touchedCount));
                for (int t = 0; t < touchedCount; t++) {
                    int j = touched[t];
                    similarity[j] = (float) (coCounts[j] / Math.sqrt((double) degree[i] * degree[j]));
                    best.offer(j, similarity[j]);
                    coCounts[j] = 0;
                }
                int[] kept = best.drainBestFirst();
                float[] keptSimilarities = new float[kept.length];
                for (int n = 0; n < kept.length; n++) {
                    keptSimilarities[n] = similarity[kept[n]];
                }
                items[i] = kept;
                similarities[i] = keptSimilarities;
            }
        });
        return new Neighbourhoods(items, similarities);
    }
}
