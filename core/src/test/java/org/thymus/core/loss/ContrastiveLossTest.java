package org.thymus.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

/**
 * Each loss against a direct double-precision transcription of its paper's formula: the value,
 * and the gradient by central finite differences of that reference; then the limits that tie the
 * losses together, the direction of the logQ correction, and stability at extreme scores.
 */
class ContrastiveLossTest {

    /** A loss written the plain way, in double: scores[0] is s+, scores[1..k] the negatives. */
    interface Reference {
        double loss(double[] scores);
    }

    private static double logSigmoid(double x) {
        return -Math.log1p(Math.exp(-x)); // fine for the moderate scores of the gradient checks
    }

    static Reference logistic(double[] logQ) {
        return s -> {
            int k = s.length - 1;
            double shift = logQ == null ? 0 : Math.log(k);
            double loss = -logSigmoid(s[0] - (logQ == null ? 0 : shift + logQ[0]));
            for (int i = 1; i <= k; i++) {
                loss -= logSigmoid(-(s[i] - (logQ == null ? 0 : shift + logQ[i])));
            }
            return loss;
        };
    }

    static Reference softmax(double t, double[] logQ) {
        return s -> {
            double z = 0;
            for (int i = 0; i < s.length; i++) {
                z += Math.exp(s[i] / t - (logQ == null ? 0 : logQ[i]));
            }
            return -Math.log(Math.exp(s[0] / t - (logQ == null ? 0 : logQ[0])) / z);
        };
    }

    /** Robinson et al.'s criterion(), estimator 'hard' (β = 0: Chuang et al.'s), for one row. */
    static Reference hardDebiased(double t, double tauPlus, double beta) {
        return s -> {
            int n = s.length - 1;
            double pos = Math.exp(s[0] / t);
            double[] neg = new double[n];
            double impSum = 0;
            double reweighted = 0;
            for (int i = 0; i < n; i++) {
                neg[i] = Math.exp(s[i + 1] / t);
                double imp = Math.exp(beta * Math.log(neg[i]));
                impSum += imp;
                reweighted += imp * neg[i];
            }
            reweighted /= impSum / n;
            double ng = (-tauPlus * n * pos + reweighted) / (1 - tauPlus);
            ng = Math.max(ng, n * Math.exp(-1 / t));
            return -Math.log(pos / (pos + ng));
        };
    }

    /** Sun et al.'s loss with the weights frozen at {@code weights} (they are constants in the gradient). */
    static Reference selfAdversarial(double margin, double[] weights) {
        return s -> {
            double loss = -logSigmoid(margin + s[0]);
            for (int i = 1; i < s.length; i++) {
                loss -= weights[i - 1] * logSigmoid(-s[i] - margin);
            }
            return loss;
        };
    }

    private static float[] call(ContrastiveLoss loss, double[] scores, double[] logQ, float[] out) {
        int k = scores.length - 1;
        float[] negatives = new float[k];
        for (int i = 0; i < k; i++) {
            negatives[i] = (float) scores[i + 1];
        }
        float[] q = null;
        if (logQ != null) {
            q = new float[logQ.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = (float) logQ[i];
            }
        }
        float[] gradients = new float[k + 1];
        out[0] = loss.lossAndGradients((float) scores[0], negatives, k, q, gradients);
        return gradients;
    }

    /** Value and gradient of {@code loss} against the reference at {@code scores} (exactly representable floats). */
    private static void check(ContrastiveLoss loss, Reference reference, double[] scores, double[] logQ) {
        float[] value = new float[1];
        float[] gradients = call(loss, scores, logQ, value);
        double expected = reference.loss(scores);
        assertEquals(expected, value[0], 1e-5 * Math.max(1, Math.abs(expected)),
                loss + " value at " + Arrays.toString(scores));
        double h = 1e-5;
        for (int j = 0; j < scores.length; j++) {
            double[] up = scores.clone();
            double[] down = scores.clone();
            up[j] += h;
            down[j] -= h;
            double numeric = (reference.loss(up) - reference.loss(down)) / (2 * h);
            assertEquals(numeric, gradients[j], 1e-4 * Math.max(1, Math.abs(numeric)),
                    loss + " d/ds[" + j + "] at " + Arrays.toString(scores));
        }
    }

