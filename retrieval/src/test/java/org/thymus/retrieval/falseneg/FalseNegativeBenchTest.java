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

    @Test
    void crossmodalWithEntriesRunsTheChosenStressModeAndPairsEachArmWithItsBaseline(@org.junit.jupiter.api.io.TempDir
                                                                                     java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("cmudict.tsv"), String.join("\n", "to\tT UW1", "too\tT UW1",
                "two\tT UW1", "tea\tT IY1", "tee\tT IY1", "cat\tK AE1 T", "kat\tK AE1 T", "dog\tD AO1 G",
                "dot\tD AA1 T", "cot\tK AA1 T", "tot\tT AA1 T", "dig\tD IH1 G") + "\n");
        FalseNegativeBench.Options options = new FalseNegativeBench.Options(FalseNegativeBench.Setting.parse("crossmodal"),
                2, 1, 1, true, null, null, null, dir, "entries", 0, 1, "kept", null, null);
        FalseNegativeBench.Result result = FalseNegativeBench.run(options, line -> { });
        Metrics section = (Metrics) result.metrics().get("crossmodal");
        Metrics rows = (Metrics) section.get("rows");
        assertEquals(List.of("untrained", "inbatch", "inbatch+class-guard", "inbatch+debiased"),
                List.copyOf(rows.asMap().keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) section.get("training");
        assertEquals("entries", fields.get("items"));
        assertEquals(1, fields.get("epochs"));
        Metrics paired = (Metrics) section.get("paired_differences");
        assertEquals(List.of("inbatch+class-guard − inbatch", "inbatch+debiased − inbatch"),
                List.copyOf(paired.asMap().keySet()));
        double[] guard = (double[]) ((Metrics) ((Metrics) rows.get("inbatch+class-guard")).get("homophone_top1")).get("values");
        double[] none = (double[]) ((Metrics) ((Metrics) rows.get("inbatch")).get("homophone_top1")).get("values");
        double[] diff = (double[]) ((Metrics) ((Metrics) paired.get("inbatch+class-guard − inbatch")).get("homophone_top1"))
                .get("values");
        assertEquals(guard[0] - none[0], diff[0], 1e-12);
        assertEquals(guard[1] - none[1], diff[1], 1e-12);
        assertTrue(result.markdown().contains("paired differences"), result.markdown());
        assertThrows(InvalidInputException.class, () -> new FalseNegativeBench.Options(List.of(FalseNegativeBench.Setting.CROSSMODAL),
                1, 1, 1, true, null, null, null, dir, "words", null, null, null, null, null));
        assertThrows(InvalidInputException.class, () -> new FalseNegativeBench.Options(List.of(FalseNegativeBench.Setting.CROSSMODAL),
                1, 1, 1, true, null, null, null, dir, null, null, null, "some", null, null));
    }
}
