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
        LogisticRegression model = LogisticRegression.fit(x, 3, labels, 1.0, 20, 2);
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
        // Moving along the true direction raises the score; the noise column barely moves it.
        float[] probe = {10, 0, 0, 13, 0, 0, 10, -1, 0, 10, 0, 100};
        assertTrue(model.score(probe, 3) > model.score(probe, 0) + 1);
        assertTrue(model.score(probe, 6) > model.score(probe, 0) + 1);
        assertEquals(model.score(probe, 0), model.score(probe, 9), 0.2);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(new float[5], 3, new boolean[2], 1, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(new float[6], 3, new boolean[2], 0, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(new float[0], 3, new boolean[0], 1, 5, 1));
    }
}
