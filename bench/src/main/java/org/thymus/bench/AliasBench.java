package org.thymus.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.UnigramSampler;

/**
 * Draws per second of the unigram^0.75 sampler over a vocabulary the size of the ANCHORS corpus
 * (62,550 words, Zipf counts: the alias table's 500 KB sit in L2). Throughput in ops/us is millions
 * of draws per second per thread; the target is at least 50.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class AliasBench {
    private static final int BATCH = 1000;

    @Param({"62550"})
    int vocabulary;

    private UnigramSampler sampler;
    private FastRandom rng;

    @Setup(Level.Trial)
    public void setUp() {
        long[] counts = new long[vocabulary];
        for (int r = 0; r < vocabulary; r++) {
            counts[r] = Math.max(5, Math.round(1e6 / (r + 1)));
        }
        sampler = new UnigramSampler(counts, 0.75);
        rng = new FastRandom(42);
    }

    /** One draw per call, as the word2vec worker asks for them. */
    @Benchmark
    public int sample() {
        return sampler.sample(rng);
    }

    /** A thousand draws per call: the same without the harness's per-call overhead. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int sampleBatch() {
        int sum = 0;
        for (int i = 0; i < BATCH; i++) {
            sum += sampler.sample(rng);
        }
        return sum;
    }
}
