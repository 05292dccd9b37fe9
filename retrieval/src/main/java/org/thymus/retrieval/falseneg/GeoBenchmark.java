package org.thymus.retrieval.falseneg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.loss.ContrastiveLoss;
import org.thymus.core.loss.DebiasedContrastiveLoss;
import org.thymus.core.loss.SampledSoftmaxLoss;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.BandSampler;
import org.thymus.core.sampler.ExclusionGuard;
import org.thymus.core.sampler.ExclusionPredicate;
import org.thymus.core.sampler.GuardedSampler;
import org.thymus.core.sampler.MixtureSampler;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.sampler.StratifiedSampler;
import org.thymus.core.sampler.UnigramSampler;
import org.thymus.core.table.EmbeddingTable;

/**
 * Setting 2 of the false-negative benchmarks: place embeddings learned from co-visits (skip-gram
 * pairs within a window of each user's visit sequence) with four kinds of negatives, all trained
 * with the same cosine sampled-softmax objective so that only the negatives differ:
 * <ul>
 *   <li>{@code random}: places by visit count^0.75 (word2vec's unigram);</li>
 *   <li>{@code nearby}: a share of the negatives among the anchor's nearest places on the map
 *       (core {@link BandSampler} over the k nearest, mixed in by {@link MixtureSampler}): hard,
 *       they take the neighbourhood out of the vectors, but a place's nearest places are often of
 *       its own category (its street), i.e. false negatives;</li>
 *   <li>{@code nearby+radius}: the same with an exclusion radius ({@link ExclusionGuard} in a
 *       {@link GuardedSampler}): no negative within the radius of the anchor;</li>
 *   <li>{@code neighbourhood}: the same share of hard negatives drawn instead within the anchor's
 *       neighbourhood (core {@link StratifiedSampler}, by visit count^0.75): the confounder as
 *       a stratum rather than distance as a rank;</li>
 *   <li>{@code nearby+debiased}, {@code nearby+radius+debiased}: the negatives of {@code nearby}
 *       or {@code nearby+radius} with the debiased contrastive loss
 *       ({@link DebiasedContrastiveLoss}) whose prior tau+ is estimated from a small labelled
 *       audit of the sampler (5 % of places).</li>
 * </ul>
 * The truth (category) is read only to measure: the false-negative counter and the probes.
 */
final class GeoBenchmark {
    private static final Kernels KERNELS = Kernels.get();

    /** The negatives of one arm of the comparison, and whether its loss is the debiased one. */
    enum Arm {
        RANDOM("random", false), NEARBY("nearby", false), NEARBY_RADIUS("nearby+radius", false),
        NEIGHBOURHOOD("neighbourhood", false), NEARBY_DEBIASED("nearby+debiased", true),
        NEARBY_RADIUS_DEBIASED("nearby+radius+debiased", true);

        final String label;
        final boolean debiased;

        Arm(String label, boolean debiased) {
            this.label = label;
            this.debiased = debiased;
        }
    }

    /**
     * Training settings shared by every arm.
     *
     * @param nearbyFraction  share of negatives drawn among the nearby places
     * @param nearbyPool      how many nearest places a hard negative is drawn from
     * @param exclusionRadius the guard's radius, in map units (the map is the unit square)
     * @param auditShare      share of places whose category a practitioner labels to estimate tau+
     */
    record Settings(int dim, int window, int negatives, int epochs, float temperature, float learningRate,
                    double nearbyFraction, int nearbyPool, double exclusionRadius, double auditShare) {
        /** dim 32, window 2, 10 negatives, 5 epochs, t 0.2, rate 0.05; half nearby among the 30 nearest; radius 0.06. */
        static Settings defaults() {
            return new Settings(32, 2, 10, 5, 0.2f, 0.05f, 0.5, 30, 0.06, 0.05);
        }

        /** These settings with another temperature and number of negatives (null keeps the value). */
        Settings with(Float newTemperature, Integer newNegatives) {
            return new Settings(dim, window, newNegatives == null ? negatives : newNegatives, epochs,
                    newTemperature == null ? temperature : newTemperature, learningRate, nearbyFraction, nearbyPool,
                    exclusionRadius, auditShare);
        }

        /** Dim 16, 5 negatives, 3 epochs, the 12 nearest: for {@link GeoWorld.Settings#small()}. */
        static Settings small() {
            return new Settings(16, 2, 5, 3, 0.2f, 0.05f, 0.5, 12, 0.06, 0.1);
        }
    }

