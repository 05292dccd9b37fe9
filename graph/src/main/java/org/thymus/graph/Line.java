package org.thymus.graph;

import java.util.Arrays;
import java.util.function.Function;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.kernel.Sigmoid;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.AliasTable;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.train.HogwildTrainer;
import org.thymus.core.train.TrainingProgress;

/**
 * LINE (Tang et al. 2015, "LINE: Large-scale Information Network Embedding"): node vectors trained
 * straight on the edges, no walks. Each step draws a stored edge (u, v) in proportion to its weight
 * (the paper's edge sampling, which replaces scaling the gradient by the weight) and takes word2vec's
 * logistic step on it against k negatives n drawn by the {@link NegativeSampler} for the pair (u, v):
 * <ul>
 *   <li>first order: one vector per node; u·v for the edge, u·n for the negatives, all rows updated;</li>
 *   <li>second order: a vertex and a context vector per node, as word2vec's input and output tables;
 *       u·ctx(v) and u·ctx(n);</li>
 *   <li>both: the two models trained side by side on the same edge draws (each with its own
 *       negatives), then each half L2-normalised and concatenated, as the paper's LINE(1st+2nd).</li>
 * </ul>
 * A negative equal to u or v is skipped (the edge is no negative, and u·u is no similarity). An
 * undirected edge is stored both ways, so both directions are drawn; on a directed graph the first
 * order treats each edge as undirected. Vertex vectors start uniform in ±1/(2·dim) (word2vec.c's
 * width, and the LINE reference code's), context vectors at zero.
 *
 * <p>Training runs on core's {@link HogwildTrainer}: a chunk is a block of {@value #SAMPLES_PER_CHUNK}
 * edge samples, each worker draws them with its own {@link FastRandom}, and the learning rate (linear
 * decay from the start rate to 1e-4 of it, as word2vec.c and LINE's code do) is read once per chunk.
 * With one thread a seed gives one result; with more it is Hogwild.
 *
 * <p>Memory beyond the vectors: one int per stored edge (the node whose list holds it: a draw is O(1)
 * with no search for the source) and, on a weighted graph, core's {@link AliasTable} over the stored
 * edges (8 bytes each, about 32 while it is built). An unweighted graph draws its edges uniformly.
 */
public final class Line {
    /** Edge samples a worker takes at a time; LINE's reference code also updates its rate every 10,000. */
    static final int SAMPLES_PER_CHUNK = 10_000;
    private static final Kernels KERNELS = Kernels.get();

    private final LineConfig config;
    private final NegativeSampler negatives;
    private final Edges edges;
    private final EmbeddingTable first; // null with order SECOND
    private final EmbeddingTable second; // second-order vertex vectors; null with order FIRST
    private final EmbeddingTable context; // second-order context vectors; null with order FIRST
    private boolean trained;

    /**
     * What a run produced.
     *
     * @param vectors  one row per node: the first- or second-order vertex vectors, or with both orders
     *                 their normalised halves side by side
     * @param meanLoss mean loss of an edge sample and its negatives (-log σ(s₊) − Σ log σ(−sₙ)) over the
     *                 run; with both orders each order's step counts as one
     * @param samples  edge samples drawn
     * @param seconds  wall time of the training
     */
    public record Result(EmbeddingTable vectors, double meanLoss, long samples, double seconds) {
        public double samplesPerSecond() {
            return seconds > 0 ? samples / seconds : 0;
        }
    }

    /**
     * LINE with the paper's negatives: degree^0.75 ({@link DegreeSampler}; a directed edge counts at
     * both ends, as in LINE's reference code, so a node that is only pointed at can be drawn).
     */
    public Line(Graph graph, LineConfig config) {
        this(graph, config, degreeSampler(graph));
    }

