package org.thymus.retrieval.falseneg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.thymus.core.loss.ContrastiveLoss;
import org.thymus.core.loss.DebiasedContrastiveLoss;
import org.thymus.core.loss.SampledSoftmaxLoss;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.ExclusionGuard;
import org.thymus.core.sampler.ExclusionPredicate;
import org.thymus.core.sampler.GuardedSampler;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.sampler.StratifiedSampler;
import org.thymus.core.sampler.UniformSampler;
import org.thymus.core.table.EmbeddingTable;

/**
 * Setting 3 of the false-negative benchmarks: a record encoder ({@link MeanBagEncoder}) trained
 * with InfoNCE on pairs of visits of one patient, negatives being visits of other patients drawn
 * <ul>
 *   <li>{@code global}: uniformly over every visit;</li>
 *   <li>{@code hospital}: uniformly within the anchor's hospital (core {@link StratifiedSampler}),
 *       so the hospital's own codes cannot tell the positive from a negative;</li>
 * </ul>
 * each with the plain loss (core {@link SampledSoftmaxLoss}) or with the positive-unlabeled
 * correction (core {@link DebiasedContrastiveLoss}) whose prior tau+ is estimated from a small
 * labelled audit (5 % of patients): the share of the arm's negatives that share the anchor's
 * condition. A negative is never a visit of the anchor's own patient (an {@link ExclusionGuard}).
 * The truth (conditions, comorbidities) is read only by the counters and the probes.
 */
final class ClinicBenchmark {

    /** The negatives and loss of one arm. */
    enum Arm {
        GLOBAL("global", false, false), HOSPITAL("hospital", true, false),
        GLOBAL_DEBIASED("global+debiased", false, true), HOSPITAL_DEBIASED("hospital+debiased", true, true);

        final String label;
        final boolean stratified;
        final boolean debiased;

        Arm(String label, boolean stratified, boolean debiased) {
            this.label = label;
            this.stratified = stratified;
            this.debiased = debiased;
        }
    }

    /** Training settings shared by every arm. */
    record Settings(int dim, int negatives, int epochs, float temperature, float learningRate, double auditShare) {
        /**
         * dim 32, 10 negatives, 8 epochs, t 0.5, rate 0.3, 5 % audited. At t 0.2 the debiased loss
         * with 10 negatives hits its clamp once the positive's cosine nears 1 (tau+ k e^{1/t}
         * outweighs the negatives' sum) and stops pushing negatives at all; t 0.5 is the
         * temperature of Chuang et al.'s experiments.
         */
        static Settings defaults() {
            return new Settings(32, 10, 8, 0.5f, 0.3f, 0.05);
        }

        /** These settings with another temperature and number of negatives (null keeps the value). */
        Settings with(Float newTemperature, Integer newNegatives) {
            return new Settings(dim, newNegatives == null ? negatives : newNegatives, epochs,
                    newTemperature == null ? temperature : newTemperature, learningRate, auditShare);
        }

        /** Dim 16, 8 negatives, 6 epochs: for {@link ClinicWorld.Settings#small()}. */
        static Settings small() {
            return new Settings(16, 8, 6, 0.5f, 0.3f, 0.1);
        }
    }

    private ClinicBenchmark() {
    }

    /** The figures of the untrained encoder (the arms' common start). */
    static Map<String, Double> untrained(ClinicWorld world, Settings s, long seed) {
        Map<String, Double> figures = probe(world, new MeanBagEncoder(initialTable(world, s, seed)), seed);
        figures.put("false_negative_rate_condition", Double.NaN);
        figures.put("false_negative_rate_comorbidity", Double.NaN);
        figures.put("tau_plus", Double.NaN);
        figures.put("silenced_share", Double.NaN);
        figures.put("train_seconds", 0.0);
        return figures;
    }

    /** Trains the arm from the seed's initial code vectors and measures the result. */
    static Map<String, Double> run(ClinicWorld world, Arm arm, Settings s, long seed) {
        int visits = world.visits();
        int[] hospitalOfVisit = new int[visits];
        for (int v = 0; v < visits; v++) {
            hospitalOfVisit[v] = world.hospitalOfVisit(v);
        }
        NegativeSampler base = arm.stratified
                ? new StratifiedSampler(hospitalOfVisit, uniformWeights(visits), hospitalOfVisit)
                : new UniformSampler(visits);
        NegativeSampler guarded = new GuardedSampler(base, List.of(new ExclusionGuard("same-patient",
                (anchor, positive, candidate) -> world.patientOfVisit[anchor] == world.patientOfVisit[candidate])), 20);
        ExclusionPredicate sameCondition = (anchor, positive, candidate) -> world.sameCondition(anchor, candidate);
        FastRandom rng = new FastRandom(seed * 31 + arm.ordinal());
        double tauPlus = Double.NaN;
        ContrastiveLoss loss = new SampledSoftmaxLoss(s.temperature());
        if (arm.debiased) {
            int audited = Math.max(1, (int) Math.round(s.auditShare() * world.patients()));
            int[] patients = rng.permutation(world.patients());
            int[] anchors = new int[audited];
            for (int i = 0; i < audited; i++) {
                anchors[i] = world.visit(patients[i], 0);
            }
            tauPlus = FalseNegativeCounter.auditedPrior(guarded, anchors, 50, sameCondition, rng);
            loss = new DebiasedContrastiveLoss(s.temperature(), (float) Math.min(tauPlus, 0.9));
        }
        FalseNegativeCounter conditionCounter = new FalseNegativeCounter(guarded, sameCondition);
        FalseNegativeCounter comorbidityCounter = new FalseNegativeCounter(conditionCounter,
                (anchor, positive, candidate) -> world.shareComorbidity(anchor, candidate));
        MeanBagEncoder encoder = new MeanBagEncoder(initialTable(world, s, seed));
        long start = System.nanoTime();
        double silenced = train(world, encoder, comorbidityCounter, loss, s, rng);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> figures = probe(world, encoder, seed);
        figures.put("false_negative_rate_condition", conditionCounter.rate());
        figures.put("false_negative_rate_comorbidity", comorbidityCounter.rate());
        figures.put("tau_plus", tauPlus);
        figures.put("silenced_share", silenced);
        figures.put("train_seconds", seconds);
        return figures;
    }

