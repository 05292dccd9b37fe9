package org.thymus.kg;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.thymus.core.InvalidInputException;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.loss.ContrastiveLoss;
import org.thymus.core.loss.LogisticLoss;
import org.thymus.core.loss.MarginRankingLoss;
import org.thymus.core.loss.SelfAdversarialLoss;
import org.thymus.core.optim.RowOptimizer;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.PairSet;
import org.thymus.core.table.EmbeddingTable;

/**
 * Trains a {@link KgModel} on corrupted-triple negatives with one of core's losses (self-adversarial
 * log-sigmoid, margin ranking or logistic) and a sparse optimiser (Adagrad or lazy Adam) that moves
 * the touched rows only, with an optional L2 or N3 penalty on the positive's rows.
 *
 * <p>One example is a positive (h, r, t) and k corruptions of one side, chosen per example by the
 * {@link Corruption} rule; the replacement entities are uniform. All k + 1 triples are scored
 * before any row moves (the adversarial weights compare them), then the gradients of the shared
 * rows (the kept entity and the relation) are summed and each row takes one optimiser step. Workers
 * take chunks of a shuffled order of the training triples and update the shared tables without
 * locks (Hogwild), as core's trainer does; one thread with a fixed seed is reproducible bit for bit
 * (core's kernels sum in one fixed order whatever compiled them).
 *
 * <p>With shared negatives (PyTorch-BigGraph's batch negatives), a chunk of B positives shares one
 * draw of k corrupting entities, so their B × k scores are one matrix product for a dot-product
 * model; the chunk's gradients are summed per row and each touched row takes one step per chunk (a
 * minibatch step, where the default mode steps after every positive).
 *
 * <p>Every drawn corruption that is in fact a known triple is counted. With filtering on it is
 * redrawn, up to {@value #MAX_REDRAWS} times, and dropped if still known (the loss then sees fewer
 * negatives); without, it is kept, and the count says how many false negatives the run trained on.
 * A shared corruption cannot be redrawn for one positive without changing it for the others, so
 * with filtering a shared negative that is a known triple for a positive is dropped for that
 * positive.
 *
 * <p>With an {@link AdversarialGenerator} (KBGAN), each positive's k negatives are drawn from the
 * generator's softmax over C uniform corruptions (filtered when filtering is on) instead of
 * uniformly; the discriminator trains on them as usual, and the generator takes a REINFORCE step
 * rewarded by the discriminator's scores of its draws (computed before the discriminator moved).
 */
public final class KgTrainer {
    static final int MAX_REDRAWS = 32;
    private static final int CHUNK = 256;

    /** Called after each epoch with its mean loss per positive (for logging or early stopping). */
    @FunctionalInterface
    public interface EpochListener {
        /** Returns whether training goes on: false stops it after this epoch. */
        boolean epochDone(int epoch, double meanLoss);
    }

    /**
     * What a run did.
     *
     * @param epochs           epochs run (fewer than configured when the listener stopped the run)
     * @param knownCorruptions corruptions drawn that were known triples (rejected when filtered)
     * @param droppedNegatives negatives left out: after {@value #MAX_REDRAWS} known redraws, or
     *                         shared ones that were known for their positive
     */
    public record Report(int epochs, double seconds, double lastEpochLoss, long negativesDrawn,
                         long knownCorruptions, long droppedNegatives, GeneratorReport generator) {
    }

    /**
     * What the generator's negatives were like in the last epoch, against its uniform candidate
     * sets (which are what a uniform sampler would have drawn), both judged by the discriminator
     * before its step.
     *
     * @param negatives          negatives the generator drew
     * @param knownNegatives     of those, known (training) triples: false negatives
     * @param meanNegativeScore  the discriminator's mean score of the drawn negatives
     * @param candidates         uniform candidates scored
     * @param knownCandidates    of those, known triples
     * @param meanCandidateScore the discriminator's mean score of the candidates
     */
    public record GeneratorReport(long negatives, long knownNegatives, double meanNegativeScore, long candidates,
                                  long knownCandidates, double meanCandidateScore) {
        public double knownNegativeShare() {
            return negatives == 0 ? 0 : (double) knownNegatives / negatives;
        }

        public double knownCandidateShare() {
            return candidates == 0 ? 0 : (double) knownCandidates / candidates;
        }
    }