    /** LINE with negatives from {@code negatives}, which must return node ids of {@code graph} (or NONE). */
    public Line(Graph graph, LineConfig config, NegativeSampler negatives) {
        requireEdges(graph);
        this.config = config;
        this.negatives = negatives;
        this.edges = new Edges(graph);
        int n = graph.nodeCount();
        int firstDim = config.firstOrderDim();
        int secondDim = config.secondOrderDim();
        this.first = firstDim == 0 ? null : vertexTable(n, firstDim, config.seed());
        this.second = secondDim == 0 ? null : vertexTable(n, secondDim, config.seed() + 1);
        this.context = secondDim == 0 ? null : new EmbeddingTable(n, secondDim);
    }

    private static EmbeddingTable vertexTable(int nodes, int dim, long seed) {
        EmbeddingTable table = new EmbeddingTable(nodes, dim);
        table.fillUniform(seed, -0.5f / dim, 0.5f / dim);
        return table;
    }

    /** The paper's noise distribution: degree^0.75, checked for edges first so the error names LINE. */
    private static NegativeSampler degreeSampler(Graph graph) {
        requireEdges(graph);
        return new DegreeSampler(graph, DegreeSampler.DEFAULT_EXPONENT);
    }

    private static void requireEdges(Graph graph) {
        if (graph.edgeCount() == 0) {
            throw new IllegalArgumentException("the graph has no edges (" + graph.nodeCount()
                    + " nodes): LINE trains on edges");
        }
    }

    /**
     * The node vectors as they are now: the live vertex table with one order, a new table of the
     * normalised halves with both. Before {@link #train} these are the initial vectors.
     */
    public EmbeddingTable vectors() {
        if (second == null) {
            return first;
        }
        if (first == null) {
            return second;
        }
        EmbeddingTable both = new EmbeddingTable(first.rows(), config.dim());
        float[] row = new float[config.dim()];
        for (int u = 0; u < first.rows(); u++) {
            first.copyRow(u, row, 0);
            second.copyRow(u, row, first.dim());
            normalise(row, 0, first.dim());
            normalise(row, first.dim(), config.dim());
            both.setRow(u, row, 0);
        }
        return both;
    }

    /** Scales {@code row[from..to)} to unit length; a zero half stays zero. */
    private static void normalise(float[] row, int from, int to) {
        double squares = 0;
        for (int i = from; i < to; i++) {
            squares += row[i] * row[i];
        }
        if (squares > 0) {
            float scale = (float) (1 / Math.sqrt(squares));
            for (int i = from; i < to; i++) {
                row[i] *= scale;
            }
        }
    }

    /** Trains without a progress display. */
    public Result train() {
        return train(progress -> null);
    }

    /**
     * Runs {@code config.samples()} edge samples; once per instance.
     *
     * @param monitor called with the run's progress when training starts (to show it with core's
     *                {@code ProgressReporter}, in units of "edges"); what it returns, if not null, is
     *                closed when training ends
     */
    public Result train(Function<TrainingProgress, AutoCloseable> monitor) {
        if (trained) {
            throw new IllegalStateException("this LINE model has already been trained");
        }
        trained = true;
        long total = config.samples();
        TrainingProgress progress = new TrainingProgress(total, config.startRate(), config.startRate() * 1e-4f);
        long[] handedOut = {0};
        try (AutoCloseable display = monitor.apply(progress)) {
            HogwildTrainer.run(config.threads(), () -> {
                int chunk = (int) Math.min(SAMPLES_PER_CHUNK, total - handedOut[0]);
                handedOut[0] += chunk;
                return chunk > 0 ? chunk : null;
            }, t -> new Worker(progress, FastRandom.forWorker(config.seed(), t)));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // only a display's close() throws checked exceptions
        }
        return new Result(vectors(), progress.meanLoss(), progress.unitsDone(), progress.elapsedSeconds());
    }

    /**
     * Draws the stored edges (the directed slots of the CSR lists: an undirected edge is two) in
     * proportion to their weight, or uniformly in an unweighted graph. Immutable; shared by the workers.
     */
    static final class Edges {
        private final int[] sources; // sources[slot]: the node whose list holds the slot
        private final int[] targets; // the graph's neighbour array
        private final AliasTable byWeight; // null: unweighted, slots drawn uniformly

