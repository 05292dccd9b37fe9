package org.thymus.retrieval.recsys;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.kernel.Sigmoid;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.optim.RowOptimizer;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.GuardedSampler;
import org.thymus.core.sampler.KnownPairsGuard;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.sampler.UniformSampler;
import org.thymus.core.table.EmbeddingTable;

/**
 * Bayesian personalised ranking with matrix factorisation (Rendle et al. 2009): user vectors p_u,
 * item vectors q_i and item biases b_i, trained so that a user's item outscores an item the user
 * does not have: maximise ln σ(x_ui − x_uj) with x_ui = p_u · q_i + b_i, minus L2 regularisation.
 *
 * <p>Each epoch draws as many (user, positive) pairs as the training matrix has, uniformly with
 * replacement (the paper's bootstrap sampling), and for each a negative uniform over the items
 * that are not the user's known positives (a {@link UniformSampler} behind a
 * {@link KnownPairsGuard} on the training matrix: a negative is never a known positive). Updates
 * are plain SGD or Adagrad (per-coordinate step sizes; core's {@link RowOptimizer}s), lock-free across threads (Hogwild); a
 * one-thread run is reproducible from its seed.
 */
public final class BprMatrixFactorization implements Recommender {
    /** Candidate negatives examined per draw before the pair is skipped (a user who has nearly every item). */
    static final int MAX_NEGATIVE_TRIES = 64;

    /** The update rule. */
    public enum Optimizer {
        SGD, ADAGRAD;

