package org.thymus.core.loss;

/**
 * Self-adversarial negative sampling (Sun et al. 2019, RotatE) on the logistic loss with margin γ:
 * <pre>
 *   loss = −log σ(γ + s+) − Σ w_i · log σ(−s_i − γ),   w = softmax(α · s)
 * </pre>
 * For a distance model s = −d this is RotatE's −log σ(γ − d+) − Σ w_i log σ(d_i − γ). The weights
 * favour the negatives the model currently scores highest (the hard ones); α is their inverse
 * temperature. As in the paper, the weights are constants in the gradient:
 * d/ds+ = −σ(−γ − s+), d/ds_i = w_i · σ(s_i + γ). With α = 0 every w_i = 1/k: the negative
 * term is the mean, not the sum, of word2vec's. There is no sampling-probability correction:
 * {@code logQ} must be null.
 */
public final class SelfAdversarialLoss implements ContrastiveLoss {
    private final float alpha;
    private final float margin;

    /** @param alpha the weights' inverse temperature (>= 0); @param margin γ (0 for dot-product scores) */
    public SelfAdversarialLoss(float alpha, float margin) {
        this.alpha = LossMath.nonNegative("alpha", alpha);
        this.margin = LossMath.finite("margin", margin);
    }

    public float alpha() {
        return alpha;
    }

    public float margin() {
        return margin;
    }

    @Override
    public float lossAndGradients(float positive, float[] negatives, int k, float[] logQ, float[] gradients) {
        LossMath.checkWithoutLogQ(negatives, k, logQ, gradients, name());
        double l0 = (double) positive + margin;
        double loss = LossMath.softplus(-l0);
        gradients[0] = (float) -LossMath.sigmoid(-l0);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, (double) alpha * negatives[i]);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += Math.exp((double) alpha * negatives[i] - max);
        }
        for (int i = 0; i < k; i++) {
            double w = Math.exp((double) alpha * negatives[i] - max) / sum;
            double z = (double) negatives[i] + margin;
            loss += w * LossMath.softplus(z);
            gradients[i + 1] = (float) (w * LossMath.sigmoid(z));
        }
        return (float) loss;
    }

    @Override
    public String name() {
        return "self-adversarial";
    }

    @Override
    public String toString() {
        return name() + "(alpha=" + alpha + ", margin=" + margin + ")";
    }
}
