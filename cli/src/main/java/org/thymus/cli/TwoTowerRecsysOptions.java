package org.thymus.cli;

import org.thymus.core.ann.Metric;
import org.thymus.retrieval.NegativeSpec;
import org.thymus.retrieval.Tower;
import org.thymus.retrieval.TwoTowerConfig;
import org.thymus.retrieval.recsys.MovieLens;
import org.thymus.retrieval.recsys.Recommender;
import org.thymus.retrieval.recsys.TwoTowerRecommender;
import picocli.CommandLine.Option;

/** The options of {@code recsys eval --model twotower} beyond the ones it shares with bpr. */
final class TwoTowerRecsysOptions {
    @Option(names = "--negatives", defaultValue = "inbatch+logq", paramLabel = "RECIPE",
            description = "twotower: inbatch | uniform | mixed:F | ...+logq | ...+ann:F[:band=LO-HI][:every=N] (default: ${DEFAULT-VALUE}).")
    String negatives = "inbatch+logq";

    @Option(names = "--guard", defaultValue = "none", paramLabel = "none|known",
            description = "twotower: known masks a user's training items out of the user's softmax (default: ${DEFAULT-VALUE}).")
    String guard = "none";

    @Option(names = "--batch", defaultValue = "256", description = "twotower: pairs a batch (default: ${DEFAULT-VALUE}).")
    int batch = 256;

    @Option(names = "--temperature", defaultValue = "0.1", description = "twotower: softmax temperature (default: ${DEFAULT-VALUE}).")
    float temperature = 0.1f;

    @Option(names = "--similarity", defaultValue = "cosine", paramLabel = "cosine|dot",
            description = "twotower: score (default: ${DEFAULT-VALUE}).")
    String similarity = "cosine";

    @Option(names = "--pooling", defaultValue = "mean", paramLabel = "mean|sum",
            description = "twotower: how a tower combines its features (default: ${DEFAULT-VALUE}).")
    String pooling = "mean";

    @Option(names = "--dense", defaultValue = "none", paramLabel = "none|linear|tanh|relu",
            description = "twotower: dense layer after pooling (default: ${DEFAULT-VALUE}).")
    String dense = "none";

    @Option(names = "--init-range", defaultValue = "0.1", paramLabel = "R",
            description = "twotower: feature rows start uniform in [-R, R] (default: ${DEFAULT-VALUE}).")
    float initRange = 0.1f;

    @Option(names = "--user-features", defaultValue = "id,age,gender,occupation", paramLabel = "LIST",
            description = "twotower: id, age, gender, occupation, zip, history (default: ${DEFAULT-VALUE}).")
    String userFeatures = "id,age,gender,occupation";

    @Option(names = "--item-features", defaultValue = "id,genres,year", paramLabel = "LIST",
            description = "twotower: id, genres, year, title (default: ${DEFAULT-VALUE}).")
    String itemFeatures = "id,genres,year";

    Recommender recommender(MovieLens movieLens, int dim, int epochs, float learningRate, long seed, int threads) {
        boolean known = switch (guard) {
            case "none" -> false;
            case "known" -> true;
            default -> throw new org.thymus.core.InvalidInputException("unknown --guard '" + guard + "' (none or known)");
        };
        Tower.Pooling p = Tower.Pooling.parse(pooling);
        TwoTowerConfig config = new TwoTowerConfig(dim, p, p, Tower.Dense.parse(dense), Metric.parse(similarity), temperature,
                0f, NegativeSpec.parse(negatives), known, false, batch, epochs, learningRate, initRange, threads, seed);
        return new TwoTowerRecommender(movieLens, config,
                TwoTowerRecommender.parseFeatures(userFeatures, TwoTowerRecommender.UserFeature.class, "--user-features"),
                TwoTowerRecommender.parseFeatures(itemFeatures, TwoTowerRecommender.ItemFeature.class, "--item-features"),
                false);
    }
}
