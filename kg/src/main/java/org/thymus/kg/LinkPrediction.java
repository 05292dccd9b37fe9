package org.thymus.kg;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The best completions of one query, (h, r, ?) or (?, r, t), by a model's scores, each marked with
 * whether it already makes a known triple: a link predictor's answers, where the known ones are
 * what it was told (or what ranking's filter leaves out), and the rest are its guesses.
 */
public final class LinkPrediction {
    private LinkPrediction() {
    }

    /** One answer: the entity that completes the query, its score, and whether the triple is known. */
    public record Answer(int entity, float score, boolean known) {
    }

    /**
     * The {@code top} highest-scoring entities for the query, best first (ties: lower id first;
     * NaN scores last), optionally leaving the known ones out.
     *
     * @param tails  true: complete (given, r, ?); false: complete (?, r, given)
     * @param known  the triples to mark (or leave out)
     */
    public static List<Answer> top(KgModel model, KnownTriples known, int given, int r, boolean tails, int top,
                                   boolean excludeKnown) {
        int n = model.entities().rows();
        float[] scores = new float[n];
        if (tails) {
            model.scoreAllTails(given, r, scores);
        } else {
            model.scoreAllHeads(r, given, scores);
        }
        int[] order = IntStream.range(0, n).boxed().sorted((a, b) -> {
            boolean nanA = Float.isNaN(scores[a]);
            boolean nanB = Float.isNaN(scores[b]);
            if (nanA != nanB) {
                return nanA ? 1 : -1;
            }
            int byScore = Float.compare(scores[b], scores[a]);
            return byScore != 0 ? byScore : Integer.compare(a, b);
        }).mapToInt(Integer::intValue).toArray();
        List<Answer> answers = new ArrayList<>();
        for (int e : order) {
            if (answers.size() == top) {
                break;
            }
            boolean isKnown = tails ? known.contains(given, r, e) : known.contains(e, r, given);
            if (!(isKnown && excludeKnown)) {
                answers.add(new Answer(e, scores[e], isKnown));
            }
        }
        return answers;
    }
}
