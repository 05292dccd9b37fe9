package org.thymus.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;
import org.thymus.core.ann.Metric;
import org.thymus.core.table.EmbeddingTable;

class FeatureSpecTest {

    private static List<String> features(FeatureSpec spec, String text) {
        List<String> out = new ArrayList<>();
        spec.extract(text, (f, w) -> out.add(f.replace(FeatureSpec.CHAR_NAMESPACE, '#') + "/" + w));
        return out;
    }

    @Test
    void extractsTokensCharacterAndTokenNgramsWithWeights() {
        assertEquals(List.of("to/1.0", "#<t/1.0", "#to/1.0", "#o>/1.0", "#<to/1.0", "#to>/1.0"),
                features(FeatureSpec.parse("tokens,char=2-3"), "to"));
        assertEquals(List.of("T/1.0", "UW1/1.0", "T UW1/1.0"), features(FeatureSpec.parse("tokens,ngrams=2"), " T  UW1 "));
        assertEquals(List.of("genre=Drama/0.5", "user=3/1.0"), features(FeatureSpec.parse("tokens,weights"), "genre=Drama:0.5 user=3"));
        // Without weights a colon is an ordinary character.
        assertEquals(List.of("a:b/1.0"), features(FeatureSpec.tokensOnly(), "a:b"));
        assertEquals("tokens,char=2-4,ngrams=3,weights", FeatureSpec.parse("weights,ngrams=3,char=2-4,tokens").toString());
    }

    @Test
    void rejectsMalformedSpecsAndWeights() {
        assertThrows(InvalidInputException.class, () -> FeatureSpec.parse("tokens,chars=3"));
        assertThrows(InvalidInputException.class, () -> FeatureSpec.parse("char=5-3"));
        assertThrows(InvalidInputException.class, () -> FeatureSpec.parse("weights"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> features(FeatureSpec.parse("tokens,weights"), "genre:abc"));
        assertTrue(e.getMessage().contains("malformed weight"), e.getMessage());
    }

    @Test
    void badLinesNameTheFileAndLine(@TempDir Path dir) throws IOException {
        FeatureSpec weighted = FeatureSpec.parse("tokens,weights");
        Path weight = dir.resolve("weight.tsv");
        Files.writeString(weight, "a\tb\nc d:x\te\n");
        assertMessage(weight, weighted, "line 2: malformed weight");
        Path empty = dir.resolve("empty.tsv");
        Files.writeString(empty, "a\tb\n\n  \t b\n");
        assertMessage(empty, weighted, "line 3: the query side has no feature");
        Path tabs = dir.resolve("tabs.tsv");
        Files.writeString(tabs, "a b c\n");
        assertMessage(tabs, weighted, "line 1: expected 'query features<TAB>item features'");
        Path ok = dir.resolve("ok.tsv");
        Files.writeString(ok, "a\tb\n\nc  d\tb\na\te\n");
        PairData data = PairData.readTsv(ok, weighted, weighted);
        assertEquals(3, data.pairCount());
        assertEquals(List.of("b", "e"), data.items());
        assertEquals(List.of("a", "c d"), data.queries());
        assertEquals(1, data.blankLines());
        Path more = dir.resolve("items.txt");
        Files.writeString(more, "b\n\nf  g\n");
        assertEquals(2, data.addItems(more, weighted));
        assertEquals(List.of("b", "e", "f g"), data.items());
        assertEquals(3, data.pairCount());
        Files.writeString(more, "f\nh:y\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> data.addItems(more, weighted));
        assertTrue(e.getMessage().startsWith(more + ": line 2: malformed weight"), e.getMessage());
    }

    private static void assertMessage(Path file, FeatureSpec spec, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PairData.readTsv(file, spec, spec));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void modelRoundTripsThroughItsFile(@TempDir Path dir) throws IOException {
        PlantedData planted = new PlantedData(30, 20, 4, 4, 1);
        TwoTowerConfig config = TwoTowerConfig.defaults().withShape(Tower.Pooling.SUM, Tower.Pooling.MEAN, Tower.Dense.TANH, Metric.COSINE)
                .withTraining(6, 0.2f, 8, 1, 0.1f, 2);
        TwoTowerModel model = TwoTowerTrainer.newModel(planted.train, FeatureSpec.parse("tokens,char=2-3"),
                FeatureSpec.parse("tokens,weights"), 1, config);
        new TwoTowerTrainer(model, planted.train, config, null).train(null, null);
        Path file = dir.resolve("m.tower");
        model.save(file);
        TwoTowerModel loaded = TwoTowerModel.load(file);
        assertEquals(model.items(), loaded.items());
        assertEquals(model.querySpec(), loaded.querySpec());
        assertEquals(Tower.Dense.TANH, loaded.itemTower().dense());
        float[] a = new float[6];
        float[] b = new float[6];
        assertEquals(model.queryVector("user=3 user=9", a), loaded.queryVector("user=3 user=9", b));
        assertArrayEquals(a, b);
        EmbeddingTable x = model.itemVectors(1);
        EmbeddingTable y = loaded.itemVectors(1);
        for (int i = 0; i < x.rows(); i++) {
            for (int c = 0; c < x.dim(); c++) {
                assertEquals(x.get(i, c), y.get(i, c));
            }
        }
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 100));
        assertThrows(InvalidInputException.class, () -> TwoTowerModel.load(file));
    }
}
