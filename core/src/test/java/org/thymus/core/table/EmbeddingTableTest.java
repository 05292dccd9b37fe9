package org.thymus.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.kernel.Sigmoid;
import org.thymus.core.random.FastRandom;

class EmbeddingTableTest {
    private static final int ROWS = 1000;
    private static final int DIM = 37; // stride 48: 11 floats of padding a row

    /** A table of ROWS x DIM in shards of 64 rows: 16 shards, the last one holding 40 rows. */
    private static EmbeddingTable sharded() {
        return new EmbeddingTable(ROWS, DIM, 64L * 48 + 47);
    }

    @Test
    void strideIsDimRoundedUpToTheAlignment() {
        assertEquals(16, EmbeddingTable.paddedDim(1));
        assertEquals(16, EmbeddingTable.paddedDim(16));
        assertEquals(32, EmbeddingTable.paddedDim(17));
        assertEquals(112, EmbeddingTable.paddedDim(100));
        assertEquals(304, EmbeddingTable.paddedDim(300));
        EmbeddingTable t = new EmbeddingTable(10, DIM);
        assertEquals(48, t.stride());
        assertEquals(10, t.rows());
        assertEquals(DIM, t.dim());
        assertEquals(1, t.shardCount());
        assertEquals(10L * 48 * 4, t.memoryBytes());
        for (int r = 0; r < 10; r++) {
            assertEquals(0, t.offset(r) % EmbeddingTable.ROW_ALIGNMENT);
        }
    }

    @Test
    void shardLayoutHasPowerOfTwoShardsAndNoStraddlingRow() {
        EmbeddingTable t = sharded();
        assertEquals(16, t.shardCount());
        assertEquals(ROWS * 48L * 4, t.memoryBytes(), "shards are sized exactly, the last one too");
        for (int r = 0; r < ROWS; r++) {
            assertSame(t.shard(r / 64 * 64), t.shard(r), "row " + r);
            assertEquals((r % 64) * 48, t.offset(r), "row " + r);
            assertTrue(t.offset(r) + t.stride() <= t.shard(r).length, "row " + r + " straddles");
        }
        assertTrue(t.shard(63) != t.shard(64));
        assertEquals(40 * 48, t.shard(ROWS - 1).length);

        // A shard of exactly one row.
        EmbeddingTable tiny = new EmbeddingTable(5, 16, 16);
        assertEquals(5, tiny.shardCount());
        assertEquals(16, tiny.shard(4).length);
    }

    @Test
    void shardedTableMatchesOneShardTable() {
        EmbeddingTable one = new EmbeddingTable(ROWS, DIM);
        EmbeddingTable many = sharded();
        one.fillUniform(42, -0.5f, 0.5f);
        many.fillUniform(42, -0.5f, 0.5f);
        float[] a = new float[DIM];
        float[] b = new float[DIM];
        for (int r = 0; r < ROWS; r++) {
            one.copyRow(r, a, 0);
            many.copyRow(r, b, 0);
            assertArrayEquals(a, b, "row " + r);
            for (int c = 0; c < DIM; c++) {
                assertEquals(one.get(r, c), many.get(r, c));
                assertTrue(a[c] >= -0.5f && a[c] < 0.5f);
            }
        }
        // Rows differ from each other, and another seed gives other values.
        assertTrue(one.get(0, 0) != one.get(1, 0));
        EmbeddingTable other = new EmbeddingTable(ROWS, DIM);
        other.fillUniform(43, -0.5f, 0.5f);
        assertTrue(other.get(0, 0) != one.get(0, 0));
    }

