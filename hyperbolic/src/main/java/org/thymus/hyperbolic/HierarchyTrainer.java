package org.thymus.hyperbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.thymus.core.InvalidInputException;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.BandSampler;
import org.thymus.core.sampler.DistinctNegatives;
import org.thymus.core.sampler.GuardedSampler;
import org.thymus.core.sampler.MixtureSampler;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.sampler.UniformSampler;
import org.thymus.core.sampler.UnigramSampler;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.train.HogwildTrainer;
import org.thymus.core.train.TrainingProgress;

/**
 * Trains an embedding of a {@link Hierarchy} by contrast (Nickel &amp; Kiela 2017): for each
 * relation (u, v), the loss is the softmax cross-entropy of v against k negatives n drawn among the
 * nodes not related to u, over the scores -d(u, .):
 * {@code -log(exp(-d(u,v)) / (exp(-d(u,v)) + sum_n exp(-d(u,n))))}. Negatives come from the
 * sampler library: uniform or occurrence-weighted draws behind a guard that rejects u and every
 * node u is related to, drawn as a set of k distinct nodes ({@link DistinctNegatives}). A burn-in
 * phase of a few epochs first runs at a reduced learning rate with occurrence-weighted negatives,
 * which places the frequent (high) nodes before the rest move. Lock-free parallel SGD over the
 * relations, reshuffled every epoch.
 *
 * <p>An optional penalty {@code regularization * |v|^2} on the positive target (gensim's
 * {@code regularization_coeff}) pulls ancestors towards the centre.
 */
public final class HierarchyTrainer {
    /** Relations per work unit handed to a thread. */
    private static final int CHUNK = 1024;
    /**
     * Candidates a guarded sampler examines per negative, redraws of a repeated negative, and (with
     * {@link DistinctNegatives.Redraw#ALL}) sets drawn per relation, before giving up.
     */
    private static final int MAX_TRIES = 64;

    /** How negatives are drawn after the burn-in. */
    public enum Sampling {
        UNIFORM, DEGREE;

