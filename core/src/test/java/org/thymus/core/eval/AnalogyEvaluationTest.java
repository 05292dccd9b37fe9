package org.thymus.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;
import org.thymus.core.eval.AnalogyEvaluation.Method;
import org.thymus.core.eval.AnalogyQuestions.Question;
import org.thymus.core.eval.AnalogyQuestions.Section;
import org.thymus.core.eval.AnalogyResult.Score;
import org.thymus.core.vectors.TestVectors;
import org.thymus.core.vectors.WordVectors;

class AnalogyEvaluationTest {
    private static final Set<Method> BOTH = EnumSet.allOf(Method.class);

    /**
     * Axes: royal, male, female, person, and a fifth for a distractor. king - man + woman is
     * exactly queen, and every vector has length sqrt(2), so normalising keeps that exact.
     */
    private static final WordVectors ROYALS = TestVectors.of(
            new String[] {"man", "woman", "king", "queen", "prince", "throne"},
            new float[][] {
                {0, 1, 0, 1, 0}, {0, 0, 1, 1, 0}, {1, 1, 0, 0, 0}, {1, 0, 1, 0, 0}, {1, 1, 0, 0, 0.1f}, {1, 0, 0, 0, 1},
            });

    private static Section section(String name, String... questions) {
        List<Question> parsed = new ArrayList<>();
        for (String q : questions) {
            String[] w = q.split(" ");
            parsed.add(new Question(w[0], w[1], w[2], w[3]));
        }
        return new Section(name, parsed);
    }

    @Test
    void kingMinusManPlusWomanIsQueen() {
        AnalogyResult result = new AnalogyEvaluation(ROYALS, 100, false)
                .evaluate(List.of(section("royals", "man king woman queen", "woman queen man king")), BOTH);
        Score total = result.total();
        assertEquals(2, total.questions());
        assertEquals(2, total.answered());
        assertEquals(1.0, total.accuracy(Method.COS_ADD));
        assertEquals(1.0, total.accuracy(Method.COS_MUL));
        assertEquals(1.0, total.coverage());
    }

    @Test
    void cosMulCanDisagreeWithCosAdd() {
        // a, b, c are orthonormal; x1 is very close to b but far from c, x2 is fairly close to both.
        // 3CosAdd: x1 = 0.9 + 0.2 - 0.3 = 0.80 beats x2 = 0.38 + 0.38 = 0.76.
        // 3CosMul: x1 = 0.95 * 0.35 / 0.401 = 0.83 loses to x2 = 0.69 * 0.69 / 0.501 = 0.95.
        WordVectors vectors = TestVectors.of(new String[] {"a", "b", "c", "x1", "x2"}, new float[][] {
            {1, 0, 0, 0, 0}, {0, 1, 0, 0, 0}, {0, 0, 1, 0, 0},
            {-0.2f, 0.9f, -0.3f, (float) Math.sqrt(0.06), 0}, {0, 0.38f, 0.38f, 0, (float) Math.sqrt(0.7112)},
        });
        AnalogyResult result = new AnalogyEvaluation(vectors, 100, false)
                .evaluate(List.of(section("s", "a b c x1"), section("t", "a b c x2")), BOTH);
        assertEquals(Map.of(Method.COS_ADD, 1, Method.COS_MUL, 0), result.sections().get(0).correct());
        assertEquals(Map.of(Method.COS_ADD, 0, Method.COS_MUL, 1), result.sections().get(1).correct());
    }

    @Test
    void questionsCountOnlyWhenAllFourWordsAreInTheTopN() {
        // Top 3: man, woman, king. queen is row 3, so questions needing it are not asked.
        AnalogyResult result = new AnalogyEvaluation(ROYALS, 3, false).evaluate(List.of(
                section("royals", "man king woman queen", "king man king man", "man king unknown queen")), BOTH);
        Score total = result.total();
        assertEquals(3, total.questions());
        assertEquals(1, total.answered());
        assertEquals(1.0 / 3, total.coverage(), 1e-12);
        // The candidates for "king man king ?" exclude king and man, leaving only woman: wrong.
        assertEquals(0.0, total.accuracy(Method.COS_ADD));
    }

    @Test
    void caseIsIgnoredOnBothSidesWhenAsked() {
        WordVectors mixed = TestVectors.of(new String[] {"Man", "woman", "KING", "Queen", "queen"},
                new float[][] {{0, 1, 0, 1}, {0, 0, 1, 1}, {1, 1, 0, 0}, {1, 0, 1, 0}, {0, 0, 0, 1}});
        List<Section> questions = List.of(section("royals", "man King WOMAN queen"));
        Score folded = new AnalogyEvaluation(mixed, 100, true).evaluate(questions, BOTH).total();
        assertEquals(1, folded.answered());
        assertEquals(1.0, folded.accuracy(Method.COS_ADD), "'queen' is the more frequent 'Queen'");
        Score exact = new AnalogyEvaluation(mixed, 100, false).evaluate(questions, BOTH).total();
        assertEquals(0, exact.answered());
        assertTrue(Double.isNaN(exact.accuracy(Method.COS_ADD)));
    }