    private final KgModel model;
    private final KnownTriples known;
    private final KgTrainingConfig config;
    private final ContrastiveLoss loss;
    private final float[] headProbability;
    private final RowOptimizer entityOptimizer;
    private final RowOptimizer relationOptimizer;
    /** RotatE's relation rows are phases, not magnitudes: no penalty shrinks them. */
    private final boolean regularizeRelations;
    /** KBGAN's generator, or null for uniform (or Bernoulli) negatives. */
    private final AdversarialGenerator generator;

    /**
     * @param train the positives; also what Bernoulli corruption counts per relation
     * @param known the triples a filtered corruption must avoid and every run counts: the training
     *              triples (filtering by valid or test triples would tell the model which of them are true)
     */
    public KgTrainer(KgModel model, Triples train, KnownTriples known, KgTrainingConfig config) {
        this(model, train, known, config, null);
    }

    /**
     * Draws each positive's negatives from {@code generator} (KBGAN) and trains it alongside; null
     * for the uniform draws of the other constructor. Not with shared negatives.
     */
    public KgTrainer(KgModel model, Triples train, KnownTriples known, KgTrainingConfig config,
                     AdversarialGenerator generator) {
        if (generator != null && config.sharedNegativesChunk() > 0) {
            throw new InvalidInputException("the generator proposes negatives per positive: not with shared negatives");
        }
        if (generator != null && generator.model().entities().rows() != model.entities().rows()) {
            throw new InvalidInputException("the generator has " + generator.model().entities().rows()
                    + " entities, the model " + model.entities().rows());
        }
        this.generator = generator;
        this.model = model;
        this.known = known;
        this.config = config;
        this.loss = switch (config.loss()) {
            case SELF_ADVERSARIAL -> new SelfAdversarialLoss(config.temperature(), config.margin());
            case MARGIN -> new MarginRankingLoss(config.margin());
            case LOGISTIC -> new LogisticLoss(config.margin());
        };
        if (config.regularization() == Regularization.N3 && !(model instanceof ComplEx || model instanceof DistMult)) {
            throw new InvalidInputException("N3 regularisation is for the bilinear models (complex, distmult), not "
                    + model.name());
        }
        this.headProbability = headProbabilities(train, model.relations().rows(), config.corruption());
        this.entityOptimizer = optimizer(model.entities());
        this.relationOptimizer = optimizer(model.relations());
        this.regularizeRelations = !(model instanceof RotatE);
    }

    private RowOptimizer optimizer(EmbeddingTable table) {
        return switch (config.optimizer()) {
            case ADAGRAD -> RowOptimizer.adagrad(table, config.learningRate());
            case ADAM -> RowOptimizer.adam(table, config.learningRate());
        };
    }

    /**
     * Writes what training needs besides the model's rows to go on where it stopped: the optimisers'
     * state (Adagrad's history, Adam's moments), whose loss would restart the step sizes. Not with
     * the generator, whose own model and optimiser are not saved.
     */
    public void writeState(DataOutput out) throws IOException {
        requireNoGenerator();
        out.writeUTF(entityOptimizer.name());
        entityOptimizer.writeState(out);
        relationOptimizer.writeState(out);
    }

    /** Reads what {@link #writeState} wrote for the same model and optimiser. */
    public void readState(DataInput in) throws IOException {
        requireNoGenerator();
        String name = in.readUTF();
        if (!name.equals(entityOptimizer.name())) {
            throw new InvalidInputException("the checkpoint's optimiser is " + name + ", this run's "
                    + entityOptimizer.name() + ": resume with --optimizer " + name);
        }
        entityOptimizer.readState(in);
        relationOptimizer.readState(in);
    }

    private void requireNoGenerator() {
        if (generator != null) {
            throw new InvalidInputException("checkpoints do not hold the KBGAN generator: not with --sampler generator");
        }
    }

