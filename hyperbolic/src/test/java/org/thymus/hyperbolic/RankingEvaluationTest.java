package org.thymus.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.thymus.core.table.EmbeddingTable;

class RankingEvaluationTest {

    @Test
    void matchesANaiveRankingByDistance() {
        Random random = new Random(5);
        int n = 300;
        int dim = 3;
        for (Geometry g : List.of(new PoincareBall(), new EuclideanSpace())) {
            EmbeddingTable table = new EmbeddingTable(n, dim);
            for (int j = 0; j < n; j++) {
                table.setRow(j, GeometryTest.point(random, dim, 0.999), 0);
            }
            int[][] pos = randomLists(random, n, 8);
            int[][] excl = randomLists(random, n, 5);
            RankingEvaluation.Lists positives = lists(n, pos);
            RankingEvaluation.Lists excluded = lists(n, excl);
            for (int threads : new int[] {1, 3}) {
                RankingEvaluation.Result r = RankingEvaluation.evaluate(table, g, positives, excluded, null, threads);
                double[] naive = naive(table, g, pos, excl);
                assertEquals(naive[0], r.meanRank(), 1e-9, g.name());
                assertEquals(naive[1], r.map(), 1e-9, g.name());
                assertEquals((long) naive[2], r.queries());
            }
        }
    }

    @Test
    void aPerfectEmbeddingHasMapOneAndRankOne() {
        // A tree closure laid out with each node nearer to its ancestors than to anything else is
        // hard to write by hand; a line is enough: node i's positives are i-1 and i+1.
        int n = 50;
        EmbeddingTable table = new EmbeddingTable(n, 1);
        int[][] pos = new int[n][];
        for (int i = 0; i < n; i++) {
            table.set(i, 0, i * 0.01f);
            pos[i] = i == 0 ? new int[] {1} : i == n - 1 ? new int[] {n - 2} : new int[] {i - 1, i + 1};
        }
        RankingEvaluation.Result r = RankingEvaluation.evaluate(table, new PoincareBall(), lists(n, pos), null, null, 2);
        assertEquals(1.0, r.map(), 1e-12);
        assertEquals(1.0, r.meanRank(), 1e-12);
    }

    private static int[][] randomLists(Random random, int n, int max) {
        int[][] lists = new int[n][];
        for (int u = 0; u < n; u++) {
            int k = random.nextInt(max + 1);
            int self = u;
            lists[u] = random.ints(0, n).filter(v -> v != self).distinct().limit(k).toArray();
        }
        return lists;
    }

    static RankingEvaluation.Lists lists(int n, int[][] lists) {
        List<int[]> pairs = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            for (int v : lists[u]) {
                pairs.add(new int[] {u, v});
            }
        }
        return RankingEvaluation.Lists.of(n, pairs.stream().mapToInt(p -> p[0]).toArray(),
                pairs.stream().mapToInt(p -> p[1]).toArray());
    }

    /** Mean rank, MAP and query count, by sorting true distances (gensim's formulas, u itself left out). */
    private static double[] naive(EmbeddingTable table, Geometry g, int[][] pos, int[][] excl) {
        int n = table.rows();
        int dim = table.dim();
        double rankSum = 0;
        long positives = 0;
        double apSum = 0;
        long queries = 0;
        for (int u = 0; u < n; u++) {
            if (pos[u].length == 0) {
                continue;
            }
            float[] x = new float[dim];
            table.copyRow(u, x, 0);
            final int uu = u;
            List<Double> negatives = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                final int vv = v;
                if (v == u || Arrays.stream(pos[uu]).anyMatch(p -> p == vv) || Arrays.stream(excl[uu]).anyMatch(p -> p == vv)) {
                    continue;
                }
                float[] y = new float[dim];
                table.copyRow(v, y, 0);
                negatives.add(g.distance(x, 0, y, 0, dim));
            }
            long[] ranks = new long[pos[u].length];
            for (int i = 0; i < ranks.length; i++) {
                float[] y = new float[dim];
                table.copyRow(pos[u][i], y, 0);
                double d = g.distance(x, 0, y, 0, dim);
                ranks[i] = 1 + negatives.stream().filter(e -> e < d).count();
            }
            Arrays.sort(ranks);
            double ap = 0;
            for (int i = 0; i < ranks.length; i++) {
                rankSum += ranks[i];
                ap += (i + 1) / (double) (ranks[i] + i);
            }
            positives += ranks.length;
            apSum += ap / ranks.length;
            queries++;
        }
        return new double[] {rankSum / positives, apSum / queries, queries};
    }
}
