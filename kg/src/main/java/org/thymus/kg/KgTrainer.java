package org.thymus.kg;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.thymus.core.InvalidInputException;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.loss.SelfAdversarialLoss;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.PairSet;
import org.thymus.core.table.EmbeddingTable;

/**
 * Trains a {@link KgModel} on corrupted-triple negatives with the self-adversarial log-sigmoid loss
 * (Sun et al. 2019; core's {@link SelfAdversarialLoss}) and Adagrad on the touched rows only.
 *
 * <p>One example is a positive (h, r, t) and k corruptions of one side, chosen per example by the
 * {@link Corruption} rule; the replacement entities are uniform. All k + 1 triples are scored
 * before any row moves (the adversarial weights compare them), then the gradients of the shared
 * rows (the kept entity and the relation) are summed and each row takes one Adagrad step. Workers
 * take chunks of a shuffled order of the training triples and update the shared tables without
 * locks (Hogwild), as core's trainer does; one thread with a fixed seed is reproducible.
 *
 * <p>Every drawn corruption that is in fact a known triple is counted. With filtering on it is
 * redrawn, up to {@value #MAX_REDRAWS} times, and dropped if still known (the loss then sees fewer
 * negatives); without, it is kept, and the count says how many false negatives the run trained on.
 */
public final class KgTrainer {
    static final int MAX_REDRAWS = 32;
    private static final int CHUNK = 256;
    /** Adagrad's guard against dividing by a zero history. */
    private static final float EPSILON = 1e-10f;

    /** Called after each epoch with its mean loss per positive (for logging or early stopping). */
    @FunctionalInterface
    public interface EpochListener {
        void epochDone(int epoch, double meanLoss);
    }

    /**
     * What a run did.
     *
     * @param knownCorruptions corruptions drawn that were known triples (rejected when filtered)
     * @param droppedNegatives negatives left out after {@value #MAX_REDRAWS} known redraws
     */
    public record Report(int epochs, double seconds, double lastEpochLoss, long negativesDrawn,
                         long knownCorruptions, long droppedNegatives) {
    }

    private final KgModel model;
    private final KnownTriples known;
    private final KgTrainingConfig config;
    private final SelfAdversarialLoss loss;
    private final float[] headProbability;
    private final EmbeddingTable entityHistory;
    private final EmbeddingTable relationHistory;

