package org.thymus.retrieval.falseneg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeoBenchmarkTest {
    private static final long SEED = 1;
    private static Map<String, Double> untrained;
    private static final Map<GeoBenchmark.Arm, Map<String, Double>> ARMS = new EnumMap<>(GeoBenchmark.Arm.class);

    @BeforeAll
    static void trainEveryArmOnASmallWorld() {
        GeoWorld world = GeoWorld.generate(GeoWorld.Settings.small(), SEED);
        untrained = GeoBenchmark.untrained(world, GeoBenchmark.Settings.small(), SEED);
        for (GeoBenchmark.Arm arm : GeoBenchmark.Arm.values()) {
            ARMS.put(arm, GeoBenchmark.run(world, arm, GeoBenchmark.Settings.small(), SEED));
        }
    }

    @Test
    void everyArmRecoversCategoriesBetterThanItsUntrainedStart() {
        ARMS.forEach((arm, figures) -> assertTrue(
                figures.get("category_ndcg10") > untrained.get("category_ndcg10") + 0.03,
                arm + ": " + figures.get("category_ndcg10") + " vs untrained " + untrained.get("category_ndcg10")));
    }

    @Test
    void coVisitsLeakTheMapIntoRandomNegativeEmbeddings() {
        Map<String, Double> random = ARMS.get(GeoBenchmark.Arm.RANDOM);
        assertTrue(random.get("neighbourhood_accuracy") > untrained.get("neighbourhood_accuracy") + 0.3);
        assertTrue(random.get("distance_rho_other_category") < -0.3, random.toString());
    }

    @Test
    void nearbyNegativesShareTheCategoryMoreOftenAndTheRadiusTakesThatAway() {
        double random = ARMS.get(GeoBenchmark.Arm.RANDOM).get("false_negative_rate");
        double nearby = ARMS.get(GeoBenchmark.Arm.NEARBY).get("false_negative_rate");
        double radius = ARMS.get(GeoBenchmark.Arm.NEARBY_RADIUS).get("false_negative_rate");
        // The random arm draws by popularity, so its rate is near the category share (1/4 here).
        assertTrue(Math.abs(random - 0.25) < 0.03, "random " + random);
        assertTrue(nearby > random + 0.04, "nearby " + nearby + " vs random " + random);
        assertTrue(radius < nearby - 0.04, "radius " + radius + " vs nearby " + nearby);
        // Category and neighbourhood are independent: negatives from the anchor's neighbourhood
        // share its category at the base rate, like random ones.
        double stratum = ARMS.get(GeoBenchmark.Arm.NEIGHBOURHOOD).get("false_negative_rate");
        assertTrue(Math.abs(stratum - 0.25) < 0.04, "neighbourhood stratum " + stratum);
        double tauPlus = ARMS.get(GeoBenchmark.Arm.NEARBY_DEBIASED).get("tau_plus");
        assertTrue(Math.abs(tauPlus - nearby) < 0.1, "the audit estimates the nearby rate: " + tauPlus);
    }
}
