package org.thymus.core.kernel;

/**
 * The arithmetic every model runs in its hot loop, on rows of flat {@code float[]} tables.
 *
 * <p>Two implementations give the same results up to the order of float additions inside a
 * reduction (each implementation has one order, so a one-thread run is reproducible bit for bit): {@link VectorKernels} (the incubating Vector API, used when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}) and {@link ScalarKernels} (plain Java, the fallback).
 * {@link #get()} chooses once at start-up; {@code -Dthymus.kernels=scalar} forces the fallback.
 * Element-wise operations use fused multiply-add in both, so they agree bit for bit.
 */
public interface Kernels {

    /** Returns the sum of {@code a[aOff+i] * b[bOff+i]} for {@code i < n}. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** {@code y[yOff+i] += alpha * x[xOff+i]} for {@code i < n}. */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code x[xOff+i] *= alpha} for {@code i < n}. */
    void scale(float alpha, float[] x, int xOff, int n);

    /**
     * The two updates of one logistic (negative-sampling) step, fused into one pass over the rows:
     * {@code grad += g * out; out += g * in}. The caller has computed {@code g} from
     * {@code dot(in, out)}; reading {@code out} once for both updates halves its memory traffic.
     */
    void accumulateAndUpdate(float g, float[] in, int inOff, float[] out, int outOff,
                             float[] grad, int gradOff, int n);

    /**
     * Dot products of one row with {@code count} rows: {@code out[outOff+j] = dot(a, aOff,
     * rows[j], offsets[j], n)} for {@code j < count}, each summed exactly as {@link #dot} sums it.
     * Several rows go at once, so their chains of fused multiply-adds overlap and {@code a} is read
     * once for them (a window's scores against its centre and negatives in skip-gram).
     */
    void dots(float[] a, int aOff, float[][] rows, int[] offsets, int count, int n, float[] out, int outOff);

    /**
     * The logistic steps of one input row against {@code count} output rows in one pass, without a
     * gradient buffer: for {@code j} in order, {@code grad += g[gOff+j] * out_j; out_j += g[gOff+j] * in}
     * (with {@code in} as it was on entry, and {@code out_j} read before its own update), then
     * {@code in += grad}. Bit for bit what {@link #accumulateAndUpdate} for each {@code j} on a zero
     * gradient, then {@link #axpy}{@code (1, grad, in)}, computes. Rows may repeat among the outputs.
     */
    void stepAgainst(float[] in, int inOff, float[][] outs, int[] offsets, float[] g, int gOff, int count, int n);

    /**
     * Returns the squared Euclidean distance: the sum of {@code (a[aOff+i] - b[bOff+i])^2} for
     * {@code i < n}.
     */
    float squaredDistance(float[] a, int aOff, float[] b, int bOff, int n);

    /**
     * Returns the L1 distance: the sum of {@code |a[aOff+i] - b[bOff+i]|} for {@code i < n}
     * (TransE-L1's score).
     */
    float l1Distance(float[] a, int aOff, float[] b, int bOff, int n);

    /**
     * Returns the sum of the moduli of {@code half} complex differences, where a vector of
     * {@code half} complex numbers holds its real parts then its imaginary parts: the sum over
     * {@code i < half} of {@code sqrt((a[aOff+i] - b[bOff+i])^2 + (a[aOff+half+i] - b[bOff+half+i])^2)}
     * (RotatE's distance). Each modulus is computed the same way in both implementations (two
     * differences, one fused multiply-add, a correctly rounded square root); only the order of the
     * sum differs.
     */
    float complexDistance(float[] a, int aOff, float[] b, int bOff, int half);

    /**
     * The gradient of {@code g} times the negated {@link #complexDistance} of a query {@code q} and
     * a row {@code e}, added to both: for each {@code i < half}, with (re, im) = q_i − e_i and m its
     * modulus, {@code gq_i −= w·(re, im)} and {@code ge_i += w·(re, im)}, w = g / m (RotatE's step
     * for one candidate, g = d loss / d score). A coordinate where q and e coincide (m = 0, no
     * gradient) gets nothing. Element-wise, computed the same way in both implementations (m as in
     * complexDistance, one correctly rounded division, fused multiply-adds), so they agree bit for bit.
     */
    void addComplexDistanceGradient(float g, float[] q, int qOff, float[] e, int eOff, int half,
                                    float[] gq, int gqOff, float[] ge, int geOff);

    /**
     * One Adagrad step of a row (Duchi et al. 2011): for {@code i < n}, {@code h_i += g_i·g_i} and
     * {@code x_i −= learningRate·g_i / (√h_i + epsilon)}, with the new h_i. Element-wise, each
     * operation rounded once in the order written (no fused multiply-add), in both implementations.
     */
    void adagradStep(float learningRate, float epsilon, float[] g, int gOff, float[] x, int xOff, float[] h, int hOff,
                     int n);

    /**
     * The first index {@code i} in {@code [from, to)} with {@code a[i] >= threshold}, or {@code to}
     * if there is none (NaN is never at least anything): the filter in front of a top-k heap.
     */
    int indexAtLeast(float[] a, int from, int to, float threshold);

    /** Candidates per panel in {@link #dotPanels}: one row of 64 bytes, as in the tables. */
    int PANEL = 16;

    /**
     * Dot products of {@code queryCount} queries with {@code panelCount * PANEL} packed candidates,
     * the inner loop of a blocked matrix product (what BLAS's sgemm does for FAISS's flat index).
     * Query {@code i} is {@code q[qOff + i*qStride + d]} for {@code d < dim}. The candidates are
     * packed transposed in panels of {@link #PANEL}: value {@code d} of candidate {@code j} of panel
     * {@code p} is {@code panels[pOff + (p*dim + d)*PANEL + j]}, so one load reads the same value of
     * 16 candidates. Writes {@code out[outOff + i*outStride + p*PANEL + j]}. Each product is summed
     * over {@code d} in order with fused multiply-adds, so both implementations agree bit for bit.
     */
    void dotPanels(float[] q, int qOff, int qStride, int queryCount, float[] panels, int pOff, int dim,
                   int panelCount, float[] out, int outOff, int outStride);

    /** A short name for logs and metrics: "vector-512", "scalar", ... */
    String name();

    /** The implementation chosen for this JVM. */
    static Kernels get() {
        return KernelsHolder.INSTANCE;
    }

    /** The plain-Java implementation, always available (used by tests to compare against). */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }
}
