package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;
import org.thymus.core.table.EmbeddingTable;

class SemanticNeighborsTest {
    private static final int ITEMS = 1200;
    private static final int DIM = 16;

    /** Vectors around 30 cluster centres: neighbour lists have real structure. */
    private static EmbeddingTable clustered(long seed) {
        FastRandom rng = new FastRandom(seed);
        float[][] centres = new float[30][DIM];
        for (float[] c : centres) {
            for (int d = 0; d < DIM; d++) {
                c[d] = rng.nextFloat() * 2 - 1;
            }
        }
        EmbeddingTable table = new EmbeddingTable(ITEMS, DIM);
        for (int i = 0; i < ITEMS; i++) {
            for (int d = 0; d < DIM; d++) {
                table.set(i, d, centres[i % 30][d] + 0.3f * (rng.nextFloat() - 0.5f));
            }
        }
        return table;
    }

    private static double cosine(EmbeddingTable t, int a, int b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < DIM; d++) {
            dot += t.get(a, d) * t.get(b, d);
            na += t.get(a, d) * t.get(a, d);
            nb += t.get(b, d) * t.get(b, d);
        }
        return dot / Math.sqrt(na * nb);
    }

    private static SemanticNeighbors lists(EmbeddingTable table, int[] pool, SemanticNeighbors.Search search,
                                           int probes, long[] clock) {
        return new SemanticNeighbors(table, pool, 10, 2, 1000, false, search, SemanticNeighbors.HnswSettings.defaults(10),
                1, probes, 3, () -> clock[0]);
    }

    @Test
    void exactListsAreTheCosineTopKOfThePool() {
        EmbeddingTable table = clustered(1);
        int[] pool = IntStream.range(0, ITEMS).filter(i -> i % 3 != 0).toArray();
        try (SemanticNeighbors semantic = lists(table, pool, SemanticNeighbors.Search.EXACT, 0, new long[1])) {
            assertEquals(0, semantic.count(1), "no lists before the first refresh");
            semantic.refreshNow(0);
            for (int item : new int[] {1, 2, 500, 1199}) {
                Integer[] others = Arrays.stream(pool).filter(p -> p != item).boxed().toArray(Integer[]::new);
                Arrays.sort(others, Comparator.comparingDouble((Integer o) -> -cosine(table, item, o)));
                assertEquals(10, semantic.count(item));
                for (int r = 0; r < 10; r++) {
                    assertEquals(cosine(table, item, others[r]), cosine(table, item, semantic.neighbor(item, r)), 1e-5,
                            "rank " + r + " of " + item);
                }
            }
            assertEquals(0, semantic.count(3), "3 is outside the pool");
        }
    }

    @Test
    void hnswListsMostlyAgreeWithExactAndTheProbesSayHowMuch() {
        EmbeddingTable table = clustered(2);
        long[] clock = {0};
        try (SemanticNeighbors semantic = lists(table, SemanticNeighbors.firstIds(ITEMS),
                SemanticNeighbors.Search.HNSW, 200, clock)) {
            semantic.refreshNow(0);
            SemanticNeighbors.Refresh first = semantic.refreshes().get(0);
            assertTrue(first.overlap() > 0.9, "HNSW overlap with exact " + first.overlap());
            assertTrue(first.bandTv() < 0.15, "band TV " + first.bandTv());
            assertTrue(Double.isNaN(first.staleOverlap()), "no stale lists at the first refresh");
            // training moves the vectors: the old lists go stale, and the probes see it
            EmbeddingTable moved = clustered(3);
            for (int i = 0; i < ITEMS; i++) {
                for (int d = 0; d < DIM; d++) {
                    table.set(i, d, moved.get(i, d));
                }
            }
            clock[0] = 5000;
            semantic.refreshNow(4000);
            SemanticNeighbors.Refresh second = semantic.refreshes().get(1);
            assertEquals(4000, second.staleSteps());
            assertEquals(5000, second.publishedStep());
            assertTrue(second.staleOverlap() < 0.5, "lists of other vectors barely overlap: " + second.staleOverlap());
            assertTrue(second.staleBandTv() > 0.5, "stale band TV " + second.staleBandTv());
            assertEquals(1000, semantic.staleness(5000));
        }
    }

    @Test
    void exactProbesFindNoBias() {
        try (SemanticNeighbors semantic = lists(clustered(4), SemanticNeighbors.firstIds(ITEMS),
                SemanticNeighbors.Search.EXACT, 100, new long[1])) {
            semantic.refreshNow(0);
            assertEquals(1.0, semantic.refreshes().get(0).overlap(), 1e-9);
            assertEquals(0.0, semantic.refreshes().get(0).bandTv(), 1e-9);
        }
    }

    @Test
    void refreshesRunInTheBackgroundWhenDue() {
        EmbeddingTable table = clustered(5);
        try (SemanticNeighbors semantic = lists(table, SemanticNeighbors.firstIds(ITEMS),
                SemanticNeighbors.Search.EXACT, 0, new long[1])) {
            semantic.refreshIfDue(999);
            semantic.awaitRefresh();
            assertEquals(0, semantic.refreshes().size(), "not due before step 1000");
            semantic.refreshIfDue(1000);
            semantic.awaitRefresh();
            List<SemanticNeighbors.Refresh> done = semantic.refreshes();
            assertEquals(1, done.size());
            assertEquals(1000, done.get(0).snapshotStep());
            assertEquals(10, semantic.count(7));
            semantic.refreshIfDue(1500);
            semantic.awaitRefresh();
            assertEquals(1, semantic.refreshes().size(), "next one due at 2000");
        }
    }

    @Test
    void badSettingsAreRefused() {
        EmbeddingTable table = clustered(6);
        assertThrows(IllegalArgumentException.class, () -> new SemanticNeighbors(table, new int[] {1, 2, 3}, 3, 0, 10, false,
                SemanticNeighbors.Search.EXACT, SemanticNeighbors.HnswSettings.defaults(3), 1, 0, 1, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new SemanticNeighbors(table, new int[] {1, 1, 2, 3}, 2, 0, 10, false,
                SemanticNeighbors.Search.EXACT, SemanticNeighbors.HnswSettings.defaults(2), 1, 0, 1, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new SemanticNeighbors(table, new int[] {1, 2, 3, 4}, 2, 2, 10, false,
                SemanticNeighbors.Search.EXACT, SemanticNeighbors.HnswSettings.defaults(2), 1, 0, 1, () -> 0));
    }
}