    /** Per relation, the probability that a negative replaces the head. */
    static float[] headProbabilities(Triples train, int relationCount, Corruption corruption) {
        float[] p = new float[relationCount];
        if (corruption == Corruption.UNIFORM) {
            Arrays.fill(p, 0.5f);
            return p;
        }
        long[] triples = new long[relationCount];
        long[] heads = new long[relationCount];
        long[] tails = new long[relationCount];
        PairSet seenHeads = new PairSet(train.size());
        PairSet seenTails = new PairSet(train.size());
        for (int i = 0; i < train.size(); i++) {
            int r = train.relation(i);
            triples[r]++;
            if (!seenHeads.contains(r, train.head(i))) {
                seenHeads.add(r, train.head(i));
                heads[r]++;
            }
            if (!seenTails.contains(r, train.tail(i))) {
                seenTails.add(r, train.tail(i));
                tails[r]++;
            }
        }
        for (int r = 0; r < relationCount; r++) {
            if (triples[r] == 0) {
                p[r] = 0.5f;
                continue;
            }
            double tph = (double) triples[r] / heads[r];
            double hph = (double) triples[r] / tails[r];
            p[r] = (float) (tph / (tph + hph));
        }
        return p;
    }

    /** Runs the epochs over {@code train} until the listener says stop; {@code listener} may be null. */
    public Report train(Triples train, EpochListener listener) {
        return train(train, 0, listener);
    }

    /**
     * Runs epochs {@code epochsDone + 1} … {@code config.epochs()}, as a run that had already trained
     * {@code epochsDone} epochs would: each epoch's shuffle and draws are seeded by its number, so a
     * run resumed from a checkpoint ({@link #readState}) on one thread repeats the uninterrupted run
     * bit for bit. The listener hears the epochs' own numbers.
     */
    public Report train(Triples train, int epochsDone, EpochListener listener) {
        if (epochsDone < 0 || epochsDone >= config.epochs()) {
            throw new InvalidInputException(epochsDone + " epochs are done already: the run must have more than that ("
                    + config.epochs() + " configured)");
        }
        int n = train.size();
        int chunks = (n + CHUNK - 1) / CHUNK;
        int threads = config.threads();
        long[] drawn = new long[threads];
        long[] knownDrawn = new long[threads];
        long[] dropped = new long[threads];
        GeneratorCounts[] generatorCounts = new GeneratorCounts[threads];
        AdversarialGenerator.Proposer[] proposers = new AdversarialGenerator.Proposer[threads];
        for (int w = 0; w < threads && generator != null; w++) {
            proposers[w] = generator.proposer(); // kept across epochs: each holds its reward baseline
        }
        double lastLoss = Double.NaN;
        float[] weights = config.frequencyWeights() ? frequencyWeights(train) : null;
        long start = System.nanoTime();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Each epoch shuffles the order the one before left, so a resumed run replays the shuffles
        // of the epochs done (cheap beside an epoch) to go on with the order they left.
        for (int epoch = 0; epoch < epochsDone; epoch++) {
            shuffle(order, new FastRandom(config.seed() * 31 + epoch));
        }
        int epochsRun = 0;
        for (int epoch = epochsDone; epoch < config.epochs(); epoch++) {
            shuffle(order, new FastRandom(config.seed() * 31 + epoch));
            // Set while no worker runs; Parallel.run's thread start publishes it to them.
            float rate = config.learningRateAfter(epoch);
            entityOptimizer.setLearningRate(rate);
            relationOptimizer.setLearningRate(rate);
            double[] lossSums = new double[threads];
            AtomicInteger next = new AtomicInteger();
            int epochIndex = epoch;
            Parallel.run(threads, w -> {
                Worker worker = new Worker(FastRandom.forWorker(config.seed() + 0x9E37L * epochIndex, w), proposers[w]);
                int c;
                while ((c = next.getAndIncrement()) < chunks) {
                    int to = Math.min(n, (c + 1) * CHUNK);
                    if (config.sharedNegativesChunk() > 0) {
                        for (int from = c * CHUNK; from < to; from += config.sharedNegativesChunk()) {
                            lossSums[w] += worker.sharedStep(train, order, from,
                                    Math.min(to, from + config.sharedNegativesChunk()), weights);
                        }
                    } else {
                        for (int j = c * CHUNK; j < to; j++) {
                            int i = order[j];
                            lossSums[w] += worker.step(train.head(i), train.relation(i), train.tail(i),
                                    weights == null ? 1f : weights[i]);
                        }
                    }
                }
                drawn[w] += worker.drawn;
                knownDrawn[w] += worker.knownDraws;
                dropped[w] += worker.dropped;
                generatorCounts[w] = worker.generatorCounts;
            });
            lastLoss = Arrays.stream(lossSums).sum() / n;
            epochsRun++;
            if (!Double.isFinite(lastLoss)) {
                throw new InvalidInputException("training diverged in epoch " + (epoch + 1) + " (loss "
                        + lastLoss + "): lower the learning rate");
            }
            if (listener != null && !listener.epochDone(epoch + 1, lastLoss)) {
                break;
            }
        }
        return new Report(epochsRun, (System.nanoTime() - start) / 1e9, lastLoss,
                Arrays.stream(drawn).sum(), Arrays.stream(knownDrawn).sum(), Arrays.stream(dropped).sum(),
                generator == null ? null : GeneratorCounts.report(generatorCounts));
    }

