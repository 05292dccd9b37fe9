package org.thymus.cli;

import java.util.Locale;
import org.thymus.core.InvalidInputException;
import org.thymus.core.ann.Metric;
import org.thymus.core.metrics.Metrics;
import org.thymus.retrieval.NegativeSpec;
import org.thymus.retrieval.Tower;
import org.thymus.retrieval.TwoTowerConfig;
import picocli.CommandLine.Option;

/**
 * The options that shape a two-tower model and its negatives, shared by {@code twotower train} and
 * {@code recsys eval --model twotower} (each declares --dim, --epochs, --learning-rate, --threads
 * and --seed itself: recsys eval shares them with BPR).
 */
final class TowerOptions {
    @Option(names = "--negatives", defaultValue = "inbatch+logq", paramLabel = "RECIPE",
            description = "Two towers: inbatch | uniform | mixed:F | ...+logq | ...+ann:F[:band=LO-HI][:every=N] | full "
                    + "(default: ${DEFAULT-VALUE}); e.g. inbatch, mixed:0.5+logq, inbatch+logq+ann:0.2; full is the "
                    + "exact softmax over every item (small catalogues).")
    String negatives = "inbatch+logq";

    @Option(names = "--guard", defaultValue = "none", paramLabel = "none|known|classes|known+classes",
            description = "Two towers: mask out of each query's softmax its known positives (training pairs) and/or "
                    + "its positive's class-mates: the positive item again (a homophone's identical pronunciation) "
                    + "and the items of its --item-classes class (default: ${DEFAULT-VALUE}).")
    String guard = "none";

    @Option(names = "--batch", defaultValue = "256", description = "Two towers: pairs a batch (default: ${DEFAULT-VALUE}).")
    int batch = 256;

    @Option(names = "--temperature", defaultValue = "0.1",
            description = "Two towers: softmax temperature (default: ${DEFAULT-VALUE}).")
    float temperature = 0.1f;

    @Option(names = "--similarity", defaultValue = "cosine", paramLabel = "cosine|dot",
            description = "Two towers: score of a (query, item) pair (default: ${DEFAULT-VALUE}).")
    String similarity = "cosine";

    @Option(names = "--query-pooling", defaultValue = "mean", paramLabel = "mean|sum",
            description = "Two towers: how the query tower combines its features (default: ${DEFAULT-VALUE}).")
    String queryPooling = "mean";

    @Option(names = "--item-pooling", defaultValue = "mean", paramLabel = "mean|sum",
            description = "Two towers: how the item tower combines its features (default: ${DEFAULT-VALUE}).")
    String itemPooling = "mean";

    @Option(names = "--dense", defaultValue = "none", paramLabel = "none|linear|tanh|relu",
            description = "Two towers: a dense layer after pooling, in both towers (default: ${DEFAULT-VALUE}).")
    String dense = "none";

    @Option(names = "--tau-plus", defaultValue = "0", paramLabel = "TAU",
            description = "Two towers: above 0, the debiased contrastive loss with this class prior instead of "
                    + "InfoNCE (default: ${DEFAULT-VALUE}).")
    float tauPlus;

    @Option(names = "--init-range", defaultValue = "0.1", paramLabel = "R",
            description = "Two towers: feature rows start uniform in [-R, R] (default: ${DEFAULT-VALUE}).")
    float initRange = 0.1f;

    /** The run's settings, with the options the command declares itself. */
    TwoTowerConfig config(int dim, int epochs, float learningRate, int threads, long seed) {
        boolean known;
        boolean classes;
        switch (guard.toLowerCase(Locale.ROOT)) {
            case "none" -> { known = false; classes = false; }
            case "known" -> { known = true; classes = false; }
            case "classes" -> { known = false; classes = true; }
            case "known+classes", "classes+known" -> { known = true; classes = true; }
            default -> throw new InvalidInputException("unknown --guard '" + guard + "' (none, known, classes, known+classes)");
        }
        return new TwoTowerConfig(dim, Tower.Pooling.parse(queryPooling), Tower.Pooling.parse(itemPooling),
                Tower.Dense.parse(dense), Metric.parse(similarity), temperature, tauPlus, NegativeSpec.parse(negatives),
                known, classes, batch, epochs, learningRate, initRange, threads, seed);
    }

    /** Records a run's settings in {@code parameters}. */
    static void describe(Metrics parameters, TwoTowerConfig c) {
        parameters.put("negatives", c.negatives().toString()).put("guard_known", c.guardKnown())
                .put("guard_classes", c.guardClasses()).put("dim", c.dim()).put("epochs", c.epochs())
                .put("batch", c.batch()).put("temperature", c.temperature()).put("learning_rate", c.learningRate())
                .put("similarity", c.similarity().label()).put("query_pooling", c.queryPooling().name().toLowerCase(Locale.ROOT))
                .put("item_pooling", c.itemPooling().name().toLowerCase(Locale.ROOT))
                .put("dense", c.dense().name().toLowerCase(Locale.ROOT)).put("tau_plus", c.tauPlus())
                .put("init_range", c.initRange()).put("threads", c.threads()).put("seed", c.seed());
    }
}
