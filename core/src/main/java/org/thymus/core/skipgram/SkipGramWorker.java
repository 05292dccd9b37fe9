package org.thymus.core.skipgram;

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
 * One training thread of skip-gram or CBOW with negative sampling over sequences of ids: the loop
 * of word2vec.c's TrainModelThread on the core's kernels, shared by word2vec (sentences) and graph
 * embeddings (random walks). Skip-gram predicts the centre item from each context item's input
 * vector; CBOW predicts it from the mean of the context's input vectors. Rows are processed over
 * their padded stride, so the kernels never run a scalar tail (the padding is zero and stays zero).
 *
 * <p>The pair handed to the negative sampler is (context item, centre item) in skip-gram and
 * ({@link NegativeSampler#NONE}, centre item) in CBOW, whose input is a mean of several items, and
 * in skip-gram with shared negatives, whose draw serves every context item of the window.
 */
public final class SkipGramWorker implements HogwildTrainer.Worker<SequenceChunk> {
    /**
     * The model a worker trains: input (the embeddings) and output tables, CBOW or skip-gram, the
     * window (a dynamic one, shrunk at random per position as word2vec does), negatives per
     * positive, the keep probability of each id for frequent-item subsampling (null: keep all), and
     * whether skip-gram shares one draw of negatives among the context items of a centre.
     *
     * <p>Shared negatives (after Ji et al. 2016, pWord2Vec): the centre's k negatives are drawn once
     * and every context item of its window steps against them. The work per pair is unchanged, but
     * a window touches k + 1 output rows instead of k + 1 per context item, and draws k negatives
     * instead of k per context item: on random walks (window 10) 6 output rows a centre instead of
     * about 66, which is where the time goes. The sampler is asked for (NONE, centre), as in CBOW,
     * so a sampler that reads its anchor (a guard, hard negatives) cannot be shared.
     */
    public record Settings(EmbeddingTable input, EmbeddingTable output, boolean cbow, int window, int negative,
                           float[] keepProbability, boolean sharedNegatives) {
        public Settings {
            if (window < 1 || negative < 0) {
                throw new IllegalArgumentException("window must be >= 1 and negatives >= 0, got " + window
                        + " and " + negative);
            }
            if (cbow && sharedNegatives) {
                throw new IllegalArgumentException("shared negatives are for skip-gram; CBOW draws once a centre already");
            }
        }

        /** Per-pair negatives, as word2vec.c draws them. */
        public Settings(EmbeddingTable input, EmbeddingTable output, boolean cbow, int window, int negative,
                        float[] keepProbability) {
            this(input, output, cbow, window, negative, keepProbability, false);
        }
    }

    /**
     * Where negatives come from: the sampler drawn from, its base distribution (the reference of
     * the hardness probe), the semantic lists to refresh as training advances (or null), and the
     * report to fill (or null).
     */
    public record Negatives(NegativeSampler sampler, NegativeSampler base, SemanticNeighbors semantic,
                            SamplerReport report) {
        /** A plain sampler: nothing to refresh, no report. */
        public static Negatives of(NegativeSampler sampler) {
            return new Negatives(sampler, sampler, null, null);
        }
    }

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
    private final boolean shared;
    private final int window;
    private final int negative;
    private final int stride;
    private final FastRandom rng;
    private final float[] hidden;
    private final float[] gradient;
    private int[] sentence = new int[1024];
    /** The window {@link #drawWindow} drew: positions [start, end), the centre's included. */
    private int windowStart;
    private int windowEnd;
    /** Skip-gram's targets for one input row: the positive's output row, then the negatives', */
    private final float[][] targetRows;
    private final int[] targetOffsets;
    /** and the score, then the step size, of each. */
    private final float[] steps;
    private double loss;
    private long examples;
    private long draws;
    private double hardnessSum;
    private long probes;

    public SkipGramWorker(Settings settings, Negatives negatives, TrainingProgress progress, FastRandom rng) {
        this.input = settings.input();
        this.output = settings.output();
        this.sampler = negatives.sampler();
        this.base = negatives.base();
        this.semantic = negatives.semantic();
        this.report = negatives.report();
        this.keepProbability = settings.keepProbability();
        this.progress = progress;
        this.cbow = settings.cbow();
        this.shared = settings.sharedNegatives();
        this.window = settings.window();
        this.negative = settings.negative();
        this.stride = input.stride();
        this.rng = rng;
        this.hidden = new float[stride];
        this.gradient = new float[stride];
        this.targetRows = new float[negative + 1][];
        this.targetOffsets = new int[negative + 1];
        this.steps = new float[negative + 1];
    }

    /**
     * word2vec.c's subsampling of frequent items: an item of frequency f = count / total is kept
     * with probability (sqrt(f / t) + 1) * t / f, so items rarer than t are always kept
     * ({@code sample} = t; 0 keeps everything).
     */
    public static float[] keepProbabilities(long[] counts, double sample) {
        float[] keep = new float[counts.length];
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double threshold = sample * total;
        for (int i = 0; i < keep.length; i++) {
            double count = counts[i];
            keep[i] = sample <= 0 || count == 0 ? 1f
                    : (float) Math.min(1.0, (Math.sqrt(count / threshold) + 1) * threshold / count);
        }
        return keep;
    }

    @Override
    public void process(SequenceChunk chunk) {
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
        for (int s = 0; s < chunk.sequences; s++) {
            int to = chunk.sequenceEnds[s];
            int length = subsample(chunk.ids, from, to);
            if (cbow) {
                trainCbow(length, alpha);
            } else {
                trainSkipGram(length, alpha);
            }
            from = to;
        }
        progress.advance(chunk.units, loss, examples);
        if (report != null) {
            report.record(chunk.epoch, draws, hardnessSum, probes);
        }
    }

    /** Copies the kept ids of ids[from..to) into {@link #sentence}, dropping frequent ones at random. */
    private int subsample(int[] ids, int from, int to) {
        if (sentence.length < to - from) {
            sentence = new int[to - from];
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            int w = ids[i];
            float keep = keepProbability == null ? 1f : keepProbability[w];
            if (keep >= 1f || keep > rng.nextFloat()) {
                sentence[n++] = w;
            }
        }
        return n;
    }

    /**
     * word2vec's dynamic window around {@code pos}: a reach drawn uniformly in [1, window], clipped
     * to the sequence; sets [{@link #windowStart}, {@link #windowEnd}).
     */
    private void drawWindow(int pos, int length) {
        int reach = window - rng.nextInt(window);
        windowStart = Math.max(0, pos - reach);
        windowEnd = Math.min(length, pos + reach + 1);
    }

    /**
     * Skip-gram: each context item's input row against the centre's output row and the negatives,
     * drawn for the pair or, with shared negatives, once for the centre.
     */
    private void trainSkipGram(int length, float alpha) {
        int[] words = sentence;
        for (int pos = 0; pos < length; pos++) {
            int centre = words[pos];
            drawWindow(pos, length);
            int targets = shared ? drawTargets(NegativeSampler.NONE, centre, null, 0) : 0;
            for (int c = windowStart; c < windowEnd; c++) {
                if (c == pos) {
                    continue;
                }
                int context = words[c];
                float[] in = input.shard(context);
                int inOff = input.offset(context);
                if (!shared) {
                    targets = drawTargets(context, centre, in, inOff);
                }
                stepAgainstTargets(in, inOff, targets, alpha);
            }
        }
    }

    /**
     * Fills {@link #targetRows} with the positive's output row, then those of the negatives drawn
     * for (anchor, positive) (a draw of the positive or of nothing is skipped); returns how many.
     * With a sampler report, one negative in 2^12 is probed for hardness against {@code in}.
     */
    private int drawTargets(int anchor, int positive, float[] in, int inOff) {
        int m = 0;
        targetRows[m] = output.shard(positive);
        targetOffsets[m++] = output.offset(positive);
        for (int d = 0; d < negative; d++) {
            int target = sampler.sample(anchor, positive, rng);
            if (target != positive && target != NegativeSampler.NONE) {
                if (report != null && in != null && (rng.nextInt() & PROBE_MASK) == 0) {
                    probeHardness(in, inOff, anchor, positive, target);
                }
                targetRows[m] = output.shard(target);
                targetOffsets[m++] = output.offset(target);
            }
        }
        draws += negative;
        return m;
    }

    /**
     * One logistic step of the input row against each of the first {@code m} targets (the first
     * positive): the scores first, then one fused pass that moves the targets and the input row
     * (core's {@link Kernels#dots} and {@link Kernels#stepAgainst}).
     */
    private void stepAgainstTargets(float[] in, int inOff, int m, float alpha) {
        KERNELS.dots(in, inOff, targetRows, targetOffsets, m, stride, steps, 0);
        scoresToSteps(m, alpha);
        KERNELS.stepAgainst(in, inOff, targetRows, targetOffsets, steps, 0, m, stride);
    }

    /**
     * Turns the scores in {@code steps[0..m)} (the first the positive's) into logistic step sizes
     * and counts the example's loss. A saturated pair (|score| at least 6) takes no step, as gensim
     * does (word2vec.c steps with the clipped sigmoid); quality is the same within noise on the
     * benchmark corpus, and it saves updates.
     */
    private void scoresToSteps(int m, float alpha) {
        double pairLoss = 0;
        for (int j = 0; j < m; j++) {
            float f = steps[j];
            boolean positive = j == 0;
            pairLoss -= Sigmoid.logSigmoid(positive ? f : -f);
            steps[j] = f >= Sigmoid.MAX_EXP || f <= -Sigmoid.MAX_EXP ? 0f
                    : ((positive ? 1f : 0f) - Sigmoid.sigmoid(f)) * alpha;
        }
        loss += pairLoss;
        examples++;
    }

    private void trainCbow(int length, float alpha) {
        int[] words = sentence;
        for (int pos = 0; pos < length; pos++) {
            int centre = words[pos];
            drawWindow(pos, length);
            if (windowEnd - windowStart <= 1) {
                continue; // no context
            }
            Arrays.fill(hidden, 0f);
            for (int c = windowStart; c < windowEnd; c++) {
                if (c != pos) {
                    int context = words[c];
                    KERNELS.axpy(1f, input.shard(context), input.offset(context), hidden, 0, stride);
                }
            }
            KERNELS.scale(1f / (windowEnd - windowStart - 1), hidden, 0, stride);
            Arrays.fill(gradient, 0f);
            int m = drawTargets(NegativeSampler.NONE, centre, hidden, 0);
            KERNELS.dots(hidden, 0, targetRows, targetOffsets, m, stride, steps, 0);
            scoresToSteps(m, alpha);
            for (int j = 0; j < m; j++) {
                if (steps[j] != 0f) {
                    KERNELS.accumulateAndUpdate(steps[j], hidden, 0, targetRows[j], targetOffsets[j], gradient, 0,
                            stride);
                }
            }
            for (int c = windowStart; c < windowEnd; c++) {
                if (c != pos) {
                    int context = words[c];
                    KERNELS.axpy(1f, gradient, 0, input.shard(context), input.offset(context), stride);
                }
            }
        }
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
}
