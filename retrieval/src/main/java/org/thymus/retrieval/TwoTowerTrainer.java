package org.thymus.retrieval;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.thymus.core.InvalidInputException;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.loss.ContrastiveLoss;
import org.thymus.core.loss.DebiasedContrastiveLoss;
import org.thymus.core.loss.SampledSoftmaxLoss;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.EquivalenceClasses;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.sampler.PairSet;
import org.thymus.core.sampler.StreamingFrequencyEstimator;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.train.HogwildTrainer;
import org.thymus.core.train.ProgressReporter;
import org.thymus.core.optim.SparseAdagrad;
import org.thymus.core.train.TrainingProgress;

/**
 * Trains a {@link TwoTowerModel} on positive (query, item) pairs with a softmax over each batch.
 *
 * <p>A batch of B pairs gives B query vectors and a row of candidate items: the batch's own B
 * positives (each item tower computed once a batch), then any uniform corpus items and ANN hard
 * negatives the {@link NegativeSpec} asks for; or, with {@code full}, the whole corpus (column i
 * is item i). The B x C score matrix is one dot product a cell; query b's softmax has its positive
 * (column b, or its item's column with {@code full}) against every other column that is a negative
 * for it (the in-batch columns only with {@code inbatch}), minus the columns a guard masks: a known
 * positive of that query ({@code guardKnown}: any training pair, including a repeat of its own
 * item) or its positive's class-mate ({@code guardClasses}: the positive item itself elsewhere in
 * the batch, such as a homophone's identical pronunciation, or a member of its equivalence class
 * when classes are given). Masked columns are
 * counted whether or not a guard is on, so a run without guards still reports the false negatives
 * it trained on. The loss is core's {@link SampledSoftmaxLoss} (with the logQ correction when asked:
 * the item frequencies come from a {@link StreamingFrequencyEstimator} fed by the stream of
 * positives) or the {@link DebiasedContrastiveLoss}; its gradients flow back through both towers
 * and each touched feature row takes one Adagrad step with its summed gradient (the mean over the
 * batch). Workers take whole batches and update the shared tables without locks (Hogwild); one
 * thread with a fixed seed is reproducible.
 *
 * <p>Batches are random by default: each epoch shuffles the pairs and cuts them into batches of B.
 * Given one key per pair ({@code batchKeys}: a topic, a category, a rank in some order), batches
 * are <em>grouped</em> instead ({@link Batches}): each epoch lays the pairs out in key order (equal
 * keys in a fresh random order), cuts it into runs of B / k pairs ({@code runsPerBatch} k) from a
 * random offset below that length so the boundaries move between epochs, and trains batches of k
 * runs drawn in shuffled order. Pairs with equal or nearby keys then share a batch, as in
 * topic-sorted or category batches (k = 1) or batches mixing a few clusters (k > 1, as TAS-Balanced
 * does): the in-batch negatives are hard, and so are the in-batch false negatives the guards count
 * and mask. Each pair is still trained once an epoch, and the loss is unchanged: only who meets whom.
 */
public final class TwoTowerTrainer {
    private static final Kernels KERNELS = Kernels.get();
    /** Scores a batch the full softmax may ask for (64 M floats: 256 MB for the scores and their gradients each). */
    private static final long MAX_FULL_SCORES = 1L << 26;

    /** Told, when training ends, each epoch's mean loss per pair (batches of several threads overlap epochs). */
    @FunctionalInterface
    public interface EpochListener {
        void epochDone(int epoch, double meanLoss);
    }

    /**
     * What a run did.
     *
     * @param pairsTrained     pairs that took part (per epoch)
     * @param pairsSkipped     pairs left out because a side had no feature the vocabulary knows
     * @param batches          batches trained
     * @param epochLosses      mean loss per pair, per epoch
     * @param negativesPerRow  mean negatives in a query's softmax
     * @param knownMet         candidates that were a known positive of the query (false negatives met)
     * @param classMet         candidates that are the positive item again or in its equivalence class
     *                         (false negatives met)
     * @param masked           candidates the guards took out of the softmax
     * @param uniformDrawn     uniform corpus candidates drawn
     * @param hardDrawn        ANN hard negatives drawn
     * @param hardMissing      hard negatives the index could not supply
     * @param annRefreshes     rebuilds of the item index
     * @param meanStaleness    batches since the index was built, averaged over hard negatives
     */
    public record Report(int epochs, double seconds, long pairsTrained, long pairsSkipped, long batches,
                         double[] epochLosses, double negativesPerRow, long knownMet, long classMet, long masked,
                         long uniformDrawn, long hardDrawn, long hardMissing, long annRefreshes, double meanStaleness,
                         double annRefreshSeconds) {
        public double pairsPerSecond() {
            return pairsTrained * (double) epochs / seconds;
        }

        public double maskedPerBatch() {
            return batches == 0 ? 0 : masked / (double) batches;
        }

        public double knownMetPerBatch() {
            return batches == 0 ? 0 : knownMet / (double) batches;
        }

        public double classMetPerBatch() {
            return batches == 0 ? 0 : classMet / (double) batches;
        }
    }