    @Test
    void sectionsAddUpToSemanticSyntacticAndTotal() {
        AnalogyResult result = new AnalogyEvaluation(ROYALS, 100, false).evaluate(List.of(
                section("family", "man king woman queen", "man woman king throne"),
                section("gram1-royal", "woman queen man king"),
                section("gram2-absent", "man king woman princess")), EnumSet.of(Method.COS_ADD));
        assertEquals(List.of("family", "gram1-royal", "gram2-absent"),
                result.sections().stream().map(Score::name).toList());
        assertEquals(new Score("semantic", 2, 2, Map.of(Method.COS_ADD, 1)), result.semantic());
        assertEquals(new Score("syntactic", 2, 1, Map.of(Method.COS_ADD, 1)), result.syntactic());
        assertEquals(new Score("total", 4, 3, Map.of(Method.COS_ADD, 2)), result.total());
        assertEquals(Set.of(Method.COS_ADD), result.methods());
        assertFalse(result.total().correct().containsKey(Method.COS_MUL));
    }

    /**
     * Random vectors and questions, scored by a direct double-precision implementation of the two
     * formulas. Each question's expected word is that reference's 3CosAdd answer, so the evaluation
     * must get every one right with 3CosAdd, and with 3CosMul exactly those where the reference's
     * two answers agree. Tiny cosine budgets force many batches.
     */
    @Test
    void matchesAReferenceImplementationAcrossBatches() {
        int rows = 400;
        WordVectors vectors = TestVectors.uniform(rows, 12, 11);
        WordVectors unit = vectors.normalized();
        Random random = new Random(12);
        List<Question> questions = new ArrayList<>();
        int agreeing = 0;
        for (int i = 0; i < 300; i++) {
            int a = random.nextInt(60);
            int b = random.nextInt(60);
            int c = random.nextInt(60);
            int[] best = referenceAnswers(unit, a, b, c);
            questions.add(new Question(vectors.word(a), vectors.word(b), vectors.word(c), vectors.word(best[0])));
            agreeing += best[0] == best[1] ? 1 : 0;
        }
        for (int budget : new int[] {1, rows * 5, rows * 40, 1 << 24}) {
            Score total = new AnalogyEvaluation(vectors, rows, false, budget)
                    .evaluate(List.of(new Section("random", questions)), BOTH).total();
            assertEquals(300, total.answered());
            assertEquals(300, total.correct().get(Method.COS_ADD), "budget " + budget);
            assertEquals(agreeing, total.correct().get(Method.COS_MUL), "budget " + budget);
        }
        assertTrue(agreeing > 0 && agreeing < 300, "the two methods should disagree sometimes: " + agreeing);
    }

    private static int[] referenceAnswers(WordVectors unit, int a, int b, int c) {
        double bestAdd = Double.NEGATIVE_INFINITY;
        double bestMul = Double.NEGATIVE_INFINITY;
        int[] best = {-1, -1};
        for (int x = 0; x < unit.size(); x++) {
            if (x == a || x == b || x == c) {
                continue;
            }
            double cosA = dot(unit, x, a);
            double cosB = dot(unit, x, b);
            double cosC = dot(unit, x, c);
            double add = cosB - cosA + cosC;
            double mul = (cosB + 1) / 2 * (cosC + 1) / 2 / ((cosA + 1) / 2 + 1e-3);
            if (add > bestAdd) {
                bestAdd = add;
                best[0] = x;
            }
            if (mul > bestMul) {
                bestMul = mul;
                best[1] = x;
            }
        }
        return best;
    }

    private static double dot(WordVectors unit, int x, int y) {
        double sum = 0;
        for (int i = 0; i < unit.dim(); i++) {
            sum += (double) unit.table().get(x, i) * unit.table().get(y, i);
        }
        return sum;
    }

    @Test
    void readsTheGoogleQuestionFormat(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("q.txt"),
                "Loose Question Before Sections\r\n: capital-common-countries\r\nAthens Greece Baghdad Iraq\r\n\r\n"
                        + ": gram1-adjective-to-adverb\namazing amazingly apparent apparently\n: empty\n");
        List<Section> sections = AnalogyQuestions.read(file);
        assertEquals(List.of(AnalogyQuestions.UNNAMED_SECTION, "capital-common-countries",
                "gram1-adjective-to-adverb", "empty"), sections.stream().map(Section::name).toList());
        assertEquals(new Question("Athens", "Greece", "Baghdad", "Iraq"), sections.get(1).questions().get(0));
        assertFalse(sections.get(1).syntactic());
        assertTrue(sections.get(2).syntactic());
        assertEquals(0, sections.get(3).questions().size());
    }

    @Test
    void malformedQuestionFilesAreInvalidInput(@TempDir Path dir) throws IOException {
        Path threeWords = Files.writeString(dir.resolve("three.txt"), ": s\na b c d\na b c\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AnalogyQuestions.read(threeWords));
        assertEquals(threeWords + ": line 3: expected a ': section' line or 4 words, found 3 words", e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.txt"), ": s\n\n");
        assertThrows(InvalidInputException.class, () -> AnalogyQuestions.read(empty));
    }
}
