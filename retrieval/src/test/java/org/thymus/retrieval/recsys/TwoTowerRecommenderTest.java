package org.thymus.retrieval.recsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;
import org.thymus.core.metrics.Metrics;
import org.thymus.retrieval.NegativeSpec;
import org.thymus.retrieval.TwoTowerConfig;
import org.thymus.retrieval.recsys.TwoTowerRecommender.ItemFeature;
import org.thymus.retrieval.recsys.TwoTowerRecommender.UserFeature;

class TwoTowerRecommenderTest {
    private static final int USERS = 300;
    private static final int ITEMS = 200;

    /** Catalogues for the generated interactions: every item a 1995 drama, users of two kinds. */
    private static MovieLens catalogue(Path dir) throws IOException {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= ITEMS; i++) {
            items.append(i).append("|Movie ").append(i).append(": Part ").append(i % 3).append(" (1995)|01-Jan-1995||url|")
                    .append("0|".repeat(8)).append("1|").append("0|".repeat(9)).append("0\n");
        }
        StringBuilder users = new StringBuilder();
        for (int u = 1; u <= USERS; u++) {
            users.append(u).append('|').append(15 + u % 50).append('|').append(u % 2 == 0 ? "F" : "M").append("|writer|0").append(u % 90)
                    .append("12\n");
        }
        Files.writeString(dir.resolve("u.item"), items);
        Files.writeString(dir.resolve("u.user"), users);
        return MovieLens.open(dir);
    }

    private static TwoTowerConfig config(String negatives) {
        return TwoTowerConfig.defaults().withTraining(16, 0.1f, 64, 15, 0.1f, 5).withNegatives(NegativeSpec.parse(negatives));
    }

    /** The towers learn the planted clusters from ids (and from the history bag) and beat popularity. */
    @Test
    void beatsPopularityOnClusteredFeedback(@TempDir Path dir) throws IOException {
        MovieLens ml = catalogue(dir);
        RecsysSplit split = RecsysSplit.leaveLastOut(ClusteredInteractions.generate(USERS, ITEMS, 5, 20, 42));
        RankingResult popularity = RecsysEvaluation.run(split, new PopularityRecommender(), 1).ranking();
        for (var users : java.util.List.of(EnumSet.of(UserFeature.ID), EnumSet.of(UserFeature.HISTORY, UserFeature.AGE))) {
            TwoTowerRecommender towers = new TwoTowerRecommender(ml, config("inbatch+logq"), users,
                    EnumSet.of(ItemFeature.ID, ItemFeature.GENRES, ItemFeature.YEAR, ItemFeature.TITLE), false);
            RecsysEvaluation.Outcome outcome = RecsysEvaluation.run(split, towers, 1);
            RankingResult r = outcome.ranking();
            assertTrue(r.ndcgAt10() > popularity.ndcgAt10() + 0.02 && r.recallAt10() > popularity.recallAt10() + 0.05,
                    users + ": " + r.recallAt10() + " / " + r.ndcgAt10() + " vs popularity " + popularity.recallAt10() + " / "
                            + popularity.ndcgAt10());
            Metrics training = (Metrics) outcome.metrics().get("training");
            assertEquals("twotower", training.get("model"));
            assertEquals(split.training().size() * 15L, ((Number) training.get("interactions_processed")).longValue());
        }
    }

    @Test
    void sidesHoldTheAskedFeatures(@TempDir Path dir) throws IOException {
        MovieLens ml = catalogue(dir);
        RecsysSplit split = RecsysSplit.leaveLastOut(ClusteredInteractions.generate(USERS, ITEMS, 5, 4, 1));
        TwoTowerRecommender all = new TwoTowerRecommender(ml, config("inbatch"), EnumSet.allOf(UserFeature.class),
                EnumSet.allOf(ItemFeature.class), false);
        assertEquals("i=4 genre=Drama decade=1990 title=movie title=5 title=part title=2", all.itemText(4));
        String user = all.userText(0, split.trainingMatrix());
        assertTrue(user.startsWith("u=0 age=under18 gender=M occupation=writer zip=011 h="), user); // raw user 1: age 16, zip 0112
        assertEquals(split.trainingMatrix().rowLength(0), user.split(" h=").length - 1, user);
        assertEquals("under18", TwoTowerRecommender.ageBucket(17));
        assertEquals("56+", TwoTowerRecommender.ageBucket(73));
        assertThrows(InvalidInputException.class,
                () -> TwoTowerRecommender.parseFeatures("id,shoe-size", UserFeature.class, "--user-features"));
    }
}
