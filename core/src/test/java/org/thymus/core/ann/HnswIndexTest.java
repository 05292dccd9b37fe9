package org.thymus.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;
import org.thymus.core.table.EmbeddingTable;

class HnswIndexTest {
    private static final int ROWS = 4000;
    private static final int DIM = 32;
    private static EmbeddingTable data;
    private static int[] queryRows;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeData() {
        data = AnnTestData.clustered(ROWS, DIM, 8, 11); // ~500 points a cluster
        queryRows = IntStream.range(0, 300).map(i -> (i * 13 + 5) % ROWS).toArray();
    }

    private static double recallAt10(HnswIndex index, Metric metric, int ef) {
        Neighbors exact = ExactSearch.search(data, null, data, queryRows, 10, metric, false, 2);
        Neighbors approx = index.search(data, queryRows, 10, ef, 2);
        return AnnTestData.recall(approx, exact);
    }

    @Test
    void recallAt10IsAtLeast095ForEveryMetric() {
        for (Metric metric : Metric.values()) {
            HnswIndex index = HnswIndex.build(data, metric, 16, 100, 1, 42);
            assertEquals(ROWS, index.size());
            // Maximum inner product is harder for a graph (long vectors are everyone's neighbours).
            int ef = metric == Metric.DOT ? 128 : 24;
            double recall = recallAt10(index, metric, ef);
            System.out.printf("HNSW %s M=16 efC=100 ef=%d: recall@10 %.4f%n", metric, ef, recall);
            assertTrue(recall >= 0.95, metric + " recall@10 " + recall);
            // The best result of a query that is itself indexed is the query (not for dot, where a
            // longer vector in the same direction can score higher).
            if (metric != Metric.DOT) {
                Neighbors self = index.search(data, queryRows, 1, 64, 1);
                long found = IntStream.range(0, queryRows.length).filter(q -> self.id(q, 0) == queryRows[q]).count();
                assertTrue(found >= 0.99 * queryRows.length, metric + ": self found " + found);
            }
        }
    }

    @Test
    void multiThreadedBuildHasComparableRecall() {
        HnswIndex one = HnswIndex.build(data, Metric.L2, 12, 80, 1, 7);
        HnswIndex three = HnswIndex.build(data, Metric.L2, 12, 80, 3, 7);
        double r1 = recallAt10(one, Metric.L2, 16);
        double r3 = recallAt10(three, Metric.L2, 16);
        assertWellFormed(three);
        assertTrue(r3 >= r1 - 0.02, "1 thread " + r1 + ", 3 threads " + r3);
        assertTrue(r3 >= 0.95, "3 threads " + r3);
        // With one thread the build is reproducible.
        HnswIndex again = HnswIndex.build(data, Metric.L2, 12, 80, 1, 7);
        assertArrayEquals(one.search(data, queryRows, 10, 40, 1).ids(), again.search(data, queryRows, 10, 40, 1).ids());
    }

    /** No node links to itself or twice to the same node, on any layer. */
    private static void assertWellFormed(HnswIndex index) {
        for (int id = 0; id < index.size(); id++) {
            for (int level = 0; level <= index.maxLevel(); level++) {
                int[] links = index.neighbours(id, level);
                int node = id;
                assertTrue(Arrays.stream(links).noneMatch(l -> l == node), "node " + id + " links to itself");
                assertEquals(links.length, Arrays.stream(links).distinct().count(), "node " + id + " repeats a link");
            }
        }
    }

    @Test
    void multiThreadedBuildKeepsAThinGraphConnected() {
        // Points on a line: the heuristic keeps about two links a node (left and right), so one
        // link lost to a race between builders cuts the graph, and some points become unreachable.
        int n = 3000;
        EmbeddingTable line = new EmbeddingTable(n, 2);
        for (int r = 0; r < n; r++) {
            line.set(r, 0, r);
            line.set(r, 1, 1);
        }
        for (int round = 0; round < 3; round++) {
            HnswIndex index = HnswIndex.build(line, Metric.L2, 4, 16, 4, round);
            Neighbors self = index.search(line, null, 1, 16, 2);
            long found = IntStream.range(0, n).filter(r -> self.id(r, 0) == r).count();
            assertEquals(n, found, "round " + round);
            assertWellFormed(index);
        }
    }

