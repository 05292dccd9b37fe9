package org.thymus.core.loss;

/**
 * Debiased contrastive loss (Chuang et al. 2020) and its hardness-weighted form (Robinson et al.
 * 2021), on logits l = s / t.
 *
 * <p>Some of the k "negatives" are in truth positives (a sampler that ignores labels draws one of
 * the anchor's own class with probability τ+). Debiasing estimates the sum over true negatives by
 * taking the positive's share out of the sampled one:
 * <pre>
 *   Ng   = max( (R − τ+ · N · e^{l+}) / (1 − τ+),  N · e^{−1/t} ),   N = k
 *   loss = −log( e^{l+} / (e^{l+} + Ng) )
 * </pre>
 * The floor N·e^{−1/t} is the authors' clamp: the smallest value the true sum can take when scores
 * are cosines (≥ −1); with other scores it is just a floor that keeps Ng positive.
 *
 * <p>Without hardness (β = 0), R = Σ e^{l_i}, and with τ+ = 0 the loss is InfoNCE (as long as the
 * floor is not reached, which it cannot be for cosine scores). With hardness β > 0, negatives are
 * importance-weighted towards the hard ones, w_i ∝ e^{β l_i}, as in the authors' code:
 * R = N · Σ e^{(1+β) l_i} / Σ e^{β l_i}. As in that code, the gradient flows through the weights
 * too: d log R / d l_i = (1+β)·a_i − β·b_i with a = softmax((1+β) l) and b = softmax(β l), so an
 * easy negative can get a small negative gradient (raising its score would lower the weight of the
 * hard ones).
 *
 * <p>When the clamp is active, the negatives get no gradient. There is no sampling-probability
 * correction: {@code logQ} must be null.
 */
public final class DebiasedContrastiveLoss implements ContrastiveLoss {
    private final float temperature;
    private final float tauPlus;
    private final float beta;

    /** Debiased contrastive loss with temperature t > 0 and class prior τ+ in [0, 1). */
    public DebiasedContrastiveLoss(float temperature, float tauPlus) {
        this(temperature, tauPlus, 0f);
    }

    /** Hardness-weighted debiased loss: β >= 0 concentrates on hard negatives (0: plain debiased). */
    public DebiasedContrastiveLoss(float temperature, float tauPlus, float beta) {
        this.temperature = LossMath.positive("temperature", temperature);
        if (!(tauPlus >= 0 && tauPlus < 1)) {
            throw new IllegalArgumentException("tauPlus must be in [0, 1), got " + tauPlus);
        }
        this.tauPlus = tauPlus;
        this.beta = LossMath.nonNegative("beta", beta);
    }

    public float temperature() {
        return temperature;
    }

    public float tauPlus() {
        return tauPlus;
    }

    public float beta() {
        return beta;
    }

    @Override
    public float lossAndGradients(float positive, float[] negatives, int k, float[] logQ, float[] gradients) {
        LossMath.checkWithoutLogQ(negatives, k, logQ, gradients, name());
        if (k == 0) {
            gradients[0] = 0; // Ng = max(0, 0): the positive is alone, the loss is log 1
            return 0f;
        }
        double invT = 1.0 / temperature;
        double lp = positive * invT;
        double lmax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            lmax = Math.max(lmax, negatives[i] * invT);
        }
        // SA = Σ e^{(1+β)(l_i − lmax)}, SB = Σ e^{β(l_i − lmax)}; log R = log N + lmax + log SA − log SB.
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < k; i++) {
            double d = negatives[i] * invT - lmax;
            sa += Math.exp((1 + beta) * d);
            sb += Math.exp(beta * d);
        }
        double logN = Math.log(k);
        double logR = logN + lmax + Math.log(sa) - Math.log(sb);
        double logFloor = logN - invT;
        double m = Math.max(lp, Math.max(logR, logFloor));
        double p = Math.exp(lp - m);
        double r = Math.exp(logR - m);
        double floor = Math.exp(logFloor - m);
        double keep = 1.0 / (1 - tauPlus);
        double raw = (r - tauPlus * k * p) * keep;
        boolean clamped = raw < floor;
        double ng = clamped ? floor : raw;
        double denominator = p + ng;
        // With the positive's logit as the maximum, p = 1 and the loss is log1p(ng) exactly.
        double loss = m == lp ? Math.log1p(ng) : Math.log(denominator) + m - lp;
        if (clamped) {
            gradients[0] = (float) ((p / denominator - 1) * invT);
            for (int i = 0; i < k; i++) {
                gradients[i + 1] = 0;
            }
        } else {
            gradients[0] = (float) (((p - tauPlus * k * p * keep) / denominator - 1) * invT);
            double scale = r * keep / denominator * invT;
            for (int i = 0; i < k; i++) {
                double d = negatives[i] * invT - lmax;
                double a = Math.exp((1 + beta) * d) / sa;
                double b = Math.exp(beta * d) / sb;
                gradients[i + 1] = (float) (scale * ((1 + beta) * a - beta * b));
            }
        }
        return (float) loss;
    }

    @Override
    public String name() {
        return beta == 0 ? "debiased" : "hard-debiased";
    }

    @Override
    public String toString() {
        return name() + "(t=" + temperature + ", tau+=" + tauPlus + (beta == 0 ? "" : ", beta=" + beta) + ")";
    }
}