        public static Sampling parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "uniform" -> UNIFORM;
                case "degree" -> DEGREE;
                default -> throw new InvalidInputException("unknown sampling '" + s + "' (uniform or degree)");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param batchSize      relations whose gradients are computed from one state before any is applied
     *                       (gensim's batch_size; 1: plain SGD, each step sees the previous one)
     * @param redraw         when a negative repeats within a relation's set: draw it again, or the whole set
     *                       (gensim's way, {@link DistinctNegatives}); differs only for non-uniform draws
     * @param degreeExponent negatives by degree draw node v with probability ∝ occurrences(v)^exponent
     * @param subtreeFraction share of the negatives after the burn-in drawn among the positive's
     *                        other descendants ({@link SubtreeSampler}); 0 for none
     * @param finalRate      the rate after the burn-in falls linearly from learningRate to this
     *                       (equal to it: constant, as in the paper and gensim)
     * @param mining         nearest non-related nodes mined from the embedding as hard negatives
     * @param initRange      coordinates start uniform in [-initRange, initRange]
     */
    public record Config(Geometry geometry, int dim, int negatives, int batchSize, int epochs, int burnInEpochs,
                         double learningRate, double finalRate, double burnInRate, Sampling sampling,
                         DistinctNegatives.Redraw redraw, double degreeExponent, double subtreeFraction,
                         Mining mining, double regularization, double initRange, int threads, long seed) {
        public Config {
            Objects.requireNonNull(geometry, "geometry");
            Objects.requireNonNull(sampling, "sampling");
            Objects.requireNonNull(redraw, "redraw");
            Objects.requireNonNull(mining, "mining");
            require(subtreeFraction + mining.fraction() < 1,
                    "subtree and nearest fractions must add up to less than 1");
            require(dim >= 1, "dim must be at least 1, got " + dim);
            require(negatives >= 1, "negatives must be at least 1, got " + negatives);
            require(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
            require(epochs >= 0 && burnInEpochs >= 0 && epochs + burnInEpochs >= 1,
                    "epochs and burn-in epochs must be >= 0 and not both 0");
            require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0");
            require(finalRate >= 0 && finalRate <= learningRate, "final learning rate must be in [0, learning rate]");
            require(burnInRate > 0 && Double.isFinite(burnInRate), "burn-in learning rate must be > 0");
            require(degreeExponent >= 0 && Double.isFinite(degreeExponent), "degree exponent must be >= 0");
            require(subtreeFraction >= 0 && subtreeFraction < 1, "subtree fraction must be in [0, 1)");
            require(regularization >= 0 && Double.isFinite(regularization), "regularization must be >= 0");
            require(regularization == 0 || !(geometry instanceof LorentzModel),
                    "regularization penalises the ball's coordinates: not with the Lorentz model");
            require(initRange > 0 && initRange < 0.5, "init range must be in (0, 0.5)");
            require(threads >= 1, "threads must be at least 1, got " + threads);
        }

        static void require(boolean ok, String message) {
            if (!ok) {
                throw new InvalidInputException(message);
            }
        }
    }

    /**
     * Mined hard negatives after the burn-in ({@link NearestNegatives}): a share {@code fraction} of
     * the negatives drawn among each anchor's {@code count} nearest non-related nodes, recomputed
     * every {@code everyEpochs} epochs.
     */
    public record Mining(double fraction, int count, int everyEpochs) {
        public static final Mining NONE = new Mining(0, 1, 1);

        public Mining {
            Config.require(fraction >= 0 && fraction < 1, "nearest fraction must be in [0, 1)");
            Config.require(count >= 1 && everyEpochs >= 1, "nearest count and refresh epochs must be >= 1");
        }
    }

    /** One finished epoch. */
    public record Epoch(int number, boolean burnIn, double meanLoss, double seconds, double relationsPerSecond) {
    }

    /** Called after each epoch with the table as it is (training is paused meanwhile). */
    @FunctionalInterface
    public interface EpochListener {
        void epochDone(Epoch epoch, EmbeddingTable table);
    }

    /** A progress line source per phase ("burn-in", "training"). */
    @FunctionalInterface
    public interface ProgressFactory {
        AutoCloseable start(String phase, TrainingProgress progress);
    }

    /** What a run produced. */
    public record Result(EmbeddingTable table, List<Epoch> epochs, double trainSeconds, long relationsTrained,
                         long negativesDrawn, long negativesRejected, long negativesMissing, long setsRedrawn,
                         double miningSeconds) {
        /** Relations per second over the whole run (burn-in included). */
        public double relationsPerSecond() {
            return relationsTrained / Math.max(1e-9, trainSeconds);
        }
    }

    private HierarchyTrainer() {
    }

    /** A starting table: coordinates uniform in [-initRange, initRange], as in the paper and gensim. */
    public static EmbeddingTable initialTable(int nodes, Config config) {
        EmbeddingTable table = new EmbeddingTable(nodes, config.dim());
        table.fillUniform(config.seed(), (float) -config.initRange(), (float) config.initRange());
        return table;
    }

    /**
     * The sampler of negatives for a phase: uniform or by degree, with a share drawn among the
     * positive's other descendants, guarded so that it never returns u or a node related to u.
     */
    public static GuardedSampler sampler(Hierarchy hierarchy, Sampling sampling, double degreeExponent,
                                         double subtreeFraction) {
        return sampler(hierarchy, sampling, degreeExponent, subtreeFraction, null, 0);
    }

    /** The same, with a share {@code nearestFraction} drawn from mined nearest non-related nodes. */
    public static GuardedSampler sampler(Hierarchy hierarchy, Sampling sampling, double degreeExponent,
                                         double subtreeFraction, NearestNegatives nearest, double nearestFraction) {
        NegativeSampler base = sampling == Sampling.UNIFORM
                ? new UniformSampler(hierarchy.nodeCount())
                : new UnigramSampler(hierarchy.occurrences(), degreeExponent);
        List<NegativeSampler> hard = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        if (subtreeFraction > 0) {
            hard.add(new SubtreeSampler(hierarchy));
            fractions.add(subtreeFraction);
        }
        if (nearest != null && nearestFraction > 0) {
            hard.add(BandSampler.ofAnchor(nearest, 0, Integer.MAX_VALUE));
            fractions.add(nearestFraction);
        }
        if (!hard.isEmpty()) {
            base = new MixtureSampler(base, hard, fractions.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return new GuardedSampler(base, List.of(hierarchy.relatedGuard()), MAX_TRIES);
    }

    /** Trains a new table. */
    public static Result train(Hierarchy hierarchy, Config config, ProgressFactory progress, EpochListener listener) {
        return train(hierarchy, initialTable(hierarchy.nodeCount(), config), config, progress, listener);
    }

    /** Trains {@code table} (one row per node, {@code config.dim()} columns) in place. */
    public static Result train(Hierarchy hierarchy, EmbeddingTable table, Config config, ProgressFactory progress,
                               EpochListener listener) {
        if (table.rows() != hierarchy.nodeCount() || table.dim() != config.dim()) {
            throw new IllegalArgumentException("table is " + table.rows() + " x " + table.dim() + ", expected "
                    + hierarchy.nodeCount() + " x " + config.dim());
        }
        if (hierarchy.nodeCount() < 2) {
            throw new InvalidInputException("a hierarchy needs at least two nodes");
        }
        int relations = hierarchy.relationCount();
        int[] order = new int[relations];
        for (int i = 0; i < relations; i++) {
            order[i] = i;
        }
        FastRandom shuffler = new FastRandom(config.seed() ^ 0x5DEECE66DL);
        List<Epoch> epochs = new ArrayList<>();
        long drawn = 0;
        long rejected = 0;
        long missing = 0;
        long redrawn = 0;
        double miningSeconds = 0;
        long start = System.nanoTime();
        TrainingPoints points = new TrainingPoints(table, config.geometry());
        for (int phase = 0; phase < 2; phase++) {
            boolean burnIn = phase == 0;
            int phaseEpochs = burnIn ? config.burnInEpochs() : config.epochs();
            if (phaseEpochs == 0) {
                continue;
            }
            double rate = burnIn ? config.burnInRate() : config.learningRate();
            double endRate = burnIn ? config.burnInRate() : config.finalRate();
            NearestNegatives nearest = burnIn || config.mining().fraction() == 0 ? null
                    : new NearestNegatives(hierarchy, config.geometry(), config.mining().count(), config.threads());
            GuardedSampler sampler = burnIn
                    ? sampler(hierarchy, Sampling.DEGREE, config.degreeExponent(), 0)
                    : sampler(hierarchy, config.sampling(), config.degreeExponent(), config.subtreeFraction(),
                            nearest, config.mining().fraction());
            TrainingProgress phaseProgress = new TrainingProgress((long) phaseEpochs * relations, (float) rate,
                    (float) endRate);
            long[] missingCounter = new long[config.threads()];
            long[] redrawnCounter = new long[config.threads()];
            try (AutoCloseable line = progress == null ? null : progress.start(burnIn ? "burn-in" : "training",
                    phaseProgress)) {
                for (int e = 0; e < phaseEpochs; e++) {
                    if (nearest != null && e % config.mining().everyEpochs() == 0) {
                        nearest.refresh(table);
                        miningSeconds += nearest.lastRefreshSeconds();
                    }
                    shuffle(order, shuffler);
                    long epochStart = System.nanoTime();
                    double lossBefore = phaseProgress.lossSum();
                    long countBefore = phaseProgress.lossCount();
                    int epochNumber = epochs.size() + 1;
                    int[] cursor = {0};
                    HogwildTrainer.run(config.threads(), () -> {
                        if (cursor[0] >= relations) {
                            return null;
                        }
                        int from = cursor[0];
                        cursor[0] = Math.min(relations, from + CHUNK);
                        return new int[] {from, cursor[0]};
                    }, t -> new Worker(hierarchy, points, config, sampler, order, phaseProgress,
                            FastRandom.forWorker(config.seed() * 1_000_003L + epochNumber, t), missingCounter,
                            redrawnCounter, t));
                    points.copyTo(table); // what the listener, the miner and the caller read
                    double seconds = (System.nanoTime() - epochStart) / 1e9;
                    long count = phaseProgress.lossCount() - countBefore;
                    double meanLoss = (phaseProgress.lossSum() - lossBefore) / Math.max(1, count);
                    Epoch epoch = new Epoch(epochNumber, burnIn, meanLoss, seconds, relations / Math.max(1e-9, seconds));
                    if (!Double.isFinite(epoch.meanLoss())) {
                        throw new InvalidInputException(String.format(Locale.ROOT, "training diverged in epoch %d "
                                + "(loss %s): lower the learning rate (%s now)", epochNumber, epoch.meanLoss(),
                                phaseProgress.learningRate()));
                    }
                    epochs.add(epoch);
                    if (listener != null) {
                        listener.epochDone(epoch, table);
                    }
                }
            } catch (RuntimeException ex) {
                throw ex;
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
            long phaseMissing = Arrays.stream(missingCounter).sum();
            drawn += (long) phaseEpochs * relations * config.negatives() - phaseMissing;
            missing += phaseMissing;
            redrawn += Arrays.stream(redrawnCounter).sum();
            for (int g = 0; g < sampler.guards().size(); g++) {
                rejected += sampler.rejected(g);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long trained = (long) relations * (config.epochs() + config.burnInEpochs());
        return new Result(table, List.copyOf(epochs), seconds, trained, drawn, rejected, missing, redrawn,
                miningSeconds);
    }

    private static void shuffle(int[] order, FastRandom rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** One thread's share of an epoch; keeps its scratch buffers across chunks. */
    private static final class Worker implements HogwildTrainer.Worker<int[]> {
        private final Hierarchy hierarchy;
        /** The rows being trained, {@code width} doubles each from {@code row * width}. */
        private final double[] points;
        private final Geometry geometry;
        /** Training coordinates per row: the model's dim, or dim + 1 on the hyperboloid. */
        private final int width;
        private final int k;
        private double rate;
        private final double regularization;
        private final int[] order;
        private final TrainingProgress progress;
        private final FastRandom rng;
        private final long[] missing;
        private final long[] redrawn;
        private final int index;
        private final int[] targets;
        /** Distinct negatives, as gensim draws them: a repeat would count twice in the softmax. */
        private final DistinctNegatives negatives;
        private final double[] weights;
        /** Per target j, from {@link Geometry#pairTerms}: c, a, b, |target|^2 at 4 j. */
        private final double[] terms;
        private final double[] gradV;
        private final double[] sumU;
        private final int batchSize;
        private final int[] pendingRows;
        private final double[][] pendingGradients;
        private int pending;

        Worker(Hierarchy hierarchy, TrainingPoints points, Config config, NegativeSampler sampler, int[] order,
               TrainingProgress progress, FastRandom rng, long[] missing, long[] redrawn, int index) {
            this.hierarchy = hierarchy;
            this.points = points.values;
            this.geometry = config.geometry();
            this.width = points.width;
            this.k = config.negatives();
            this.regularization = config.regularization();
            this.order = order;
            this.progress = progress;
            this.rng = rng;
            this.missing = missing;
            this.redrawn = redrawn;
            this.index = index;
            this.targets = new int[k + 1];
            this.negatives = new DistinctNegatives(sampler, hierarchy.nodeCount(), k, config.redraw(), MAX_TRIES);
            this.weights = new double[k + 1];
            this.terms = new double[4 * (k + 1)];
            this.gradV = new double[width];
            this.sumU = new double[width];
            this.batchSize = config.batchSize();
            int capacity = batchSize == 1 ? 0 : batchSize * (k + 2);
            this.pendingRows = new int[capacity];
            this.pendingGradients = new double[capacity][width];
        }

        @Override
        public void process(int[] range) {
            rate = progress.learningRate(); // per chunk, as word2vec.c updates alpha
            long missingBefore = negatives.missing();
            long redrawnBefore = negatives.setsDiscarded();
            double loss = 0;
            for (int i = range[0]; i < range[1]; i++) {
                int r = order[i];
                loss += step(hierarchy.from(r), hierarchy.to(r));
                if (batchSize > 1 && (i - range[0] + 1) % batchSize == 0) {
                    flush();
                }
            }
            flush();
            missing[index] += negatives.missing() - missingBefore;
            redrawn[index] += negatives.setsDiscarded() - redrawnBefore;
            progress.advance(range[1] - range[0], loss, range[1] - range[0]);
        }

        /**
         * Moves {@code row} (squared norm {@code norm2} now) at once, or at the end of the batch when
         * gradients are batched.
         */
        private void move(int row, double[] gradient, double norm2) {
            if (batchSize == 1) {
                geometry.step(points, row * width, width, gradient, rate, norm2);
            } else {
                pendingRows[pending] = row;
                System.arraycopy(gradient, 0, pendingGradients[pending], 0, width);
                pending++;
            }
        }

        private void flush() {
            for (int i = 0; i < pending; i++) {
                int xo = pendingRows[i] * width;
                // Earlier steps of the batch may have moved this row: its norm is read now.
                geometry.step(points, xo, width, pendingGradients[i], rate, Geometry.squaredNorm(points, xo, width));
            }
            pending = 0;
        }

        /** One SGD step on the relation (u, v); returns its loss. */
        private double step(int u, int v) {
            targets[0] = v;
            int m = 1 + negatives.draw(u, v, rng, targets, 1);
            int uo = u * width;
            double normU = Geometry.squaredNorm(points, uo, width);
            // Softmax over -d: weights[j] = exp(-d(u, target j)), with the scalars of d's gradients.
            double z = 0;
            for (int j = 0; j < m; j++) {
                int t = targets[j];
                weights[j] = geometry.pairTerms(points, uo, normU, points, t * width, width, terms, 4 * j);
                z += weights[j];
            }
            double lossValue = Math.log(z / weights[0]);
            Arrays.fill(sumU, 0.0);
            for (int j = 0; j < m; j++) {
                // dLoss/dd_j: 1 - p for the positive, -p for a negative.
                double weight = (j == 0 ? 1.0 : 0.0) - weights[j] / z;
                double c = terms[4 * j];
                double a = terms[4 * j + 1];
                double b = terms[4 * j + 2];
                int t = targets[j];
                int to = t * width;
                // dd/du = c (a u - v), dd/dv = c (b v - u): both read the rows before either moves.
                for (int i = 0; i < width; i++) {
                    double x = points[uo + i];
                    double y = points[to + i];
                    sumU[i] += weight * (c * (a * x - y));
                    gradV[i] = c * (b * y - x) * weight;
                }
                if (j == 0 && regularization > 0) {
                    for (int i = 0; i < width; i++) {
                        gradV[i] += 2 * regularization * points[to + i];
                    }
                    lossValue += regularization * terms[4 * j + 3];
                }
                move(t, gradV, terms[4 * j + 3]);
            }
            move(u, sumU, normU);
            return lossValue;
        }
    }
}