    private final TwoTowerModel model;
    private final PairData data;
    private final TwoTowerConfig config;
    private final EquivalenceClasses classes;
    private final FeatureBags queryBags;
    private final FeatureBags itemBags;
    private final int[] trainable;
    private final long[] batchKeys;
    private final int runsPerBatch;
    private final PairSet known;
    private final ContrastiveLoss loss;
    private final StreamingFrequencyEstimator frequencies;
    private final HardNegativeMiner miner;
    private final SparseAdagrad queryRows;
    private final SparseAdagrad itemRows;
    private final SparseAdagrad queryDense;
    private final SparseAdagrad itemDense;

    /**
     * A model for {@code data}: vocabularies of the features seen at least {@code minCount} times,
     * towers initialised from the seed, the data's items as its corpus.
     */
    public static TwoTowerModel newModel(PairData data, FeatureSpec querySpec, FeatureSpec itemSpec, int minCount,
                                         TwoTowerConfig config) {
        FeatureVocabulary qv = FeatureVocabulary.build(data.queries(), querySpec, minCount);
        FeatureVocabulary iv = FeatureVocabulary.build(data.items(), itemSpec, minCount);
        if (qv.size() == 0 || iv.size() == 0) {
            throw new InvalidInputException("no " + (qv.size() == 0 ? "query" : "item") + " feature is seen "
                    + minCount + " times: lower --min-count");
        }
        Tower q = new Tower(qv.size(), config.dim(), config.queryPooling(), config.dense(), config.initRange(), config.seed());
        Tower i = new Tower(iv.size(), config.dim(), config.itemPooling(), config.dense(), config.initRange(),
                config.seed() + 0x5DEECE66DL);
        return new TwoTowerModel(querySpec, itemSpec, qv, iv, q, i, config.similarity(), config.temperature(), data.items());
    }

    /**
     * A trainer with random batches.
     *
     * @param model   a model whose item corpus is {@code data.items()}
     * @param classes equivalence classes over item ids, or null (then the classes guard masks only
     *                repeats of the positive item)
     */
    public TwoTowerTrainer(TwoTowerModel model, PairData data, TwoTowerConfig config, EquivalenceClasses classes) {
        this(model, data, config, classes, null, 1);
    }

