package org.thymus.kg;

/**
 * A penalty on the size of the rows a positive triple uses, added to its loss with a weight λ:
 * L2, λ·Σ x², or N3 (Lacroix et al. 2018), λ·Σ |x|³ with |x| a coordinate's modulus: a complex
 * number's for ComplEx, the absolute value for DistMult. N3 is the weighted nuclear 3-norm of the
 * tensor a bilinear model factorises, which is why it suits ComplEx and DistMult and nothing else.
 * As in Lacroix et al.'s code it applies to the factors of the positives only, each time they occur.
 */
public enum Regularization {
    NONE,
    L2,
    N3;

    /**
     * Adds λ · d penalty / d row to {@code grad[gOff ..)} and returns λ · penalty for the row
     * {@code row[off .. off + dim)}. With {@code complex}, the row is dim/2 real parts then dim/2
     * imaginary parts and N3 takes the modulus of each pair (L2 is the same either way).
     */
    float addGradient(float[] row, int off, int dim, boolean complex, float weight, float[] grad, int gOff) {
        if (this == NONE || weight == 0) {
            return 0;
        }
        double penalty = 0;
        if (this == L2) {
            for (int i = 0; i < dim; i++) {
                float x = row[off + i];
                penalty += x * x;
                grad[gOff + i] += 2 * weight * x;
            }
            return (float) (weight * penalty);
        }
        // N3: d |z|³ / d x = 3 |z| x for each real coordinate x of z (z real: |z| = |x|).
        int pairs = complex ? dim / 2 : dim;
        int imaginary = complex ? dim / 2 : 0;
        for (int i = 0; i < pairs; i++) {
            float re = row[off + i];
            float im = complex ? row[off + imaginary + i] : 0;
            float modulus = (float) Math.sqrt(re * re + im * im);
            penalty += (double) modulus * modulus * modulus;
            grad[gOff + i] += 3 * weight * modulus * re;
            if (complex) {
                grad[gOff + imaginary + i] += 3 * weight * modulus * im;
            }
        }
        return (float) (weight * penalty);
    }
}
