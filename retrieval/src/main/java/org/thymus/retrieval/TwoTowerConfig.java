package org.thymus.retrieval;

import org.thymus.core.InvalidInputException;
import org.thymus.core.ann.Metric;

/**
 * The settings of one two-tower run.
 *
 * @param dim           embedding dimensions (both towers)
 * @param queryPooling  how the query tower combines its features
 * @param itemPooling   how the item tower combines its features
 * @param dense         the dense layer after pooling (both towers), or none
 * @param similarity    dot or cosine
 * @param temperature   the softmax temperature t: logits are score / t
 * @param tauPlus       0: InfoNCE / sampled softmax; above 0, the debiased contrastive loss with
 *                      this class prior (Chuang et al. 2020; no logQ correction then)
 * @param negatives     which candidates each query is contrasted with
 * @param guardKnown    mask every known positive of the query (a training pair) out of its softmax
 * @param guardClasses  mask the positive item's repeats in the batch and every item of its
 *                      equivalence class (when the trainer is given classes)
 * @param batch         pairs a batch
 * @param epochs        passes over the pairs
 * @param learningRate  Adagrad's rate
 * @param initRange     feature rows start uniform in [-initRange, initRange)
 * @param threads       Hogwild workers, each taking whole batches
 * @param seed          the run's seed (one thread: reproducible)
 */
public record TwoTowerConfig(int dim, Tower.Pooling queryPooling, Tower.Pooling itemPooling, Tower.Dense dense,
                             Metric similarity, float temperature, float tauPlus, NegativeSpec negatives,
                             boolean guardKnown, boolean guardClasses, int batch, int epochs, float learningRate,
                             float initRange, int threads, long seed) {
    public TwoTowerConfig {
        if (dim < 1) {
            throw new InvalidInputException("--dim must be at least 1, got " + dim);
        }
        if (similarity == Metric.L2) {
            throw new InvalidInputException("--similarity must be dot or cosine");
        }
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new InvalidInputException("--temperature must be a positive number, got " + temperature);
        }
        if (!(tauPlus >= 0 && tauPlus < 1)) {
            throw new InvalidInputException("--tau-plus must be in [0, 1), got " + tauPlus);
        }
        if (tauPlus > 0 && negatives.logQ()) {
            throw new InvalidInputException("the debiased loss (--tau-plus > 0) has no logQ correction: drop +logq");
        }
        if (batch < 2) {
            throw new InvalidInputException("--batch must be at least 2, got " + batch);
        }
        if (epochs < 1) {
            throw new InvalidInputException("--epochs must be at least 1, got " + epochs);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new InvalidInputException("--learning-rate must be a positive number, got " + learningRate);
        }
        if (!(initRange > 0) || Float.isInfinite(initRange)) {
            throw new InvalidInputException("--init-range must be a positive number, got " + initRange);
        }
        if (threads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threads);
        }
    }

    /** Defaults for a quick run: dim 64, mean pooling, no dense layer, cosine / 0.1, in-batch, batch 256. */
    public static TwoTowerConfig defaults() {
        return new TwoTowerConfig(64, Tower.Pooling.MEAN, Tower.Pooling.MEAN, Tower.Dense.NONE, Metric.COSINE, 0.1f, 0f,
                NegativeSpec.parse("inbatch"), false, false, 256, 10, 0.05f, 0.1f, 1, 1);
    }

    public TwoTowerConfig withNegatives(NegativeSpec spec) {
        return new TwoTowerConfig(dim, queryPooling, itemPooling, dense, similarity, temperature, tauPlus, spec, guardKnown,
                guardClasses, batch, epochs, learningRate, initRange, threads, seed);
    }

    public TwoTowerConfig withGuards(boolean known, boolean classes) {
        return new TwoTowerConfig(dim, queryPooling, itemPooling, dense, similarity, temperature, tauPlus, negatives, known,
                classes, batch, epochs, learningRate, initRange, threads, seed);
    }

    public TwoTowerConfig withTraining(int dim, float temperature, int batch, int epochs, float learningRate, long seed) {
        return new TwoTowerConfig(dim, queryPooling, itemPooling, dense, similarity, temperature, tauPlus, negatives,
                guardKnown, guardClasses, batch, epochs, learningRate, initRange, threads, seed);
    }

    public TwoTowerConfig withShape(Tower.Pooling queryPooling, Tower.Pooling itemPooling, Tower.Dense dense, Metric similarity) {
        return new TwoTowerConfig(dim, queryPooling, itemPooling, dense, similarity, temperature, tauPlus, negatives,
                guardKnown, guardClasses, batch, epochs, learningRate, initRange, threads, seed);
    }

    public TwoTowerConfig withLoss(float tauPlus) {
        return new TwoTowerConfig(dim, queryPooling, itemPooling, dense, similarity, temperature, tauPlus, negatives,
                guardKnown, guardClasses, batch, epochs, learningRate, initRange, threads, seed);
    }

    public TwoTowerConfig withThreads(int threads) {
        return new TwoTowerConfig(dim, queryPooling, itemPooling, dense, similarity, temperature, tauPlus, negatives,
                guardKnown, guardClasses, batch, epochs, learningRate, initRange, threads, seed);
    }
}