        Edges(Graph graph) {
            targets = graph.neighbourArray();
            sources = new int[targets.length];
            for (int u = 0; u < graph.nodeCount(); u++) {
                Arrays.fill(sources, graph.neighboursStart(u), graph.neighboursEnd(u), u);
            }
            float[] weights = graph.weightArray();
            if (weights == null) {
                byWeight = null;
            } else {
                double[] slotWeights = new double[weights.length];
                for (int i = 0; i < weights.length; i++) {
                    slotWeights[i] = weights[i];
                }
                byWeight = new AliasTable(slotWeights);
            }
        }

        /** A slot of the graph's neighbour array. */
        int sample(FastRandom rng) {
            return byWeight == null ? rng.nextInt(targets.length) : byWeight.sample(rng);
        }

        int source(int slot) {
            return sources[slot];
        }

        int target(int slot) {
            return targets[slot];
        }
    }

    /** One thread: its own generator and gradient scratch, kept across chunks. */
    private final class Worker implements HogwildTrainer.Worker<Integer> {
        private final TrainingProgress progress;
        private final FastRandom rng;
        private final float[] gradient;
        private final int orders;
        private double loss;

        Worker(TrainingProgress progress, FastRandom rng) {
            this.progress = progress;
            this.rng = rng;
            this.gradient = new float[EmbeddingTable.paddedDim(config.dim())];
            this.orders = (first == null ? 0 : 1) + (second == null ? 0 : 1);
        }

        @Override
        public void process(Integer chunk) {
            float rate = progress.learningRate();
            loss = 0;
            for (int i = 0; i < chunk; i++) {
                int slot = edges.sample(rng);
                int u = edges.source(slot);
                int v = edges.target(slot);
                if (first != null) {
                    contrast(first, first, u, v, rate);
                }
                if (second != null) {
                    contrast(second, context, u, v, rate);
                }
            }
            progress.advance(chunk, loss, (long) chunk * orders);
        }

        /**
         * word2vec's negative-sampling step with u's row of {@code vertices} as the input and the rows of
         * {@code targets} (the same table in the first order) as the outputs: v's and the negatives' rows
         * are updated at once, u's gradient is summed and applied last.
         */
        private void contrast(EmbeddingTable vertices, EmbeddingTable targets, int u, int v, float rate) {
            float[] in = vertices.shard(u);
            int inOff = vertices.offset(u);
            int stride = vertices.stride();
            Arrays.fill(gradient, 0, stride, 0f);
            loss += step(in, inOff, targets, v, 1f, rate);
            for (int d = 0; d < config.negatives(); d++) {
                int n = negatives.sample(u, v, rng);
                if (n != NegativeSampler.NONE && n != u && n != v) {
                    loss += step(in, inOff, targets, n, 0f, rate);
                }
            }
            KERNELS.axpy(1f, gradient, 0, in, inOff, stride);
        }

        /** One logistic step towards {@code label} (1: the edge, 0: a negative); returns its loss. */
        private float step(float[] in, int inOff, EmbeddingTable targets, int target, float label, float rate) {
            float[] out = targets.shard(target);
            int outOff = targets.offset(target);
            int stride = targets.stride();
            float score = KERNELS.dot(in, inOff, out, outOff, stride);
            // Saturated scores take no step, as gensim and core's word2vec do (word2vec.c steps with the
            // clipped sigmoid); word2vec's benchmark saw the same quality either way, and it saves updates.
            if (score < Sigmoid.MAX_EXP && score > -Sigmoid.MAX_EXP) {
                float g = (label - Sigmoid.sigmoid(score)) * rate;
                KERNELS.accumulateAndUpdate(g, in, inOff, out, outOff, gradient, 0, stride);
            }
            return -Sigmoid.logSigmoid(label > 0 ? score : -score);
        }
    }
}