    @Test
    void insertThenSearchFindsTheInsertedVector() {
        EmbeddingTable head = new EmbeddingTable(1000, DIM);
        for (int r = 0; r < 1000; r++) {
            System.arraycopy(data.shard(r), data.offset(r), head.shard(r), head.offset(r), DIM);
        }
        HnswIndex index = HnswIndex.build(head, Metric.COSINE, 8, 60, 2, 3);
        float[] v = new float[DIM];
        int[] ids = new int[1];
        float[] scores = new float[1];
        HnswSearcher searcher = index.searcher();
        for (int r = 1000; r < 1300; r++) {
            data.copyRow(r, v, 0);
            assertEquals(r, index.insert(v, 0));
            assertEquals(1, searcher.search(v, 0, 1, 32, ids, scores, 0));
            assertEquals(r, ids[0], "inserted row " + r);
            assertEquals(1f, scores[0], 1e-5f);
        }
        assertEquals(1300, index.size());
        // An index built only by inserts (growing from empty) finds its vectors too.
        HnswIndex grown = HnswIndex.create(DIM, Metric.L2, 8, 60, 5);
        for (int r = 0; r < 500; r++) {
            data.copyRow(r, v, 0);
            grown.insert(v, 0);
        }
        Neighbors found = grown.search(data, IntStream.range(0, 500).toArray(), 1, 32, 2);
        long hits = IntStream.range(0, 500).filter(r -> found.id(r, 0) == r).count();
        assertTrue(hits >= 495, "grown index found " + hits + " of 500");
    }

    @Test
    void updateMovesAVectorAndSearchReflectsIt() {
        HnswIndex index = HnswIndex.build(data, Metric.L2, 12, 80, 2, 9);
        int moved = 17;
        int target = 3001; // a row in some other place
        float[] v = new float[DIM];
        data.copyRow(target, v, 0);
        for (int d = 0; d < DIM; d++) {
            v[d] += 1e-3f;
        }
        index.update(moved, v, 0);
        float[] stored = new float[DIM];
        index.vector(moved, stored, 0);
        assertArrayEquals(v, stored);
        HnswSearcher searcher = index.searcher();
        int[] ids = new int[2];
        float[] scores = new float[2];
        searcher.search(v, 0, 2, 64, ids, scores, 0);
        assertEquals(moved, ids[0]);
        assertEquals(target, ids[1]);
        // Its old place no longer finds it.
        data.copyRow(moved, v, 0);
        int[] near = new int[10];
        searcher.search(v, 0, 10, 64, near, new float[10], 0);
        assertTrue(Arrays.stream(near).noneMatch(id -> id == moved), Arrays.toString(near));
        // Moving many vectors keeps recall on the moved set.
        EmbeddingTable shifted = new EmbeddingTable(ROWS, DIM);
        for (int r = 0; r < ROWS; r++) {
            for (int d = 0; d < DIM; d++) {
                shifted.set(r, d, data.get(r, d) + (r % 5 == 0 ? 0.3f * (d % 3 - 1) : 0));
            }
            if (r % 5 == 0) {
                shifted.copyRow(r, v, 0);
                index.update(r, v, 0);
            }
        }
        shifted.copyRow(moved, v, 0);
        index.update(moved, v, 0);
        Neighbors exact = ExactSearch.search(shifted, null, shifted, queryRows, 10, Metric.L2, false, 2);
        double recall = AnnTestData.recall(index.search(shifted, queryRows, 10, 64, 2), exact);
        assertTrue(recall >= 0.95, "recall after updates " + recall);
    }

