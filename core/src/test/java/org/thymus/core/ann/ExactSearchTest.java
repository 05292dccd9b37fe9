package org.thymus.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.thymus.core.table.EmbeddingTable;

class ExactSearchTest {

    /** The score of the naive loop, in double. */
    private static double naiveScore(EmbeddingTable a, int ra, EmbeddingTable b, int rb, Metric metric) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        double l2 = 0;
        for (int d = 0; d < a.dim(); d++) {
            double x = a.get(ra, d);
            double y = b.get(rb, d);
            dot += x * y;
            na += x * x;
            nb += y * y;
            l2 += (x - y) * (x - y);
        }
        return switch (metric) {
            case DOT -> dot;
            case COSINE -> na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
            case L2 -> -l2;
        };
    }

    /**
     * Checks {@code got} against a naive loop: at every rank the score equals the naive k-th best
     * score (within {@code tol}), each returned id really has that score, ids are distinct, the
     * excluded self never appears, and padding is where fewer than k candidates exist.
     */
    private static void checkAgainstNaive(Neighbors got, EmbeddingTable base, int[] candidates, EmbeddingTable queries,
                                          int[] queryRows, int k, Metric metric, boolean excludeSelf, double tol) {
        int nq = queryRows == null ? queries.rows() : queryRows.length;
        int[] cands = candidates == null ? IntStream.range(0, base.rows()).toArray() : candidates;
        assertEquals(nq, got.queries());
        assertEquals(k, got.k());
        for (int q = 0; q < nq; q++) {
            int qRow = queryRows == null ? q : queryRows[q];
            Integer[] pool = Arrays.stream(cands).filter(c -> !(excludeSelf && c == qRow)).boxed().toArray(Integer[]::new);
            double[] naive = new double[pool.length];
            for (int i = 0; i < pool.length; i++) {
                naive[i] = naiveScore(queries, qRow, base, pool[i], metric);
            }
            Integer[] order = IntStream.range(0, pool.length).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble(i -> -naive[i]));
            int expected = Math.min(k, pool.length);
            assertEquals(expected, got.count(q), "query " + q);
            for (int r = 0; r < k; r++) {
                int id = got.id(q, r);
                if (r >= expected) {
                    assertEquals(-1, id);
                    assertEquals(Float.NEGATIVE_INFINITY, got.score(q, r));
                    continue;
                }
                double scale = metric == Metric.COSINE ? 1 : 1 + Math.abs(naive[order[0]]);
                assertEquals(naive[order[r]], got.score(q, r), tol * scale, "query " + q + " rank " + r);
                assertEquals(naiveScore(queries, qRow, base, id, metric), got.score(q, r), tol * scale,
                        "query " + q + " rank " + r + " id " + id);
                assertTrue(!(excludeSelf && id == qRow), "self returned for query " + q);
                if (r > 0) {
                    assertTrue(got.score(q, r) <= got.score(q, r - 1), "not best first at query " + q);
                }
            }
            long distinct = Arrays.stream(Arrays.copyOfRange(got.ids(), q * k, q * k + expected)).distinct().count();
            assertEquals(expected, distinct, "repeated id for query " + q);
        }
    }

    @Test
    void matchesTheNaiveLoopForEveryMetricWithAllOrSomeCandidates() {
        EmbeddingTable base = AnnTestData.uniform(700, 37, 1);
        // 3 queries take the direct path, 150 the blocked one (3 query blocks, a partial tile).
        for (int queryCount : new int[] {3, 150}) {
            int[] queryRows = IntStream.range(0, queryCount).map(i -> (i * 37 + 11) % base.rows()).toArray();
            for (Metric metric : Metric.values()) {
                for (boolean excludeSelf : new boolean[] {false, true}) {
                    Neighbors all = ExactSearch.search(base, null, base, queryRows, 10, metric, excludeSelf, 2);
                    checkAgainstNaive(all, base, null, base, queryRows, 10, metric, excludeSelf, 2e-5);
                    int[] subset = IntStream.range(0, 300).map(i -> (i * 3 + 1) % base.rows()).toArray();
                    Neighbors some = ExactSearch.search(base, subset, base, queryRows, 7, metric, excludeSelf, 3);
                    checkAgainstNaive(some, base, subset, base, queryRows, 7, metric, excludeSelf, 2e-5);
                }
            }
        }
    }

    @Test
    void kLargerThanTheCandidatesIsPadded() {
        EmbeddingTable base = AnnTestData.uniform(50, 20, 2);
        int[] candidates = {4, 9, 13, 21, 40};
        for (int queryCount : new int[] {2, 40}) {
            int[] queryRows = IntStream.range(0, queryCount).toArray();
            for (Metric metric : Metric.values()) {
                Neighbors got = ExactSearch.search(base, candidates, base, queryRows, 8, metric, true, 2);
                checkAgainstNaive(got, base, candidates, base, queryRows, 8, metric, true, 2e-5);
                // query row 4 is itself a candidate: 4 neighbours left, then padding
                assertEquals(queryCount > 4 ? 4 : 5, got.count(Math.min(4, queryCount - 1)));
            }
        }
        Neighbors none = ExactSearch.search(base, new int[0], base, null, 3, Metric.L2, false, 1);
        assertEquals(0, none.count(0));
    }

    @Test
    void separateQueryTableAndThreadCountsAgree() {
        EmbeddingTable base = AnnTestData.clustered(2000, 100, 20, 3);
        EmbeddingTable queries = AnnTestData.clustered(130, 100, 20, 4);
        for (Metric metric : Metric.values()) {
            Neighbors one = ExactSearch.search(base, null, queries, null, 10, metric, false, 1);
            Neighbors three = ExactSearch.search(base, null, queries, null, 10, metric, false, 3);
            assertArrayEquals(one.ids(), three.ids());
            assertArrayEquals(one.scores(), three.scores());
            int[] few = {0, 5, 77};
            checkAgainstNaive(ExactSearch.search(base, null, queries, few, 10, metric, false, 2),
                    base, null, queries, few, 10, metric, false, 1e-4);
        }
        checkAgainstNaive(ExactSearch.search(base, null, queries, null, 5, Metric.COSINE, false, 2),
                base, null, queries, null, 5, Metric.COSINE, false, 1e-5);
    }

    @Test
    void tiesGoToTheLowerRowAndZeroVectorsHaveCosineZero() {
        EmbeddingTable base = new EmbeddingTable(20, 4);
        for (int r = 0; r < 20; r++) {
            base.set(r, 0, r % 2 == 0 ? 1 : 0); // odd rows are zero vectors
        }
        for (int queries : new int[] {1, 20}) {
            int[] rows = IntStream.range(0, queries).toArray();
            Neighbors got = ExactSearch.search(base, null, base, rows, 3, Metric.COSINE, false, 1);
            assertArrayEquals(new int[] {0, 2, 4}, Arrays.copyOfRange(got.ids(), 0, 3));
            if (queries > 1) {
                // a zero query scores 0 against everything: the lowest rows win
                assertArrayEquals(new int[] {0, 1, 2}, Arrays.copyOfRange(got.ids(), 3, 6));
                assertEquals(0f, got.score(1, 0));
            }
        }
    }

    @Test
    void badArgumentsAreRejected() {
        EmbeddingTable base = AnnTestData.uniform(10, 4, 5);
        EmbeddingTable other = AnnTestData.uniform(10, 5, 5);
        assertThrows(IllegalArgumentException.class, () -> ExactSearch.search(base, null, other, null, 1, Metric.DOT, false, 1));
        assertThrows(IllegalArgumentException.class, () -> ExactSearch.search(base, null, base, null, 0, Metric.DOT, false, 1));
        assertThrows(IllegalArgumentException.class, () -> ExactSearch.search(base, new int[] {10}, base, null, 1, Metric.DOT, false, 1));
        assertThrows(IllegalArgumentException.class, () -> ExactSearch.search(base, null, base, new int[] {-1}, 1, Metric.DOT, false, 1));
    }
}
