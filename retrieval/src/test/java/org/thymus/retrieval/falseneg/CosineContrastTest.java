package org.thymus.retrieval.falseneg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.thymus.core.loss.ContrastiveLoss;
import org.thymus.core.loss.DebiasedContrastiveLoss;
import org.thymus.core.loss.SampledSoftmaxLoss;
import org.thymus.core.random.FastRandom;

class CosineContrastTest {
    private static final int STRIDE = 16;

    @Test
    void gradientsMatchFiniteDifferencesForBothLosses() {
        check(new SampledSoftmaxLoss(0.5f));
        check(new DebiasedContrastiveLoss(0.5f, 0.1f));
    }

    private static void check(ContrastiveLoss loss) {
        int k = 3;
        FastRandom rng = new FastRandom(11);
        float[] anchor = new float[STRIDE];
        float[] candidates = new float[(k + 1) * STRIDE];
        for (int i = 0; i < 5; i++) { // dim 5, padding zero
            anchor[i] = rng.nextFloat() - 0.5f;
            for (int j = 0; j <= k; j++) {
                candidates[j * STRIDE + i] = rng.nextFloat() - 0.5f;
            }
        }
        CosineContrast contrast = new CosineContrast(loss, STRIDE, k);
        float[] anchorGradient = new float[STRIDE];
        float[] candidateGradients = new float[candidates.length];
        contrast.apply(anchor, 0, candidates, k, anchorGradient, candidateGradients);
        float[] ignoredA = new float[STRIDE];
        float[] ignoredC = new float[candidates.length];
        double h = 1e-3;
        for (int i = 0; i < 5; i++) {
            float saved = anchor[i];
            anchor[i] = (float) (saved + h);
            double up = contrast.apply(anchor, 0, candidates, k, ignoredA, ignoredC);
            anchor[i] = (float) (saved - h);
            double down = contrast.apply(anchor, 0, candidates, k, ignoredA, ignoredC);
            anchor[i] = saved;
            assertEquals((up - down) / (2 * h), anchorGradient[i], 2e-3, loss + " anchor " + i);
            for (int j = 0; j <= k; j++) {
                int at = j * STRIDE + i;
                float c = candidates[at];
                candidates[at] = (float) (c + h);
                up = contrast.apply(anchor, 0, candidates, k, ignoredA, ignoredC);
                candidates[at] = (float) (c - h);
                down = contrast.apply(anchor, 0, candidates, k, ignoredA, ignoredC);
                candidates[at] = c;
                assertEquals((up - down) / (2 * h), candidateGradients[at], 2e-3, loss + " candidate " + j + " dim " + i);
            }
        }
    }
}
