package org.thymus.kg;

import org.thymus.core.InvalidInputException;

/**
 * The settings of one training run.
 *
 * @param epochs       passes over the training triples
 * @param negatives    corrupted triples per positive
 * @param learningRate Adagrad's step size
 * @param margin       γ of the self-adversarial log-sigmoid loss (its score offset)
 * @param temperature  α, the inverse temperature of the self-adversarial weights (0: plain mean)
 * @param corruption   which side a negative replaces
 * @param filtered     redraw a corruption that is a known triple (train, valid or test)
 * @param threads      Hogwild workers
 * @param seed         seeds the shuffles and the draws (one thread is reproducible)
 */
public record KgTrainingConfig(int epochs, int negatives, float learningRate, float margin, float temperature,
                               Corruption corruption, boolean filtered, int threads, long seed) {

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
        if (corruption == null) {
            throw new InvalidInputException("corruption must be given");
        }
        if (threads < 1) {
            throw new InvalidInputException("threads must be >= 1, got " + threads);
        }
    }
}
