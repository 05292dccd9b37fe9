package org.thymus.retrieval.falseneg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        return new CrossModalBenchmark.Settings(0, 0, 8, 1, 64, 0.1f, 0.05f, "tokens,char=1-3", "tokens,ngrams=2");
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
        CrossModalBenchmark.Settings s = new CrossModalBenchmark.Settings(50, 20, 8, 1, 8, 0.1f, 0.05f, "tokens", "tokens");
        CrossModalBenchmark.Split a = CrossModalBenchmark.Split.of(100, s, 3);
        CrossModalBenchmark.Split b = CrossModalBenchmark.Split.of(100, s, 3);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.test(), b.test());
        assertEquals(50, a.train().length);
        assertEquals(20, a.test().length);
        assertTrue(java.util.Arrays.stream(a.test()).noneMatch(t -> java.util.Arrays.stream(a.train()).anyMatch(x -> x == t)));
        assertTrue(!java.util.Arrays.equals(a.test(), CrossModalBenchmark.Split.of(100, s, 4).test()), "another seed, another split");
    }
}
