package org.thymus.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;
import org.thymus.core.eval.SimilarityEvaluation.Pair;
import org.thymus.core.eval.SimilarityEvaluation.Result;
import org.thymus.core.vectors.TestVectors;
import org.thymus.core.vectors.WordVectors;

class SimilarityEvaluationTest {
    @TempDir
    Path dir;

    /** Cosines with "cat": kitten 0.8, dog 0.6, car 0, rock -1 (and "Tiger" 1). */
    private final WordVectors vectors = TestVectors.of(
            new String[] {"cat", "kitten", "dog", "car", "rock", "Tiger", "zero"},
            new float[][] {{1, 0, 0}, {0.8f, 0.6f, 0}, {3, 4, 0}, {0, 0, 2}, {-1, 0, 0}, {2, 0, 0}, {0, 0, 0}});

    @Test
    void spearmanOfCosinesAgainstGoldScores() {
        List<Pair> pairs = List.of(new Pair("cat", "kitten", 9), new Pair("cat", "dog", 7),
                new Pair("cat", "car", 3), new Pair("cat", "rock", 1), new Pair("cat", "unicorn", 5));
        Result result = new SimilarityEvaluation(vectors, false).evaluate(pairs);
        assertEquals(5, result.pairs());
        assertEquals(4, result.found());
        assertEquals(0.8, result.coverage(), 1e-12);
        assertEquals(1.0, result.spearman(), 1e-12);
        // Pearson of cosines 0.8, 0.6, 0, -1 with gold 9, 7, 3, 1 is high but below 1.
        assertTrue(result.pearson() > 0.9 && result.pearson() < 1, "pearson " + result.pearson());

        Result swapped = new SimilarityEvaluation(vectors, false).evaluate(List.of(new Pair("cat", "kitten", 1),
                new Pair("cat", "dog", 2), new Pair("cat", "car", 3)));
        assertEquals(-1.0, swapped.spearman(), 1e-12);
    }

    @Test
    void caseFoldingAndZeroVectors() {
        List<Pair> pairs = List.of(new Pair("CAT", "tiger", 10), new Pair("cat", "zero", 0), new Pair("Cat", "rock", 1));
        Result folded = new SimilarityEvaluation(vectors, true).evaluate(pairs);
        assertEquals(3, folded.found());
        // Cosines 1, 0 (zero vector), -1 rank 3, 2, 1; gold 10, 0, 1 ranks 3, 1, 2: rho = 1 / 2.
        assertEquals(0.5, folded.spearman(), 1e-12);
        Result exact = new SimilarityEvaluation(vectors, false).evaluate(pairs);
        assertEquals(1, exact.found(), "only cat/zero is spelled as in the vocabulary");
        assertTrue(Double.isNaN(exact.spearman()));
    }

    @Test
    void readsTabsSpacesCrlfCommentsAndAHeader() throws IOException {
        Path file = Files.writeString(dir.resolve("ws.txt"),
                "# WordSim-like\r\nWord 1\tWord 2\tHuman (mean)\r\ntiger\tcat\t7.35\r\n\r\nbook  paper   7.46\n");
        assertEquals(List.of(new Pair("tiger", "cat", 7.35), new Pair("book", "paper", 7.46)),
                SimilarityEvaluation.readPairs(file));
    }

    @Test
    void malformedPairFilesAreInvalidInput() throws IOException {
        Path badScore = Files.writeString(dir.resolve("bad.txt"), "a b 1\nc d high\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SimilarityEvaluation.readPairs(badScore));
        assertEquals(badScore + ": line 2: the score 'high' is not a number", e.getMessage());
        Path twoFields = Files.writeString(dir.resolve("two.txt"), "a b 1\nc 2\n");
        assertThrows(InvalidInputException.class, () -> SimilarityEvaluation.readPairs(twoFields));
        Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing\n");
        assertThrows(InvalidInputException.class, () -> SimilarityEvaluation.readPairs(empty));
    }
}
