package org.thymus.text;

import java.util.Arrays;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.kernel.Sigmoid;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.sampler.SamplerReport;
import org.thymus.core.sampler.SemanticNeighbors;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.train.HogwildTrainer;
import org.thymus.core.train.TrainingProgress;

/**
 * One training thread of word2vec with negative sampling: the loop of word2vec.c's TrainModelThread
 * on the core's kernels. Skip-gram predicts the centre word from each context word's input vector;
 * CBOW predicts it from the mean of the context's input vectors. Rows are processed over their
 * padded stride, so the kernels never run a scalar tail (the padding is zero and stays zero).
 *
 * <p>The pair handed to the negative sampler is (context word, centre word) in skip-gram and
 * ({@link NegativeSampler#NONE}, centre word) in CBOW, whose input is a mean of several words.
 */
final class Word2VecWorker implements HogwildTrainer.Worker<TokenChunk> {
    private static final Kernels KERNELS = Kernels.get();
    /** One negative in 2^12 is probed for hardness when a sampler report is kept. */
    private static final int PROBE_MASK = (1 << 12) - 1;
    /** Size of the reference set a probed negative's score is ranked in. */
    private static final int PROBE_REFERENCES = 32;

    private final EmbeddingTable input;
    private final EmbeddingTable output;
    private final NegativeSampler sampler;
    private final NegativeSampler base;
    private final SemanticNeighbors semantic;
    private final SamplerReport report;
    private final float[] referenceScores = new float[PROBE_REFERENCES];
    private final float[] keepProbability;
    private final TrainingProgress progress;
    private final boolean cbow;
    private final int window;
    private final int negative;
    private final int stride;
    private final FastRandom rng;
    private final float[] hidden;
    private final float[] gradient;
    private int[] sentence = new int[Word2VecConfig.MAX_SENTENCE_LENGTH];
    private double loss;
    private long examples;
    private long draws;
    private double hardnessSum;
    private long probes;

    Word2VecWorker(EmbeddingTable input, EmbeddingTable output, Word2VecNegatives negatives,
                   float[] keepProbability, TrainingProgress progress, Word2VecConfig config,
                   FastRandom rng) {
        this.input = input;
        this.output = output;
        this.sampler = negatives.sampler();
        this.base = negatives.base();
        this.semantic = negatives.semantic();
        this.report = negatives.report();
        this.keepProbability = keepProbability;
        this.progress = progress;
        this.cbow = config.cbow();
        this.window = config.window();
        this.negative = config.negative();
        this.stride = input.stride();
        this.rng = rng;
        this.hidden = new float[stride];
        this.gradient = new float[stride];
    }

    @Override
    public void process(TokenChunk chunk) {
        if (semantic != null) {
            semantic.refreshIfDue(progress.unitsDone());
        }
        if (report != null) {
            report.epochSeen(chunk.epoch);
        }
        float alpha = progress.learningRate();
        loss = 0;
        examples = 0;
        draws = 0;
        hardnessSum = 0;
        probes = 0;
        int from = 0;
        for (int s = 0; s < chunk.sentences; s++) {
            int to = chunk.sentenceEnds[s];
            int length = subsample(chunk.ids, from, to);
            if (cbow) {
                trainCbow(length, alpha);
            } else {
                trainSkipGram(length, alpha);
            }
            from = to;
        }
        progress.advance(chunk.tokens, loss, examples);
        if (report != null) {
            report.record(chunk.epoch, draws, hardnessSum, probes);
        }
    }

    /** Copies the kept words of ids[from..to) into {@link #sentence}, dropping frequent words at random. */
    private int subsample(int[] ids, int from, int to) {
        if (sentence.length < to - from) {
            sentence = new int[to - from];
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            int w = ids[i];
            float keep = keepProbability[w];
            if (keep >= 1f || keep > rng.nextFloat()) {
                sentence[n++] = w;
            }
        }
        return n;
    }

