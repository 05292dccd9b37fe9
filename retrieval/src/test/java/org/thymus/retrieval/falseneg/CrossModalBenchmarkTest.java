package org.thymus.retrieval.falseneg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thymus.core.table.EmbeddingTable;

class CrossModalBenchmarkTest {

    /** to (three pronunciations), too, two, tea, tee, cat, kat, dog: homophones T UW1, T IY1, K AE1 T. */
    static PronunciationDictionary fixture() {
        return PronunciationDictionary.of(List.of(
                new String[] {"to", "T UW1"}, new String[] {"to", "T IH0"}, new String[] {"to", "T AH0"},
                new String[] {"too", "T UW1"}, new String[] {"two", "T UW1"}, new String[] {"tea", "T IY1"},
                new String[] {"tee", "T IY1"}, new String[] {"cat", "K AE1 T"}, new String[] {"kat", "K AE1 T"},
                new String[] {"dog", "D AO1 G"}));
    }

    private static int[] ids(PronunciationDictionary d, String... words) {
        return java.util.Arrays.stream(words).mapToInt(d.words()::indexOf).toArray();
    }

    /** All training pairs in one batch, one epoch, so a report's per-batch figures are the batch's. */
    private static CrossModalBenchmark.Settings oneBatch() {
        return new CrossModalBenchmark.Settings(0, 0, 8, 1, 64, 0.1f, 0.05f, "tokens,char=1-3", "tokens,ngrams=2",
                "pronunciations", "inbatch", "random");
    }

    @Test
    void theClassGuardRemovesEveryFalseNegativeTheCounterFinds() {
        PronunciationDictionary d = fixture();
        // Held out: two and kat. Trained: to ×3, too, tea, tee, cat, dog = 8 pairs in one batch.
        CrossModalBenchmark.Problem problem = CrossModalBenchmark.problem(d, new CrossModalBenchmark.Split(
                ids(d, "to", "too", "tea", "tee", "cat", "dog"), ids(d, "two", "kat")));
        assertEquals(8, problem.data().pairCount());
        boolean[] inGroup = d.inHomophoneGroup();
        // By hand: (to, T UW1) and (too, T UW1) each meet the other's column: 2; tea / tee: 2. The three
        // pronunciations of "to" are distinct items, not class-mates. So 4 false negatives in the batch.
        Map<String, Double> none = CrossModalBenchmark.run(problem, inGroup, CrossModalBenchmark.Arm.INBATCH, oneBatch(), 1);
        assertEquals(4.0, none.get("class_mates_met_per_batch"));
        assertEquals(4.0, none.get("false_negatives_in_softmax_per_batch"));
        Map<String, Double> guarded = CrossModalBenchmark.run(problem, inGroup, CrossModalBenchmark.Arm.CLASS_GUARD, oneBatch(), 1);
        assertEquals(4.0, guarded.get("class_mates_met_per_batch"), "counted whether or not the guard is on");
        assertEquals(0.0, guarded.get("false_negatives_in_softmax_per_batch"));
        // tau+: of the 8 × 7 ordered (anchor, other pair) couples, 4 share the pronunciation.
        Map<String, Double> debiased = CrossModalBenchmark.run(problem, inGroup, CrossModalBenchmark.Arm.DEBIASED, oneBatch(), 1);
        assertEquals(4.0 / 56, debiased.get("tau_plus"), 1e-12);
        assertEquals(4.0, debiased.get("false_negatives_in_softmax_per_batch"), "the debiased loss masks nothing");
        assertEquals(2.0, none.get("test_words"));
        assertEquals(2.0, none.get("homophone_test_words"));
    }

    /** Keys of sorted batches: the rank of the pair's phoneme string, equal for homophones, with either kind of item. */
    @Test
    void sortedBatchesAreKeyedByThePronunciationsRank() {
        PronunciationDictionary d = fixture();
        CrossModalBenchmark.Split split = new CrossModalBenchmark.Split(ids(d, "to", "too", "tea", "cat", "dog"), ids(d, "two"));
        for (CrossModalBenchmark.Items items : CrossModalBenchmark.Items.values()) {
            CrossModalBenchmark.Problem problem = CrossModalBenchmark.problem(d, split, items);
            // Pairs: to T UW1, to T IH0, to T AH0, too T UW1, tea T IY1, cat K AE1 T, dog D AO1 G. In order:
            // D AO1 G, K AE1 T, T AH0, T IH0, T IY1, T UW1 (and kat's and tee's untrained pronunciations among them).
            long[] keys = CrossModalBenchmark.pronunciationOrder(problem);
            assertEquals(keys[0], keys[3], items + ": to and too");
            long[] expectedOrder = {keys[6], keys[5], keys[2], keys[1], keys[4], keys[0]};
            for (int i = 1; i < expectedOrder.length; i++) {
                assertTrue(expectedOrder[i - 1] < expectedOrder[i], items + ": " + java.util.Arrays.toString(keys));
            }
        }
    }

