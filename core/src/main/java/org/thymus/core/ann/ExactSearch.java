package org.thymus.core.ann;

import org.thymus.core.concurrent.Parallel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.table.EmbeddingTable;

/**
 * Exact top-k by brute force, batched the way FAISS's flat index uses BLAS: queries are taken in
 * blocks of {@value #QUERY_BLOCK}, candidates are packed once (transposed, in panels of 16, scaled
 * to unit length for cosine) into super-tiles of at most ~64 MB, and a register-blocked SIMD kernel
 * ({@link Kernels#dotPanels}) scores a query block against {@value #TILE} candidates at a time while
 * both stay in cache. Each query keeps a top-k heap of packed (score, id) longs; most scores fail
 * the one comparison with the heap's worst entry. Query blocks are spread over threads.
 *
 * <p>For L2 the score is {@code 2 (q.c - |c|^2 / 2) - |q|^2} (capped at 0), from the dot products
 * as FAISS computes it. A few
 * queries (fewer than {@value #DIRECT_QUERIES}) skip the packing and score rows directly. This is
 * the ground truth of every recall figure.
 */
public final class ExactSearch {
    static final int QUERY_BLOCK = 64;
    static final int TILE = 256;
    static final int DIRECT_QUERIES = 8;
    private static final long SUPER_TILE_FLOATS = 16L << 20;
    private static final Kernels KERNELS = Kernels.get();
    private static final int PANEL = Kernels.PANEL;

    private ExactSearch() {
    }

