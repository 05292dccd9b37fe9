package org.thymus.core.loss;

/**
 * The loss of one example given its scores: the positive's score {@code s+} and the scores
 * {@code s_1..s_k} of its k negatives (dot products, cosines, negated distances: higher means
 * "more alike"). It returns the loss and writes d loss / d score for every score, so any front end
 * with any scorer applies it by the chain rule: d loss / d vector = Σ gradients[j] · d score_j /
 * d vector.
 *
 * <p>Implementations are pure functions, immutable and thread-safe: one instance serves all
 * workers. They compute in double precision internally and are numerically stable for any finite
 * scores (log-sum-exp with the maximum taken out, log-sigmoid as a softplus).
 *
 * <p>Negatives a sampler could not supply ({@code NONE}) are left out by the caller: pass the k
 * scores that exist.
 */
public interface ContrastiveLoss {

    /**
     * Computes the loss of one example and its gradient with respect to each score.
     *
     * @param positive  the positive's score s+
     * @param negatives the negatives' scores in {@code negatives[0..k)}
     * @param k         the number of negatives (0 is allowed)
     * @param logQ      null, or the log-probabilities with which the sampler drew the items, laid
     *                  out like {@code gradients}: {@code logQ[0]} for the positive,
     *                  {@code logQ[1..k]} for the negatives; losses that have no correction for
     *                  them reject a non-null array
     * @param gradients receives d loss / d s+ at [0] and d loss / d s_i at [1..k]
     * @return the loss
     */
    float lossAndGradients(float positive, float[] negatives, int k, float[] logQ, float[] gradients);

    /** A short stable name ("logistic", "sampled-softmax", ...) for reports and flags. */
    String name();
}