    /**
     * Forty pairs of homophones in batches of 8: at random a batch meets about half a false
     * negative; sorted by pronunciation nearly every pair meets its mate (2 a homophone pair in the
     * batch, less the one a boundary may split), and still most of them in batches of two sorted
     * runs. The guard masks every one of them.
     */
    @Test
    void sortedBatchesMeetFarMoreFalseNegatives() {
        List<String[]> entries = new java.util.ArrayList<>();
        for (int g = 0; g < 40; g++) {
            String sound = "P" + (g % 7) + " Q" + g;
            entries.add(new String[] {"w" + g + "a", sound});
            entries.add(new String[] {"w" + g + "b", sound});
        }
        entries.add(new String[] {"held", "HH EH1 L D"});
        PronunciationDictionary d = PronunciationDictionary.of(entries);
        int[] train = java.util.stream.IntStream.range(0, d.size()).filter(w -> !d.words().get(w).equals("held")).toArray();
        CrossModalBenchmark.Problem problem = CrossModalBenchmark.problem(d, new CrossModalBenchmark.Split(train, ids(d, "held")));
        boolean[] inGroup = d.inHomophoneGroup();
        CrossModalBenchmark.Settings random = new CrossModalBenchmark.Settings(0, 0, 8, 3, 8, 0.1f, 0.05f, "tokens,char=1-3",
                "tokens,ngrams=2", "pronunciations", "inbatch", "random");
        CrossModalBenchmark.Settings sorted = random.with(null, null, null, null, null, null, "sorted");
        double atRandom = CrossModalBenchmark.run(problem, inGroup, CrossModalBenchmark.Arm.INBATCH, random, 1)
                .get("class_mates_met_per_batch");
        Map<String, Double> none = CrossModalBenchmark.run(problem, inGroup, CrossModalBenchmark.Arm.INBATCH, sorted, 1);
        double grouped = none.get("class_mates_met_per_batch");
        assertTrue(atRandom < 1.5, "at random " + atRandom);
        assertTrue(grouped >= 6 && grouped > 5 * atRandom, "sorted " + grouped + ", at random " + atRandom);
        assertEquals(grouped, none.get("false_negatives_in_softmax_per_batch"));
        Map<String, Double> guarded = CrossModalBenchmark.run(problem, inGroup, CrossModalBenchmark.Arm.CLASS_GUARD, sorted, 1);
        assertEquals(grouped, guarded.get("class_mates_met_per_batch"), "the same batches for every arm of a seed");
        assertEquals(0.0, guarded.get("false_negatives_in_softmax_per_batch"));
        // Two runs of 4 a batch: a boundary every 4 pairs splits more pairs of homophones, most still meet.
        double twoRuns = CrossModalBenchmark.run(problem, inGroup, CrossModalBenchmark.Arm.INBATCH,
                random.with(null, null, null, null, null, null, "sorted:2"), 1).get("class_mates_met_per_batch");
        assertTrue(twoRuns >= 3 && twoRuns > 4 * atRandom, "sorted:2 " + twoRuns + ", at random " + atRandom);
        for (String bad : List.of("topic", "sorted:0", "sorted:x", "sorted:9")) {
            assertThrows(org.thymus.core.InvalidInputException.class, () -> random.with(null, null, null, null, null, null, bad),
                    bad);
        }
    }

    @Test
    void aHeldOutWordsTargetsAreItsPronunciationsAndAHomophonesIsTheSameItem() {
        PronunciationDictionary d = fixture();
        CrossModalBenchmark.Problem problem = CrossModalBenchmark.problem(d, new CrossModalBenchmark.Split(
                ids(d, "too", "dog"), ids(d, "two", "to")));
        int tuw = problem.data().itemId("T UW1");
        assertEquals(tuw, problem.data().item(0), "too's training positive");
        assertEquals(List.of("two", "to"), problem.testSpellings());
        assertArrayEquals(new int[] {tuw}, problem.targets()[0], "two is right with too's pronunciation");
        assertArrayEquals(new int[] {tuw, problem.data().itemId("T IH0"), problem.data().itemId("T AH0")},
                problem.targets()[1]);
        assertEquals(6, problem.data().items().size(), "every pronunciation of the dictionary is a candidate");
    }