    /**
     * A trainer with grouped batches when {@code batchKeys} is given (see the class comment).
     *
     * @param batchKeys    per pair of {@code data}, its key: pairs with equal or nearby keys share
     *                     batches; null for random batches
     * @param runsPerBatch with keys, the runs of consecutive keys a batch is made of (1: the batch is one
     *                     run), at most the batch size
     */
    public TwoTowerTrainer(TwoTowerModel model, PairData data, TwoTowerConfig config, EquivalenceClasses classes,
                           long[] batchKeys, int runsPerBatch) {
        if (batchKeys != null && batchKeys.length != data.pairCount()) {
            throw new IllegalArgumentException(batchKeys.length + " batch keys for " + data.pairCount() + " pairs");
        }
        if (runsPerBatch < 1 || runsPerBatch > config.batch()) {
            throw new IllegalArgumentException(runsPerBatch + " runs a batch of " + config.batch());
        }
        if (!model.items().equals(data.items())) {
            throw new IllegalArgumentException("the model's item corpus is not the data's");
        }
        if (classes != null && classes.items() != data.items().size()) {
            throw new IllegalArgumentException("classes over " + classes.items() + " items, corpus of " + data.items().size());
        }
        this.model = model;
        this.data = data;
        this.config = config;
        this.classes = classes;
        this.queryBags = FeatureBags.encode(data.queries(), model.querySpec(), model.queryVocabulary());
        this.itemBags = model.itemBags();
        int[] keep = new int[data.pairCount()];
        int n = 0;
        for (int p = 0; p < data.pairCount(); p++) {
            if (!queryBags.isEmpty(data.query(p)) && !itemBags.isEmpty(data.item(p))) {
                keep[n++] = p;
            }
        }
        if (n == 0) {
            throw new InvalidInputException("no pair has a known feature on both sides");
        }
        this.trainable = Arrays.copyOf(keep, n);
        this.batchKeys = batchKeys;
        this.runsPerBatch = runsPerBatch;
        this.known = data.knownPairs();
        this.loss = config.tauPlus() > 0 ? new DebiasedContrastiveLoss(config.temperature(), config.tauPlus())
                : new SampledSoftmaxLoss(config.temperature());
        int items = data.items().size();
        this.frequencies = new StreamingFrequencyEstimator(Math.max(1024, 4 * items), 2, 0.01f, Math.max(1, items));
        NegativeSpec neg = config.negatives();
        if (neg.full() && (long) config.batch() * items > MAX_FULL_SCORES) {
            throw new InvalidInputException("full softmax over " + items + " items at batch " + config.batch() + " needs "
                    + (long) config.batch() * items + " scores a batch (at most " + MAX_FULL_SCORES
                    + "): sample instead (uniform:F, mixed:F+logq) or lower --batch");
        }
        this.miner = neg.annFraction() > 0
                ? new HardNegativeMiner(model, neg.bandLow(), neg.bandHigh(), neg.refreshEvery(), config.seed()) : null;
        this.queryRows = new SparseAdagrad(model.queryTower().features(), config.learningRate());
        this.itemRows = new SparseAdagrad(model.itemTower().features(), config.learningRate());
        this.queryDense = adagrad(model.queryTower().denseWeights(), config.learningRate());
        this.itemDense = adagrad(model.itemTower().denseWeights(), config.learningRate());
    }

    /** Adagrad on {@code table}'s rows; null for an absent (dense-layer) table. */
    private static SparseAdagrad adagrad(EmbeddingTable table, float learningRate) {
        return table == null ? null : new SparseAdagrad(table, learningRate);
    }

    /** Pairs a side of which has no known feature: left out of training. */
    public long skippedPairs() {
        return data.pairCount() - trainable.length;
    }

    /** The streaming estimate of an item's share of the positives (for reports and tests). */
    public double estimatedItemProbability(int item) {
        return frequencies.probability(item);
    }

    /** The pairs of batch number {@code step} (counted over the run), trained in epoch {@code epoch}. */
    record Batch(int epoch, long step, int[] pairs) {
    }

    /**
     * The batches of a run, epoch after epoch. Each epoch lays the pairs out with the epoch's own
     * random stream, cuts the layout into runs and serves batches of {@code runsPerBatch} runs; a
     * lone pair has no in-batch negative and waits for the next epoch's layout. Random: the pairs
     * shuffled, runs of {@code batchSize} (one a batch) served in layout order. Grouped (keys
     * given): the pairs in key order with equal keys shuffled, rotated by a random offset below the
     * run length {@code batchSize / runsPerBatch} (the boundaries move; one run an epoch joins the
     * largest keys to the smallest), runs served in shuffled order.
     */
    static final class Batches implements HogwildTrainer.ChunkSource<Batch> {
        private final int[] pairs;
        private final long[] keys;
        private final int[] layout;
        private final int[] visit;
        private final int runLength;
        private final int runsPerBatch;
        private final int epochs;
        private final long seed;
        private int epoch = -1;
        private int next;
        private long step;

        /**
         * @param pairs        the pair ids to train (random: shuffled in place, epoch after epoch)
         * @param keys         per pair id, its key; null for random batches
         * @param runsPerBatch with keys, the runs a batch is made of
         */
        Batches(int[] pairs, long[] keys, int runsPerBatch, int batchSize, int epochs, long seed) {
            this.keys = keys;
            this.pairs = keys == null ? pairs : Arrays.stream(pairs).boxed()
                    .sorted(Comparator.comparingLong(p -> keys[p])).mapToInt(Integer::intValue).toArray();
            this.layout = keys == null ? this.pairs : new int[pairs.length];
            this.runsPerBatch = keys == null ? 1 : runsPerBatch;
            this.runLength = batchSize / this.runsPerBatch;
            this.visit = new int[(pairs.length + runLength - 1) / runLength];
            this.next = visit.length;
            this.epochs = epochs;
            this.seed = seed;
        }