    private static double[] uniformWeights(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }

    static EmbeddingTable initialTable(ClinicWorld world, Settings s, long seed) {
        return GeoBenchmark.initialTable(world.settings.codes(), s.dim(), seed);
    }

    /**
     * Each epoch, every visit in random order is an anchor, its positive another visit of its
     * patient. Returns the share of examples whose negatives the loss silenced.
     */
    static double train(ClinicWorld world, MeanBagEncoder encoder, NegativeSampler sampler, ContrastiveLoss loss,
                      Settings s, FastRandom rng) {
        int stride = encoder.stride();
        CosineContrast contrast = new CosineContrast(loss, stride, s.negatives());
        float[] anchorVector = new float[stride];
        float[] anchorGradient = new float[stride];
        float[] candidates = new float[(s.negatives() + 1) * stride];
        float[] candidateGradients = new float[candidates.length];
        int[] ids = new int[s.negatives() + 1];
        int[] start = world.visitStart;
        int perPatient = world.settings.visitsPerPatient();
        long total = (long) s.epochs() * world.visits();
        long done = 0;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int anchor : rng.permutation(world.visits())) {
                float rate = (float) Math.max(s.learningRate() * 1e-2, s.learningRate() * (1 - (double) done++ / total));
                int patient = world.patientOfVisit[anchor];
                int other = rng.nextInt(perPatient - 1);
                int positive = world.visit(patient, other >= anchor - world.visit(patient, 0) ? other + 1 : other);
                encoder.encode(world.codes, start[anchor], start[anchor + 1], anchorVector, 0);
                ids[0] = positive;
                encoder.encode(world.codes, start[positive], start[positive + 1], candidates, 0);
                int k = 0;
                for (int d = 0; d < s.negatives(); d++) {
                    int negative = sampler.sample(anchor, positive, rng);
                    if (negative == NegativeSampler.NONE) {
                        continue;
                    }
                    ids[++k] = negative;
                    encoder.encode(world.codes, start[negative], start[negative + 1], candidates, k * stride);
                }
                contrast.apply(anchorVector, 0, candidates, k, anchorGradient, candidateGradients);
                encoder.step(world.codes, start[anchor], start[anchor + 1], anchorGradient, 0, rate);
                for (int j = 0; j <= k; j++) {
                    encoder.step(world.codes, start[ids[j]], start[ids[j] + 1], candidateGradients, j * stride, rate);
                }
            }
        }
        return contrast.silencedShare();
    }

    /**
     * Each patient is represented by the encoding of its first visit. Cross-hospital retrieval: a
     * patient ranks the patients of the other hospitals, relevant when they share its condition.
     * The shortcut: how well the hospital is predicted from the vectors (chance 1 / hospitals).
     */
    static Map<String, Double> probe(ClinicWorld world, MeanBagEncoder encoder, long seed) {
        int patients = world.patients();
        int stride = encoder.stride();
        float[] rows = new float[patients * stride];
        for (int p = 0; p < patients; p++) {
            int v = world.visit(p, 0);
            encoder.encode(world.codes, world.visitStart[v], world.visitStart[v + 1], rows, p * stride);
        }
        float[] unit = EmbeddingProbes.unitRows(rows, stride);
        EmbeddingProbes.Retrieval cross = EmbeddingProbes.sameLabelRetrieval(unit, stride, world.condition, 10,
                (q, c) -> world.hospital[q] != world.hospital[c]);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("cross_hospital_precision10", cross.precision());
        figures.put("cross_hospital_ndcg10", cross.ndcg());
        figures.put("condition_accuracy", EmbeddingProbes.crossValidatedAccuracy(unit, stride, world.condition,
                world.settings.conditions(), 5, seed));
        figures.put("hospital_accuracy", EmbeddingProbes.crossValidatedAccuracy(unit, stride, world.hospital,
                world.settings.hospitals(), 5, seed));
        figures.put("hospital_chance", 1.0 / world.settings.hospitals());
        return figures;
    }
}
