package org.thymus.core.loss;

/**
 * Negative sampling (Mikolov et al. 2013): -log σ(s+) - Σ log σ(-s_i), each pair judged on its
 * own. d/ds+ = -σ(-s+), d/ds_i = σ(s_i).
 *
 * <p>With {@code logQ}, it becomes noise-contrastive estimation (Gutmann and Hyvärinen 2010; Mnih
 * and Teh 2012): every logit is corrected to s - log(k·q), the log-odds that the item came from
 * the data rather than from k draws of the noise q. An item the sampler draws often has its logit
 * lowered, so a negative is pushed less the more often it is drawn, and a positive that is itself
 * frequent must score higher to count as seen. With k·q = 1 for every item the correction vanishes.
 *
 * <p>With a margin γ every score is shifted by it first, s → s + γ: a distance model (s = −d) then
 * calls a pair "true" when d < γ, as in RotatE's loss; dot-product scores use γ = 0.
 */
public final class LogisticLoss implements ContrastiveLoss {
    private final float margin;

    /** The plain loss (γ = 0). */
    public LogisticLoss() {
        this(0f);
    }

    /** @param margin γ, added to every score before the sigmoid */
    public LogisticLoss(float margin) {
        this.margin = LossMath.finite("margin", margin);
    }

    public float margin() {
        return margin;
    }

    @Override
    public float lossAndGradients(float positive, float[] negatives, int k, float[] logQ, float[] gradients) {
        LossMath.check(negatives, k, logQ, gradients);
        double logK = logQ == null ? 0 : Math.log(k);
        double l0 = (double) positive + margin - (logQ == null ? 0 : logK + logQ[0]);
        double loss = LossMath.softplus(-l0);
        gradients[0] = (float) -LossMath.sigmoid(-l0);
        for (int i = 0; i < k; i++) {
            double li = (double) negatives[i] + margin - (logQ == null ? 0 : logK + logQ[i + 1]);
            loss += LossMath.softplus(li);
            gradients[i + 1] = (float) LossMath.sigmoid(li);
        }
        return (float) loss;
    }

    @Override
    public String name() {
        return "logistic";
    }

    @Override
    public String toString() {
        return margin == 0 ? name() : name() + "(margin=" + margin + ")";
    }
}
