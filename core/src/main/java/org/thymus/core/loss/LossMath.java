package org.thymus.core.loss;

/** Stable scalar pieces shared by the losses, and the argument checks of {@link ContrastiveLoss}. */
final class LossMath {
    private LossMath() {
    }

    /** log(1 + e^x) without overflow: -log σ(-x). */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** σ(x) = 1 / (1 + e^-x), without overflow for either sign. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    static void check(float[] negatives, int k, float[] logQ, float[] gradients) {
        if (k < 0 || k > negatives.length) {
            throw new IllegalArgumentException("k = " + k + " with " + negatives.length + " negative scores");
        }
        if (gradients.length < k + 1) {
            throw new IllegalArgumentException("gradients holds " + gradients.length + ", needs k + 1 = " + (k + 1));
        }
        if (logQ != null && logQ.length < k + 1) {
            throw new IllegalArgumentException("logQ holds " + logQ.length + ", needs k + 1 = " + (k + 1));
        }
    }

    /** {@link #check} for a loss that has no sampling-probability correction. */
    static void checkWithoutLogQ(float[] negatives, int k, float[] logQ, float[] gradients, String loss) {
        check(negatives, k, logQ, gradients);
        if (logQ != null) {
            throw new IllegalArgumentException(loss + " has no sampling-probability correction: pass logQ = null");
        }
    }

    static float positive(String what, float value) {
        if (!(value > 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, got " + value);
        }
        return value;
    }

    static float nonNegative(String what, float value) {
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    static float finite(String what, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, got " + value);
        }
        return value;
    }
}
