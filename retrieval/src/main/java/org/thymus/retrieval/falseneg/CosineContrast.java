package org.thymus.retrieval.falseneg;

import java.util.Arrays;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.loss.ContrastiveLoss;

/**
 * One contrastive example on cosine scores: an anchor vector against its positive and k negatives,
 * any {@link ContrastiveLoss} (sampled softmax, debiased) on the cosines, and the gradients with
 * respect to the anchor and to every candidate by the chain rule. Cosines keep the scores in
 * [-1, 1], the range the debiased loss's clamp assumes, so every arm of a benchmark trains the
 * same objective and only the negatives (or the correction) differ.
 *
 * <p>Vectors are rows of {@code stride} floats whose padding is zero. Not thread-safe: one per
 * training loop.
 */
final class CosineContrast {
    private static final Kernels KERNELS = Kernels.get();
    private static final float TINY = 1e-12f;

    private final ContrastiveLoss loss;
    private final int stride;
    private final float[] cosines;
    private final float[] negativeCosines;
    private final float[] norms;
    private final float[] lossGradients;
    private long examples;
    private long silenced;

    /** For up to {@code maxNegatives} negatives of vectors laid out with {@code stride}. */
    CosineContrast(ContrastiveLoss loss, int stride, int maxNegatives) {
        this.loss = loss;
        this.stride = stride;
        this.cosines = new float[maxNegatives + 1];
        this.negativeCosines = new float[Math.max(1, maxNegatives)];
        this.norms = new float[maxNegatives + 1];
        this.lossGradients = new float[maxNegatives + 1];
    }

    /**
     * Scores the anchor against {@code candidates} (row 0 the positive, rows 1..k the negatives),
     * applies the loss and writes d loss / d anchor into {@code anchorGradient} and d loss / d row j
     * into {@code candidateGradients} row j (both overwritten, laid out like the inputs).
     *
     * @return the loss
     */
    float apply(float[] anchor, int anchorOff, float[] candidates, int k, float[] anchorGradient,
                float[] candidateGradients) {
        float anchorNorm = (float) Math.sqrt(KERNELS.dot(anchor, anchorOff, anchor, anchorOff, stride)) + TINY;
        for (int j = 0; j <= k; j++) {
            int off = j * stride;
            norms[j] = (float) Math.sqrt(KERNELS.dot(candidates, off, candidates, off, stride)) + TINY;
            cosines[j] = KERNELS.dot(anchor, anchorOff, candidates, off, stride) / (anchorNorm * norms[j]);
            if (j > 0) {
                negativeCosines[j - 1] = cosines[j];
            }
        }
        float value = loss.lossAndGradients(cosines[0], negativeCosines, k, null, lossGradients);
        examples++;
        boolean anyPush = false;
        for (int j = 1; j <= k; j++) {
            anyPush |= lossGradients[j] != 0;
        }
        silenced += k > 0 && !anyPush ? 1 : 0;
        Arrays.fill(anchorGradient, 0, stride, 0f);
        for (int j = 0; j <= k; j++) {
            int off = j * stride;
            float g = lossGradients[j];
            // d cos / d a = c / (|a||c|) - cos a / |a|^2 ; d cos / d c = a / (|a||c|) - cos c / |c|^2
            float cross = g / (anchorNorm * norms[j]);
            KERNELS.axpy(cross, candidates, off, anchorGradient, 0, stride);
            KERNELS.axpy(-g * cosines[j] / (anchorNorm * anchorNorm), anchor, anchorOff, anchorGradient, 0, stride);
            Arrays.fill(candidateGradients, off, off + stride, 0f);
            KERNELS.axpy(cross, anchor, anchorOff, candidateGradients, off, stride);
            KERNELS.axpy(-g * cosines[j] / (norms[j] * norms[j]), candidates, off, candidateGradients, off, stride);
        }
        return value;
    }

    /**
     * The share of examples (with at least one negative) whose negatives got no gradient at all:
     * the debiased loss's clamp (its estimate of the negatives' sum fell below the floor), which
     * leaves only the pull of the positive. 0 for the sampled softmax.
     */
    double silencedShare() {
        return examples == 0 ? Double.NaN : (double) silenced / examples;
    }

    int stride() {
        return stride;
    }
}
