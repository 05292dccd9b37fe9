package org.thymus.core.loss;

/**
 * Sampled softmax / InfoNCE: the cross-entropy of picking the positive among itself and its k
 * negatives, with logits l = s / t (temperature t): loss = -l+ + log(e^{l+} + Σ e^{l_i}).
 * d/ds+ = (p+ - 1) / t, d/ds_i = p_i / t with p the softmax of the logits.
 *
 * <p>With {@code logQ}, the logQ correction of Yi et al. 2019 (sampling-bias-corrected softmax,
 * as in TensorFlow's sampled_softmax_loss): l = s / t - log q for the positive and every negative,
 * which makes the sampled softmax a consistent estimate of the full one under a non-uniform
 * sampler. A negative drawn with probability q pushes with weight ∝ e^{s/t} / q: frequently drawn
 * (popular) items are pushed less per draw, rare ones more. A uniform q shifts every logit by the
 * same constant and changes neither the loss nor the gradients.
 */
public final class SampledSoftmaxLoss implements ContrastiveLoss {
    private final float temperature;

    /** @param temperature t > 0; 1 is the plain sampled softmax */
    public SampledSoftmaxLoss(float temperature) {
        this.temperature = LossMath.positive("temperature", temperature);
    }

    public float temperature() {
        return temperature;
    }

    @Override
    public float lossAndGradients(float positive, float[] negatives, int k, float[] logQ, float[] gradients) {
        LossMath.check(negatives, k, logQ, gradients);
        double invT = 1.0 / temperature;
        double l0 = positive * invT - (logQ == null ? 0 : logQ[0]);
        double max = l0;
        int argmax = -1;
        for (int i = 0; i < k; i++) {
            double li = negatives[i] * invT - (logQ == null ? 0 : logQ[i + 1]);
            if (li > max) {
                max = li;
                argmax = i;
            }
        }
        // Z = Σ e^{l - max}; the largest term is 1, the rest is summed apart for log1p.
        double e0 = Math.exp(l0 - max);
        double rest = argmax < 0 ? 0 : e0;
        for (int i = 0; i < k; i++) {
            double li = negatives[i] * invT - (logQ == null ? 0 : logQ[i + 1]);
            double ei = Math.exp(li - max);
            gradients[i + 1] = (float) ei; // kept for the gradient below
            if (i != argmax) {
                rest += ei;
            }
        }
        double z = 1 + rest;
        for (int i = 0; i < k; i++) {
            gradients[i + 1] = (float) (gradients[i + 1] / z * invT);
        }
        gradients[0] = (float) ((e0 / z - 1) * invT);
        return (float) (Math.log1p(rest) + max - l0);
    }

    @Override
    public String name() {
        return "sampled-softmax";
    }

    @Override
    public String toString() {
        return name() + "(t=" + temperature + ")";
    }
}