    /** k + 1 scores in [-range, range], rounded to float so that both sides see the same inputs. */
    private static double[] scores(FastRandom rng, int k, double range) {
        double[] s = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            s[i] = (float) ((2 * rng.nextDouble() - 1) * range);
        }
        return s;
    }

    private static double[] logQ(FastRandom rng, int k) {
        double[] q = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            q[i] = (float) Math.log(1e-6 + rng.nextDouble() * 1e-2);
        }
        return q;
    }

    private static final int[] KS = {1, 2, 5, 20};

    @Test
    void logisticAndNceGradientsMatchFiniteDifferences() {
        FastRandom rng = new FastRandom(1);
        LogisticLoss loss = new LogisticLoss();
        for (int k : KS) {
            for (int trial = 0; trial < 20; trial++) {
                double[] s = scores(rng, k, 6);
                check(loss, logistic(null), s, null);
                double[] q = logQ(rng, k);
                check(loss, logistic(q), s, q);
            }
        }
    }

    @Test
    void logisticWithAMarginShiftsEveryScore() {
        FastRandom rng = new FastRandom(12);
        for (float margin : new float[] {-2f, 3f, 6f}) {
            LogisticLoss loss = new LogisticLoss(margin);
            for (int k : KS) {
                for (int trial = 0; trial < 10; trial++) {
                    double[] s = scores(rng, k, 8);
                    check(loss, shifted -> logistic(null).loss(shift(shifted, margin)), s, null);
                }
            }
        }
    }

    private static double[] shift(double[] s, double by) {
        double[] out = s.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += by;
        }
        return out;
    }

    static Reference marginRanking(double margin) {
        return s -> {
            double loss = 0;
            for (int i = 1; i < s.length; i++) {
                loss += Math.max(0, margin - s[0] + s[i]);
            }
            return loss;
        };
    }

    @Test
    void marginRankingGradientsMatchFiniteDifferencesAndIgnoreMetMargins() {
        FastRandom rng = new FastRandom(13);
        for (float margin : new float[] {0f, 1f, 6f}) {
            MarginRankingLoss loss = new MarginRankingLoss(margin);
            for (int k : KS) {
                for (int trial = 0; trial < 20; trial++) {
                    check(loss, marginRanking(margin), scores(rng, k, 8), null);
                }
            }
        }
        // Negatives 2 and 5.5 below a positive of 0 with γ = 3: only the first violates (by 1).
        float[] g = new float[3];
        assertEquals(1f, new MarginRankingLoss(3).lossAndGradients(0f, new float[] {-2f, -5.5f}, 2, null, g));
        assertEquals(-1f, g[0]);
        assertEquals(1f, g[1]);
        assertEquals(0f, g[2]);
        assertThrows(IllegalArgumentException.class, () -> new MarginRankingLoss(-1));
    }

    @Test
    void sampledSoftmaxGradientsMatchFiniteDifferences() {
        FastRandom rng = new FastRandom(2);
        for (float t : new float[] {0.1f, 0.5f, 1f, 2f}) {
            SampledSoftmaxLoss loss = new SampledSoftmaxLoss(t);
            for (int k : KS) {
                for (int trial = 0; trial < 20; trial++) {
                    double[] s = scores(rng, k, t < 0.5 ? 1 : 5);
                    check(loss, softmax(t, null), s, null);
                    double[] q = logQ(rng, k);
                    check(loss, softmax(t, q), s, q);
                }
            }
        }
    }

    @Test
    void debiasedAndHardGradientsMatchFiniteDifferences() {
        FastRandom rng = new FastRandom(3);
        int checked = 0;
        for (float t : new float[] {0.2f, 0.5f, 1f}) {
            for (float tau : new float[] {0f, 0.05f, 0.1f, 0.3f}) {
                for (float beta : new float[] {0f, 0.5f, 1f, 2f}) {
                    DebiasedContrastiveLoss loss = new DebiasedContrastiveLoss(t, tau, beta);
                    Reference reference = hardDebiased(t, tau, beta);
                    for (int k : KS) {
                        for (int trial = 0; trial < 5; trial++) {
                            double[] s = scores(rng, k, 1); // cosines
                            if (nearClamp(s, t, tau, beta)) {
                                continue; // the max() has a kink there: no derivative to compare
                            }
                            check(loss, reference, s, null);
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 800, "most cases are away from the kink: " + checked);
    }

    /** True if the debiased estimate is within 1e-3 (relative) of the clamp floor. */
    private static boolean nearClamp(double[] s, double t, double tau, double beta) {
        int n = s.length - 1;
        double a = 0;
        double b = 0;
        for (int i = 1; i <= n; i++) {
            a += Math.exp((1 + beta) * s[i] / t);
            b += Math.exp(beta * s[i] / t);
        }
        double raw = (n * a / b - tau * n * Math.exp(s[0] / t)) / (1 - tau);
        double floor = n * Math.exp(-1 / t);
        return Math.abs(raw - floor) < 1e-3 * floor;
    }

    @Test
    void clampedDebiasedLossGivesTheNegativesNoGradient() {
        // τ+ = 0.5 and a positive far above its negatives: the raw estimate goes below the floor.
        DebiasedContrastiveLoss loss = new DebiasedContrastiveLoss(0.5f, 0.5f);
        double[] s = {0.9, -0.5, -0.25, 0.0};
        float[] value = new float[1];
        float[] g = call(loss, s, null, value);
        for (int i = 1; i < g.length; i++) {
            assertEquals(0f, g[i]);
        }
        check(loss, hardDebiased(0.5, 0.5, 0), s, null);
        double floorLoss = -Math.log(Math.exp(0.9 / 0.5) / (Math.exp(0.9 / 0.5) + 3 * Math.exp(-2)));
        assertEquals(floorLoss, value[0], 1e-6);
    }

    @Test
    void selfAdversarialGradientsMatchFiniteDifferencesWithFrozenWeights() {
        FastRandom rng = new FastRandom(4);
        for (float alpha : new float[] {0f, 0.5f, 1f, 3f}) {
            for (float margin : new float[] {0f, 6f, -2f}) {
                SelfAdversarialLoss loss = new SelfAdversarialLoss(alpha, margin);
                for (int k : KS) {
                    for (int trial = 0; trial < 10; trial++) {
                        double[] s = scores(rng, k, 8);
                        check(loss, selfAdversarial(margin, softmaxWeights(alpha, s)), s, null);
                    }
                }
            }
        }
    }

    private static double[] softmaxWeights(double alpha, double[] s) {
        double[] w = new double[s.length - 1];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(alpha * s[i + 1]);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    @Test
    void selfAdversarialPushesHardestNegativesMost() {
        SelfAdversarialLoss loss = new SelfAdversarialLoss(2f, 0f);
        float[] g = call(loss, new double[] {1, -2, 0.5, 3, 0}, null, new float[1]);
        assertTrue(g[3] > g[2] && g[2] > g[4] && g[4] > g[1], Arrays.toString(g));
    }

    private static void assertSame(ContrastiveLoss a, ContrastiveLoss b, double[] s, double tolerance) {
        float[] va = new float[1];
        float[] vb = new float[1];
        float[] ga = call(a, s, null, va);
        float[] gb = call(b, s, null, vb);
        assertEquals(va[0], vb[0], tolerance * Math.max(1, Math.abs(va[0])), a + " vs " + b + " value");
        for (int j = 0; j < ga.length; j++) {
            assertEquals(ga[j], gb[j], tolerance * Math.max(1, Math.abs(ga[j])), a + " vs " + b + " d/ds[" + j + "]");
        }
    }

    @Test
    void debiasedWithoutPriorIsInfoNce() {
        FastRandom rng = new FastRandom(5);
        for (float t : new float[] {0.1f, 0.5f, 1f}) {
            for (int k : KS) {
                for (int trial = 0; trial < 20; trial++) {
                    double[] s = scores(rng, k, 1); // cosines: the floor cannot be reached
                    assertSame(new DebiasedContrastiveLoss(t, 0f), new SampledSoftmaxLoss(t), s, 1e-5);
                }
            }
        }
    }

    @Test
    void hardnessZeroIsDebiasedAndInfoNce() {
        FastRandom rng = new FastRandom(6);
        for (int k : KS) {
            for (int trial = 0; trial < 20; trial++) {
                double[] s = scores(rng, k, 1);
                assertSame(new DebiasedContrastiveLoss(0.5f, 0f, 0f), new SampledSoftmaxLoss(0.5f), s, 1e-5);
                // β = 0 with a prior: the hard estimator's reweighted sum is the plain sum (Chuang's formula).
                if (!nearClamp(s, 0.5, 0.1, 0)) {
                    check(new DebiasedContrastiveLoss(0.5f, 0.1f, 0f), hardDebiased(0.5, 0.1, 0), s, null);
                }
            }
        }
        // And hardness does change things when β > 0.
        float[] plain = call(new DebiasedContrastiveLoss(0.5f, 0.1f), new double[] {0.5, 0.9, -0.5, 0}, null, new float[1]);
        float[] hard = call(new DebiasedContrastiveLoss(0.5f, 0.1f, 1f), new double[] {0.5, 0.9, -0.5, 0}, null, new float[1]);
        double plainShare = plain[1] / (plain[1] + plain[2] + plain[3]);
        double hardShare = hard[1] / (hard[1] + hard[2] + hard[3]);
        assertTrue(hardShare > plainShare, "β > 0 shifts the push towards the hardest negative");
        // The gradient flows through the weights (as in the authors' code): the easiest negative is
        // pulled slightly, since raising its score would dilute the weight of the hard one.
        assertTrue(plain[2] > 0 && hard[2] < 0, Arrays.toString(hard));
    }

    @Test
    void selfAdversarialWithoutTemperatureIsTheMeanWeightedLogistic() {
        FastRandom rng = new FastRandom(7);
        LogisticLoss logistic = new LogisticLoss();
        SelfAdversarialLoss uniform = new SelfAdversarialLoss(0f, 0f);
        for (int k : KS) {
            for (int trial = 0; trial < 20; trial++) {
                double[] s = scores(rng, k, 6);
                float[] vl = new float[1];
                float[] vs = new float[1];
                float[] vp = new float[1];
                float[] gl = call(logistic, s, null, vl);
                float[] gs = call(uniform, s, null, vs);
                call(logistic, new double[] {s[0]}, null, vp); // the positive's term alone
                assertEquals(vp[0] + (vl[0] - vp[0]) / k, vs[0], 1e-5 * Math.max(1, vl[0]));
                assertEquals(gl[0], gs[0], 1e-7);
                for (int i = 1; i <= k; i++) {
                    assertEquals(gl[i] / k, gs[i], 1e-7);
                }
            }
        }
    }

    @Test
    void uniformLogQChangesNeitherSoftmaxLossNorGradient() {
        FastRandom rng = new FastRandom(8);
        SampledSoftmaxLoss loss = new SampledSoftmaxLoss(0.7f);
        for (int k : KS) {
            double[] s = scores(rng, k, 3);
            double[] uniform = new double[k + 1];
            Arrays.fill(uniform, (float) Math.log(1.0 / 62_550));
            float[] v0 = new float[1];
            float[] v1 = new float[1];
            float[] g0 = call(loss, s, null, v0);
            float[] g1 = call(loss, s, uniform, v1);
            assertEquals(v0[0], v1[0], 1e-5);
            for (int j = 0; j <= k; j++) {
                assertEquals(g0[j], g1[j], 1e-6);
            }
        }
    }

    @Test
    void logQLowersThePushOnFrequentlySampledNegatives() {
        // Two negatives with the same score; the first is drawn 4 times as often as the second.
        double[] s = {0.5, 0.2, 0.2, -0.3};
        double[] q = {Math.log(0.01), Math.log(0.04), Math.log(0.01), Math.log(0.01)};
        for (int j = 0; j < q.length; j++) {
            q[j] = (float) q[j];
        }
        SampledSoftmaxLoss softmax = new SampledSoftmaxLoss(1f);
        float[] plain = call(softmax, s, null, new float[1]);
        float[] corrected = call(softmax, s, q, new float[1]);
        assertEquals(plain[1], plain[2], 1e-7);
        assertEquals(0.25, corrected[1] / corrected[2], 1e-5, "push ∝ e^{s/t} / q");
        assertTrue(corrected[1] < plain[1], "the frequent negative is pushed less than without the correction");

        // NCE: the same direction, through log(k q).
        LogisticLoss logistic = new LogisticLoss();
        float[] nce = call(logistic, s, q, new float[1]);
        assertTrue(nce[1] < nce[2], "NCE pushes a frequent noise word less");
        // k q = 1 for every item: NCE is plain negative sampling.
        double[] oneOverK = new double[4];
        Arrays.fill(oneOverK, -Math.log(3));
        float[] vs = new float[1];
        float[] vn = new float[1];
        float[] gs = call(logistic, s, null, vs);
        float[] gn = call(logistic, s, oneOverK, vn);
        assertEquals(vs[0], vn[0], 1e-6);
        for (int j = 0; j < 4; j++) {
            assertEquals(gs[j], gn[j], 1e-6);
        }
    }

    @Test
    void extremeScoresStayFinite() {
        ContrastiveLoss[] losses = {new LogisticLoss(), new SampledSoftmaxLoss(0.05f), new DebiasedContrastiveLoss(0.05f, 0.1f),
                new DebiasedContrastiveLoss(0.05f, 0.1f, 2f), new SelfAdversarialLoss(5f, 6f),
                new LogisticLoss(6f), new MarginRankingLoss(6f)};
        double[][] cases = {{1e4, -1e4, 1e4, 0}, {-1e4, 1e4, 1e4, -1e4}, {0, 0, 0, 0}, {88, 89, -88, 87}, {-1e4, -1e4, -1e4, -1e4}};
        for (ContrastiveLoss loss : losses) {
            for (double[] s : cases) {
                float[] value = new float[1];
                float[] g = call(loss, s, null, value);
                assertTrue(Float.isFinite(value[0]) && value[0] >= 0, loss + " loss " + value[0] + " at " + Arrays.toString(s));
                for (float x : g) {
                    assertTrue(Float.isFinite(x), loss + " gradient " + Arrays.toString(g) + " at " + Arrays.toString(s));
                }
            }
        }
        // A positive far above the negatives: InfoNCE's loss is tiny but not rounded to zero.
        float[] v = new float[1];
        call(new SampledSoftmaxLoss(1f), new double[] {20, 0}, null, v);
        assertEquals(Math.log1p(Math.exp(-20)), v[0], 1e-15);
    }

    @Test
    void noNegativesAndArgumentChecks() {
        float[] g = new float[1];
        assertEquals(0f, new DebiasedContrastiveLoss(0.5f, 0.1f).lossAndGradients(0.3f, new float[0], 0, null, g));
        assertEquals(0f, new SampledSoftmaxLoss(1f).lossAndGradients(0.3f, new float[0], 0, null, g));
        assertEquals(0f, g[0]);
        assertEquals((float) Math.log1p(Math.exp(-0.3)), new LogisticLoss().lossAndGradients(0.3f, new float[0], 0, null, g), 1e-7);

        float[] neg = {0.1f, 0.2f};
        assertThrows(IllegalArgumentException.class, () -> new LogisticLoss().lossAndGradients(0, neg, 3, null, new float[4]));
        assertThrows(IllegalArgumentException.class, () -> new LogisticLoss().lossAndGradients(0, neg, 2, null, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> new LogisticLoss().lossAndGradients(0, neg, 2, new float[2], new float[3]));
        assertThrows(IllegalArgumentException.class,
                () -> new DebiasedContrastiveLoss(1, 0.1f).lossAndGradients(0, neg, 2, new float[3], new float[3]));
        assertThrows(IllegalArgumentException.class,
                () -> new SelfAdversarialLoss(1, 0).lossAndGradients(0, neg, 2, new float[3], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new SampledSoftmaxLoss(0));
        assertThrows(IllegalArgumentException.class, () -> new SampledSoftmaxLoss(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new DebiasedContrastiveLoss(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DebiasedContrastiveLoss(1, -0.1f));
        assertThrows(IllegalArgumentException.class, () -> new DebiasedContrastiveLoss(1, 0.1f, -1));
        assertThrows(IllegalArgumentException.class, () -> new SelfAdversarialLoss(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SelfAdversarialLoss(1, Float.POSITIVE_INFINITY));
        assertEquals("debiased", new DebiasedContrastiveLoss(1, 0.1f).name());
        assertEquals("hard-debiased", new DebiasedContrastiveLoss(1, 0.1f, 1).name());
    }
}
