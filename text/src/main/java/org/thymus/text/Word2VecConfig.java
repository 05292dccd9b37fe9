package org.thymus.text;

import org.thymus.core.InvalidInputException;

/**
 * Hyperparameters of a word2vec run, with word2vec.c's defaults. Invalid values are rejected with
 * the name of the CLI flag that sets them.
 *
 * @param cbow        CBOW (true) or skip-gram (false)
 * @param dim         vector size
 * @param window      maximum distance to a context word (the actual one is drawn in [1, window])
 * @param negative    negatives per positive pair
 * @param nsExponent  negatives are drawn from count^nsExponent
 * @param sample      frequent-word subsampling threshold (0 disables it)
 * @param epochs      passes over the corpus
 * @param alpha       starting learning rate
 * @param minAlpha    learning rate at the end of training: it decays linearly from alpha
 * @param threads     worker threads
 * @param seed        random seed
 */
public record Word2VecConfig(boolean cbow, int dim, int window, int negative, double nsExponent,
                             double sample, int epochs, float alpha, float minAlpha, int threads, long seed) {

    /** gensim's and word2vec.c's cap on a sentence (longer lines are cut). */
    public static final int MAX_SENTENCE_LENGTH = 10_000;

    public Word2VecConfig {
        require(dim > 0, "--dim must be > 0, got " + dim);
        require(dim <= 100_000, "--dim must be <= 100000, got " + dim);
        require(window > 0, "--window must be > 0, got " + window);
        require(negative > 0, "--negative must be > 0, got " + negative);
        require(Double.isFinite(nsExponent), "--ns-exponent must be a finite number, got " + nsExponent);
        require(sample >= 0 && Double.isFinite(sample), "--sample must be >= 0, got " + sample);
        require(epochs > 0, "--epochs must be > 0, got " + epochs);
        require(alpha > 0 && Float.isFinite(alpha), "--alpha must be > 0, got " + alpha);
        require(minAlpha >= 0 && minAlpha <= alpha, "--min-alpha must be in [0, --alpha], got " + minAlpha);
        require(threads > 0, "--threads must be > 0, got " + threads);
        require(threads <= 1024, "--threads must be <= 1024, got " + threads);
    }

    /** word2vec.c's defaults: skip-gram, dim 100, window 5, 5 negatives, ^0.75, sample 1e-3, 5 epochs. */
    public static Word2VecConfig defaults() {
        return new Word2VecConfig(false, 100, 5, 5, 0.75, 1e-3, 5, 0.025f, defaultMinAlpha(0.025f),
                Runtime.getRuntime().availableProcessors(), 1);
    }

    /** word2vec.c's default learning rate: 0.025 for skip-gram, 0.05 for CBOW. */
    public static float defaultAlpha(boolean cbow) {
        return cbow ? 0.05f : 0.025f;
    }

    /** word2vec.c's final learning rate: alpha x 1e-4. */
    public static float defaultMinAlpha(float alpha) {
        return alpha * 1e-4f;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException(message);
        }
    }
}
