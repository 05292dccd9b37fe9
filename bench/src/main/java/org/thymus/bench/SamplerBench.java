package org.thymus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.thymus.core.sampler.BandSampler;
import org.thymus.core.sampler.EquivalenceClassGuard;
import org.thymus.core.sampler.EquivalenceClasses;
import org.thymus.core.sampler.GuardedSampler;
import org.thymus.core.sampler.MixtureSampler;
import org.thymus.core.sampler.NegativeGuard;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.sampler.NeighborLists;
import org.thymus.core.sampler.UnigramSampler;

/**
 * Draws per second of the composed samplers that word2vec's {@code --negatives} builds, against
 * the plain unigram sampler, over a 62,550-word Zipf vocabulary, for a stream of (anchor,
 * positive) pairs drawn from the same unigram: what composition itself costs (the mixture's coin
 * and counters, the band lookup, the guard's redraws and counters), without the training loop.
 * Throughput in ops/us = millions of draws per second per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SamplerBench {
    private static final int BATCH = 1000;
    private static final int DEPTH = 50;

    /** unigram | mixture (80 % unigram + 20 % band of 50-neighbour lists) | guarded (the mixture behind a class guard). */
    @Param({"unigram", "mixture", "guarded"})
    String sampler;

    @Param({"62550"})
    int vocabulary;

    private NegativeSampler drawn;
    private UnigramSampler pairs;
    private FastRandom rng;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        long[] counts = new long[vocabulary];
        for (int r = 0; r < vocabulary; r++) {
            counts[r] = Math.max(5, Math.round(1e6 / (r + 1)));
        }
        UnigramSampler unigram = new UnigramSampler(counts, 0.75);
        pairs = unigram;
        int n = vocabulary;
        NeighborLists lists = new NeighborLists() { // item i's neighbours: i+1 .. i+DEPTH (mod n), like a CSR lookup
            @Override
            public int count(int item) {
                return item < 10_000 ? DEPTH : 0;
            }

            @Override
            public int neighbor(int item, int rank) {
                return (item + 1 + rank) % n;
            }
        };
        MixtureSampler mixture = new MixtureSampler(unigram, List.of(new BandSampler(lists, 3, DEPTH)),
                new double[] {0.2});
        drawn = switch (sampler) {
            case "unigram" -> unigram;
            case "mixture" -> mixture;
            case "guarded" -> {
                Path file = Files.createTempFile("classes", ".txt");
                StringBuilder text = new StringBuilder();
                for (int c = 0; c < 5000; c++) { // pairs of consecutive words are synonyms
                    text.append(2 * c).append(' ').append(2 * c + 1).append('\n');
                }
                Files.writeString(file, text);
                EquivalenceClasses classes = EquivalenceClasses.read(file, Integer::parseInt, n);
                Files.delete(file);
                yield new GuardedSampler(mixture, List.<NegativeGuard>of(new EquivalenceClassGuard(classes)), 16);
            }
            default -> throw new IllegalArgumentException("unknown sampler " + sampler);
        };
        rng = new FastRandom(42);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int sampleBatch() {
        int sum = 0;
        for (int i = 0; i < BATCH; i++) {
            int positive = pairs.sample(rng);
            sum += drawn.sample(i, positive, rng);
        }
        return sum;
    }
}
