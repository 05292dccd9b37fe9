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
import org.thymus.core.random.FastRandom;
import org.thymus.core.table.EmbeddingTable;

/**
 * The SGNS step of {@link KernelBench#sgnsStep()} on random rows of two 1 M-row tables (input
 * and output, as word2vec's syn0 and syn1neg: 448 MB each at dim 100), so nearly every row is a
 * cache and TLB miss. ANCHORS measured ~530 ns for this op: training is memory-latency bound.
 * {@code -p rows=1000} gives the same code on tables that fit in cache, for a like-for-like ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class KernelRandomRowsBench {
    @Param({"100"})
    int dim;

    @Param({"1000000"})
    int rows;

    @Param({"vector", "scalar"})
    String kernels;

    private boolean scalar;
    private int n;
    private EmbeddingTable input;
    private EmbeddingTable output;
    private float[] grad;
    private FastRandom rng;
    private float label;

    @Setup(Level.Trial)
    public void setUp() {
        scalar = KernelChoice.isScalar(kernels);
        input = new EmbeddingTable(rows, dim);
        output = new EmbeddingTable(rows, dim);
        // word2vec's initial range for the input; the output gets a small one too so scores vary.
        input.fillUniform(1, -0.5f / dim, 0.5f / dim);
        output.fillUniform(2, -0.5f / dim, 0.5f / dim);
        n = input.stride();
        grad = new float[n];
        rng = new FastRandom(3);
    }

    @Setup(Level.Iteration)
    public void resetGradient() {
        Arrays.fill(grad, 0f);
    }

    @Benchmark
    public float sgnsStep() {
        label = 1f - label;
        int i = rng.nextInt(rows);
        int o = rng.nextInt(rows);
        float[] in = input.shard(i);
        int inOff = input.offset(i);
        float[] out = output.shard(o);
        int outOff = output.offset(o);
        return scalar
                ? KernelChoice.sgnsStep(SCALAR, in, inOff, out, outOff, grad, n, label, 0.025f)
                : KernelChoice.sgnsStep(VECTOR, in, inOff, out, outOff, grad, n, label, 0.025f);
    }
}
