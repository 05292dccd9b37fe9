package org.thymus.core.loss;

/**
 * Margin ranking (the hinge loss of TransE, Bordes et al. 2013): every negative should score at
 * least γ below the positive, and each pair that does not pays the shortfall:
 * <pre>
 *   loss = Σ_i max(0, γ − s+ + s_i)
 * </pre>
 * d/ds_i = 1 for a violating pair (γ − s+ + s_i > 0) and 0 otherwise; d/ds+ = −(number of
 * violating pairs). Pairs with the margin already met teach nothing, so the gradient is sparse and
 * its size does not depend on how far a violation goes. A pair exactly at the margin counts as met.
 * There is no sampling-probability correction: {@code logQ} must be null.
 */
public final class MarginRankingLoss implements ContrastiveLoss {
    private final float margin;

    /** @param margin γ >= 0, in the scores' units (for s = −distance, the distance gap to enforce) */
    public MarginRankingLoss(float margin) {
        this.margin = LossMath.nonNegative("margin", margin);
    }

    public float margin() {
        return margin;
    }

    @Override
    public float lossAndGradients(float positive, float[] negatives, int k, float[] logQ, float[] gradients) {
        LossMath.checkWithoutLogQ(negatives, k, logQ, gradients, name());
        double loss = 0;
        int violating = 0;
        for (int i = 0; i < k; i++) {
            double shortfall = (double) margin - positive + negatives[i];
            if (shortfall > 0) {
                loss += shortfall;
                violating++;
                gradients[i + 1] = 1;
            } else {
                gradients[i + 1] = 0;
            }
        }
        gradients[0] = -violating;
        return (float) loss;
    }

    @Override
    public String name() {
        return "margin";
    }

    @Override
    public String toString() {
        return name() + "(margin=" + margin + ")";
    }
}
