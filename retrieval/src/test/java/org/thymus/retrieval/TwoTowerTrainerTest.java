package org.thymus.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.thymus.core.InvalidInputException;
import org.thymus.core.ann.Metric;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.EquivalenceClasses;
import org.thymus.core.table.EmbeddingTable;

class TwoTowerTrainerTest {

    private static PairData smallPairs() {
        PairData d = new PairData();
        d.add("user=1 age:2 likes:0.5", "apple red fruit");
        d.add("user=2 age:1", "pear green fruit");
        d.add("user=3 likes:2", "kale green leaf");
        d.add("user=1 age:2 likes:0.5", "cherry red fruit");
        d.add("user=4", "apple red fruit");
        return d;
    }

    private static TwoTowerConfig config(Metric similarity, Tower.Pooling pooling, Tower.Dense dense, String negatives) {
        return TwoTowerConfig.defaults().withShape(pooling, pooling, dense, similarity)
                .withTraining(5, 0.5f, 8, 3, 0.1f, 3).withNegatives(NegativeSpec.parse(negatives));
    }

    /**
     * The trainer's gradients for every touched feature row and the dense layers agree with
     * central finite differences of its own loss, through pooling, the dense layer, the cosine and
     * the logQ-corrected softmax (or the debiased loss) over the batch's score matrix.
     */
    @ParameterizedTest
    @CsvSource({
        "cosine, mean, tanh, inbatch+logq, 0",
        "dot, sum, none, inbatch, 0",
        "dot, mean, linear, mixed:1.0+logq:0.5, 0",
        "cosine, sum, relu, inbatch, 0",
        "cosine, mean, none, mixed:0.5, 0.1",
        "cosine, mean, none, full, 0",
    })
    void gradientsMatchFiniteDifferences(String similarity, String pooling, String dense, String negatives, float tauPlus) {
        PairData data = smallPairs();
        TwoTowerConfig config = config(Metric.parse(similarity), Tower.Pooling.parse(pooling), Tower.Dense.parse(dense), negatives)
                .withLoss(tauPlus);
        FeatureSpec querySpec = FeatureSpec.parse("tokens,weights");
        FeatureSpec itemSpec = FeatureSpec.parse("tokens,char=2-3");
        TwoTowerModel model = TwoTowerTrainer.newModel(data, querySpec, itemSpec, 1, config);
        TwoTowerTrainer trainer = new TwoTowerTrainer(model, data, config, null);
        trainer.train(null, null); // so the frequency estimates, and with them the logQ terms, differ by item
        // Large enough values that relu units are active and cosines are not degenerate.
        model.queryTower().features().fillUniform(11, -1f, 1f);
        model.itemTower().features().fillUniform(12, -1f, 1f);
        if (model.queryTower().denseWeights() != null) {
            perturb(model.queryTower().denseWeights(), 13);
            perturb(model.itemTower().denseWeights(), 14);
        }
        int[] batch = {0, 1, 2, 3, 4};
        Map<String, float[]> analytic = new HashMap<>();
        float[][] denseGrads = new float[2][];
        trainer.probe(batch, 5, new TwoTowerTrainer.GradientSink() {
            @Override
            public void accept(boolean querySide, int row, float[] g, int off) {
                analytic.put((querySide ? "q" : "i") + row, java.util.Arrays.copyOfRange(g, off, off + model.dim()));
            }

            @Override
            public void dense(float[] queryDense, float[] itemDense) {
                denseGrads[0] = queryDense.clone();
                denseGrads[1] = itemDense.clone();
            }
        });
        assertTrue(analytic.size() > 10, "touched rows: " + analytic.size());
        int checked = 0;
        for (Map.Entry<String, float[]> e : analytic.entrySet()) {
            boolean query = e.getKey().charAt(0) == 'q';
            int row = Integer.parseInt(e.getKey().substring(1));
            EmbeddingTable table = query ? model.queryTower().features() : model.itemTower().features();
            for (int c = 0; c < model.dim(); c++) {
                assertClose(e.getValue()[c], numeric(trainer, batch, table, row, c), e.getKey() + "[" + c + "]");
                checked++;
            }
        }
        if (denseGrads[0] != null) {
            for (int side = 0; side < 2; side++) {
                EmbeddingTable w = side == 0 ? model.queryTower().denseWeights() : model.itemTower().denseWeights();
                for (int r = 0; r < model.dim(); r++) {
                    for (int c = 0; c < model.dim(); c++) {
                        assertClose(denseGrads[side][r * model.dim() + c], numeric(trainer, batch, w, r, c),
                                (side == 0 ? "Wq" : "Wi") + "[" + r + "][" + c + "]");
                    }
                }
            }
        }
        assertTrue(checked > 50);
    }

