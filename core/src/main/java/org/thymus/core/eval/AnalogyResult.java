package org.thymus.core.eval;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.thymus.core.eval.AnalogyEvaluation.Method;

/**
 * How an analogy test went: a score for each section, for the semantic and the syntactic sections
 * together, and for all of them.
 */
public record AnalogyResult(Set<Method> methods, List<Score> sections, Score semantic, Score syntactic,
                            Score total) {

    public AnalogyResult {
        methods = Set.copyOf(methods);
        sections = List.copyOf(sections);
    }

    /**
     * The counts of a group of questions: how many there are, how many could be asked (all four
     * words in the vocabulary searched) and how many of those each method got right.
     */
    public record Score(String name, int questions, int answered, Map<Method, Integer> correct) {
        public Score {
            correct = Map.copyOf(correct);
        }

        /** Right answers over answered questions, for {@code method}; NaN if none was answered. */
        public double accuracy(Method method) {
            return answered == 0 ? Double.NaN : (double) correct.getOrDefault(method, 0) / answered;
        }

        /** Answered questions over all questions; NaN if there are none. */
        public double coverage() {
            return questions == 0 ? Double.NaN : (double) answered / questions;
        }

        /** The sum of several scores, under a new name. */
        static Score sum(String name, List<Score> scores) {
            int questions = 0;
            int answered = 0;
            Map<Method, Integer> correct = new EnumMap<>(Method.class);
            for (Score score : scores) {
                questions += score.questions;
                answered += score.answered;
                score.correct.forEach((method, n) -> correct.merge(method, n, Integer::sum));
            }
            return new Score(name, questions, answered, correct);
        }
    }
}
