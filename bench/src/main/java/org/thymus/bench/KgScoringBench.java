package org.thymus.bench;

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
import org.thymus.kg.KgModel;
import org.thymus.kg.KgModels;

/**
 * The knowledge-graph scoring kernels: one query (h, r, ?) scored against {@code k} candidate
 * entity rows, as a training example scores its k corruptions ({@code scoreTails}: the query
 * h + r, h∘r or the rotation is combined once, then one kernel call per candidate row: the L1 or
 * L2 distance for TransE, a dot product for DistMult and ComplEx, the sum of complex moduli for
 * RotatE), and {@code scoreShared}: {@code chunk} queries against one shared set of k candidates
 * (PyTorch-BigGraph's batch negatives; one blocked matrix product for DistMult and ComplEx).
 *
 * <p>The candidates are random rows of a table of {@code entities} rows, so at the default 4,096
 * rows × dim 500 (8 MB, ComplEx and RotatE 16 MB) they come from L2/L3, not L1. {@code dim} is
 * the model's dim (ComplEx and RotatE rows hold 2·dim floats). The kernels are the Vector API's;
 * run with {@code -jvmArgsAppend -Dthymus.kernels=scalar} for the plain-Java fallback.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class KgScoringBench {
    @Param({"transe-l1", "transe-l2", "distmult", "complex", "rotate"})
    String model;

    @Param({"200", "500"})
    int dim;

    @Param({"256"})
    int k;

    @Param({"32"})
    int chunk;

    @Param({"4096"})
    int entities;

    private KgModel scorer;
    private int[] candidates;
    private int[] heads;
    private int[] relations;
    private float[] out;
    private float[] sharedOut;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        scorer = KgModels.create(model, entities, 16, dim, 8f / dim, 1);
        FastRandom rng = new FastRandom(dim);
        candidates = new int[k];
        for (int j = 0; j < k; j++) {
            candidates[j] = rng.nextInt(entities);
        }
        heads = new int[chunk];
        relations = new int[chunk];
        for (int i = 0; i < chunk; i++) {
            heads[i] = rng.nextInt(entities);
            relations[i] = rng.nextInt(16);
        }
        out = new float[k];
        sharedOut = new float[chunk * k];
    }

    /** One query against k candidates; the head and relation cycle so no query is cached. */
    @Benchmark
    public float[] scoreTails() {
        int i = next++ % chunk;
        next %= chunk;
        scorer.scoreTails(heads[i], relations[i], candidates, 0, k, out);
        return out;
    }

    /** {@code chunk} queries against one shared set of k candidates. */
    @Benchmark
    public float[] scoreShared() {
        scorer.scoreShared(true, heads, relations, chunk, candidates, k, sharedOut);
        return sharedOut;
    }
}