    /**
     * Planted scores: item i scores 10 − i for every query (dim 1, query vector 1), item 12 scores 8
     * like item 2. Each query's figures follow by counting the items ahead of its best target.
     */
    @Test
    void accuracyCountsAnyTargetAndTiesAgainstTheWord() {
        EmbeddingTable items = new EmbeddingTable(13, 1);
        for (int i = 0; i < 12; i++) {
            items.set(i, 0, 10 - i);
        }
        items.set(12, 0, 8);
        float[][] queries = new float[7][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = new float[] {1};
        }
        int[][] targets = {
            {0},      // first: right at 1 and 10
            {1},      // item 0 ahead: wrong at 1, right at 10
            {11, 1},  // the best of its targets (item 1) counts: as the previous
            {2},      // items 0, 1 and the tied 12 ahead: wrong at 1, right at 10
            {12},     // tied with 2, which counts against it: 3 ahead
            {11},     // 11 items ahead: wrong at 10
            {0},      // first
        };
        boolean[] inGroup = {true, true, false, false, false, true, false};
        CrossModalBenchmark.Accuracy a = CrossModalBenchmark.accuracy(queries, items, targets, inGroup);
        assertEquals(2.0 / 7, a.top1(), 1e-12);
        assertEquals(6.0 / 7, a.top10(), 1e-12);
        assertEquals(1.0 / 3, a.homophoneTop1(), 1e-12);
        assertEquals(2.0 / 3, a.homophoneTop10(), 1e-12);
        assertEquals(7, a.words());
        assertEquals(3, a.homophoneWords());
    }