    private GeoBenchmark() {
    }

    /** The figures of one untrained embedding (the arms' common starting point): the reference row. */
    static Map<String, Double> untrained(GeoWorld world, Settings s, long seed) {
        EmbeddingTable in = initialTable(world.places(), s.dim(), seed);
        Map<String, Double> figures = probe(world, in, seed);
        figures.put("false_negative_rate", Double.NaN);
        figures.put("tau_plus", Double.NaN);
        figures.put("silenced_share", Double.NaN);
        figures.put("train_seconds", 0.0);
        return figures;
    }

    /** Trains the arm on the world from the seed's initial vectors and measures the result. */
    static Map<String, Double> run(GeoWorld world, Arm arm, Settings s, long seed) {
        int places = world.places();
        ExclusionPredicate sameCategory = (anchor, positive, candidate) ->
                world.category[anchor] == world.category[candidate];
        NegativeSampler unigram = new UnigramSampler(world.visitCounts(), 0.75);
        NegativeSampler nearby = new MixtureSampler(unigram,
                List.of(BandSampler.ofAnchor(world.nearestPlaces(s.nearbyPool()), 0, s.nearbyPool())),
                new double[] {s.nearbyFraction()});
        NegativeSampler chosen = switch (arm) {
            case RANDOM -> unigram;
            case NEARBY, NEARBY_DEBIASED -> nearby;
            case NEARBY_RADIUS, NEARBY_RADIUS_DEBIASED -> new GuardedSampler(nearby, List.of(new ExclusionGuard("radius",
                    (anchor, positive, candidate) -> world.distance(anchor, candidate) < s.exclusionRadius())), 20);
            case NEIGHBOURHOOD -> new MixtureSampler(unigram, List.of(new StratifiedSampler(world.neighbourhood,
                    weights(world.visitCounts(), 0.75), world.neighbourhood)), new double[] {s.nearbyFraction()});
        };
        FastRandom rng = new FastRandom(seed * 31 + arm.ordinal());
        double tauPlus = Double.NaN;
        ContrastiveLoss loss = new SampledSoftmaxLoss(s.temperature());
        if (arm.debiased) {
            int audited = Math.max(1, (int) Math.round(s.auditShare() * places));
            int[] anchors = java.util.Arrays.copyOf(rng.permutation(places), audited);
            tauPlus = FalseNegativeCounter.auditedPrior(chosen, anchors, 50, sameCategory, rng);
            loss = new DebiasedContrastiveLoss(s.temperature(), (float) Math.min(tauPlus, 0.9));
        }
        FalseNegativeCounter counter = new FalseNegativeCounter(chosen, sameCategory);
        EmbeddingTable in = initialTable(places, s.dim(), seed);
        EmbeddingTable out = initialTable(places, s.dim(), seed + 7919);
        long start = System.nanoTime();
        double silenced = train(world, in, out, counter, loss, s, rng);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> figures = probe(world, in, seed);
        figures.put("false_negative_rate", counter.rate());
        figures.put("tau_plus", tauPlus);
        figures.put("silenced_share", silenced);
        figures.put("train_seconds", seconds);
        return figures;
    }

    private static double[] weights(long[] counts, double exponent) {
        double[] w = new double[counts.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.pow(counts[i], exponent);
        }
        return w;
    }

    /** Rows uniform in [-0.5, 0.5): a random start of norm about sqrt(dim / 12), as cosines want. */
    static EmbeddingTable initialTable(int rows, int dim, long seed) {
        EmbeddingTable table = new EmbeddingTable(rows, dim);
        table.fillUniform(seed, -0.5f, 0.5f);
        return table;
    }