    /**
     * The top {@code k} of each query row among the candidate rows of {@code base}.
     *
     * @param base the vectors searched
     * @param candidates the rows of {@code base} to consider (repeats are not removed), or null for all
     * @param queries the table the query vectors come from
     * @param queryRows the rows of {@code queries} to search for, or null for all
     * @param k neighbours per query (padded with id -1 when there are fewer candidates)
     * @param excludeSelf leave out, for each query, the candidate whose row id equals the query's
     *     row (for when {@code queries} and {@code base} are the same table)
     * @param threads worker threads (the caller's thread is one of them)
     * @return ids are rows of {@code base}, best first; ties go to the lower row
     */
    public static Neighbors search(EmbeddingTable base, int[] candidates, EmbeddingTable queries, int[] queryRows,
                                   int k, Metric metric, boolean excludeSelf, int threads) {
        if (base.dim() != queries.dim()) {
            throw new IllegalArgumentException("queries have dim " + queries.dim() + ", base has " + base.dim());
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        checkRows(candidates, base.rows(), "candidate");
        checkRows(queryRows, queries.rows(), "query");
        int queryCount = queryRows == null ? queries.rows() : queryRows.length;
        int candidateCount = candidates == null ? base.rows() : candidates.length;
        Job job = new Job(base, candidates, candidateCount, queries, queryRows, queryCount, k, metric, excludeSelf);
        if (queryCount > 0 && candidateCount > 0) {
            if (queryCount < DIRECT_QUERIES) {
                job.direct(Math.min(threads, queryCount));
            } else {
                job.blocked(Math.min(threads, (queryCount + QUERY_BLOCK - 1) / QUERY_BLOCK));
            }
        }
        return job.finish();
    }

    private static void checkRows(int[] rows, int limit, String what) {
        if (rows == null) {
            return;
        }
        for (int row : rows) {
            if (row < 0 || row >= limit) {
                throw new IllegalArgumentException(what + " row " + row + " is outside [0, " + limit + ")");
            }
        }
    }

    /** One search: its inputs and the per-query heaps. */
    private static final class Job {
        final EmbeddingTable base;
        final int[] candidates;
        final int candidateCount;
        final EmbeddingTable queries;
        final int[] queryRows;
        final int queryCount;
        final int k;
        final Metric metric;
        final boolean excludeSelf;
        final int dim;
        /** Query q's heap is heaps[q*k .. q*k + sizes[q]): a min-heap of packed (score, id). */
        final long[] heaps;
        final int[] sizes;

        Job(EmbeddingTable base, int[] candidates, int candidateCount, EmbeddingTable queries, int[] queryRows,
            int queryCount, int k, Metric metric, boolean excludeSelf) {
            this.base = base;
            this.candidates = candidates;
            this.candidateCount = candidateCount;
            this.queries = queries;
            this.queryRows = queryRows;
            this.queryCount = queryCount;
            this.k = k;
            this.metric = metric;
            this.excludeSelf = excludeSelf;
            this.dim = base.dim();
            this.heaps = new long[Math.multiplyExact(queryCount, k)];
            this.sizes = new int[queryCount];
        }

        int candidateRow(int c) {
            return candidates == null ? c : candidates[c];
        }

        int queryRow(int q) {
            return queryRows == null ? q : queryRows[q];
        }

        /** Copies query q into dest (dim floats), unit length for cosine; returns its squared norm. */
        float copyQuery(int q, float[] dest, int destOff) {
            int row = queryRow(q);
            queries.copyRow(row, dest, destOff);
            double squares = squares(dest, destOff, dim);
            if (metric == Metric.COSINE && squares > 0) {
                KERNELS.scale((float) (1 / Math.sqrt(squares)), dest, destOff, dim);
            }
            return (float) squares;
        }

        /** A few queries: one kernel call per (query, candidate), no packing. */
        void direct(int threads) {
            int stride = base.stride();
            float[] inverseNorms = null;
            if (metric == Metric.COSINE) {
                inverseNorms = new float[candidateCount];
                for (int c = 0; c < candidateCount; c++) {
                    int row = candidateRow(c);
                    double squares = squares(base.shard(row), base.offset(row), dim);
                    inverseNorms[c] = squares > 0 ? (float) (1 / Math.sqrt(squares)) : 0f;
                }
            }
            float[] norms = inverseNorms;
            AtomicInteger next = new AtomicInteger();
            Parallel.run(threads, worker -> {
                float[] query = new float[stride]; // zero padding, so whole padded rows can be scored
                for (int q; (q = next.getAndIncrement()) < queryCount; ) {
                    copyQuery(q, query, 0);
                    int qRow = queryRow(q);
                    int heap = q * k;
                    int size = 0;
                    long threshold = Long.MIN_VALUE;
                    for (int c = 0; c < candidateCount; c++) {
                        int row = candidateRow(c);
                        float[] shard = base.shard(row);
                        int off = base.offset(row);
                        float s = switch (metric) {
                            case L2 -> -KERNELS.squaredDistance(query, 0, shard, off, stride);
                            case COSINE -> KERNELS.dot(query, 0, shard, off, stride) * norms[c];
                            case DOT -> KERNELS.dot(query, 0, shard, off, stride);
                        };
                        long key = ScoredIds.pack(s, row);
                        if (key > threshold && !Float.isNaN(s) && !(excludeSelf && row == qRow)) {
                            size = offer(heaps, heap, k, size, key);
                            threshold = size < k ? Long.MIN_VALUE : heaps[heap];
                        }
                    }
                    sizes[q] = size;
                }
            });
        }

        /** Many queries: packed candidates, blocked kernel. */
        void blocked(int threads) {
            long perTile = Math.max(TILE, SUPER_TILE_FLOATS / dim / TILE * TILE);
            int superTile = (int) Math.min(perTile, ((long) candidateCount + TILE - 1) / TILE * TILE);
            float[] packed = new float[superTile * dim];
            float[] candidateNorms = new float[superTile];
            float[][] blockQueries = new float[threads][QUERY_BLOCK * dim];
            float[][] queryNorms = new float[threads][QUERY_BLOCK];
            float[][] tileScores = new float[threads][QUERY_BLOCK * TILE];
            int blocks = (queryCount + QUERY_BLOCK - 1) / QUERY_BLOCK;
            for (int start = 0; start < candidateCount; start += superTile) {
                int first = start;
                int count = Math.min(superTile, candidateCount - start);
                int panels = (count + PANEL - 1) / PANEL;
                AtomicInteger nextPanel = new AtomicInteger();
                Parallel.run(threads, worker -> {
                    for (int p; (p = nextPanel.getAndIncrement()) < panels; ) {
                        pack(first, count, p, packed, candidateNorms);
                    }
                });
                AtomicInteger nextBlock = new AtomicInteger();
                Parallel.run(threads, worker -> {
                    for (int b; (b = nextBlock.getAndIncrement()) < blocks; ) {
                        scoreBlock(b, first, count, packed, candidateNorms,
                                blockQueries[worker], queryNorms[worker], tileScores[worker]);
                    }
                });
            }
        }

        /** Packs panel p of the super-tile starting at candidate {@code first}. */
        private void pack(int first, int count, int p, float[] packed, float[] candidateNorms) {
            int panelStart = p * dim * PANEL;
            for (int j = 0; j < PANEL; j++) {
                int local = p * PANEL + j;
                if (local >= count) {
                    for (int d = 0; d < dim; d++) {
                        packed[panelStart + d * PANEL + j] = 0f;
                    }
                    candidateNorms[local] = 0f;
                    continue;
                }
                int row = candidateRow(first + local);
                float[] shard = base.shard(row);
                int off = base.offset(row);
                double squares = squares(shard, off, dim);
                float scale = metric == Metric.COSINE && squares > 0 ? (float) (1 / Math.sqrt(squares)) : 1f;
                for (int d = 0; d < dim; d++) {
                    packed[panelStart + d * PANEL + j] = shard[off + d] * scale;
                }
                candidateNorms[local] = (float) squares;
            }
        }

        private void scoreBlock(int block, int first, int count, float[] packed, float[] candidateNorms,
                                float[] blockQueries, float[] queryNorms, float[] scores) {
            int q0 = block * QUERY_BLOCK;
            int n = Math.min(QUERY_BLOCK, queryCount - q0);
            for (int i = 0; i < n; i++) {
                queryNorms[i] = copyQuery(q0 + i, blockQueries, i * dim);
            }
            boolean l2 = metric == Metric.L2;
            for (int t = 0; t < count; t += TILE) {
                int tileCount = Math.min(TILE, count - t);
                int tilePanels = (tileCount + PANEL - 1) / PANEL;
                KERNELS.dotPanels(blockQueries, 0, dim, n, packed, (t / PANEL) * dim * PANEL, dim, tilePanels,
                        scores, 0, TILE);
                for (int i = 0; i < n; i++) {
                    int q = q0 + i;
                    int qRow = queryRow(q);
                    int heap = q * k;
                    int size = sizes[q];
                    long threshold = size < k ? Long.MIN_VALUE : heaps[heap];
                    float worst = size < k ? Float.NEGATIVE_INFINITY : ScoredIds.score(threshold);
                    float qNorm = queryNorms[i];
                    int rowStart = i * TILE;
                    int end = rowStart + tileCount;
                    if (l2) {
                        // score = 2 (q.c - |c|^2 / 2) - |q|^2: the bracket, for the filter to test
                        KERNELS.axpy(-0.5f, candidateNorms, t, scores, rowStart, tileCount);
                    }
                    // A SIMD filter skips the scores below the heap's worst (most of them) and NaN.
                    float filter = l2 ? l2Filter(worst, qNorm) : worst;
                    for (int j = KERNELS.indexAtLeast(scores, rowStart, end, filter); j < end;
                         j = KERNELS.indexAtLeast(scores, j + 1, end, filter)) {
                        float s = l2 ? Math.min(0f, 2 * scores[j] - qNorm) : scores[j];
                        int row = candidateRow(first + t + j - rowStart);
                        long key = ScoredIds.pack(s, row);
                        if (s >= worst && key > threshold && !(excludeSelf && row == qRow)) {
                            size = offer(heaps, heap, k, size, key);
                            if (size == k) {
                                threshold = heaps[heap];
                                worst = ScoredIds.score(threshold);
                                filter = l2 ? l2Filter(worst, qNorm) : worst;
                            }
                        }
                    }
                    sizes[q] = size;
                }
            }
        }

        /**
         * A bound b with: if {@code min(0, 2x - qNorm) >= worst} in float arithmetic then
         * {@code x >= b} (a little below (worst + qNorm) / 2, to absorb the rounding).
         */
        private static float l2Filter(float worst, float qNorm) {
            if (worst == Float.NEGATIVE_INFINITY) {
                return worst;
            }
            float half = (float) (((double) worst + qNorm) * 0.5);
            return half - (1e-6f * (Math.abs(worst) + qNorm) + Float.MIN_NORMAL);
        }

        Neighbors finish() {
            int[] ids = new int[heaps.length];
            float[] scores = new float[heaps.length];
            Arrays.fill(ids, -1);
            Arrays.fill(scores, Float.NEGATIVE_INFINITY);
            for (int q = 0; q < queryCount; q++) {
                int heap = q * k;
                int size = sizes[q];
                Arrays.sort(heaps, heap, heap + size);
                for (int r = 0; r < size; r++) {
                    long key = heaps[heap + size - 1 - r];
                    ids[heap + r] = ScoredIds.id(key);
                    scores[heap + r] = ScoredIds.score(key);
                }
            }
            return new Neighbors(queryCount, k, ids, scores);
        }
    }

    /**
     * Adds {@code key} to the min-heap {@code heap[base .. base+size)} of capacity {@code k}; when
     * full it replaces the root, which the caller has checked is smaller. Returns the new size.
     */
    static int offer(long[] heap, int base, int k, int size, long key) {
        int i;
        if (size < k) {
            i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                long p = heap[base + parent];
                if (p <= key) {
                    break;
                }
                heap[base + i] = p;
                i = parent;
            }
        } else {
            i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                long c = heap[base + child];
                if (child + 1 < size && heap[base + child + 1] < c) {
                    child++;
                    c = heap[base + child];
                }
                if (key <= c) {
                    break;
                }
                heap[base + i] = c;
                i = child;
            }
        }
        heap[base + i] = key;
        return size;
    }

    /** The sum of squares of {@code n} floats, in double. */
    static double squares(float[] a, int off, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) a[off + i] * a[off + i];
        }
        return sum;
    }
}