        @Override
        public Batch next() {
            while (true) {
                if (next >= visit.length) {
                    if (++epoch >= epochs) {
                        return null;
                    }
                    layOut(FastRandom.forWorker(seed, 1000 + epoch));
                    next = 0;
                }
                int first = next;
                next = Math.min(visit.length, next + runsPerBatch);
                int size = 0;
                for (int r = first; r < next; r++) {
                    size += runSize(visit[r]);
                }
                if (size >= 2) {
                    int[] batch = new int[size];
                    for (int r = first, at = 0; r < next; at += runSize(visit[r++])) {
                        System.arraycopy(layout, visit[r] * runLength, batch, at, runSize(visit[r]));
                    }
                    return new Batch(epoch, step++, batch);
                }
            }
        }

        /** The pairs of run {@code run} of the layout (the last may be short). */
        private int runSize(int run) {
            return Math.min(layout.length, (run + 1) * runLength) - run * runLength;
        }

        private void layOut(FastRandom rng) {
            Arrays.setAll(visit, i -> i);
            if (keys == null) {
                shuffle(layout, 0, layout.length, rng);
                return;
            }
            for (int start = 0, end; start < pairs.length; start = end) {
                end = start + 1;
                while (end < pairs.length && keys[pairs[end]] == keys[pairs[start]]) {
                    end++;
                }
                shuffle(pairs, start, end, rng);
            }
            int offset = rng.nextInt(runLength) % pairs.length;
            Arrays.setAll(layout, i -> pairs[(i + offset) % pairs.length]);
            shuffle(visit, 0, visit.length, rng);
        }
    }

    /** Counters shared by the workers. */
    private static final class Counters {
        final LongAdder negatives = new LongAdder();
        final LongAdder rows = new LongAdder();
        final LongAdder knownMet = new LongAdder();
        final LongAdder classMet = new LongAdder();
        final LongAdder masked = new LongAdder();
        final LongAdder uniform = new LongAdder();
        final LongAdder hard = new LongAdder();
        final LongAdder hardMissing = new LongAdder();
        final LongAdder staleness = new LongAdder();
        final LongAdder batches = new LongAdder();
    }

    /**
     * Runs the training.
     *
     * @param progressOut where progress lines go, or null for none
     * @param listener    told each epoch's mean loss at the end, or null
     */
    public Report train(PrintStream progressOut, EpochListener listener) {
        int epochs = config.epochs();
        int batchSize = config.batch();
        long total = (long) trainable.length * epochs;
        TrainingProgress progress = new TrainingProgress(total, config.learningRate(), config.learningRate());
        DoubleAdder[] epochLoss = new DoubleAdder[epochs];
        LongAdder[] epochPairs = new LongAdder[epochs];
        for (int e = 0; e < epochs; e++) {
            epochLoss[e] = new DoubleAdder();
            epochPairs[e] = new LongAdder();
        }
        Counters counters = new Counters();
        AtomicLong stream = new AtomicLong();
        Batches source = new Batches(trainable.clone(), batchKeys, runsPerBatch, batchSize, epochs, config.seed());
        ProgressReporter reporter = progressOut == null ? null
                : new ProgressReporter(progress, progressOut, "pairs", ProgressReporter.stdoutIsTerminal(), 10).start();
        long start = System.nanoTime();
        try {
            HogwildTrainer.run(config.threads(), source, t -> {
                Worker w = new Worker(FastRandom.forWorker(config.seed(), t), counters, stream);
                return batch -> {
                    double l = w.train(batch);
                    epochLoss[batch.epoch()].add(l);
                    epochPairs[batch.epoch()].add(batch.pairs().length);
                    progress.advance(batch.pairs().length, l, batch.pairs().length);
                };
            });
        } finally {
            if (reporter != null) {
                reporter.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] losses = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            losses[e] = epochLoss[e].sum() / Math.max(1, epochPairs[e].sum());
            if (listener != null) {
                listener.epochDone(e + 1, losses[e]);
            }
        }
        long hard = counters.hard.sum();
        return new Report(epochs, seconds, trainable.length, skippedPairs(), counters.batches.sum(), losses,
                counters.negatives.sum() / (double) Math.max(1, counters.rows.sum()), counters.knownMet.sum(),
                counters.classMet.sum(), counters.masked.sum(), counters.uniform.sum(), hard, counters.hardMissing.sum(),
                miner == null ? 0 : miner.refreshes(), hard == 0 ? 0 : counters.staleness.sum() / (double) hard,
                miner == null ? 0 : miner.refreshSeconds());
    }