    /**
     * @param train the positives; also what Bernoulli corruption counts per relation
     * @param known the triples a filtered corruption must avoid and every run counts: the training
     *              triples (filtering by valid or test triples would tell the model which of them are true)
     */
    public KgTrainer(KgModel model, Triples train, KnownTriples known, KgTrainingConfig config) {
        this.model = model;
        this.known = known;
        this.config = config;
        this.loss = new SelfAdversarialLoss(config.temperature(), config.margin());
        this.headProbability = headProbabilities(train, model.relations().rows(), config.corruption());
        this.entityHistory = new EmbeddingTable(model.entities().rows(), model.entities().dim());
        this.relationHistory = new EmbeddingTable(model.relations().rows(), model.relations().dim());
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

    /** Runs every epoch over {@code train}; {@code listener} may be null. */
    public Report train(Triples train, EpochListener listener) {
        int n = train.size();
        int chunks = (n + CHUNK - 1) / CHUNK;
        int threads = config.threads();
        long[] drawn = new long[threads];
        long[] knownDrawn = new long[threads];
        long[] dropped = new long[threads];
        double lastLoss = Double.NaN;
        long start = System.nanoTime();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            shuffle(order, new FastRandom(config.seed() * 31 + epoch));
            double[] lossSums = new double[threads];
            AtomicInteger next = new AtomicInteger();
            int epochIndex = epoch;
            Parallel.run(threads, w -> {
                Worker worker = new Worker(FastRandom.forWorker(config.seed() + 0x9E37L * epochIndex, w));
                int c;
                while ((c = next.getAndIncrement()) < chunks) {
                    for (int j = c * CHUNK; j < Math.min(n, (c + 1) * CHUNK); j++) {
                        int i = order[j];
                        lossSums[w] += worker.step(train.head(i), train.relation(i), train.tail(i));
                    }
                }
                drawn[w] += worker.drawn;
                knownDrawn[w] += worker.knownDraws;
                dropped[w] += worker.dropped;
            });
            lastLoss = Arrays.stream(lossSums).sum() / n;
            if (!Double.isFinite(lastLoss)) {
                throw new InvalidInputException("training diverged in epoch " + (epoch + 1) + " (loss "
                        + lastLoss + "): lower the learning rate");
            }
            if (listener != null) {
                listener.epochDone(epoch + 1, lastLoss);
            }
        }
        return new Report(config.epochs(), (System.nanoTime() - start) / 1e9, lastLoss,
                Arrays.stream(drawn).sum(), Arrays.stream(knownDrawn).sum(), Arrays.stream(dropped).sum());
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
        /** candidates[0] is the positive's entity on the corrupted side, then the negatives. */
        private final int[] candidates = new int[config.negatives() + 1];
        private final float[] negativeScores = new float[config.negatives()];
        private final float[] gradients = new float[config.negatives() + 1];
        private final float[] keptGradient = new float[entityDim];
        private final float[] relationGradient = new float[model.relations().dim()];
        private final float[] candidateGradients = new float[(config.negatives() + 1) * entityDim];
        long drawn;
        long knownDraws;
        long dropped;

        Worker(FastRandom rng) {
            this.rng = rng;
        }

        /** Trains on one positive; returns its loss. */
        double step(int h, int r, int t) {
            boolean corruptHead = rng.nextFloat() < headProbability[r];
            int kept = corruptHead ? t : h;
            candidates[0] = corruptHead ? h : t;
            int k = 0;
            for (int j = 0; j < config.negatives(); j++) {
                int e = draw(corruptHead, kept, r);
                if (e >= 0) {
                    candidates[++k] = e;
                }
            }
            float positive = model.score(h, r, t);
            // The negatives share the positive's query, combined once for all k of them.
            if (corruptHead) {
                model.scoreHeads(r, t, candidates, 1, k, negativeScores);
            } else {
                model.scoreTails(h, r, candidates, 1, k, negativeScores);
            }
            float value = loss.lossAndGradients(positive, negativeScores, k, null, gradients);
            Arrays.fill(keptGradient, 0);
            Arrays.fill(relationGradient, 0);
            Arrays.fill(candidateGradients, 0, (k + 1) * entityDim, 0);
            for (int j = 0; j <= k; j++) {
                int off = j * entityDim;
                if (corruptHead) {
                    model.addGradients(candidates[j], r, t, gradients[j], candidateGradients, off,
                            relationGradient, 0, keptGradient, 0);
                } else {
                    model.addGradients(h, r, candidates[j], gradients[j], keptGradient, 0,
                            relationGradient, 0, candidateGradients, off);
                }
            }
            adagrad(model.entities(), entityHistory, kept, keptGradient, 0);
            adagrad(model.relations(), relationHistory, r, relationGradient, 0);
            for (int j = 0; j <= k; j++) {
                adagrad(model.entities(), entityHistory, candidates[j], candidateGradients, j * entityDim);
            }
            return value;
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

        /** x −= lr · g / √(Σ g²), coordinate-wise, on one row. */
        private void adagrad(EmbeddingTable table, EmbeddingTable history, int row, float[] g, int gOff) {
            float[] xs = table.shard(row);
            int xo = table.offset(row);
            float[] hs = history.shard(row);
            int ho = history.offset(row);
            float lr = config.learningRate();
            for (int i = 0; i < table.dim(); i++) {
                float gi = g[gOff + i];
                float acc = hs[ho + i] + gi * gi;
                hs[ho + i] = acc;
                xs[xo + i] -= lr * gi / ((float) Math.sqrt(acc) + EPSILON);
            }
        }
    }
}