    private static void perturb(EmbeddingTable w, long seed) {
        EmbeddingTable noise = new EmbeddingTable(w.rows(), w.dim());
        noise.fillUniform(seed, -0.4f, 0.4f);
        for (int r = 0; r < w.rows(); r++) {
            for (int c = 0; c < w.dim(); c++) {
                w.set(r, c, w.get(r, c) + noise.get(r, c));
            }
        }
    }

    /** d (mean batch loss) / d table[row][col], by central differences. */
    private static double numeric(TwoTowerTrainer trainer, int[] batch, EmbeddingTable table, int row, int col) {
        float h = 2e-3f; // small enough not to cross a relu kink, large enough for float round-off
        float x = table.get(row, col);
        table.set(row, col, x + h);
        double plus = trainer.probe(batch, 5, (q, r, g, o) -> { });
        table.set(row, col, x - h);
        double minus = trainer.probe(batch, 5, (q, r, g, o) -> { });
        table.set(row, col, x);
        return (plus - minus) / (2 * h) / batch.length;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 2e-3 + 0.03 * Math.abs(expected), what);
    }

    /**
     * A batch of two pairs over a catalogue of three items, one feature a side, dot product at
     * temperature 1, computed by hand: with in-batch negatives each row is the softmax cross-entropy
     * of its row of the 2 x 2 score matrix (x and y); with {@code full}, of its scores against all
     * three items, the positive once (neither the batch's other positive nor the catalogue's copy of
     * its own positive is an extra column), and z, in no pair of the batch, takes a gradient too.
     */
    @ParameterizedTest
    @CsvSource({"inbatch", "full"})
    void softmaxLossMatchesAHandComputation(String negatives) {
        PairData data = new PairData();
        data.add("a", "x");
        data.add("b", "y");
        data.add("c", "z");
        TwoTowerConfig config = TwoTowerConfig.defaults().withShape(Tower.Pooling.SUM, Tower.Pooling.SUM, Tower.Dense.NONE, Metric.DOT)
                .withTraining(2, 1f, 2, 1, 0.1f, 1).withNegatives(NegativeSpec.parse(negatives));
        TwoTowerModel model = TwoTowerTrainer.newModel(data, FeatureSpec.tokensOnly(), FeatureSpec.tokensOnly(), 1, config);
        double[][] queries = {{1, 0}, {0, 1}};            // a, b
        double[][] items = {{2, 0}, {1, 1}, {-1, 3}};     // x, y, z
        for (int r = 0; r < 2; r++) {
            set(model.queryTower().features(), r, (float) queries[r][0], (float) queries[r][1]);
        }
        for (int r = 0; r < 3; r++) {
            set(model.itemTower().features(), r, (float) items[r][0], (float) items[r][1]);
        }
        int candidates = negatives.equals("full") ? 3 : 2;
        // p[row][c] = softmax over the candidates of the row's scores; query r's positive is item r.
        double expectedLoss = 0;
        double[][] p = new double[2][candidates];
        for (int r = 0; r < 2; r++) {
            double norm = 0;
            for (int c = 0; c < candidates; c++) {
                p[r][c] = Math.exp(queries[r][0] * items[c][0] + queries[r][1] * items[c][1]);
                norm += p[r][c];
            }
            for (int c = 0; c < candidates; c++) {
                p[r][c] /= norm;
            }
            expectedLoss -= Math.log(p[r][r]);
        }
        TwoTowerTrainer trainer = new TwoTowerTrainer(model, data, config, null);
        Map<String, float[]> g = new HashMap<>();
        double loss = trainer.probe(new int[] {0, 1}, 1, (q, r, v, o) -> g.put((q ? "q" : "i") + r, new float[] {v[o], v[o + 1]}));
        assertEquals(expectedLoss, loss, 1e-5);
        // d mean loss / d a = (sum_c p_ac c - x) / 2; d mean loss / d z = (p_az a + p_bz b) / 2 when z is a candidate.
        for (int d = 0; d < 2; d++) {
            double da = -items[0][d];
            for (int c = 0; c < candidates; c++) {
                da += p[0][c] * items[c][d];
            }
            assertEquals(da / 2, g.get("q0")[d], 1e-5);
        }
        if (candidates == 3) {
            assertEquals(p[0][2] * queries[0][0] / 2 + p[1][2] * queries[1][0] / 2, g.get("i2")[0], 1e-5);
            assertEquals(p[0][2] * queries[0][1] / 2 + p[1][2] * queries[1][1] / 2, g.get("i2")[1], 1e-5);
        } else {
            assertTrue(!g.containsKey("i2"), "z is in no in-batch softmax");
        }
        assertEquals(candidates - 1, new TwoTowerTrainer(model, data, config, null).train(null, null).negativesPerRow(), 0);
    }

    @Test
    void fullTakesNoSampledNegatives() {
        for (String recipe : new String[] {"full+logq", "full+inbatch", "mixed:0.5+full", "full+ann:0.2"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> NegativeSpec.parse(recipe), recipe);
            assertTrue(e.getMessage().contains("exact softmax"), e.getMessage());
        }
        assertEquals("full", NegativeSpec.parse("full").toString());
    }

    private static void set(EmbeddingTable t, int row, float... values) {
        for (int c = 0; c < values.length; c++) {
            t.set(row, c, values[c]);
        }
    }

    /**
     * With the known-pairs guard, a batch whose every other column is a known positive of the
     * query leaves the positive alone in the softmax (loss exactly 0); without the guard the same
     * columns are trained as negatives. The false negatives met are counted either way.
     */
    @Test
    void knownPositivesNeverEnterTheSoftmax() {
        PairData data = new PairData();
        data.add("q", "x");
        data.add("q", "y");
        data.add("q", "z");
        TwoTowerConfig base = TwoTowerConfig.defaults().withTraining(4, 0.5f, 3, 1, 0.1f, 1);
        TwoTowerModel model = TwoTowerTrainer.newModel(data, FeatureSpec.tokensOnly(), FeatureSpec.tokensOnly(), 1, base);
        int[] batch = {0, 1, 2};
        double guarded = new TwoTowerTrainer(model, data, base.withGuards(true, false), null).probe(batch, 1, (q, r, g, o) -> { });
        double unguarded = new TwoTowerTrainer(model, data, base, null).probe(batch, 1, (q, r, g, o) -> { });
        assertEquals(0.0, guarded, 0.0);
        assertTrue(unguarded > 3 * Math.log(3) * 0.5, "unguarded loss " + unguarded);

        TwoTowerTrainer.Report on = new TwoTowerTrainer(model, data, base.withGuards(true, false), null).train(null, null);
        assertEquals(6, on.knownMet());
        assertEquals(6, on.masked());
        assertEquals(0, on.negativesPerRow(), 0);
        TwoTowerTrainer.Report off = new TwoTowerTrainer(model, data, base, null).train(null, null);
        assertEquals(6, off.knownMet());
        assertEquals(0, off.masked());
        assertEquals(2, off.negativesPerRow(), 0);
    }

    /** On random data with many repeats, every known positive met (in-batch, uniform or ANN) is masked. */
    @Test
    void guardMasksEveryKnownPositiveMet() {
        PlantedData planted = new PlantedData(60, 40, 4, 8, 5);
        TwoTowerConfig config = TwoTowerConfig.defaults().withTraining(8, 0.2f, 32, 2, 0.1f, 2)
                .withNegatives(NegativeSpec.parse("mixed:0.5+ann:0.25:band=0-10:every=3")).withGuards(true, false);
        TwoTowerModel model = TwoTowerTrainer.newModel(planted.train, FeatureSpec.tokensOnly(), FeatureSpec.tokensOnly(), 1, config);
        TwoTowerTrainer.Report r = new TwoTowerTrainer(model, planted.train, config, null).train(null, null);
        assertTrue(r.knownMet() > 100, "known met " + r.knownMet());
        assertEquals(r.knownMet(), r.masked());
        assertTrue(r.hardDrawn() > 0 && r.annRefreshes() >= 2);
    }

    /** The classes guard masks a candidate in the positive's class (and repeats of the positive). */
    @Test
    void classesGuardMasksClassMates(@TempDir Path dir) throws IOException {
        PairData data = new PairData();
        data.add("spelling=to", "T UW1");
        data.add("spelling=too", "T UW");
        data.add("spelling=cat", "K AE1 T");
        Path classes = dir.resolve("classes.txt");
        Files.writeString(classes, "T_UW1 T_UW\n");
        EquivalenceClasses ec = EquivalenceClasses.read(classes, name -> data.itemId(name.replace('_', ' ')), data.items().size());
        TwoTowerConfig config = TwoTowerConfig.defaults().withTraining(4, 0.5f, 3, 1, 0.1f, 1).withGuards(false, true);
        TwoTowerModel model = TwoTowerTrainer.newModel(data, FeatureSpec.tokensOnly(), FeatureSpec.parse("tokens,ngrams=2"), 1, config);
        TwoTowerTrainer.Report r = new TwoTowerTrainer(model, data, config, ec).train(null, null);
        assertEquals(2, r.classMet()); // to↔too both ways
        assertEquals(2, r.masked());
    }

    /**
     * Without a class file the classes guard masks the positive item's repeats: two spellings of one
     * pronunciation (homophones, one item) are not negatives for each other.
     */
    @Test
    void classesGuardMasksRepeatsOfThePositive() {
        PairData data = new PairData();
        data.add("spelling=to", "T UW1");
        data.add("spelling=two", "T UW1");
        data.add("spelling=cat", "K AE1 T");
        TwoTowerConfig config = TwoTowerConfig.defaults().withTraining(4, 0.5f, 3, 1, 0.1f, 1);
        TwoTowerModel model = TwoTowerTrainer.newModel(data, FeatureSpec.parse("char=1-2"), FeatureSpec.tokensOnly(), 1, config);
        TwoTowerTrainer.Report off = new TwoTowerTrainer(model, data, config, null).train(null, null);
        assertEquals(2, off.classMet());
        assertEquals(0, off.masked());
        TwoTowerTrainer.Report on = new TwoTowerTrainer(model, data, config.withGuards(false, true), null).train(null, null);
        assertEquals(2, on.classMet());
        assertEquals(2, on.masked());
        assertEquals(4 / 3.0, on.negativesPerRow(), 1e-9); // to and two see cat only; cat sees both
    }

    /**
     * End to end on planted tastes: training lifts held-out Recall@10 far above the untrained model
     * and above chance, for in-batch, logQ-corrected and mixed negatives.
     */
    @ParameterizedTest
    @CsvSource({"inbatch", "inbatch+logq", "mixed:0.5+logq", "inbatch+ann:0.2:band=2-20:every=20", "full"})
    void trainingRaisesRecall(String negatives) {
        PlantedData planted = new PlantedData(300, 200, 10, 10, 7);
        TwoTowerConfig config = TwoTowerConfig.defaults().withTraining(16, 0.1f, 64, 15, 0.1f, 9)
                .withNegatives(NegativeSpec.parse(negatives)).withGuards(true, false);
        TwoTowerModel model = TwoTowerTrainer.newModel(planted.train, FeatureSpec.tokensOnly(), FeatureSpec.tokensOnly(), 1, config);
        int[] cutoffs = {10};
        double before = RetrievalEvaluation.evaluate(model, planted.testQueries, planted.testItems, planted.testTrainQuery,
                planted.train.knownPairs(), cutoffs, 1).recall(10);
        TwoTowerTrainer.Report report = new TwoTowerTrainer(model, planted.train, config, null).train(null, null);
        RetrievalEvaluation.Result after = RetrievalEvaluation.evaluate(model, planted.testQueries, planted.testItems,
                planted.testTrainQuery, planted.train.knownPairs(), cutoffs, 1);
        assertEquals(300, after.queries());
        // 20 items a taste, 10 of them already seen: chance is about 10 / 190 overall.
        assertTrue(after.recall(10) > 0.3, negatives + ": recall@10 " + after.recall(10) + " (before " + before + ")");
        assertTrue(after.recall(10) > before + 0.2, negatives + ": recall@10 " + after.recall(10) + " (before " + before + ")");
        assertTrue(report.epochLosses()[report.epochs() - 1] < report.epochLosses()[0]);
    }

    /** One thread, one seed: the same model twice, with random batches and with batches grouped by item. */
    @ParameterizedTest
    @CsvSource({"false", "true"})
    void oneThreadIsReproducible(boolean grouped) {
        PlantedData planted = new PlantedData(50, 40, 4, 6, 3);
        TwoTowerConfig config = TwoTowerConfig.defaults().withTraining(8, 0.2f, 16, 2, 0.1f, 4)
                .withNegatives(NegativeSpec.parse("mixed:0.5+logq"));
        long[] keys = grouped ? new long[planted.train.pairCount()] : null;
        if (grouped) {
            java.util.Arrays.setAll(keys, planted.train::item);
        }
        float[][] vectors = new float[2][];
        for (int run = 0; run < 2; run++) {
            TwoTowerModel model = TwoTowerTrainer.newModel(planted.train, FeatureSpec.tokensOnly(), FeatureSpec.tokensOnly(), 1, config);
            new TwoTowerTrainer(model, planted.train, config, null, keys, 1).train(null, null);
            EmbeddingTable items = model.itemVectors(1);
            vectors[run] = new float[items.rows() * items.dim()];
            for (int i = 0; i < items.rows(); i++) {
                items.copyRow(i, vectors[run], i * items.dim());
            }
        }
        assertTrue(java.util.Arrays.equals(vectors[0], vectors[1]));
    }

    /** Every batch of a run, by epoch. */
    private static List<List<int[]>> epochs(TwoTowerTrainer.Batches batches, int epochs) {
        List<List<int[]>> out = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            out.add(new ArrayList<>());
        }
        for (TwoTowerTrainer.Batch b = batches.next(); b != null; b = batches.next()) {
            out.get(b.epoch()).add(b.pairs());
        }
        return out;
    }

    /**
     * Without keys the batches are what the trainer always made: each epoch a Fisher–Yates shuffle of
     * the previous epoch's order with the epoch's stream, cut in order; a lone last pair waits.
     */
    @Test
    void randomBatchesAreTheShuffledOrderCutInTurn() {
        int[] pairs = new int[33];
        java.util.Arrays.setAll(pairs, p -> 2 * p); // pair ids need not be 0..n-1 (untrainable pairs are left out)
        List<List<int[]>> served = epochs(new TwoTowerTrainer.Batches(pairs.clone(), null, 1, 8, 3, 42), 3);
        int[] order = pairs.clone();
        for (int e = 0; e < 3; e++) {
            FastRandom rng = FastRandom.forWorker(42, 1000 + e);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            assertEquals(4, served.get(e).size(), "33 pairs in batches of 8: the 33rd waits");
            for (int b = 0; b < 4; b++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(order, 8 * b, 8 * b + 8), served.get(e).get(b), "epoch " + e);
            }
        }
    }

    /**
     * Grouped batches: every pair once an epoch; a key's pairs in one batch except where a
     * boundary falls (so a key spans at most two batches, and at most one key a batch is split);
     * the boundaries move between epochs and the batches are not served in key order. Random
     * batches on the same pairs split nearly every key: the control that makes this test bite.
     */
    @Test
    void groupedBatchesKeepEqualKeysTogetherExceptAtABoundary() {
        int n = 203;
        int batch = 16;
        long[] keys = new long[2 * n];
        int[] pairs = new int[n];
        int groups = 0;
        for (int p = 0; p < n; groups++) {
            for (int k = 0; k <= groups % 5 && p < n; k++, p++) {
                pairs[p] = 2 * p;
                keys[2 * p] = (groups * 37L) % 101; // a key order unlike the pair order; groups < 101
            }
        }
        int epochs = 4;
        List<List<int[]>> grouped = epochs(new TwoTowerTrainer.Batches(pairs.clone(), keys, 1, batch, epochs, 7), epochs);
        List<java.util.Set<Long>> splitKeys = new ArrayList<>();
        boolean servedOutOfKeyOrder = false;
        for (List<int[]> epoch : grouped) {
            int[] seen = new int[2 * n];
            Map<Long, java.util.Set<Integer>> batchesOfKey = new HashMap<>();
            long[] firstKeys = new long[epoch.size()];
            for (int b = 0; b < epoch.size(); b++) {
                firstKeys[b] = keys[epoch.get(b)[0]];
                for (int p : epoch.get(b)) {
                    seen[p]++;
                    batchesOfKey.computeIfAbsent(keys[p], k -> new java.util.HashSet<>()).add(b);
                }
            }
            for (int p : pairs) {
                assertEquals(1, seen[p], "pair " + p);
            }
            assertEquals(n, java.util.Arrays.stream(seen).sum());
            java.util.Set<Long> split = new java.util.HashSet<>();
            batchesOfKey.forEach((key, bs) -> {
                assertTrue(bs.size() <= 2, "key " + key + " in batches " + bs);
                if (bs.size() == 2) {
                    split.add(key);
                }
            });
            assertTrue(split.size() <= epoch.size(), split.size() + " keys split by " + epoch.size() + " boundaries");
            splitKeys.add(split);
            servedOutOfKeyOrder |= !java.util.Arrays.equals(firstKeys, java.util.Arrays.stream(firstKeys).sorted().toArray());
        }
        assertTrue(servedOutOfKeyOrder, "batches served in shuffled order");
        assertTrue(splitKeys.stream().distinct().count() > 1, "the boundaries move: " + splitKeys);

        int splitAtRandom = 0;
        Map<Long, java.util.Set<Integer>> batchesOfKey = new HashMap<>();
        List<int[]> random = epochs(new TwoTowerTrainer.Batches(pairs.clone(), null, 1, batch, 1, 7), 1).get(0);
        for (int b = 0; b < random.size(); b++) {
            for (int p : random.get(b)) {
                batchesOfKey.computeIfAbsent(keys[p], k -> new java.util.HashSet<>()).add(b);
            }
        }
        for (java.util.Set<Integer> bs : batchesOfKey.values()) {
            splitAtRandom += bs.size() > 1 ? 1 : 0;
        }
        assertTrue(splitAtRandom > 3 * random.size(), splitAtRandom + " keys split at random");
    }

    /**
     * With k runs a batch, a batch of B pairs is k runs of B / k consecutive keys taken from
     * random places of the key order: every pair once an epoch, at most k stretches of
     * consecutive keys a batch (one more where a run wraps from the largest key to the smallest),
     * and the runs of a batch seldom adjacent. With one run, a batch is one stretch.
     */
    @ParameterizedTest
    @CsvSource({"1", "4"})
    void aGroupedBatchIsItsRunsOfConsecutiveKeys(int runs) {
        int n = 250;
        int[] pairs = new int[n];
        java.util.Arrays.setAll(pairs, p -> p);
        long[] keys = new long[n];
        java.util.Arrays.setAll(keys, p -> (p * 97L) % n); // every key once, in an order unlike the pairs'
        int stretchesSeen = 0;
        int batchesSeen = 0;
        for (List<int[]> epoch : epochs(new TwoTowerTrainer.Batches(pairs, keys, runs, 16, 3, 11), 3)) {
            int[] seen = new int[n];
            for (int[] batch : epoch) {
                assertTrue(batch.length <= 16);
                long[] sorted = java.util.Arrays.stream(batch).mapToLong(p -> keys[p]).sorted().toArray();
                int stretches = 1;
                for (int i = 1; i < sorted.length; i++) {
                    stretches += sorted[i] == sorted[i - 1] + 1 ? 0 : 1;
                }
                assertTrue(stretches <= runs + 1, stretches + " stretches in " + java.util.Arrays.toString(sorted));
                stretchesSeen += stretches;
                batchesSeen++;
                for (int p : batch) {
                    seen[p]++;
                }
            }
            assertTrue(java.util.Arrays.stream(seen).allMatch(c -> c == 1), "every pair once an epoch");
        }
        double meanStretches = stretchesSeen / (double) batchesSeen;
        assertTrue(runs == 1 ? meanStretches < 1.2 : meanStretches > 3.5, "mean stretches a batch " + meanStretches);
    }

    /** The same seed serves the same grouped batches; another seed others. */
    @Test
    void groupedBatchesAreSeeded() {
        int[] pairs = new int[100];
        java.util.Arrays.setAll(pairs, p -> p);
        long[] keys = new long[100];
        java.util.Arrays.setAll(keys, p -> p / 3);
        List<List<int[]>> a = epochs(new TwoTowerTrainer.Batches(pairs.clone(), keys, 1, 10, 2, 5), 2);
        List<List<int[]>> b = epochs(new TwoTowerTrainer.Batches(pairs.clone(), keys, 1, 10, 2, 5), 2);
        List<List<int[]>> c = epochs(new TwoTowerTrainer.Batches(pairs.clone(), keys, 1, 10, 2, 6), 2);
        assertEquals(flatten(a), flatten(b));
        assertTrue(!flatten(a).equals(flatten(c)));
    }

    private static List<Integer> flatten(List<List<int[]>> epochs) {
        return epochs.stream().flatMap(List::stream).flatMapToInt(java.util.Arrays::stream).boxed().toList();
    }

    @Test
    void batchKeysMustCoverEveryPair() {
        PairData data = smallPairs();
        TwoTowerConfig config = TwoTowerConfig.defaults().withTraining(4, 0.5f, 3, 1, 0.1f, 1);
        TwoTowerModel model = TwoTowerTrainer.newModel(data, FeatureSpec.tokensOnly(), FeatureSpec.tokensOnly(), 1, config);
        assertThrows(IllegalArgumentException.class, () -> new TwoTowerTrainer(model, data, config, null, new long[4], 1));
        assertThrows(IllegalArgumentException.class, () -> new TwoTowerTrainer(model, data, config, null, new long[5], 4));
    }

    /** A diverging run stops with a message instead of writing NaN vectors. */
    @Test
    void nonFiniteLossStops() {
        PlantedData planted = new PlantedData(50, 40, 4, 6, 3);
        TwoTowerConfig config = TwoTowerConfig.defaults().withShape(Tower.Pooling.SUM, Tower.Pooling.SUM, Tower.Dense.NONE, Metric.DOT)
                .withTraining(8, 1e-30f, 16, 2, 0.1f, 4);
        TwoTowerModel model = TwoTowerTrainer.newModel(planted.train, FeatureSpec.tokensOnly(), FeatureSpec.tokensOnly(), 1, config);
        model.queryTower().features().fillUniform(1, 1e30f, 2e30f);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new TwoTowerTrainer(model, planted.train, config, null).train(null, null));
        assertTrue(e.getMessage().contains("loss became"), e.getMessage());
    }
}
