package org.thymus.hyperbolic;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.table.EmbeddingTable;

/**
 * Ranks, for each query node u, its positive nodes among all other nodes by distance from u, and
 * reports the mean rank and the mean average precision — the reconstruction and link-prediction
 * protocol of Nickel &amp; Kiela (2017), computed the way gensim's {@code ReconstructionEvaluation}
 * does except that u itself is not counted as a negative. The rank of a positive is 1 + the number
 * of negatives strictly nearer; negatives are all nodes except u, its positives and its excluded
 * nodes (for link prediction: the training relations of u, so a known ancestor is not an error).
 *
 * <p>Only the order matters, so no distance is taken: see {@link DistanceKeys}.
 */
public final class RankingEvaluation {

    /** Mean rank (over positive pairs) and MAP (over query nodes). */
    public record Result(long queries, long positives, double meanRank, double map, double seconds) {
    }

    /**
     * A directed relation list grouped by source: the targets of node u are
     * {@code targets[starts[u] .. starts[u + 1])}.
     */
    public record Lists(int[] starts, int[] targets) {
        /** Groups the pairs (from[i], to[i]) over {@code nodes} nodes. */
        public static Lists of(int nodes, int[] from, int[] to) {
            int[] starts = new int[nodes + 1];
            for (int u : from) {
                starts[u + 1]++;
            }
            for (int i = 0; i < nodes; i++) {
                starts[i + 1] += starts[i];
            }
            int[] fill = Arrays.copyOf(starts, nodes);
            int[] targets = new int[from.length];
            for (int i = 0; i < from.length; i++) {
                targets[fill[from[i]]++] = to[i];
            }
            return new Lists(starts, targets);
        }

        /** The relations of a hierarchy, by node id: its own CSR by source, shared, not copied. */
        public static Lists of(Hierarchy h) {
            int[] starts = new int[h.nodeCount() + 1];
            for (int u = 0; u < h.nodeCount(); u++) {
                starts[u + 1] = h.relatedEnd(u);
            }
            return new Lists(starts, h.relatedArray());
        }

        int count(int u) {
            return starts[u + 1] - starts[u];
        }
    }

    private RankingEvaluation() {
    }

    /**
     * Evaluates the queries {@code queries} (node ids; null for every node with a positive).
     *
     * @param excluded nodes left out of u's negatives besides u and its positives; may be null
     */
    public static Result evaluate(EmbeddingTable table, Geometry geometry, Lists positives, Lists excluded,
                                  int[] queries, int threads) {
        long start = System.nanoTime();
        int n = table.rows();
        int[] work = queries != null ? queries : nodesWithPositives(positives, n);
        DistanceKeys distances = new DistanceKeys(table, geometry);
        AtomicInteger next = new AtomicInteger();
        int workers = Math.max(1, Math.min(threads, work.length));
        double[] rankSums = new double[workers];
        long[] positiveCounts = new long[workers];
        double[] apSums = new double[workers];
        long[] queryCounts = new long[workers];
        Parallel.run(workers, w -> {
            float[] keys = new float[n];
            float[] positiveKeys = new float[0];
            long[] histogram = new long[0];
            int q;
            while ((q = next.getAndIncrement()) < work.length) {
                int u = work[q];
                int m = positives.count(u);
                if (m == 0) {
                    continue;
                }
                distances.compute(u, keys);
                if (positiveKeys.length < m) {
                    positiveKeys = new float[m];
                    histogram = new long[m + 1];
                }
                for (int i = 0; i < m; i++) {
                    positiveKeys[i] = keys[positives.targets()[positives.starts()[u] + i]];
                }
                Arrays.sort(positiveKeys, 0, m);
                // Everything that is not a negative is taken out of the count.
                keys[u] = Float.POSITIVE_INFINITY;
                for (int i = positives.starts()[u]; i < positives.starts()[u + 1]; i++) {
                    keys[positives.targets()[i]] = Float.POSITIVE_INFINITY;
                }
                if (excluded != null) {
                    for (int i = excluded.starts()[u]; i < excluded.starts()[u + 1]; i++) {
                        keys[excluded.targets()[i]] = Float.POSITIVE_INFINITY;
                    }
                }
                Arrays.fill(histogram, 0, m + 1, 0);
                float farthest = positiveKeys[m - 1];
                for (int j = 0; j < n; j++) {
                    float key = keys[j];
                    if (key < farthest) {
                        // the negative is nearer than every positive from this index on
                        histogram[firstAbove(positiveKeys, m, key)]++;
                    }
                }
                long nearer = 0;
                double ap = 0;
                for (int i = 0; i < m; i++) {
                    nearer += histogram[i];
                    long rank = nearer + 1;
                    rankSums[w] += rank;
                    // position among positives and negatives together
                    ap += (i + 1) / (double) (rank + i);
                }
                positiveCounts[w] += m;
                apSums[w] += ap / m;
                queryCounts[w]++;
            }
        });
        long queriesDone = Arrays.stream(queryCounts).sum();
        long positivesDone = Arrays.stream(positiveCounts).sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(queriesDone, positivesDone, Arrays.stream(rankSums).sum() / Math.max(1, positivesDone),
                Arrays.stream(apSums).sum() / Math.max(1, queriesDone), seconds);
    }

    /** Every node with at least one positive. */
    static int[] nodesWithPositives(Lists positives, int n) {
        return java.util.stream.IntStream.range(0, n).filter(u -> positives.count(u) > 0).toArray();
    }

    /** The first index i in sorted {@code a[0..m)} with a[i] > key. */
    private static int firstAbove(float[] a, int m, float key) {
        int lo = 0;
        int hi = m;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] > key) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
