package org.thymus.retrieval.falseneg;

import java.util.Arrays;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.table.EmbeddingTable;

/**
 * The smallest record encoder: the mean of the embeddings of a bag's codes, one core
 * {@link EmbeddingTable} row a code. It stands in for a tower of the two-tower engine
 * ({@code org.thymus.retrieval}, issue 8), which should replace it once merged: the medicine
 * benchmark needs only "a bag of codes in, a vector out, a gradient back".
 */
final class MeanBagEncoder {
    private static final Kernels KERNELS = Kernels.get();

    private final EmbeddingTable table;

    MeanBagEncoder(EmbeddingTable table) {
        this.table = table;
    }

    int stride() {
        return table.stride();
    }

    /** Writes the mean of the rows of {@code codes[from..to)} into {@code dest[off .. off + stride)}. */
    void encode(int[] codes, int from, int to, float[] dest, int off) {
        int stride = table.stride();
        Arrays.fill(dest, off, off + stride, 0f);
        for (int i = from; i < to; i++) {
            KERNELS.axpy(1f, table.shard(codes[i]), table.offset(codes[i]), dest, off, stride);
        }
        if (to > from) {
            KERNELS.scale(1f / (to - from), dest, off, stride);
        }
    }

    /** A gradient step through the mean: every code of the bag moves by -rate × gradient / bag size. */
    void step(int[] codes, int from, int to, float[] gradient, int off, float rate) {
        if (to == from) {
            return;
        }
        float share = -rate / (to - from);
        for (int i = from; i < to; i++) {
            KERNELS.axpy(share, gradient, off, table.shard(codes[i]), table.offset(codes[i]), table.stride());
        }
    }
}
