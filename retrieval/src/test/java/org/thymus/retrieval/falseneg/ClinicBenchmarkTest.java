package org.thymus.retrieval.falseneg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClinicBenchmarkTest {
    private static final long SEED = 2;
    private static Map<String, Double> untrained;
    private static final Map<ClinicBenchmark.Arm, Map<String, Double>> ARMS = new EnumMap<>(ClinicBenchmark.Arm.class);

    @BeforeAll
    static void trainEveryArmOnASmallWorld() {
        ClinicWorld world = ClinicWorld.generate(ClinicWorld.Settings.small(), SEED);
        untrained = ClinicBenchmark.untrained(world, ClinicBenchmark.Settings.small(), SEED);
        for (ClinicBenchmark.Arm arm : ClinicBenchmark.Arm.values()) {
            ARMS.put(arm, ClinicBenchmark.run(world, arm, ClinicBenchmark.Settings.small(), SEED));
        }
    }

    @Test
    void everyArmRetrievesSameConditionPatientsAcrossHospitalsBetterThanItsUntrainedStart() {
        ARMS.forEach((arm, figures) -> assertTrue(
                figures.get("cross_hospital_ndcg10") > untrained.get("cross_hospital_ndcg10") + 0.1,
                arm + ": " + figures.get("cross_hospital_ndcg10") + " vs " + untrained.get("cross_hospital_ndcg10")));
    }

    @Test
    void withinHospitalNegativesTakeTheHospitalShortcutAway() {
        double global = ARMS.get(ClinicBenchmark.Arm.GLOBAL).get("hospital_accuracy");
        double hospital = ARMS.get(ClinicBenchmark.Arm.HOSPITAL).get("hospital_accuracy");
        assertTrue(global > 0.9, "global negatives teach the hospital: " + global);
        assertTrue(hospital < global - 0.3, "within-hospital negatives: " + hospital);
    }

    @Test
    void withinHospitalNegativesShareTheConditionMoreOftenAsPlanted() {
        ClinicBenchmark.Arm[] arms = ClinicBenchmark.Arm.values();
        double global = ARMS.get(ClinicBenchmark.Arm.GLOBAL).get("false_negative_rate_condition");
        double hospital = ARMS.get(ClinicBenchmark.Arm.HOSPITAL).get("false_negative_rate_condition");
        assertTrue(hospital > global + 0.05, "hospital " + hospital + " vs global " + global);
        for (ClinicBenchmark.Arm arm : arms) {
            double tauPlus = ARMS.get(arm).get("tau_plus");
            if (arm.debiased) {
                double rate = ARMS.get(arm).get("false_negative_rate_condition");
                assertTrue(Math.abs(tauPlus - rate) < 0.12, arm + ": tau+ " + tauPlus + " vs rate " + rate);
            } else {
                assertTrue(Double.isNaN(tauPlus));
            }
        }
    }
}