    /** Fisher–Yates on {@code a[from, to)}. */
    private static void shuffle(int[] a, int from, int to, FastRandom rng) {
        for (int i = to - 1; i > from; i--) {
            int j = from + rng.nextInt(i - from + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** One thread's batch loop and scratch. */
    private final class Worker {
        private final FastRandom rng;
        private final Counters counters;
        private final AtomicLong stream;
        private final int dim = model.dim();
        private final int maxColumns;
        private final float[] queryPooled;
        private final float[] queryOut;
        private final float[] queryNorm;
        private final float[] columnPooled;
        private final float[] columnOut;
        private final float[] columnNorm;
        private final int[] columnItem;
        /** Per row, the column of its positive: b for sampled candidates, the item's own column with full. */
        private final int[] positiveColumn;
        private final float[] columnLogQ;
        private final float[] scores;
        private final float[] scoreGrads;
        private final float[] negatives;
        private final int[] negativeColumn;
        private final float[] logQ;
        private final float[] lossGrads;
        private final float[] queryGrad;
        private final float[] columnGrad;
        private final float[] scratch;
        private final float[] queryDenseGrad;
        private final float[] itemDenseGrad;
        private final SparseGradients queryGradients;
        private final SparseGradients itemGradients;
        private final HardNegativeMiner.Cursor cursor;

        Worker(FastRandom rng, Counters counters, AtomicLong stream) {
            this.rng = rng;
            this.counters = counters;
            this.stream = stream;
            int b = config.batch();
            NegativeSpec neg = config.negatives();
            this.maxColumns = neg.full() ? data.items().size() : b + neg.uniformCount(b) + neg.annCount(b);
            queryPooled = new float[b * dim];
            queryOut = new float[b * dim];
            queryNorm = new float[b];
            columnPooled = new float[maxColumns * dim];
            columnOut = new float[maxColumns * dim];
            columnNorm = new float[maxColumns];
            columnItem = new int[maxColumns];
            positiveColumn = new int[b];
            columnLogQ = new float[maxColumns];
            scores = new float[b * maxColumns];
            scoreGrads = new float[b * maxColumns];
            negatives = new float[maxColumns];
            negativeColumn = new int[maxColumns];
            logQ = new float[maxColumns + 1];
            lossGrads = new float[maxColumns + 1];
            queryGrad = new float[b * dim];
            columnGrad = new float[maxColumns * dim];
            scratch = new float[dim];
            queryDenseGrad = queryDense == null ? null : new float[dim * dim];
            itemDenseGrad = itemDense == null ? null : new float[dim * dim];
            queryGradients = new SparseGradients(model.queryVocabulary().size(), dim);
            itemGradients = new SparseGradients(model.itemVocabulary().size(), dim);
            cursor = miner == null ? null : miner.cursor();
        }

        /** Trains one batch and returns its summed loss. */
        double train(Batch batch) {
            double batchLoss = forwardBackward(batch, true);
            queryGradients.apply(queryRows);
            itemGradients.apply(itemRows);
            if (queryDenseGrad != null) {
                for (int r = 0; r < dim; r++) {
                    queryDense.step(r, queryDenseGrad, r * dim);
                    itemDense.step(r, itemDenseGrad, r * dim);
                }
            }
            return batchLoss;
        }

        /**
         * The batch's summed loss; leaves the gradients of the mean loss in the sparse buffers and
         * the dense-layer arrays. {@code observe}: feed the batch's positives to the frequency estimate.
         */
        double forwardBackward(Batch batch, boolean observe) {
            int[] pairs = batch.pairs();
            int rows = pairs.length;
            NegativeSpec neg = config.negatives();
            int items = data.items().size();
            long first = stream.getAndAdd(rows);
            // The candidates: the batch's positives (column b is row b's), or with full the catalogue (column
            // i is item i, so each row's positive is there once), then any uniform and hard negatives.
            int batchColumns = neg.full() ? 0 : rows;
            for (int b = 0; b < rows; b++) {
                int item = data.item(pairs[b]);
                positiveColumn[b] = neg.full() ? item : b;
                if (!neg.full()) {
                    columnItem[b] = item;
                }
                if (observe) {
                    frequencies.observe(item, first + b);
                }
                int q = data.query(pairs[b]);
                model.queryTower().forward(queryBags, q, queryPooled, b * dim, queryOut, b * dim);
                queryNorm[b] = model.finish(queryOut, b * dim);
            }
            int columns = batchColumns;
            if (neg.full()) {
                for (int item = 0; item < items; item++) {
                    columnItem[columns++] = item;
                }
            }
            int uniform = neg.uniformCount(rows);
            for (int u = 0; u < uniform; u++) {
                columnItem[columns++] = rng.nextInt(items);
            }
            counters.uniform.add(uniform);
            int hardWanted = neg.annCount(rows);
            if (hardWanted > 0) {
                miner.refreshIfDue(batch.step());
                int offset = rng.nextInt(rows);
                for (int h = 0; h < hardWanted; h++) {
                    int b = (offset + h) % rows;
                    int query = data.query(pairs[b]);
                    int positive = columnItem[positiveColumn[b]];
                    int item = cursor.draw(queryOut, b * dim, batch.step(), rng, c -> c == positive
                            || (config.guardKnown() && known.contains(query, c))
                            || (config.guardClasses() && classes != null && classes.sameClass(positive, c)));
                    if (item == NegativeSampler.NONE) {
                        counters.hardMissing.increment();
                        continue;
                    }
                    counters.hard.increment();
                    counters.staleness.add(cursor.staleness);
                    columnItem[columns++] = item;
                }
            }
            for (int c = 0; c < columns; c++) {
                model.itemTower().forward(itemBags, columnItem[c], columnPooled, c * dim, columnOut, c * dim);
                columnNorm[c] = model.finish(columnOut, c * dim);
            }
            if (neg.logQ()) {
                // The expected number of times the item is among the candidates: B draws from the stream of
                // positives, U uniform draws. Hard negatives are not sampled from a known law: they get their
                // item's stream correction, as if drawn in-batch.
                double uniformShare = (double) uniform / items;
                for (int c = 0; c < columns; c++) {
                    double expected = (neg.inBatch() ? rows * frequencies.probability(columnItem[c]) : 0) + uniformShare;
                    columnLogQ[c] = (float) (neg.logQWeight() * Math.log(Math.max(expected, 1e-30)));
                }
            }
            for (int b = 0; b < rows; b++) {
                for (int c = 0; c < columns; c++) {
                    scores[b * columns + c] = KERNELS.dot(queryOut, b * dim, columnOut, c * dim, dim);
                }
            }
            Arrays.fill(scoreGrads, 0, rows * columns, 0f);
            double batchLoss = 0;
            float inv = 1f / rows;
            long knownMet = 0;
            long classMet = 0;
            long masked = 0;
            long negativeCount = 0;
            for (int b = 0; b < rows; b++) {
                int query = data.query(pairs[b]);
                int own = positiveColumn[b];
                int positive = columnItem[own];
                int k = 0;
                for (int c = 0; c < columns; c++) {
                    if (c == own || (c < batchColumns && !neg.inBatch())) {
                        continue;
                    }
                    int item = columnItem[c];
                    boolean isKnown = known.contains(query, item);
                    boolean sameClass = item == positive || (classes != null && classes.sameClass(positive, item));
                    knownMet += isKnown ? 1 : 0;
                    classMet += sameClass ? 1 : 0;
                    if ((config.guardKnown() && isKnown) || (config.guardClasses() && sameClass)) {
                        masked++;
                        continue;
                    }
                    negatives[k] = scores[b * columns + c];
                    negativeColumn[k] = c;
                    logQ[k + 1] = columnLogQ[c];
                    k++;
                }
                logQ[0] = columnLogQ[own];
                negativeCount += k;
                float l = loss.lossAndGradients(scores[b * columns + own], negatives, k, neg.logQ() ? logQ : null, lossGrads);
                if (!Float.isFinite(l)) {
                    throw new InvalidInputException("the loss became " + l + " in epoch " + (batch.epoch() + 1) + ", batch "
                            + (batch.step() + 1) + ": lower --learning-rate or --init-range, or raise --temperature");
                }
                batchLoss += l;
                scoreGrads[b * columns + own] += lossGrads[0] * inv;
                for (int j = 0; j < k; j++) {
                    scoreGrads[b * columns + negativeColumn[j]] += lossGrads[j + 1] * inv;
                }
            }
            counters.knownMet.add(knownMet);
            counters.classMet.add(classMet);
            counters.masked.add(masked);
            counters.negatives.add(negativeCount);
            counters.rows.add(rows);
            counters.batches.increment();
            // d loss / d output vectors: dQ_b = Σ_c dS_bc C_c, dC_c = Σ_b dS_bc Q_b.
            Arrays.fill(queryGrad, 0, rows * dim, 0f);
            Arrays.fill(columnGrad, 0, columns * dim, 0f);
            for (int b = 0; b < rows; b++) {
                for (int c = 0; c < columns; c++) {
                    float g = scoreGrads[b * columns + c];
                    if (g != 0) {
                        KERNELS.axpy(g, columnOut, c * dim, queryGrad, b * dim, dim);
                        KERNELS.axpy(g, queryOut, b * dim, columnGrad, c * dim, dim);
                    }
                }
            }
            if (queryDenseGrad != null) {
                Arrays.fill(queryDenseGrad, 0f);
                Arrays.fill(itemDenseGrad, 0f);
            }
            for (int b = 0; b < rows; b++) {
                unnormalize(queryOut, queryGrad, b * dim, queryNorm[b]);
                model.queryTower().backward(queryBags, data.query(pairs[b]), queryPooled, b * dim, queryOut, b * dim,
                        queryGrad, b * dim, queryDenseGrad, scratch, queryGradients);
            }
            for (int c = 0; c < columns; c++) {
                unnormalize(columnOut, columnGrad, c * dim, columnNorm[c]);
                model.itemTower().backward(itemBags, columnItem[c], columnPooled, c * dim, columnOut, c * dim,
                        columnGrad, c * dim, itemDenseGrad, scratch, itemGradients);
            }
            return batchLoss;
        }

        /**
         * For the cosine, turns d loss / d u (u = y / |y|, held in {@code out}) into d loss / d y, in
         * place, and restores y in {@code out} for the dense layer's backward pass:
         * dy = (du − u (u·du)) / |y|. For the dot product, nothing to do.
         */
        private void unnormalize(float[] out, float[] grad, int off, float norm) {
            if (model.similarity() != org.thymus.core.ann.Metric.COSINE) {
                return;
            }
            if (norm == 0) {
                Arrays.fill(grad, off, off + dim, 0f);
                return;
            }
            float along = KERNELS.dot(out, off, grad, off, dim);
            KERNELS.axpy(-along, out, off, grad, off, dim);
            KERNELS.scale(1f / norm, grad, off, dim);
            KERNELS.scale(norm, out, off, dim);
        }
    }

    /**
     * For gradient checks: the summed loss of one batch of {@code pairs} (with the current
     * frequency estimates, which it does not update) and, through {@code gradients}, the gradient
     * of the mean loss for every feature row and the dense layers, without changing the model.
     */
    double probe(int[] pairs, long seed, GradientSink gradients) {
        Worker w = new Worker(new FastRandom(seed), new Counters(), new AtomicLong());
        double l = w.forwardBackward(new Batch(0, 0, pairs), false);
        w.queryGradients.forEach((row, g, off) -> gradients.accept(true, row, g, off));
        w.itemGradients.forEach((row, g, off) -> gradients.accept(false, row, g, off));
        if (w.queryDenseGrad != null) {
            gradients.dense(w.queryDenseGrad, w.itemDenseGrad);
        }
        return l;
    }

    /** Receives the gradients of {@link #probe}. */
    interface GradientSink {
        void accept(boolean querySide, int row, float[] gradient, int off);

        default void dense(float[] queryDense, float[] itemDense) {
        }
    }

    /** The item vectors of the current model (for callers that evaluate between runs). */
    public EmbeddingTable itemVectors() {
        return model.itemVectors(config.threads());
    }
}
