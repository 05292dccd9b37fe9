package org.thymus.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import java.util.Random;

class LogisticRegressionTest {
    /** Two features: the label depends on x0 - 2 x1 through a logistic link; a third column is noise. */
    private static float[] rows(int n, boolean[] labels, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[n * 3];
        for (int r = 0; r < n; r++) {
            float a = (float) (rng.nextGaussian() * 3 + 10); // off-centre and wide: standardisation matters
            float b = (float) rng.nextGaussian();
            x[r * 3] = a;
            x[r * 3 + 1] = b;
            x[r * 3 + 2] = (float) rng.nextGaussian() * 100;
            double z = 1.5 * ((a - 10) / 3 - 2 * b);
            labels[r] = rng.nextDouble() < 1 / (1 + Math.exp(-z));
        }
        return x;
    }

    @Test
    void recoversTheDirectionOfAPlantedModelAndRanksHeldOutRowsNearTheBayesOptimum() {
        boolean[] labels = new boolean[4000];
        float[] x = rows(4000, labels, 1);
        LogisticRegression model = LogisticRegression.fit(x, 3, labels, 1.0);
        boolean[] testLabels = new boolean[4000];
        float[] test = rows(4000, testLabels, 3);
        int correct = 0;
        int bayes = 0;
        for (int r = 0; r < 4000; r++) {
            boolean predicted = model.probability(test, r * 3) > 0.5;
            correct += predicted == testLabels[r] ? 1 : 0;
            boolean optimal = (test[r * 3] - 10) / 3 - 2 * test[r * 3 + 1] > 0;
            bayes += optimal == testLabels[r] ? 1 : 0;
        }
        // The Bayes classifier knows the true boundary; the fitted one should be within a point of it.
        assertTrue(correct >= bayes - 40, "accuracy " + correct + " vs Bayes " + bayes + " of 4000");
        // The fit is the maximum-likelihood one (C = 1 barely penalises 4,000 rows), which recovers the
        // planted coefficients: +3 on x0 adds 1.5 to the logit, -1 on x1 adds 3, the noise column nothing.
        float[] probe = {10, 0, 0, 13, 0, 0, 10, -1, 0, 10, 0, 100};
        assertEquals(1.5, model.score(probe, 3) - model.score(probe, 0), 0.25);
        assertEquals(3.0, model.score(probe, 6) - model.score(probe, 0), 0.4);
        assertEquals(0, model.score(probe, 9) - model.score(probe, 0), 0.15);
        assertTrue(model.iterations() < 100, "L-BFGS converges in a few dozen steps: " + model.iterations());
    }

    @Test
    void separableDataStopsAtTheIterationCapWithoutOverflow() {
        // Perfectly separable rows: without the penalty the weights would grow forever; with it the
        // optimum is finite and the probabilities stay in (0, 1).
        float[] x = {-2, -1, 1, 2};
        boolean[] labels = {false, false, true, true};
        LogisticRegression model = LogisticRegression.fit(x, 1, labels, 1.0);
        assertTrue(model.probability(x, 3) > 0.7 && model.probability(x, 3) < 1);
        assertTrue(model.probability(x, 0) < 0.3 && model.probability(x, 0) > 0);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(new float[5], 3, new boolean[2], 1));
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(new float[6], 3, new boolean[2], 0));
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(new float[0], 3, new boolean[0], 1));
    }
}
