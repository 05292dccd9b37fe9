package org.thymus.kg;

import java.util.Arrays;
import org.thymus.core.optim.RowOptimizer;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.SoftmaxPolicy;

/**
 * The generator of KBGAN (Cai and Wang 2018): a small knowledge-graph model of its own (its own
 * tables, typically DistMult or TransE at a low dimension) that proposes the negatives of the
 * model being trained (the discriminator). For each positive it scores a uniform candidate set of C
 * corruptions and the k negatives are drawn from the softmax of those scores, so it offers the
 * corruptions it finds plausible. It learns by REINFORCE (core's {@link SoftmaxPolicy}): the reward
 * of a drawn negative is the discriminator's score of it (a negative the discriminator finds
 * plausible is a hard one, the kind worth proposing), less a moving-average baseline.
 *
 * <p>The tables are shared by all workers and updated without locks (Hogwild), as the
 * discriminator's are; each worker draws through its own {@link Proposer}.
 */
public final class AdversarialGenerator {
    private final KgModel model;
    private final int candidates;
    private final float baselineDecay;
    private final RowOptimizer entityOptimizer;
    private final RowOptimizer relationOptimizer;

    /**
     * @param model         the generator's own model (not the discriminator)
     * @param candidates    C, the uniform corruptions scored per positive
     * @param learningRate  Adagrad's rate for the generator's rows
     * @param baselineDecay weight of the old reward baseline in each update, in [0, 1)
     */
    public AdversarialGenerator(KgModel model, int candidates, float learningRate, float baselineDecay) {
        if (candidates < 1) {
            throw new IllegalArgumentException("generator candidates must be >= 1, got " + candidates);
        }
        if (!(baselineDecay >= 0 && baselineDecay < 1)) {
            throw new IllegalArgumentException("baseline decay must be in [0, 1), got " + baselineDecay);
        }
        this.model = model;
        this.candidates = candidates;
        this.baselineDecay = baselineDecay;
        this.entityOptimizer = RowOptimizer.adagrad(model.entities(), learningRate);
        this.relationOptimizer = RowOptimizer.adagrad(model.relations(), learningRate);
    }

    public KgModel model() {
        return model;
    }

    public int candidates() {
        return candidates;
    }

    /**
     * Trains the generator on its own for a few epochs (uniform negatives, the trainer's default
     * self-adversarial loss), so that its first proposals already favour plausible corruptions.
     */
    public KgTrainer.Report pretrain(Triples train, KnownTriples known, KgTrainingConfig config) {
        return new KgTrainer(model, train, known, config).train(train, null);
    }

    /** A new worker's proposer (one per thread). */
    public Proposer proposer() {
        return new Proposer();
    }

    /** One worker's proposals and REINFORCE updates: not thread-safe. */
    public final class Proposer {
        private final SoftmaxPolicy policy = new SoftmaxPolicy(candidates, baselineDecay);
        private final float[] logits = new float[candidates];
        private final float[] logitGradients = new float[candidates];
        private final int entityDim = model.entities().dim();
        private final float[] keptGradient = new float[entityDim];
        private final float[] relationGradient = new float[model.relations().dim()];
        private final float[] candidateGradients = new float[candidates * entityDim];
        /** Where candidate j's gradient starts in candidateGradients: j · entityDim. */
        private final int[] candidateOffsets = new int[candidates];
        private final KgModel.Scratch scratch = new KgModel.Scratch();
        private int[] ids;
        private int count;
        private boolean corruptHead;
        private int head;
        private int relation;
        private int tail;

        private Proposer() {
            for (int j = 0; j < candidates; j++) {
                candidateOffsets[j] = j * entityDim;
            }
        }

        /**
         * Scores the candidate entities {@code ids[0..count)} as replacements of the head
         * ({@code corruptHead}) or the tail of (h, r, t) and sets the sampling distribution to
         * their softmax. {@code ids} is read again by {@link #learn}: keep it unchanged till then.
         */
        public void propose(boolean corruptHead, int h, int r, int t, int[] ids, int count) {
            if (corruptHead) {
                model.scoreHeads(r, t, ids, 0, count, logits, scratch);
            } else {
                model.scoreTails(h, r, ids, 0, count, logits, scratch);
            }
            policy.setLogits(logits, count);
            this.ids = ids;
            this.count = count;
            this.corruptHead = corruptHead;
            this.head = h;
            this.relation = r;
            this.tail = t;
        }

        /** An index into the proposed candidates, drawn from the softmax. */
        public int sample(FastRandom rng) {
            return policy.sample(rng);
        }

        /** The probability that {@link #sample} returns index j. */
        public float probability(int j) {
            return policy.probability(j);
        }

        /**
         * One REINFORCE step on the last proposal: {@code drawn[s]} is the candidate index of draw s
         * and {@code rewards[s]} its reward. Moves the generator's rows (the kept entity, the
         * relation, every candidate) by d loss / d logit through the model's gradients.
         */
        public void learn(int[] drawn, float[] rewards, int draws) {
            policy.reinforce(drawn, rewards, draws, logitGradients);
            Arrays.fill(keptGradient, 0);
            Arrays.fill(relationGradient, 0);
            Arrays.fill(candidateGradients, 0, count * entityDim, 0);
            int kept = corruptHead ? tail : head;
            model.addCorruptionGradients(corruptHead, kept, relation, ids, logitGradients, count, keptGradient, 0,
                    relationGradient, 0, candidateGradients, candidateOffsets, scratch);
            entityOptimizer.step(kept, keptGradient, 0);
            relationOptimizer.step(relation, relationGradient, 0);
            for (int j = 0; j < count; j++) {
                entityOptimizer.step(ids[j], candidateGradients, j * entityDim);
            }
        }
    }
}