    @Test
    void saveLoadRoundTripGivesIdenticalResults() throws IOException {
        for (Metric metric : Metric.values()) {
            HnswIndex index = HnswIndex.build(data, metric, 10, 50, 2, 5);
            Path file = dir.resolve("index-" + metric.label() + ".hnsw");
            index.save(file);
            HnswIndex loaded = HnswIndex.load(file);
            assertEquals(metric, loaded.metric());
            assertEquals(index.size(), loaded.size());
            assertEquals(index.m(), loaded.m());
            assertEquals(index.efConstruction(), loaded.efConstruction());
            assertEquals(index.maxLevel(), loaded.maxLevel());
            Neighbors a = index.search(data, queryRows, 10, 50, 1);
            Neighbors b = loaded.search(data, queryRows, 10, 50, 1);
            assertArrayEquals(a.ids(), b.ids());
            assertArrayEquals(a.scores(), b.scores());
            // The loaded index takes inserts.
            float[] v = new float[DIM];
            data.copyRow(3, v, 0);
            assertEquals(ROWS, loaded.insert(v, 0));
        }
        HnswIndex empty = HnswIndex.create(DIM, Metric.DOT, 8, 20, 1);
        Path file = dir.resolve("empty.hnsw");
        empty.save(file);
        Neighbors none = HnswIndex.load(file).search(data, new int[] {0}, 3, 10, 1);
        assertArrayEquals(new int[] {-1, -1, -1}, none.ids());
    }

    @Test
    void corruptOrTruncatedFilesAreInvalidInput() throws IOException {
        HnswIndex index = HnswIndex.build(AnnTestData.clustered(300, 8, 5, 1), Metric.COSINE, 6, 20, 1, 1);
        Path good = dir.resolve("good.hnsw");
        index.save(good);
        byte[] bytes = Files.readAllBytes(good);
        Path bad = dir.resolve("bad.hnsw");
        // Truncated anywhere: in the header, in the vectors, in the links, in the trailer.
        for (int length : new int[] {0, 5, 40, 100, bytes.length / 2, bytes.length - 13, bytes.length - 1}) {
            Files.write(bad, Arrays.copyOf(bytes, length));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> HnswIndex.load(bad), "length " + length);
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
        // One flipped bit anywhere is caught (by the structure checks or the checksum).
        for (int at = 0; at < bytes.length; at += Math.max(1, bytes.length / 97)) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= 0x10;
            Files.write(bad, flipped);
            assertThrows(InvalidInputException.class, () -> HnswIndex.load(bad), "bit flipped at " + at);
        }
        Files.writeString(bad, "a text file that is long enough to pass the length check, but is no index at all\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> HnswIndex.load(bad)).getMessage().contains("not a Thymus"));
        byte[] version = bytes.clone();
        version[8] = 9;
        Files.write(bad, version);
        assertTrue(assertThrows(InvalidInputException.class, () -> HnswIndex.load(bad)).getMessage().contains("version 9"));
        // Trailing garbage is refused too.
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 4);
        Files.write(bad, longer);
        assertThrows(InvalidInputException.class, () -> HnswIndex.load(bad));
    }

    @Test
    void emptyAndTinyIndexesAndBadArguments() {
        HnswIndex empty = HnswIndex.build(new EmbeddingTable(0, 4), Metric.L2, 4, 10, 2, 1);
        assertEquals(0, empty.size());
        assertEquals(-1, empty.search(AnnTestData.uniform(1, 4, 1), null, 2, 10, 1).id(0, 0));
        EmbeddingTable three = AnnTestData.uniform(3, 4, 2);
        HnswIndex tiny = HnswIndex.build(three, Metric.L2, 4, 10, 2, 1);
        Neighbors n = tiny.search(three, null, 5, 10, 1);
        for (int q = 0; q < 3; q++) {
            assertEquals(3, n.count(q));
            assertEquals(q, n.id(q, 0));
            assertEquals(-1, n.id(q, 4));
        }
        assertThrows(IllegalArgumentException.class, () -> HnswIndex.build(three, Metric.L2, 1, 10, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> tiny.search(AnnTestData.uniform(1, 5, 1), null, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> tiny.insert(new float[3], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> tiny.update(3, new float[4], 0));
    }
}