    /**
     * Skip-gram over the visit sequences: each (centre, context) pair within the window is an
     * example. Returns the share of examples whose negatives the loss silenced ({@link CosineContrast#silencedShare}).
     */
    static double train(GeoWorld world, EmbeddingTable in, EmbeddingTable out, NegativeSampler sampler,
                      ContrastiveLoss loss, Settings s, FastRandom rng) {
        int stride = in.stride();
        CosineContrast contrast = new CosineContrast(loss, stride, s.negatives());
        float[] candidates = new float[(s.negatives() + 1) * stride];
        float[] candidateGradients = new float[candidates.length];
        float[] anchorGradient = new float[stride];
        int[] ids = new int[s.negatives() + 1];
        int[][] sequences = world.visits;
        long total = (long) s.epochs() * sequences.length;
        long done = 0;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            int[] order = rng.permutation(sequences.length);
            for (int u : order) {
                float rate = (float) Math.max(s.learningRate() * 1e-2, s.learningRate() * (1 - (double) done++ / total));
                int[] seq = sequences[u];
                for (int pos = 0; pos < seq.length; pos++) {
                    int centre = seq[pos];
                    for (int c = Math.max(0, pos - s.window()); c <= Math.min(seq.length - 1, pos + s.window()); c++) {
                        int context = seq[c];
                        if (c == pos || context == centre) {
                            continue;
                        }
                        ids[0] = context;
                        out.copyRow(context, candidates, 0);
                        int k = 0;
                        for (int d = 0; d < s.negatives(); d++) {
                            int negative = sampler.sample(centre, context, rng);
                            if (negative == NegativeSampler.NONE || negative == context) {
                                continue;
                            }
                            ids[++k] = negative;
                            out.copyRow(negative, candidates, k * stride);
                        }
                        contrast.apply(in.shard(centre), in.offset(centre), candidates, k, anchorGradient,
                                candidateGradients);
                        KERNELS.axpy(-rate, anchorGradient, 0, in.shard(centre), in.offset(centre), stride);
                        for (int j = 0; j <= k; j++) {
                            KERNELS.axpy(-rate, candidateGradients, j * stride, out.shard(ids[j]), out.offset(ids[j]), stride);
                        }
                    }
                }
            }
        }
        return contrast.silencedShare();
    }

    /** Category recovery and confounding leakage of the place vectors {@code in}. */
    static Map<String, Double> probe(GeoWorld world, EmbeddingTable in, long seed) {
        int places = world.places();
        int dim = in.dim();
        float[] rows = new float[places * dim];
        for (int p = 0; p < places; p++) {
            in.copyRow(p, rows, p * dim);
        }
        float[] unit = EmbeddingProbes.unitRows(rows, dim);
        Map<String, Double> figures = new LinkedHashMap<>();
        EmbeddingProbes.Retrieval all = EmbeddingProbes.sameLabelRetrieval(unit, dim, world.category, 10, (q, c) -> true);
        EmbeddingProbes.Retrieval cross = EmbeddingProbes.sameLabelRetrieval(unit, dim, world.category, 10,
                (q, c) -> world.neighbourhood[q] != world.neighbourhood[c]);
        figures.put("category_ndcg10", all.ndcg());
        figures.put("category_ndcg10_cross_neighbourhood", cross.ndcg());
        figures.put("category_accuracy", EmbeddingProbes.crossValidatedAccuracy(unit, dim, world.category,
                world.settings.categories(), 5, seed));
        figures.put("neighbourhood_accuracy", EmbeddingProbes.crossValidatedAccuracy(unit, dim, world.neighbourhood,
                world.settings.neighbourhoods(), 5, seed));
        EmbeddingProbes.DistanceLeakage leakage = EmbeddingProbes.distanceLeakage(unit, dim, world.x, world.y,
                world.category, 5000, seed);
        figures.put("distance_rho_same_category", leakage.sameLabel());
        figures.put("distance_rho_other_category", leakage.otherLabel());
        return figures;
    }
}
