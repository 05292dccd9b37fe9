package org.thymus.graph;

import java.util.function.Function;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.sampler.UnigramSampler;
import org.thymus.core.skipgram.SequenceChunk;
import org.thymus.core.skipgram.SkipGramWorker;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.train.HogwildTrainer;
import org.thymus.core.train.TrainingProgress;

/**
 * DeepWalk and node2vec: skip-gram with negative sampling on random walks, the walks generated on
 * the training threads as they train (never stored), through core's skip-gram worker. A unit of
 * work is one block of walks of {@link RandomWalks} (its own generator), so the walks are the
 * ones {@link RandomWalks#generate} writes for the same seed, whatever the thread count: what a
 * peer trained on a walk file sees is what Thymus trains on.
 *
 * <p>The reference pipeline (node2vec's main.py: gensim's Word2Vec on the walks, min_count 0)
 * draws negatives from the walk-token counts^0.75 and subsamples frequent nodes with those
 * counts. The walks are not stored, so the counts are their expectation: a round starts one walk
 * at every node, and on a connected undirected graph a walk's later steps visit a node in
 * proportion to its degree (its in-degree, or weighted in-degree, in general), so node v is
 * expected {@code rounds x (1 + nodes x (length - 1) x indegree(v) / edges)} times.
 */
public final class WalkEmbedding {

