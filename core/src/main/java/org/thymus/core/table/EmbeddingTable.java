package org.thymus.core.table;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.thymus.core.random.FastRandom;

/**
 * A table of {@code rows} vectors of {@code dim} floats, stored row-major in flat {@code float[]}
 * shards. Each row starts at a multiple of {@link #ROW_ALIGNMENT} floats (64 bytes, one cache line
 * and one AVX-512 register), so kernels run on whole vectors with no scalar tail; the padding stays
 * zero because every update is a linear combination of rows whose padding is zero.
 *
 * <p>A row never straddles two shards. A table whose size exceeds the largest Java array is split
 * into shards of a power-of-two number of rows, so locating a row is a shift and a mask. Hot loops
 * read {@link #shard(int)} and {@link #offset(int)} and hand the pair to the kernels.
 */
public final class EmbeddingTable {
    /** Row starts are multiples of this many floats. */
    public static final int ROW_ALIGNMENT = 16;
    /** Largest shard, in floats (a little under the JVM's array limit). */
    public static final long DEFAULT_MAX_SHARD_FLOATS = Integer.MAX_VALUE - 64;

    private final int rows;
    private final int dim;
    private final int stride;
    private final int shardShift;
    private final int rowMask;
    private final float[][] shards;

    public EmbeddingTable(int rows, int dim) {
        this(rows, dim, DEFAULT_MAX_SHARD_FLOATS);
    }

    /** Creates a zero table whose shards hold at most {@code maxShardFloats} floats each. */
    public EmbeddingTable(int rows, int dim, long maxShardFloats) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be > 0, got " + dim);
        }
        if (maxShardFloats < paddedDim(dim)) {
            throw new IllegalArgumentException("a shard must hold at least one row, got " + maxShardFloats + " floats");
        }
        this.rows = rows;
        this.dim = dim;
        this.stride = paddedDim(dim);
        long maxRowsPerShard = Math.max(1, maxShardFloats / stride);
        int shift = Math.min(30, 63 - Long.numberOfLeadingZeros(maxRowsPerShard)); // floor(log2), capped
        if (rows <= (1L << shift)) {
            // One shard, sized exactly: the common case. With a shift of 31 every row index maps to
            // shard 0 and the mask keeps it whole, so lookups need no special case.
            shift = 31;
        }
        this.shardShift = shift;
        this.rowMask = (int) ((1L << shift) - 1);
        int shardCount = (int) Math.max(1, ((long) rows + (1L << shift) - 1) >>> shift);
        this.shards = new float[shardCount][];
        for (int s = 0; s < shardCount; s++) {
            long rowsHere = Math.min(1L << shift, rows - ((long) s << shift));
            shards[s] = new float[Math.toIntExact(rowsHere * stride)];
        }
    }

    /** The number of floats between row starts for vectors of {@code dim} floats. */
    public static int paddedDim(int dim) {
        return (dim + ROW_ALIGNMENT - 1) / ROW_ALIGNMENT * ROW_ALIGNMENT;
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /** Floats between consecutive row starts (dim rounded up to {@link #ROW_ALIGNMENT}). */
    public int stride() {
        return stride;
    }

    public int shardCount() {
        return shards.length;
    }

    /** The array that holds {@code row}. */
    public float[] shard(int row) {
        return shards[row >>> shardShift];
    }

    /** Where {@code row} starts inside {@link #shard(int)}. */
    public int offset(int row) {
        return (row & rowMask) * stride;
    }

    public float get(int row, int col) {
        return shard(row)[offset(row) + col];
    }

    public void set(int row, int col, float value) {
        shard(row)[offset(row) + col] = value;
    }

    /** Copies row {@code row} (its {@code dim} floats) into {@code dest}. */
    public void copyRow(int row, float[] dest, int destOff) {
        System.arraycopy(shard(row), offset(row), dest, destOff, dim);
    }

    /** Overwrites row {@code row} with {@code dim} floats from {@code src}. */
    public void setRow(int row, float[] src, int srcOff) {
        System.arraycopy(src, srcOff, shard(row), offset(row), dim);
    }

    /**
     * Fills every row with independent uniform values in [{@code low}, {@code high}); padding stays
     * zero. Row {@code r} gets its own stream seeded from ({@code seed}, r), so the result does not
     * depend on sharding.
     */
    public void fillUniform(long seed, float low, float high) {
        float width = high - low;
        for (int r = 0; r < rows; r++) {
            FastRandom rng = new FastRandom(seed * 0x9E3779B97F4A7C15L + r);
            float[] s = shard(r);
            int off = offset(r);
            for (int c = 0; c < dim; c++) {
                s[off + c] = low + width * rng.nextFloat();
            }
        }
    }

    /** Writes every row's {@code dim} values (no padding) in row order, as {@link DataOutput#writeFloat} does. */
    public void writeValues(DataOutput out) throws IOException {
        for (int r = 0; r < rows; r++) {
            float[] s = shard(r);
            int off = offset(r);
            for (int c = 0; c < dim; c++) {
                out.writeFloat(s[off + c]);
            }
        }
    }

    /** Overwrites every row with what {@link #writeValues} wrote for a table of this shape. */
    public void readValues(DataInput in) throws IOException {
        for (int r = 0; r < rows; r++) {
            float[] s = shard(r);
            int off = offset(r);
            for (int c = 0; c < dim; c++) {
                s[off + c] = in.readFloat();
            }
        }
    }

    /** Bytes held by the shards. */
    public long memoryBytes() {
        long total = 0;
        for (float[] s : shards) {
            total += 4L * s.length;
        }
        return total;
    }
}