        /** The flag spelling: "sgd", "adagrad". */
        public String flag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** This rule over {@code table}'s rows (core's sparse optimisers). */
        RowOptimizer over(EmbeddingTable table, float learningRate) {
            return this == ADAGRAD ? RowOptimizer.adagrad(table, learningRate) : RowOptimizer.sgd(table, learningRate);
        }
    }

    /**
     * Settings of a run.
     *
     * @param dim            factors per user and item
     * @param epochs         passes, each of (training pairs) draws
     * @param learningRate   SGD step, or Adagrad's base step
     * @param regularization L2 weight on the touched rows and biases
     * @param optimizer      SGD or Adagrad
     * @param seed           initialisation and sampling seed
     * @param threads        Hogwild workers
     */
    public record Config(int dim, int epochs, float learningRate, float regularization, Optimizer optimizer,
                         long seed, int threads) {
        public Config {
            if (dim < 1 || epochs < 0 || !(learningRate > 0) || !(regularization >= 0) || threads < 1) {
                throw new IllegalArgumentException("BPR needs dim >= 1, epochs >= 0, learning rate > 0, reg >= 0,"
                        + " threads >= 1; got " + dim + ", " + epochs + ", " + learningRate + ", " + regularization
                        + ", " + threads);
            }
        }
    }

    /** Told the mean BPR loss, -ln σ(x_ui − x_uj) per drawn pair, after each epoch (for progress lines). */
    @FunctionalInterface
    public interface EpochListener {
        void epochDone(int epoch, double meanLoss);
    }

    /** Sees every (user, positive, negative) triple trained on; for tests. */
    interface TripleObserver {
        void seen(int user, int positive, int negative);
    }

    private final Config config;
    private final EpochListener listener;
    private final TripleObserver observer;

    public BprMatrixFactorization(Config config) {
        this(config, (epoch, loss) -> { });
    }

    /** A model that reports each epoch's mean loss to {@code listener}. */
    public BprMatrixFactorization(Config config, EpochListener listener) {
        this(config, listener, null);
    }

    BprMatrixFactorization(Config config, TripleObserver observer) {
        this(config, (epoch, loss) -> { }, observer);
    }

    private BprMatrixFactorization(Config config, EpochListener listener, TripleObserver observer) {
        this.config = config;
        this.listener = listener;
        this.observer = observer;
    }

    /** The negatives BPR draws for a user: uniform over the items, never one of the user's training items. */
    static GuardedSampler negativeSampler(UserItemMatrix training) {
        return new GuardedSampler(new UniformSampler(training.itemCount()), List.of(new KnownPairsGuard(training)),
                MAX_NEGATIVE_TRIES);
    }

    @Override
    public Fitted fit(RecsysSplit split, Metrics report) {
        Model model = train(split.trainingMatrix(), report);
        return new Fitted(model, (long) config.epochs() * split.trainingMatrix().nonZeros());
    }

    /** The trained factors as a scorer: score(u, j) = p_u · q_j + b_j. */
    static final class Model implements UserItemScorer {
        final EmbeddingTable users;
        final EmbeddingTable items;
        final float[] itemBias;

        Model(EmbeddingTable users, EmbeddingTable items, float[] itemBias) {
            this.users = users;
            this.items = items;
            this.itemBias = itemBias;
        }

        @Override
        public void scoreItems(int user, float[] scores) {
            Kernels kernels = Kernels.get();
            float[] userShard = users.shard(user);
            int userOffset = users.offset(user);
            for (int j = 0; j < scores.length; j++) {
                scores[j] = kernels.dot(userShard, userOffset, items.shard(j), items.offset(j), users.dim())
                        + itemBias[j];
            }
        }
    }

    Model train(UserItemMatrix training, Metrics report) {
        int dim = config.dim();
        EmbeddingTable users = new EmbeddingTable(training.userCount(), dim);
        EmbeddingTable items = new EmbeddingTable(training.itemCount(), dim);
        // Small random factors (scale 0.1 / sqrt(dim): initial scores near 0 whatever the dim).
        float scale = (float) (0.1 / Math.sqrt(dim)) * (float) Math.sqrt(3);
        users.fillUniform(config.seed(), -scale, scale);
        items.fillUniform(config.seed() + 1, -scale, scale);
        EmbeddingTable itemBiases = new EmbeddingTable(training.itemCount(), 1);
        float lr = config.learningRate();
        RowOptimizer userSteps = config.optimizer().over(users, lr);
        RowOptimizer itemSteps = config.optimizer().over(items, lr);
        RowOptimizer biasSteps = config.optimizer().over(itemBiases, lr);

        int pairs = training.nonZeros();
        int[] pairUsers = new int[pairs];
        for (int u = 0; u < training.userCount(); u++) {
            for (int k = training.rowStart(u); k < training.rowStart(u + 1); k++) {
                pairUsers[k] = u;
            }
        }
        int[] pairItems = training.columnsView();
        GuardedSampler negatives = negativeSampler(training);
        int threads = config.threads();
        FastRandom[] rngs = new FastRandom[threads];
        for (int w = 0; w < threads; w++) {
            rngs[w] = FastRandom.forWorker(config.seed(), w);
        }
        double[] epochLoss = new double[config.epochs()];
        AtomicLong skipped = new AtomicLong();
        Kernels kernels = Kernels.get();
        float reg = config.regularization();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            double[] workerLoss = new double[threads];
            Parallel.run(threads, worker -> {
                FastRandom rng = rngs[worker];
                float[] userCopy = new float[dim];
                float[] diff = new float[dim];
                float[] grad = new float[dim];
                float[] biasGrad = new float[1];
                long draws = pairs / threads + (worker < pairs % threads ? 1 : 0);
                double loss = 0;
                for (long d = 0; d < draws; d++) {
                    int pair = rng.nextInt(pairs);
                    int u = pairUsers[pair];
                    int i = pairItems[pair];
                    int j = negatives.sample(u, i, rng);
                    if (j == NegativeSampler.NONE) {
                        skipped.incrementAndGet();
                        continue;
                    }
                    if (observer != null) {
                        observer.seen(u, i, j);
                    }
                    float[] us = users.shard(u);
                    int uo = users.offset(u);
                    float[] is = items.shard(i);
                    int io = items.offset(i);
                    float[] js = items.shard(j);
                    int jo = items.offset(j);
                    for (int c = 0; c < dim; c++) {
                        diff[c] = is[io + c] - js[jo + c];
                        userCopy[c] = us[uo + c];
                    }
                    float bi = bias(itemBiases, i);
                    float bj = bias(itemBiases, j);
                    float x = kernels.dot(userCopy, 0, diff, 0, dim) + bi - bj;
                    float g = Sigmoid.sigmoid(-x); // d ln σ(x) / dx
                    loss -= Math.log(Math.max(1e-30, 1 - g));
                    // Descent on -ln σ(x) + reg/2 |θ|²: user by the item difference, items by the user.
                    for (int c = 0; c < dim; c++) {
                        grad[c] = -g * diff[c] + reg * userCopy[c];
                    }
                    userSteps.step(u, grad, 0);
                    for (int c = 0; c < dim; c++) {
                        grad[c] = -g * userCopy[c] + reg * is[io + c];
                    }
                    itemSteps.step(i, grad, 0);
                    for (int c = 0; c < dim; c++) {
                        grad[c] = g * userCopy[c] + reg * js[jo + c];
                    }
                    itemSteps.step(j, grad, 0);
                    biasGrad[0] = -g + reg * bi;
                    biasSteps.step(i, biasGrad, 0);
                    biasGrad[0] = g + reg * bj;
                    biasSteps.step(j, biasGrad, 0);
                }
                workerLoss[worker] = loss;
            });
            double total = 0;
            for (double l : workerLoss) {
                total += l;
            }
            epochLoss[epoch] = total / Math.max(1, pairs);
            listener.epochDone(epoch + 1, epochLoss[epoch]);
        }
        long candidates = negatives.candidates();
        report.put("model", "bpr")
                .put("dim", dim)
                .put("epochs", config.epochs())
                .put("learning_rate", config.learningRate())
                .put("reg", config.regularization())
                .put("optimizer", config.optimizer().flag())
                .put("seed", config.seed())
                .put("threads", threads)
                .put("negatives", "uniform, known positives rejected (known-pairs guard)")
                .put("negative_candidates", candidates)
                .put("known_positives_rejected", negatives.rejected(0))
                .put("known_positive_rate", candidates == 0 ? 0.0 : (double) negatives.rejected(0) / candidates)
                .put("pairs_skipped", skipped.get())
                .put("epoch_loss", epochLoss);
        float[] itemBias = new float[training.itemCount()];
        for (int i = 0; i < itemBias.length; i++) {
            itemBias[i] = bias(itemBiases, i);
        }
        return new Model(users, items, itemBias);
    }

    private static float bias(EmbeddingTable biases, int item) {
        return biases.shard(item)[biases.offset(item)];
    }
}
