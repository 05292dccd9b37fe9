package org.thymus.cli;

import org.thymus.retrieval.recsys.MovieLens;
import org.thymus.retrieval.recsys.Recommender;
import org.thymus.retrieval.recsys.TwoTowerRecommender;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code recsys eval --model twotower}: the towers' ({@link TowerOptions}) and the sides' features. */
final class TwoTowerRecsysOptions {
    @Mixin
    TowerOptions tower;

    @Option(names = "--user-features", defaultValue = "id,age,gender,occupation", paramLabel = "LIST",
            description = "twotower: id, age, gender, occupation, zip, history (default: ${DEFAULT-VALUE}).")
    String userFeatures;

    @Option(names = "--item-features", defaultValue = "id,genres,year", paramLabel = "LIST",
            description = "twotower: id, genres, year, title (default: ${DEFAULT-VALUE}).")
    String itemFeatures;

    Recommender recommender(MovieLens movieLens, int dim, int epochs, float learningRate, long seed, int threads) {
        return new TwoTowerRecommender(movieLens, tower.config(dim, epochs, learningRate, threads, seed),
                TwoTowerRecommender.parseFeatures(userFeatures, TwoTowerRecommender.UserFeature.class, "--user-features"),
                TwoTowerRecommender.parseFeatures(itemFeatures, TwoTowerRecommender.ItemFeature.class, "--item-features"),
                false);
    }
}
