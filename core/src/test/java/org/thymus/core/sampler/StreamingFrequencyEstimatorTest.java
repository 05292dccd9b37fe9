package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class StreamingFrequencyEstimatorTest {

    /** Zipf weights 1 / (rank + 1) over {@code n} items, normalised. */
    private static double[] zipf(int n) {
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = 1.0 / (i + 1);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * The step-gap estimate of every item drawn often enough to have many gaps converges to its
     * true probability: each within 25 % (several standard deviations of the moving average at this
     * alpha), and the errors average out (no bias: the mean log-ratio is near zero).
     */
    @Test
    void estimatesConvergeToTheSamplingProbability() {
        int items = 300;
        double[] p = zipf(items);
        AliasTable alias = new AliasTable(p);
        StreamingFrequencyEstimator estimator = new StreamingFrequencyEstimator(4 * items, 2, 0.01f, items);
        FastRandom rng = new FastRandom(7);
        int draws = 2_000_000;
        for (long t = 0; t < draws; t++) {
            estimator.observe(alias.sample(rng), t);
        }
        double logRatioSum = 0;
        int checked = 0;
        double worst = 0;
        for (int i = 0; i < items; i++) {
            if (p[i] * draws < 2000) {
                continue; // too few sightings for the average (window 1 / alpha = 100 gaps) to settle
            }
            double ratio = estimator.probability(i) / p[i];
            worst = Math.max(worst, Math.abs(ratio - 1));
            logRatioSum += Math.log(ratio);
            checked++;
        }
        assertTrue(checked >= 100, "checked " + checked + " items");
        assertTrue(worst < 0.25, "worst relative error " + worst);
        assertEquals(0, logRatioSum / checked, 0.03, "mean log-ratio (bias)");
    }

    /** Estimates follow a shift of the distribution: a once-rare item that becomes frequent is seen so. */
    @Test
    void adaptsWhenTheDistributionShifts() {
        StreamingFrequencyEstimator estimator = new StreamingFrequencyEstimator(64, 1, 0.05f, 10);
        FastRandom rng = new FastRandom(3);
        long t = 0;
        for (; t < 100_000; t++) {
            estimator.observe(rng.nextInt(10) == 0 ? 0 : 1 + rng.nextInt(9), t); // item 0: p = 0.1
        }
        assertEquals(0.1, estimator.probability(0), 0.03);
        for (long end = t + 100_000; t < end; t++) {
            estimator.observe(rng.nextInt(2) == 0 ? 0 : 1 + rng.nextInt(9), t); // item 0: p = 0.5
        }
        assertEquals(0.5, estimator.probability(0), 0.1);
    }

    /** An item never seen twice keeps the prior, and every estimate is a probability. */
    @Test
    void unseenItemsKeepThePrior() {
        StreamingFrequencyEstimator estimator = new StreamingFrequencyEstimator(16, 3, 0.1f, 50);
        assertEquals(1 / 50.0, estimator.probability(12345), 1e-9);
        estimator.observe(5, 0);
        estimator.observe(5, 1);
        double p = estimator.probability(5);
        assertTrue(p > 1 / 50.0 && p <= 1, "p = " + p);
        assertEquals(Math.log(p), estimator.logProbability(5), 1e-6);
    }
}
