package org.thymus.kg;

import java.util.concurrent.atomic.AtomicInteger;
import org.thymus.core.concurrent.Parallel;

/**
 * Link-prediction ranking against all entities, both directions: each triple (h, r, t) is a tail
 * query (h, r, ?) and a head query (?, r, t), and the true entity is ranked by its score among
 * every entity's. The raw rank counts every entity; the filtered rank (Bordes et al. 2013) leaves
 * out the other entities that also complete the query into a known triple, which are not errors.
 *
 * <p>Ties: an entity scoring exactly as much as the answer counts half. The rank is then
 * 1 + (#higher) + (#equal)/2, the mean rank under a uniformly random order of the tied entities,
 * so a model that scores everything alike gets the rank of a random guess rather than 1 (the
 * optimistic convention, which flatters degenerate models) or the last place (the pessimistic
 * one). MRR averages 1/rank of that mean rank and Hits@k counts ranks ≤ k. An answer whose score
 * is NaN is ranked last.
 *
 * <p>Queries are spread over threads through a shared counter; each rank is stored at its query's
 * index and the means summed in query order, so the figures do not depend on the thread count.
 */
public final class FilteredRanking {
    private FilteredRanking() {
    }

    /** Mean rank, mean reciprocal rank and Hits@1/3/10 over {@code queries} ranks. */
    public record Metrics(double meanRank, double mrr, double hits1, double hits3, double hits10, int queries) {

        static Metrics of(double[] ranks) {
            double sum = 0;
            double reciprocal = 0;
            int h1 = 0;
            int h3 = 0;
            int h10 = 0;
            for (double rank : ranks) {
                sum += rank;
                reciprocal += 1 / rank;
                h1 += rank <= 1 ? 1 : 0;
                h3 += rank <= 3 ? 1 : 0;
                h10 += rank <= 10 ? 1 : 0;
            }
            int n = ranks.length;
            return new Metrics(sum / n, reciprocal / n, (double) h1 / n, (double) h3 / n, (double) h10 / n, n);
        }
    }

    /** Filtered and raw figures over both directions, and the filtered ones per direction. */
    public record Result(Metrics filtered, Metrics raw, Metrics filteredTails, Metrics filteredHeads) {
    }

    /** Ranks every triple of {@code triples} both ways; {@code known} is what the filter removes. */
    public static Result evaluate(KgModel model, Triples triples, KnownTriples known, int threads) {
        int n = triples.size();
        if (n == 0) {
            throw new IllegalArgumentException("no triples to rank");
        }
        int entityCount = model.entities().rows();
        // Query q < n is the tail query of triple q, q >= n the head query of triple q - n.
        double[] filtered = new double[2 * n];
        double[] raw = new double[2 * n];
        AtomicInteger next = new AtomicInteger();
        Parallel.run(threads, worker -> {
            float[] scores = new float[entityCount];
            int q;
            while ((q = next.getAndIncrement()) < 2 * n) {
                boolean tails = q < n;
                int i = tails ? q : q - n;
                int h = triples.head(i);
                int r = triples.relation(i);
                int t = triples.tail(i);
                int answer;
                int from;
                int to;
                int[] others;
                if (tails) {
                    model.scoreAllTails(h, r, scores);
                    answer = t;
                    others = known.tailIds();
                    from = known.tailsStart(h, r);
                    to = known.tailsEnd(h, r);
                } else {
                    model.scoreAllHeads(r, t, scores);
                    answer = h;
                    others = known.headIds();
                    from = known.headsStart(r, t);
                    to = known.headsEnd(r, t);
                }
                rank(scores, entityCount, answer, others, from, to, q, raw, filtered);
            }
        });
        return new Result(Metrics.of(filtered), Metrics.of(raw),
                Metrics.of(java.util.Arrays.copyOfRange(filtered, 0, n)),
                Metrics.of(java.util.Arrays.copyOfRange(filtered, n, 2 * n)));
    }

    /**
     * Writes the raw and filtered rank of {@code answer} among {@code scores[0..entityCount)} at
     * index {@code q}; {@code others[from..to)} are the known answers of the query (distinct; the
     * answer itself among them).
     */
    static void rank(float[] scores, int entityCount, int answer, int[] others, int from, int to, int q,
                     double[] raw, double[] filtered) {
        float s = scores[answer];
        if (Float.isNaN(s)) {
            raw[q] = entityCount;
            filtered[q] = entityCount - (to - from - 1);
            return;
        }
        int higher = 0;
        int equal = 0;
        for (int e = 0; e < entityCount; e++) {
            float v = scores[e];
            higher += v > s ? 1 : 0;
            equal += v == s ? 1 : 0;
        }
        equal--; // the answer itself
        raw[q] = 1 + higher + 0.5 * equal;
        for (int j = from; j < to; j++) {
            int e = others[j];
            if (e != answer) {
                float v = scores[e];
                higher -= v > s ? 1 : 0;
                equal -= v == s ? 1 : 0;
            }
        }
        filtered[q] = 1 + higher + 0.5 * equal;
    }
}