    /** One worker's tallies of the generator's draws and candidates in one epoch. */
    private static final class GeneratorCounts {
        long negatives;
        long knownNegatives;
        double negativeScores;
        long candidates;
        long knownCandidates;
        double candidateScores;

        static GeneratorReport report(GeneratorCounts[] perWorker) {
            GeneratorCounts sum = new GeneratorCounts();
            for (GeneratorCounts c : perWorker) {
                if (c == null) {
                    continue; // a worker that never ran
                }
                sum.negatives += c.negatives;
                sum.knownNegatives += c.knownNegatives;
                sum.negativeScores += c.negativeScores;
                sum.candidates += c.candidates;
                sum.knownCandidates += c.knownCandidates;
                sum.candidateScores += c.candidateScores;
            }
            return new GeneratorReport(sum.negatives, sum.knownNegatives,
                    sum.negatives == 0 ? Double.NaN : sum.negativeScores / sum.negatives, sum.candidates,
                    sum.knownCandidates, sum.candidates == 0 ? Double.NaN : sum.candidateScores / sum.candidates);
        }
    }

    /**
     * Per training triple, 1 / √(n(h, r) + n(r, t) + 6) divided by the mean over the triples, where
     * n(h, r) counts the triples with that head and relation and n(r, t) those with that relation
     * and tail: the RotatE authors' subsampling weight (their counts start at 4, hence the 6), so
     * that a pattern seen many times does not dominate the loss. The mean is 1, so the learning
     * rate keeps its meaning.
     */
    static float[] frequencyWeights(Triples train) {
        Map<Long, Integer> heads = new HashMap<>();
        Map<Long, Integer> tails = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            heads.merge(key(train.head(i), train.relation(i)), 1, Integer::sum);
            tails.merge(key(train.tail(i), train.relation(i)), 1, Integer::sum);
        }
        float[] weights = new float[train.size()];
        double sum = 0;
        for (int i = 0; i < train.size(); i++) {
            int count = heads.get(key(train.head(i), train.relation(i))) + tails.get(key(train.tail(i), train.relation(i)));
            weights[i] = (float) (1 / Math.sqrt(count + 6));
            sum += weights[i];
        }
        float mean = (float) (sum / train.size());
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= mean;
        }
        return weights;
    }

    private static long key(int entity, int relation) {
        return ((long) entity << 32) | relation;
    }

    private static void shuffle(int[] a, FastRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** One thread's buffers and counters. */
    private final class Worker {
        private final FastRandom rng;
        private final int entityCount = model.entities().rows();
        private final int entityDim = model.entities().dim();
        private final int relationDim = model.relations().dim();
        /** candidates[0] is the positive's entity on the corrupted side, then the negatives. */
        private final int[] candidates = new int[config.negatives() + 1];
        private final float[] candidateScores = new float[config.negatives() + 1];
        private final float[] negativeScores = new float[config.negatives()];
        private final float[] gradients = new float[config.negatives() + 1];
        private final float[] keptGradient = new float[entityDim];
        private final float[] relationGradient = new float[relationDim];
        private final float[] candidateGradients = new float[(config.negatives() + 1) * entityDim];
        /** Where candidate j's gradient starts in candidateGradients: j · entityDim. */
        private final int[] candidateOffsets = new int[config.negatives() + 1];
        /** The queries of this worker's scoring calls: scoring an example allocates nothing. */
        private final KgModel.Scratch scratch = new KgModel.Scratch();
        private SharedBuffers shared;
        private final AdversarialGenerator.Proposer proposer;
        /** The generator's uniform candidates, their discriminator scores, the candidate index of each draw. */
        private final int[] pool;
        private final float[] poolScores;
        private final int[] drawnIndex;
        final GeneratorCounts generatorCounts = new GeneratorCounts();
        long drawn;
        long knownDraws;
        long dropped;

        Worker(FastRandom rng, AdversarialGenerator.Proposer proposer) {
            this.rng = rng;
            this.proposer = proposer;
            int poolSize = proposer == null ? 0 : generator.candidates();
            this.pool = new int[poolSize];
            this.poolScores = new float[poolSize];
            this.drawnIndex = new int[config.negatives()];
            for (int j = 0; j < candidateOffsets.length; j++) {
                candidateOffsets[j] = j * entityDim;
            }
        }

        /** Trains on one positive whose loss counts {@code weight} times; returns its weighted loss. */
        double step(int h, int r, int t, float weight) {
            boolean corruptHead = rng.nextFloat() < headProbability[r];
            int kept = corruptHead ? t : h;
            candidates[0] = corruptHead ? h : t;
            int k = 0;
            float positive;
            if (proposer != null) {
                k = proposeNegatives(corruptHead, h, r, t);
                positive = model.score(h, r, t, scratch);
            } else {
                for (int j = 0; j < config.negatives(); j++) {
                    int e = draw(corruptHead, kept, r);
                    if (e >= 0) {
                        candidates[++k] = e;
                    }
                }
                // The positive and its negatives share one query, combined once for all k + 1.
                if (corruptHead) {
                    model.scoreHeads(r, t, candidates, 0, k + 1, candidateScores, scratch);
                } else {
                    model.scoreTails(h, r, candidates, 0, k + 1, candidateScores, scratch);
                }
                positive = candidateScores[0];
                System.arraycopy(candidateScores, 1, negativeScores, 0, k);
            }
            double value = weigh(weight, loss.lossAndGradients(positive, negativeScores, k, null, gradients), k);
            if (proposer != null && k > 0) {
                // Rewarded by the discriminator's scores from before its own step: hard negatives pay.
                proposer.learn(drawnIndex, negativeScores, k);
            }
            Arrays.fill(keptGradient, 0);
            Arrays.fill(relationGradient, 0);
            Arrays.fill(candidateGradients, 0, (k + 1) * entityDim, 0);
            model.addCorruptionGradients(corruptHead, kept, r, candidates, gradients, k + 1, keptGradient, 0,
                    relationGradient, 0, candidateGradients, candidateOffsets, scratch);
            // The positive's own rows: the kept entity, the relation and candidate 0.
            value += penalty(kept, keptGradient, 0) + penalty(candidates[0], candidateGradients, 0);
            if (regularizeRelations) {
                value += penalty(model.relations(), r, relationGradient, 0);
            }
            entityOptimizer.step(kept, keptGradient, 0);
            relationOptimizer.step(r, relationGradient, 0);
            for (int j = 0; j <= k; j++) {
                entityOptimizer.step(candidates[j], candidateGradients, j * entityDim);
            }
            return value;
        }

        /** Scales the loss {@code value} and its k + 1 gradients by {@code weight}; returns the scaled loss. */
        private double weigh(float weight, double value, int k) {
            if (weight != 1f) {
                for (int j = 0; j <= k; j++) {
                    gradients[j] *= weight;
                }
            }
            return weight * value;
        }

        private float penalty(int entity, float[] grad, int gOff) {
            return penalty(model.entities(), entity, grad, gOff);
        }

        private float penalty(EmbeddingTable table, int row, float[] grad, int gOff) {
            return config.regularization().addGradient(table.shard(row), table.offset(row), table.dim(),
                    model.complexRows(), config.regularizationWeight(), grad, gOff);
        }

        /**
         * KBGAN: draws C uniform corruptions (redrawn while known when filtering), scores them with
         * the discriminator and the generator, and draws k of them from the generator's softmax into
         * {@code candidates[1..k]}, their discriminator scores into {@code negativeScores} and their
         * candidate indices into {@code drawnIndex}. Returns k (0 when filtering found no candidate).
         */
        private int proposeNegatives(boolean corruptHead, int h, int r, int t) {
            int kept = corruptHead ? t : h;
            int poolSize = 0;
            for (int j = 0; j < pool.length; j++) {
                int e = draw(corruptHead, kept, r);
                if (e >= 0) {
                    pool[poolSize++] = e;
                }
            }
            if (poolSize == 0) {
                return 0;
            }
            if (corruptHead) {
                model.scoreHeads(r, t, pool, 0, poolSize, poolScores, scratch);
            } else {
                model.scoreTails(h, r, pool, 0, poolSize, poolScores, scratch);
            }
            GeneratorCounts counts = generatorCounts;
            for (int j = 0; j < poolSize; j++) {
                counts.candidateScores += poolScores[j];
                if (isKnown(corruptHead, pool[j], kept, r)) {
                    counts.knownCandidates++;
                }
            }
            counts.candidates += poolSize;
            proposer.propose(corruptHead, h, r, t, pool, poolSize);
            int k = config.negatives();
            for (int j = 0; j < k; j++) {
                int index = proposer.sample(rng);
                drawnIndex[j] = index;
                candidates[j + 1] = pool[index];
                negativeScores[j] = poolScores[index];
                counts.negativeScores += poolScores[index];
                if (isKnown(corruptHead, pool[index], kept, r)) {
                    counts.knownNegatives++;
                }
            }
            counts.negatives += k;
            return k;
        }

        private boolean isKnown(boolean corruptHead, int e, int kept, int r) {
            return corruptHead ? known.contains(e, r, kept) : known.contains(kept, r, e);
        }

        /** A corruption of the given side, or −1 when filtering found only known triples. */
        private int draw(boolean corruptHead, int kept, int r) {
            for (int attempt = 0; ; attempt++) {
                int e = rng.nextInt(entityCount);
                drawn++;
                boolean isKnown = corruptHead ? known.contains(e, r, kept) : known.contains(kept, r, e);
                if (!isKnown) {
                    return e;
                }
                knownDraws++;
                if (!config.filtered()) {
                    return e;
                }
                if (attempt == MAX_REDRAWS) {
                    dropped++;
                    return -1;
                }
            }
        }

        /**
         * Trains on the positives {@code order[from..to)} with one shared set of k corrupting
         * entities: all scores first, then one summed gradient and one step per touched row. Each
         * positive's loss counts {@code weights[i]} times (null: once).
         */
        double sharedStep(Triples train, int[] order, int from, int to, float[] weights) {
            if (shared == null) {
                shared = new SharedBuffers(config.sharedNegativesChunk(), config.negatives(), entityCount,
                        model.relations().rows(), entityDim, relationDim);
            }
            SharedBuffers b = shared;
            int k = config.negatives();
            for (int j = 0; j < k; j++) {
                b.negatives[j] = rng.nextInt(entityCount);
            }
            // Split the chunk by corrupted side: each side is one queries × negatives product.
            int tailQueries = 0;
            int headQueries = 0;
            int size = to - from;
            for (int p = 0; p < size; p++) {
                int i = order[from + p];
                int r = train.relation(i);
                if (rng.nextFloat() < headProbability[r]) {
                    b.headSide[headQueries] = p;
                    b.headKept[headQueries] = train.tail(i);
                    b.headRelations[headQueries++] = r;
                } else {
                    b.tailSide[tailQueries] = p;
                    b.tailKept[tailQueries] = train.head(i);
                    b.tailRelations[tailQueries++] = r;
                }
            }
            model.scoreShared(true, b.tailKept, b.tailRelations, tailQueries, b.negatives, k, b.tailScores, scratch);
            model.scoreShared(false, b.headKept, b.headRelations, headQueries, b.negatives, k, b.headScores, scratch);
            double value = 0;
            b.clear();
            for (int side = 0; side < 2; side++) {
                boolean corruptHead = side == 1;
                int queries = corruptHead ? headQueries : tailQueries;
                float[] scores = corruptHead ? b.headScores : b.tailScores;
                for (int q = 0; q < queries; q++) {
                    int i = order[from + (corruptHead ? b.headSide[q] : b.tailSide[q])];
                    int h = train.head(i);
                    int r = train.relation(i);
                    int t = train.tail(i);
                    int kept = corruptHead ? t : h;
                    // Keep the negatives usable for this positive; known ones are counted (and dropped when filtering).
                    // usedIds: the positive's entity on the corrupted side, then the negatives kept.
                    b.usedIds[0] = corruptHead ? h : t;
                    int used = 0;
                    for (int j = 0; j < k; j++) {
                        int e = b.negatives[j];
                        drawn++;
                        boolean isKnown = corruptHead ? known.contains(e, r, kept) : known.contains(kept, r, e);
                        if (isKnown) {
                            knownDraws++;
                            if (config.filtered()) {
                                dropped++;
                                continue;
                            }
                        }
                        b.usedIds[1 + used] = e;
                        negativeScores[used++] = scores[q * k + j];
                    }
                    value += weigh(weights == null ? 1f : weights[i],
                            loss.lossAndGradients(model.score(h, r, t, scratch), negativeScores, used, null, gradients),
                            used);
                    for (int j = 0; j <= used; j++) {
                        b.usedOffsets[j] = b.entitySlot(b.usedIds[j]) * entityDim;
                    }
                    model.addCorruptionGradients(corruptHead, kept, r, b.usedIds, gradients, used + 1,
                            b.entityGradients, b.entitySlot(kept) * entityDim, b.relationGradients,
                            b.relationSlot(r) * relationDim, b.entityGradients, b.usedOffsets, scratch);
                    value += penalty(h, b.entityGradients, b.entitySlot(h) * entityDim)
                            + penalty(t, b.entityGradients, b.entitySlot(t) * entityDim);
                    if (regularizeRelations) {
                        value += penalty(model.relations(), r, b.relationGradients, b.relationSlot(r) * relationDim);
                    }
                }
            }
            for (int s = 0; s < b.entityRows; s++) {
                entityOptimizer.step(b.entityIds[s], b.entityGradients, s * entityDim);
            }
            for (int s = 0; s < b.relationRows; s++) {
                relationOptimizer.step(b.relationIds[s], b.relationGradients, s * relationDim);
            }
            return value;
        }
    }

    /** One worker's buffers for shared-negative chunks: the chunk's rows get dense slots. */
    private static final class SharedBuffers {
        final int[] negatives;
        /** One positive's candidates (its own entity, then its negatives) and their gradients' offsets. */
        final int[] usedIds;
        final int[] usedOffsets;
        final int[] tailSide;
        final int[] tailKept;
        final int[] tailRelations;
        final int[] headSide;
        final int[] headKept;
        final int[] headRelations;
        final float[] tailScores;
        final float[] headScores;
        /** slot + 1 of each entity (0: no slot yet), and the entity of each slot. */
        final int[] entitySlots;
        final int[] entityIds;
        final int[] relationSlots;
        final int[] relationIds;
        final float[] entityGradients;
        final float[] relationGradients;
        final int entityDim;
        final int relationDim;
        int entityRows;
        int relationRows;

        SharedBuffers(int chunk, int k, int entityCount, int relationCount, int entityDim, int relationDim) {
            negatives = new int[k];
            usedIds = new int[k + 1];
            usedOffsets = new int[k + 1];
            tailSide = new int[chunk];
            tailKept = new int[chunk];
            tailRelations = new int[chunk];
            headSide = new int[chunk];
            headKept = new int[chunk];
            headRelations = new int[chunk];
            tailScores = new float[chunk * k];
            headScores = new float[chunk * k];
            entitySlots = new int[entityCount];
            relationSlots = new int[relationCount];
            int maxEntities = Math.min(entityCount, 2 * chunk + k);
            int maxRelations = Math.min(relationCount, chunk);
            entityIds = new int[maxEntities];
            relationIds = new int[maxRelations];
            entityGradients = new float[maxEntities * entityDim];
            relationGradients = new float[maxRelations * relationDim];
            this.entityDim = entityDim;
            this.relationDim = relationDim;
        }

        /** Forgets the last chunk's slots and zeroes their gradients. */
        void clear() {
            for (int s = 0; s < entityRows; s++) {
                entitySlots[entityIds[s]] = 0;
            }
            for (int s = 0; s < relationRows; s++) {
                relationSlots[relationIds[s]] = 0;
            }
            Arrays.fill(entityGradients, 0, entityRows * entityDim, 0);
            Arrays.fill(relationGradients, 0, relationRows * relationDim, 0);
            entityRows = 0;
            relationRows = 0;
        }

        int entitySlot(int e) {
            if (entitySlots[e] == 0) {
                entityIds[entityRows] = e;
                entitySlots[e] = ++entityRows;
            }
            return entitySlots[e] - 1;
        }

        int relationSlot(int r) {
            if (relationSlots[r] == 0) {
                relationIds[relationRows] = r;
                relationSlots[r] = ++relationRows;
            }
            return relationSlots[r] - 1;
        }
    }
}