    @Test
    void theSplitIsSeededDisjointAndSized() {
        CrossModalBenchmark.Settings s = new CrossModalBenchmark.Settings(50, 20, 8, 1, 8, 0.1f, 0.05f, "tokens", "tokens",
                "pronunciations", "inbatch", "random");
        CrossModalBenchmark.Split a = CrossModalBenchmark.Split.of(100, s, 3);
        CrossModalBenchmark.Split b = CrossModalBenchmark.Split.of(100, s, 3);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.test(), b.test());
        assertEquals(50, a.train().length);
        assertEquals(20, a.test().length);
        assertTrue(java.util.Arrays.stream(a.test()).noneMatch(t -> java.util.Arrays.stream(a.train()).anyMatch(x -> x == t)));
        assertTrue(!java.util.Arrays.equals(a.test(), CrossModalBenchmark.Split.of(100, s, 4).test()), "another seed, another split");
    }

    @Test
    void allTrainingWordsAreEveryWordNotHeldOut() {
        CrossModalBenchmark.Settings s = CrossModalBenchmark.Settings.defaults()
                .with(null, null, CrossModalBenchmark.Settings.ALL_WORDS, 7, "entries", null, null);
        CrossModalBenchmark.Split split = CrossModalBenchmark.Split.of(10_000, s, 2);
        assertEquals(3_000, split.test().length);
        assertEquals(7_000, split.train().length);
        assertEquals(7, s.epochs());
        assertEquals(CrossModalBenchmark.Items.ENTRIES, s.itemKind());
    }

    @Test
    void anEntrySpellsOutItsPhonemeNgramsAndCarriesItsId() {
        assertEquals("K AE1 T K_AE1 AE1_T K_AE1_T #entry=7.0",
                CrossModalBenchmark.entryText("K AE1 T", CrossModalBenchmark.entryId(7, 0)));
        assertEquals("T UW1 T_UW1", CrossModalBenchmark.entryText("T UW1", null));
        assertEquals("D", CrossModalBenchmark.entryText("D", null));
    }

    @Test
    void entriesAreDistinctItemsTrainedWithAnIdAndHeldOutOnesWithoutOne() {
        PronunciationDictionary d = fixture();
        CrossModalBenchmark.Problem problem = CrossModalBenchmark.problem(d, new CrossModalBenchmark.Split(
                ids(d, "to", "too", "tea", "tee", "cat", "dog"), ids(d, "two", "kat")), CrossModalBenchmark.Items.ENTRIES);
        var data = problem.data();
        assertEquals(8, data.pairCount());
        // 8 training entries (each its own item) + the held-out two and kat, by their phoneme n-grams alone.
        assertEquals(10, data.items().size());
        int to = data.item(0);
        int too = data.item(3);
        assertTrue(to != too, "to's and too's entries are distinct items");
        assertEquals(CrossModalBenchmark.entryText("T UW1", CrossModalBenchmark.entryId(d.words().indexOf("to"), 0)),
                data.items().get(to));
        int two = data.itemId(CrossModalBenchmark.entryText("T UW1", null));
        assertTrue(two >= 8, "two's entry has no id: it is not trained");
        int[] pron = problem.itemPronunciation();
        assertEquals(pron[to], pron[too]);
        assertEquals(pron[to], pron[two]);
        assertTrue(pron[data.item(1)] != pron[to], "to's other pronunciations are other pronunciations");
        assertArrayEquals(new int[] {pron[to]}, problem.targets()[0], "two is right with to's or too's entry");
        // The guard's classes: exactly the entries with an identical pronunciation.
        for (int a = 0; a < data.items().size(); a++) {
            for (int b = 0; b < data.items().size(); b++) {
                boolean identical = pron[a] == pron[b] && a != b;
                assertEquals(identical, a != b && problem.classes().sameClass(a, b), a + " vs " + b);
            }
        }
        // tau+: 4 of the 8 x 7 ordered couples of pairs share a pronunciation.
        assertEquals(4.0 / 56, CrossModalBenchmark.homophonePrior(data, pron), 1e-12);
    }

    @Test
    void withEntriesTheClassGuardMasksExactlyTheIdenticalPronunciations() {
        PronunciationDictionary d = fixture();
        CrossModalBenchmark.Problem problem = CrossModalBenchmark.problem(d, new CrossModalBenchmark.Split(
                ids(d, "to", "too", "tea", "tee", "cat", "dog"), ids(d, "two", "kat")), CrossModalBenchmark.Items.ENTRIES);
        boolean[] inGroup = d.inHomophoneGroup();
        CrossModalBenchmark.Settings s = new CrossModalBenchmark.Settings(0, 0, 8, 1, 64, 0.1f, 0.05f, "tokens,char=1-3",
                "tokens,ngrams=2", "entries", "inbatch", "random");
        // (to, T UW1) meets too's entry and (too, T UW1) to's: 2; tea / tee: 2. The other entries of "to"
        // (T IH0, T AH0) are other pronunciations: not masked.
        Map<String, Double> none = CrossModalBenchmark.run(problem, inGroup, CrossModalBenchmark.Arm.INBATCH, s, 1);
        assertEquals(4.0, none.get("class_mates_met_per_batch"));
        assertEquals(4.0, none.get("false_negatives_in_softmax_per_batch"));
        Map<String, Double> guarded = CrossModalBenchmark.run(problem, inGroup, CrossModalBenchmark.Arm.CLASS_GUARD, s, 1);
        assertEquals(4.0, guarded.get("class_mates_met_per_batch"));
        assertEquals(0.0, guarded.get("false_negatives_in_softmax_per_batch"));
        assertEquals(8.0, guarded.get("training_pairs"));
    }

    /**
     * Planted scores over entries: items 0..5 score 10 − i; their pronunciations are 0, 1, 1, 2, 3, 3.
     * A pronunciation scores as its best entry, and a wrong one counts once however many entries it has.
     */
    @Test
    void accuracyOverEntriesCountsAHomophonesEntryAsRightAndAPronunciationOnce() {
        EmbeddingTable items = new EmbeddingTable(6, 1);
        for (int i = 0; i < 6; i++) {
            items.set(i, 0, 10 - i);
        }
        int[] pron = {0, 1, 1, 2, 3, 3};
        float[][] queries = {{1}, {1}, {1}, {1}};
        int[][] targets = {
            {1},  // its best entry is item 1, behind pronunciation 0 only: wrong at 1
            {0},  // first
            {3},  // best entry item 4, behind pronunciations 0, 1 (two entries, counted once), 2: 3 ahead
            {2},  // item 3: 0 and 1 ahead
        };
        boolean[] inGroup = {true, false, true, false};
        CrossModalBenchmark.Accuracy a = CrossModalBenchmark.accuracy(queries, items, targets, pron, inGroup);
        assertEquals(1.0 / 4, a.top1(), 1e-12);
        assertEquals(1.0, a.top10(), 1e-12);
        assertEquals(0.0, a.homophoneTop1(), 1e-12);
        // Two homophone entries on top (items 0 and 1 both pronounce 0): the word of either is right at 1.
        int[] homophones = {0, 0, 1, 2, 3, 3};
        assertEquals(1.0, CrossModalBenchmark.accuracy(new float[][] {{1}}, items, new int[][] {{0}}, homophones,
                new boolean[1]).top1());
        // 10 other pronunciations ahead, each with two entries: wrong at 10 (counted by pronunciation, not by entry).
        EmbeddingTable many = new EmbeddingTable(21, 1);
        int[] manyPron = new int[21];
        for (int i = 0; i < 20; i++) {
            many.set(i, 0, 100 - i);
            manyPron[i] = i / 2;
        }
        many.set(20, 0, 1);
        manyPron[20] = 10;
        CrossModalBenchmark.Accuracy m = CrossModalBenchmark.accuracy(new float[][] {{1}}, many, new int[][] {{10}}, manyPron,
                new boolean[1]);
        assertEquals(0.0, m.top10());
        manyPron[19] = 10;
        manyPron[18] = 10; // now 9 wrong pronunciations ahead, and a target entry scoring 82
        assertEquals(1.0, CrossModalBenchmark.accuracy(new float[][] {{1}}, many, new int[][] {{10}}, manyPron,
                new boolean[1]).top10());
    }
}
