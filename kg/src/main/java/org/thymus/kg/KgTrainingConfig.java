package org.thymus.kg;

import org.thymus.core.InvalidInputException;

/**
 * The settings of one training run.
 *
 * @param epochs               passes over the training triples (the most; early stopping may end sooner)
 * @param negatives            corrupted triples per positive
 * @param learningRate         the optimiser's step size
 * @param margin               γ: the score offset of the self-adversarial and logistic losses, the
 *                             required gap of the margin-ranking loss
 * @param temperature          α, the inverse temperature of the self-adversarial weights (0: plain mean)
 * @param corruption           which side a negative replaces
 * @param filtered             redraw a corruption that is a known (training) triple
 * @param threads              Hogwild workers
 * @param seed                 seeds the shuffles and the draws (one thread is reproducible bit for bit)
 * @param loss                 what the scores of a positive and its negatives are judged by
 * @param optimizer            how a touched row moves
 * @param regularization       the penalty on the positive's rows
 * @param regularizationWeight λ of that penalty
 * @param sharedNegativesChunk 0: each positive draws its own negatives; B > 0: one set of k
 *                             corrupting entities serves a chunk of B positives (PyTorch-BigGraph)
 * @param frequencyWeights     weigh each positive's loss by 1 / √(n(h, r) + n(r, t) + 6), the counts of
 *                             its head with its relation and its tail with it in training (over the
 *                             mean weight), as the RotatE authors' code does: rare patterns count more
 * @param rateSteps            where the learning rate changes during the run ({@link RateSteps#NONE}: never)
 */
public record KgTrainingConfig(int epochs, int negatives, float learningRate, float margin, float temperature,
                               Corruption corruption, boolean filtered, int threads, long seed,
                               Loss loss, Optimizer optimizer, Regularization regularization,
                               float regularizationWeight, int sharedNegativesChunk, boolean frequencyWeights,
                               RateSteps rateSteps) {

    /** The loss a positive and its negatives' scores are judged by (core's implementations). */
    public enum Loss {
        /** −log σ(γ + s+) − Σ w_i log σ(−s_i − γ), w = softmax(α s) (Sun et al. 2019). */
        SELF_ADVERSARIAL,
        /** Σ max(0, γ − s+ + s_i) (Bordes et al. 2013). */
        MARGIN,
        /** softplus(−(s+ + γ)) + Σ softplus(s_i + γ): each triple judged on its own. */
        LOGISTIC
    }

    /** The sparse optimiser that moves each touched row. */
    public enum Optimizer { ADAGRAD, ADAM }

    /** Self-adversarial loss, Adagrad, no regularisation, a negative set per positive. */
    public KgTrainingConfig(int epochs, int negatives, float learningRate, float margin, float temperature,
                            Corruption corruption, boolean filtered, int threads, long seed) {
        this(epochs, negatives, learningRate, margin, temperature, corruption, filtered, threads, seed,
                Loss.SELF_ADVERSARIAL, Optimizer.ADAGRAD, Regularization.NONE, 0f, 0, false, RateSteps.NONE);
    }

    public KgTrainingConfig {
        if (epochs < 1) {
            throw new InvalidInputException("epochs must be >= 1, got " + epochs);
        }
        if (negatives < 1) {
            throw new InvalidInputException("negatives must be >= 1, got " + negatives);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new InvalidInputException("learning rate must be a positive number, got " + learningRate);
        }
        if (!Float.isFinite(margin)) {
            throw new InvalidInputException("margin must be finite, got " + margin);
        }
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new InvalidInputException("adversarial temperature must be >= 0, got " + temperature);
        }
        if (corruption == null || loss == null || optimizer == null || regularization == null || rateSteps == null) {
            throw new InvalidInputException("corruption, loss, optimizer, regularization and rate steps must be given");
        }
        if (rateSteps.lastStepEpoch() >= epochs) {
            throw new InvalidInputException("a rate step after " + rateSteps.lastStepEpoch() + " epochs is never "
                    + "reached in a run of " + epochs);
        }
        if (threads < 1) {
            throw new InvalidInputException("threads must be >= 1, got " + threads);
        }
        if (loss == Loss.MARGIN && margin < 0) {
            throw new InvalidInputException("the margin-ranking loss needs a margin >= 0, got " + margin);
        }
        if (!(regularizationWeight >= 0) || Float.isInfinite(regularizationWeight)) {
            throw new InvalidInputException("regularization weight must be >= 0, got " + regularizationWeight);
        }
        if (sharedNegativesChunk < 0) {
            throw new InvalidInputException("shared-negatives chunk must be >= 0, got " + sharedNegativesChunk);
        }
    }

    public KgTrainingConfig withLoss(Loss newLoss) {
        return new KgTrainingConfig(epochs, negatives, learningRate, margin, temperature, corruption, filtered,
                threads, seed, newLoss, optimizer, regularization, regularizationWeight, sharedNegativesChunk,
                frequencyWeights, rateSteps);
    }

    public KgTrainingConfig withOptimizer(Optimizer newOptimizer) {
        return new KgTrainingConfig(epochs, negatives, learningRate, margin, temperature, corruption, filtered,
                threads, seed, loss, newOptimizer, regularization, regularizationWeight, sharedNegativesChunk,
                frequencyWeights, rateSteps);
    }

    public KgTrainingConfig withRegularization(Regularization newRegularization, float weight) {
        return new KgTrainingConfig(epochs, negatives, learningRate, margin, temperature, corruption, filtered,
                threads, seed, loss, optimizer, newRegularization, weight, sharedNegativesChunk, frequencyWeights,
                rateSteps);
    }

    /** Negatives shared by chunks of {@code chunk} positives (0: off). */
    public KgTrainingConfig withSharedNegatives(int chunk) {
        return new KgTrainingConfig(epochs, negatives, learningRate, margin, temperature, corruption, filtered,
                threads, seed, loss, optimizer, regularization, regularizationWeight, chunk, frequencyWeights, rateSteps);
    }

    /** Each positive weighed by its frequency weight (see the record's parameter), or not. */
    public KgTrainingConfig withFrequencyWeights(boolean on) {
        return new KgTrainingConfig(epochs, negatives, learningRate, margin, temperature, corruption, filtered,
                threads, seed, loss, optimizer, regularization, regularizationWeight, sharedNegativesChunk, on,
                rateSteps);
    }

    /** The learning rate changed at these epochs. */
    public KgTrainingConfig withRateSteps(RateSteps steps) {
        return new KgTrainingConfig(epochs, negatives, learningRate, margin, temperature, corruption, filtered,
                threads, seed, loss, optimizer, regularization, regularizationWeight, sharedNegativesChunk,
                frequencyWeights, steps);
    }

    /** The rate of the epoch that follows {@code epochsDone} epochs. */
    public float learningRateAfter(int epochsDone) {
        return rateSteps.rateAfter(epochsDone, learningRate);
    }
}