    private void trainSkipGram(int length, float alpha) {
        int[] words = sentence;
        for (int pos = 0; pos < length; pos++) {
            int centre = words[pos];
            int reduced = rng.nextInt(window);
            int lo = Math.max(0, pos - window + reduced);
            int hi = Math.min(length, pos + window - reduced + 1);
            for (int c = lo; c < hi; c++) {
                if (c == pos) {
                    continue;
                }
                int context = words[c];
                float[] in = input.shard(context);
                int inOff = input.offset(context);
                Arrays.fill(gradient, 0f);
                contrast(in, inOff, context, centre, alpha);
                KERNELS.axpy(1f, gradient, 0, in, inOff, stride);
            }
        }
    }

    private void trainCbow(int length, float alpha) {
        int[] words = sentence;
        for (int pos = 0; pos < length; pos++) {
            int centre = words[pos];
            int reduced = rng.nextInt(window);
            int lo = Math.max(0, pos - window + reduced);
            int hi = Math.min(length, pos + window - reduced + 1);
            if (hi - lo <= 1) {
                continue; // no context
            }
            Arrays.fill(hidden, 0f);
            for (int c = lo; c < hi; c++) {
                if (c != pos) {
                    int context = words[c];
                    KERNELS.axpy(1f, input.shard(context), input.offset(context), hidden, 0, stride);
                }
            }
            KERNELS.scale(1f / (hi - lo - 1), hidden, 0, stride);
            Arrays.fill(gradient, 0f);
            contrast(hidden, 0, NegativeSampler.NONE, centre, alpha);
            for (int c = lo; c < hi; c++) {
                if (c != pos) {
                    int context = words[c];
                    KERNELS.axpy(1f, gradient, 0, input.shard(context), input.offset(context), stride);
                }
            }
        }
    }

    /**
     * One positive and {@code negative} sampled negatives for the hidden vector {@code in}: updates
     * their output rows and accumulates the gradient for {@code in} into {@link #gradient}.
     */
    private void contrast(float[] in, int inOff, int anchor, int positive, float alpha) {
        double pairLoss = step(in, inOff, positive, true, alpha);
        for (int d = 0; d < negative; d++) {
            int target = sampler.sample(anchor, positive, rng);
            if (target != positive && target != NegativeSampler.NONE) {
                if (report != null && (rng.nextInt() & PROBE_MASK) == 0) {
                    probeHardness(in, inOff, anchor, positive, target);
                }
                pairLoss += step(in, inOff, target, false, alpha);
            }
        }
        draws += negative;
        loss += pairLoss;
        examples++;
    }

    /** Ranks the negative's score among the scores of base-distribution draws for the same input. */
    private void probeHardness(float[] in, int inOff, int anchor, int positive, int target) {
        float score = KERNELS.dot(in, inOff, output.shard(target), output.offset(target), stride);
        for (int i = 0; i < PROBE_REFERENCES; i++) {
            int reference = base.sample(anchor, positive, rng);
            referenceScores[i] = KERNELS.dot(in, inOff, output.shard(reference), output.offset(reference), stride);
        }
        hardnessSum += SamplerReport.percentile(score, referenceScores, PROBE_REFERENCES);
        probes++;
    }

    /** One logistic step on (in, output[target]); returns its loss. */
    private float step(float[] in, int inOff, int target, boolean positive, float alpha) {
        float[] out = output.shard(target);
        int outOff = output.offset(target);
        float f = KERNELS.dot(in, inOff, out, outOff, stride);
        float stepLoss = -Sigmoid.logSigmoid(positive ? f : -f);
        if (f >= Sigmoid.MAX_EXP || f <= -Sigmoid.MAX_EXP) {
            // Saturated: no update, as gensim does (word2vec.c steps with the clipped sigmoid).
            // Quality is the same within noise on the benchmark corpus, and it saves updates.
            return stepLoss;
        }
        float g = ((positive ? 1f : 0f) - Sigmoid.sigmoid(f)) * alpha;
        KERNELS.accumulateAndUpdate(g, in, inOff, out, outOff, gradient, 0, stride);
        return stepLoss;
    }
}
