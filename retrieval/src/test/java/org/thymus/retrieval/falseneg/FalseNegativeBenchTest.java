package org.thymus.retrieval.falseneg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thymus.core.InvalidInputException;
import org.thymus.core.metrics.Metrics;

class FalseNegativeBenchTest {

    @Test
    void aRunIsReproducibleAndSummarisesEveryArmOverTheSeeds() {
        FalseNegativeBench.Options options = new FalseNegativeBench.Options(
                FalseNegativeBench.Setting.parse("domain"), 2, 1, 2, true);
        List<String> log = new ArrayList<>();
        FalseNegativeBench.Result first = FalseNegativeBench.run(options, log::add);
        FalseNegativeBench.Result second = FalseNegativeBench.run(options, line -> { });
        assertEquals(2 * 5, log.size(), "one line per (row, seed)");
        Metrics rows = (Metrics) ((Metrics) first.metrics().get("domain")).get("rows");
        assertEquals(List.of("untrained", "global", "hospital", "global+debiased", "hospital+debiased"),
                List.copyOf(rows.asMap().keySet()));
        Metrics again = (Metrics) ((Metrics) second.metrics().get("domain")).get("rows");
        for (Map.Entry<String, Object> row : rows.asMap().entrySet()) {
            Metrics ndcg = (Metrics) ((Metrics) row.getValue()).get("cross_hospital_ndcg10");
            Metrics ndcgAgain = (Metrics) ((Metrics) again.get(row.getKey())).get("cross_hospital_ndcg10");
            double[] values = (double[]) ndcg.get("values");
            assertEquals(2, values.length);
            assertTrue(java.util.Arrays.equals(values, (double[]) ndcgAgain.get("values")), "same seeds, same figures");
            double mean = (values[0] + values[1]) / 2;
            assertEquals(mean, (double) ndcg.get("mean"), 1e-12);
            assertEquals(Math.abs(values[0] - values[1]) / Math.sqrt(2), (double) ndcg.get("sd"), 1e-12);
        }
        assertTrue(first.markdown().contains("| hospital+debiased |"), first.markdown());
    }

    @Test
    void settingsAreNamedOnTheCommandLine() {
        assertEquals(List.of(FalseNegativeBench.Setting.CROSSMODAL, FalseNegativeBench.Setting.GEO,
                FalseNegativeBench.Setting.DOMAIN), FalseNegativeBench.Setting.parse("all"));
        assertEquals(List.of(FalseNegativeBench.Setting.GEO), FalseNegativeBench.Setting.parse("geo"));
        assertEquals(List.of(FalseNegativeBench.Setting.CROSSMODAL), FalseNegativeBench.Setting.parse("crossmodal"));
        assertThrows(InvalidInputException.class, () -> FalseNegativeBench.Setting.parse("cross"));
    }
}
