package org.thymus.bench;

import static org.thymus.bench.KernelChoice.SCALAR;
import static org.thymus.bench.KernelChoice.VECTOR;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.thymus.core.kernel.Sigmoid;
import org.thymus.core.random.FastRandom;
import org.thymus.core.table.EmbeddingTable;

/**
 * The kernels on rows that stay in L1: the compute cost of the word2vec hot loop, to compare
 * with the ANCHORS reference (one dot + sigmoid + 2 axpy: Vector API 39 / 90 ns, plain Java
 * 111 / 261 ns, C -O3 59 / 210 ns at dim 100 / 300). See {@link KernelChoice} for how
 * {@code kernels} selects the implementation, and {@link KernelRandomRowsBench} for the same step
 * on random rows of a large table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class KernelBench {
    @Param({"100", "300"})
    int dim;

    @Param({"vector", "scalar"})
    String kernels;

    /**
     * How many floats the kernels run over: "stride" (dim padded to 16, what the word2vec worker
     * passes: no scalar tail) or "dim" (the bare vector, as C and gensim compute it).
     */
    @Param({"stride"})
    String length;

    private boolean scalar;
    private int n;
    private float[] in;
    private float[] out;
    private float[] grad;
    private float label;
    private float alpha;
    /** A skip-gram window in L1: WINDOW context rows and TARGETS output rows (centre + 5 negatives). */
    private static final int WINDOW = 10;
    private static final int TARGETS = 6;
    private float[] contextRows;
    private float[] targetTable;
    private float[][] targetRows;
    private int[] targetOffsets;
    private float[] steps;

    @Setup(Level.Trial)
    public void setUp() {
        scalar = KernelChoice.isScalar(kernels);
        int stride = EmbeddingTable.paddedDim(dim);
        n = switch (length) {
            case "stride" -> stride;
            case "dim" -> dim;
            default -> throw new IllegalArgumentException("length must be stride or dim: " + length);
        };
        FastRandom rng = new FastRandom(dim);
        in = new float[stride];
        out = new float[stride];
        float scale = (float) (1 / Math.sqrt(dim));
        for (int i = 0; i < dim; i++) {
            in[i] = (rng.nextFloat() - 0.5f) * scale;
            out[i] = (rng.nextFloat() - 0.5f) * scale;
        }
        grad = new float[stride];
        alpha = 0.025f;
        contextRows = new float[WINDOW * n];
        targetTable = new float[TARGETS * n];
        for (int r = 0; r < WINDOW; r++) {
            System.arraycopy(r % 2 == 0 ? in : out, 0, contextRows, r * n, dim);
        }
        targetRows = new float[TARGETS][];
        targetOffsets = new int[TARGETS];
        for (int t = 0; t < TARGETS; t++) {
            System.arraycopy(t % 2 == 0 ? out : in, 0, targetTable, t * n, dim);
            targetRows[t] = targetTable;
            targetOffsets[t] = t * n;
        }
        steps = new float[TARGETS];
    }

    /**
     * The gradient is never reset by the step itself (the worker resets it per centre word); do it
     * between iterations so its values stay in the same range however long the run.
     */
    @Setup(Level.Iteration)
    public void resetGradient() {
        Arrays.fill(grad, 0f);
    }

    /**
     * One dot + sigmoid + fused update. Labels alternate positive / negative, so the score stays
     * near 0: the sigmoid reads its table and the update is never skipped, like a real step.
     */
    @Benchmark
    public float sgnsStep() {
        label = 1f - label;
        return scalar
                ? KernelChoice.sgnsStep(SCALAR, in, 0, out, 0, grad, n, label, alpha)
                : KernelChoice.sgnsStep(VECTOR, in, 0, out, 0, grad, n, label, alpha);
    }

    /** The same step with two separate axpys instead of the fused update. */
    @Benchmark
    public float sgnsStepTwoAxpy() {
        label = 1f - label;
        return scalar
                ? KernelChoice.sgnsStepTwoAxpy(SCALAR, in, 0, out, 0, grad, n, label, alpha)
                : KernelChoice.sgnsStepTwoAxpy(VECTOR, in, 0, out, 0, grad, n, label, alpha);
    }

    @Benchmark
    public float dot() {
        return scalar ? SCALAR.dot(in, 0, out, 0, n) : VECTOR.dot(in, 0, out, 0, n);
    }

    /** y += a x; the sign of a flips every call so y oscillates instead of growing. */
    @Benchmark
    public float[] axpy() {
        alpha = -alpha;
        if (scalar) {
            SCALAR.axpy(alpha, in, 0, grad, 0, n);
        } else {
            VECTOR.axpy(alpha, in, 0, grad, 0, n);
        }
        return grad;
    }

    /**
     * One skip-gram window, {@value #WINDOW} context rows against {@value #TARGETS} output rows
     * (the centre and five negatives), as the worker ran it before the fused kernels: for each
     * context a dot + sigmoid + fused update per target into a gradient, then the context row takes
     * the gradient. Labels alternate per window so the rows oscillate instead of drifting.
     */
    @Benchmark
    public float windowSeparateSteps() {
        label = 1f - label;
        var k = scalar ? SCALAR : VECTOR;
        float sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            Arrays.fill(grad, 0f);
            for (int t = 0; t < TARGETS; t++) {
                sum += KernelChoice.sgnsStep(k, contextRows, i * n, targetTable, t * n, grad, n,
                        t == 0 ? label : 1f - label, alpha);
            }
            k.axpy(1f, grad, 0, contextRows, i * n, n);
        }
        return sum;
    }

    /**
     * The same window as the worker runs it now: for each context the six scores at once
     * ({@code dots}), then one fused pass that moves the targets and the context row
     * ({@code stepAgainst}); the same arithmetic, no gradient buffer.
     */
    @Benchmark
    public float windowFused() {
        label = 1f - label;
        var k = scalar ? SCALAR : VECTOR;
        float sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            k.dots(contextRows, i * n, targetRows, targetOffsets, TARGETS, n, steps, 0);
            for (int t = 0; t < TARGETS; t++) {
                float f = steps[t];
                sum += f;
                steps[t] = ((t == 0 ? label : 1f - label) - Sigmoid.sigmoid(f)) * alpha;
            }
            k.stepAgainst(contextRows, i * n, targetRows, targetOffsets, steps, 0, TARGETS, n);
        }
        return sum;
    }

    /**
     * One Adagrad row step (the KG and two-tower optimiser): the history grows call after call, so
     * the steps shrink, as in training; the row stays finite.
     */
    @Benchmark
    public float[] adagradStep() {
        if (scalar) {
            SCALAR.adagradStep(0.1f, 1e-10f, in, 0, out, 0, grad, 0, n);
        } else {
            VECTOR.adagradStep(0.1f, 1e-10f, in, 0, out, 0, grad, 0, n);
        }
        return out;
    }

    /**
     * RotatE's candidate gradient on a row of n floats (n / 2 complex coordinates): the query's and
     * the candidate's gradients, whose buffers ({@code grad}, {@code contextRows}) the sign of the
     * weight, flipped every call, keeps bounded.
     */
    @Benchmark
    public float[] complexDistanceGradient() {
        alpha = -alpha;
        if (scalar) {
            SCALAR.addComplexDistanceGradient(alpha, in, 0, out, 0, n / 2, grad, 0, contextRows, 0);
        } else {
            VECTOR.addComplexDistanceGradient(alpha, in, 0, out, 0, n / 2, grad, 0, contextRows, 0);
        }
        return grad;
    }
}