    @Test
    void rowsRoundTripAtShardBoundaries() {
        for (EmbeddingTable t : new EmbeddingTable[] {new EmbeddingTable(ROWS, DIM), sharded()}) {
            FastRandom rng = new FastRandom(9);
            int[] rows = {0, 1, 63, 64, 65, 127, 128, 511, 512, 959, 960, ROWS - 2, ROWS - 1};
            float[][] written = new float[rows.length][DIM + 3];
            for (int i = 0; i < rows.length; i++) {
                for (int c = 0; c < written[i].length; c++) {
                    written[i][c] = rng.nextFloat();
                }
                t.setRow(rows[i], written[i], 3);
            }
            for (int i = 0; i < rows.length; i++) {
                float[] back = new float[DIM + 5];
                t.copyRow(rows[i], back, 5);
                for (int c = 0; c < DIM; c++) {
                    assertEquals(written[i][3 + c], back[5 + c], "row " + rows[i] + " col " + c);
                    assertEquals(written[i][3 + c], t.get(rows[i], c));
                }
                assertEquals(0f, back[4], "copyRow wrote before destOff");
                t.set(rows[i], DIM - 1, -7f);
                assertEquals(-7f, t.get(rows[i], DIM - 1));
                assertEquals(-7f, t.shard(rows[i])[t.offset(rows[i]) + DIM - 1]);
            }
            // Neighbours of the written rows were not touched.
            assertEquals(0f, t.get(2, 0));
            assertEquals(0f, t.get(62, DIM - 1));
            assertEquals(0f, t.get(66, 0));
            assertPaddingIsZero(t);
        }
    }

    @Test
    void paddingStaysZero() {
        EmbeddingTable t = sharded();
        t.fillUniform(1, -1f, 1f);
        assertPaddingIsZero(t);
        // Hot loops run the kernels over whole padded rows (an SGNS step: a positive and four
        // negatives, then the accumulated gradient into the input row); padding stays zero.
        Kernels k = Kernels.get();
        int n = t.stride();
        float[] grad = new float[n];
        FastRandom rng = new FastRandom(2);
        for (int step = 0; step < 2_000; step++) {
            int in = rng.nextInt(ROWS);
            k.scale(0f, grad, 0, n);
            for (int j = 0; j < 5; j++) {
                int out = rng.nextInt(ROWS);
                float f = k.dot(t.shard(in), t.offset(in), t.shard(out), t.offset(out), n);
                float g = 0.025f * ((j == 0 ? 1 : 0) - Sigmoid.sigmoid(f));
                k.accumulateAndUpdate(g, t.shard(in), t.offset(in), t.shard(out), t.offset(out),
                        grad, 0, n);
            }
            k.axpy(1f, grad, 0, t.shard(in), t.offset(in), n);
        }
        assertPaddingIsZero(t);
        for (int c = DIM; c < n; c++) {
            assertEquals(0f, grad[c]);
        }
        t.setRow(5, new float[DIM + 20], 20);
        t.fillUniform(3, 2f, 3f);
        assertPaddingIsZero(t);
    }

    private static void assertPaddingIsZero(EmbeddingTable t) {
        for (int r = 0; r < t.rows(); r++) {
            float[] s = t.shard(r);
            for (int c = t.dim(); c < t.stride(); c++) {
                assertEquals(0f, s[t.offset(r) + c], "row " + r + " padding " + c);
            }
        }
    }

    @Test
    void emptyTableIsAllowed() {
        EmbeddingTable t = new EmbeddingTable(0, 8);
        assertEquals(0, t.rows());
        assertEquals(0, t.memoryBytes());
        t.fillUniform(1, 0f, 1f);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingTable(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingTable(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingTable(10, -3));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingTable(-1, 10, 1024));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingTable(10, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingTable(10, 20, 16));
        for (EmbeddingTable t : new EmbeddingTable[] {new EmbeddingTable(ROWS, DIM), sharded(),
                new EmbeddingTable(1024, DIM, 64L * 48)}) {
            int rows = t.rows();
            assertThrows(IndexOutOfBoundsException.class, () -> t.get(rows, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> t.get(-1, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> t.set(rows, 0, 1f));
            assertThrows(IndexOutOfBoundsException.class, () -> t.copyRow(rows, new float[DIM], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> t.copyRow(0, new float[DIM - 1], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> t.setRow(0, new float[DIM], 1));
        }
    }
}