    /**
     * A run's settings; {@link #node2vecDefaults()} are the node2vec paper's and its reference
     * code's (gensim's defaults where the code keeps them).
     *
     * @param sample   frequent-node subsampling threshold (word2vec's; 0: off)
     * @param minAlpha the learning rate at the end of the run (linear decay from alpha)
     * @param sharedNegatives one draw of negatives per walk position, shared by its window's
     *                        context nodes (core's {@link SkipGramWorker.Settings}); only with the
     *                        reference pipeline's sampler, which does not read the pair
     */
    public record Config(int dim, int window, int negatives, double sample, int walksPerNode, int walkLength,
                         double p, double q, float alpha, float minAlpha, int threads, long seed,
                         boolean sharedNegatives) {
        public Config {
            if (dim < 1 || window < 1 || negatives < 0 || walksPerNode < 1 || walkLength < 2 || threads < 1) {
                throw new IllegalArgumentException("dim, window, walks per node and threads must be >= 1, negatives"
                        + " >= 0 and walk length >= 2; got dim " + dim + ", window " + window + ", negatives "
                        + negatives + ", walks " + walksPerNode + ", length " + walkLength + ", threads " + threads);
            }
            if (!(p > 0 && p < Double.POSITIVE_INFINITY && q > 0 && q < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("p and q must be finite and positive, got p = " + p + ", q = " + q);
            }
            if (!(sample >= 0) || !(alpha > 0) || !(minAlpha >= 0) || minAlpha > alpha) {
                throw new IllegalArgumentException("sample must be >= 0 and 0 <= min alpha <= alpha > 0; got sample "
                        + sample + ", alpha " + alpha + ", min alpha " + minAlpha);
            }
        }

        /** Negatives drawn per pair, as the reference pipeline draws them. */
        public Config(int dim, int window, int negatives, double sample, int walksPerNode, int walkLength,
                      double p, double q, float alpha, float minAlpha, int threads, long seed) {
            this(dim, window, negatives, sample, walksPerNode, walkLength, p, q, alpha, minAlpha, threads, seed, false);
        }

        public static Config node2vecDefaults() {
            return new Config(128, 10, 5, 1e-3, 10, 80, 1, 1, 0.025f, 0.0001f, 1, 1);
        }

        public Config withWalks(int walksPerNode, int walkLength, double p, double q) {
            return new Config(dim, window, negatives, sample, walksPerNode, walkLength, p, q, alpha, minAlpha, threads,
                    seed, sharedNegatives);
        }

        public Config withThreads(int threads, long seed) {
            return new Config(dim, window, negatives, sample, walksPerNode, walkLength, p, q, alpha, minAlpha, threads,
                    seed, sharedNegatives);
        }

        public Config withSharedNegatives(boolean shared) {
            return new Config(dim, window, negatives, sample, walksPerNode, walkLength, p, q, alpha, minAlpha, threads,
                    seed, shared);
        }
    }

    /** The node vectors and what the run did. */
    public record Result(EmbeddingTable vectors, long walkTokens, double seconds, double meanLoss, String kernels) {
        /** Walk tokens trained per second (walk generation included). */
        public double tokensPerSecond() {
            return seconds > 0 ? walkTokens / seconds : 0;
        }
    }

    /** One block of walks of one round. */
    private record Block(int[] order, int round, int block) {
    }

    private WalkEmbedding() {
    }

    /**
     * Trains node vectors on {@code graph}'s walks.
     *
     * @param negatives the negative sampler, or null for the reference pipeline's (expected walk
     *                  counts^0.75)
     * @param monitor   called with the run's progress when training starts; what it returns is
     *                  closed when training ends
     */
    public static Result train(Graph graph, Config config, NegativeSampler negatives,
                               Function<TrainingProgress, AutoCloseable> monitor) {
        int n = graph.nodeCount();
        if (n == 0) {
            throw new IllegalArgumentException("the graph has no nodes");
        }
        if (negatives != null && config.sharedNegatives()) {
            throw new IllegalArgumentException("shared negatives need the reference sampler: a negatives recipe guards"
                    + " each pair, so its draws cannot be shared by a window");
        }
        RandomWalks walks = RandomWalks.node2vec(graph, config.p(), config.q());
        long[] counts = expectedWalkCounts(graph, config.walksPerNode(), config.walkLength());
        NegativeSampler sampler = negatives != null ? negatives : new UnigramSampler(counts, 0.75);
        int dim = config.dim();
        EmbeddingTable input = new EmbeddingTable(n, dim);
        input.fillUniform(config.seed(), -1f / dim, 1f / dim);
        EmbeddingTable output = new EmbeddingTable(n, dim);
        SkipGramWorker.Settings settings = new SkipGramWorker.Settings(input, output, false, config.window(),
                config.negatives(), SkipGramWorker.keepProbabilities(counts, config.sample()), config.sharedNegatives());
        long total = (long) config.walksPerNode() * n * config.walkLength();
        TrainingProgress progress = new TrainingProgress(total, config.alpha(), config.minAlpha());
        int blocks = walks.blocks();
        HogwildTrainer.ChunkSource<Block> source = new HogwildTrainer.ChunkSource<>() {
            private int round;
            private int block = blocks;
            private int[] order;

            @Override
            public Block next() {
                if (block == blocks) {
                    if (round == config.walksPerNode()) {
                        return null;
                    }
                    order = walks.startOrder(config.seed(), round++);
                    block = 0;
                }
                return new Block(order, round - 1, block++);
            }
        };
        try (AutoCloseable display = monitor.apply(progress)) {
            HogwildTrainer.run(config.threads(), source, t -> {
                SkipGramWorker skipGram = new SkipGramWorker(settings, SkipGramWorker.Negatives.of(sampler), progress,
                        FastRandom.forWorker(config.seed() + 1, t));
                SequenceChunk chunk = new SequenceChunk(RandomWalks.WALKS_PER_BLOCK * config.walkLength());
                int[] walk = new int[config.walkLength()];
                return b -> {
                    chunk.clear();
                    chunk.setEpoch(b.round());
                    walks.walkBlock(b.order(), config.seed(), b.round(), b.block(), walk, (round, position, w, length) -> {
                        for (int i = 0; i < length; i++) {
                            chunk.add(w[i]);
                        }
                        chunk.endSequence();
                        chunk.addUnits(length);
                    });
                    skipGram.process(chunk);
                };
            });
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Result(input, progress.unitsDone(), progress.elapsedSeconds(), progress.meanLoss(),
                Kernels.get().name());
    }

    /**
     * Expected visits of each node in {@code rounds} rounds of walks of {@code length} nodes, in
     * thousandths (the samplers take integer counts; only their ratios matter).
     */
    static long[] expectedWalkCounts(Graph graph, int rounds, int length) {
        int n = graph.nodeCount();
        double[] in = new double[n];
        int[] neighbours = graph.neighbourArray();
        float[] weights = graph.isWeighted() ? graph.weightArray() : null;
        double sum = 0;
        for (int i = 0; i < neighbours.length; i++) {
            double w = weights == null ? 1 : weights[i];
            in[neighbours[i]] += w;
            sum += w;
        }
        long[] counts = new long[n];
        for (int v = 0; v < n; v++) {
            double later = sum > 0 ? (double) n * (length - 1) * in[v] / sum : 0;
            counts[v] = Math.round(1000.0 * rounds * (1 + later));
        }
        return counts;
    }
}
