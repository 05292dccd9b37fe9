package org.thymus.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.thymus.kg.KnownTriplesTest.triples;

import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;
import org.thymus.core.table.EmbeddingTable;

class FilteredRankingTest {

    /** A model whose score is given outright: score(h, r, t) = f.score(h, r, t). */
    interface ScoreFunction {
        float score(int h, int r, int t);
    }

    static KgModel model(int entities, int relations, ScoreFunction f) {
        EmbeddingTable e = new EmbeddingTable(entities, 1);
        EmbeddingTable r = new EmbeddingTable(relations, 1);
        return new KgModel() {
            public EmbeddingTable entities() {
                return e;
            }

            public EmbeddingTable relations() {
                return r;
            }

            public float score(int h, int rel, int t, Scratch scratch) {
                return f.score(h, rel, t);
            }

            public void scoreAllTails(int h, int rel, float[] out) {
                for (int x = 0; x < entities; x++) {
                    out[x] = f.score(h, rel, x);
                }
            }

            public void scoreAllHeads(int rel, int t, float[] out) {
                for (int x = 0; x < entities; x++) {
                    out[x] = f.score(x, rel, t);
                }
            }

            public void scoreTails(int h, int rel, int[] tails, int from, int count, float[] out,
                                   Scratch scratch) {
                for (int j = 0; j < count; j++) {
                    out[j] = f.score(h, rel, tails[from + j]);
                }
            }

            public void scoreHeads(int rel, int t, int[] heads, int from, int count, float[] out,
                                   Scratch scratch) {
                for (int j = 0; j < count; j++) {
                    out[j] = f.score(heads[from + j], rel, t);
                }
            }

            public void scoreShared(boolean tails, int[] kept, int[] rels, int queries, int[] candidates, int count,
                                    float[] out, Scratch scratch) {
                throw new UnsupportedOperationException("a fixed scorer does not train");
            }

            public void addCorruptionGradients(boolean corruptHead, int kept, int rel, int[] candidates, float[] g,
                                               int count, float[] gk, int gkOff, float[] gr, int grOff, float[] ge,
                                               int[] geOffsets, Scratch scratch) {
                throw new UnsupportedOperationException("a fixed scorer does not train");
            }

            public String name() {
                return "fixed";
            }
        };
    }

    @Test
    void handComputedRanksRawAndFiltered() {
        // Query (0, 0, 3). Tails of head 0: entity 1 scores higher than 3, entity 2 ties with it,
        // and both complete (0, 0, ?) into training triples, so the filter removes them.
        // Heads of tail 3: entities 1 and 4 score higher, 2 ties; none is a known head of (0, 3).
        float[][] s = {
                {0.1f, 0.9f, 0.5f, 0.5f, 0.2f},
                {0, 0, 0, 0.7f, 0},
                {0, 0, 0, 0.5f, 0},
                {0, 0, 0, 0.1f, 0},
                {0, 0, 0, 0.6f, 0},
        };
        KgModel m = model(5, 1, (h, r, t) -> s[h][t]);
        Triples test = triples(0, 0, 3);
        KnownTriples known = new KnownTriples(5, 1, triples(0, 0, 1, 0, 0, 2), test);
        FilteredRanking.Result res = FilteredRanking.evaluate(m, test, known, 1);
        // tail: raw 1 + 1 + 1/2 = 2.5, filtered 1; head: raw = filtered = 1 + 2 + 1/2 = 3.5
        assertEquals(1.0, res.filteredTails().meanRank(), 1e-12);
        assertEquals(3.5, res.filteredHeads().meanRank(), 1e-12);
        assertEquals(2.25, res.filtered().meanRank(), 1e-12);
        assertEquals((1 + 1 / 3.5) / 2, res.filtered().mrr(), 1e-12);
        assertEquals(0.5, res.filtered().hits1(), 1e-12);
        assertEquals(0.5, res.filtered().hits3(), 1e-12);
        assertEquals(1.0, res.filtered().hits10(), 1e-12);
        assertEquals(3.0, res.raw().meanRank(), 1e-12);
        assertEquals((1 / 2.5 + 1 / 3.5) / 2, res.raw().mrr(), 1e-12);
        assertEquals(0.0, res.raw().hits1(), 1e-12);
        assertEquals(2, res.filtered().queries());
    }

    @Test
    void perfectScorerHasFilteredMrrOneButNotRaw() {
        int entities = 40;
        FastRandom rng = new FastRandom(5);
        int[] hrt = new int[3 * 300];
        for (int i = 0; i < hrt.length; i += 3) {
            hrt[i] = rng.nextInt(entities);
            hrt[i + 1] = rng.nextInt(3);
            hrt[i + 2] = rng.nextInt(entities);
        }
        Triples all = triples(hrt);
        KnownTriples known = new KnownTriples(entities, 3, all);
        KgModel perfect = model(entities, 3, (h, r, t) -> known.contains(h, r, t) ? 1 : 0);
        FilteredRanking.Result res = FilteredRanking.evaluate(perfect, all, known, 2);
        assertEquals(1.0, res.filtered().mrr(), 1e-12);
        assertEquals(1.0, res.filtered().hits1(), 1e-12);
        // Raw ranks count the other true answers, which tie with the answer.
        assertTrue(res.raw().mrr() < 0.99, "raw MRR " + res.raw().mrr());
    }

    @Test
    void constantScorerGetsTheRandomGuessRank() {
        int entities = 11;
        Triples test = triples(0, 0, 1);
        KnownTriples known = new KnownTriples(entities, 1, triples(0, 0, 1, 0, 0, 2, 0, 0, 3));
        FilteredRanking.Result res = FilteredRanking.evaluate(model(entities, 1, (h, r, t) -> 0f), test, known, 1);
        assertEquals(1 + 10 / 2.0, res.raw().meanRank(), 1e-12);
        // Tails: entities 2 and 3 are filtered; heads: only the answer completes (?, 0, 1).
        assertEquals(1 + 8 / 2.0, res.filteredTails().meanRank(), 1e-12);
        assertEquals(1 + 10 / 2.0, res.filteredHeads().meanRank(), 1e-12);
    }

    @Test
    void nanAnswerIsRankedLast() {
        Triples test = triples(0, 0, 1);
        KnownTriples known = new KnownTriples(4, 1, test);
        FilteredRanking.Result res = FilteredRanking.evaluate(model(4, 1, (h, r, t) -> Float.NaN), test, known, 1);
        assertEquals(4.0, res.raw().meanRank(), 1e-12);
        assertEquals(4.0, res.filtered().meanRank(), 1e-12);
    }

    @Test
    void resultDoesNotDependOnThreads() {
        int entities = 60;
        FastRandom rng = new FastRandom(9);
        int[] hrt = new int[3 * 500];
        for (int i = 0; i < hrt.length; i += 3) {
            hrt[i] = rng.nextInt(entities);
            hrt[i + 1] = rng.nextInt(4);
            hrt[i + 2] = rng.nextInt(entities);
        }
        Triples all = triples(hrt);
        KnownTriples known = new KnownTriples(entities, 4, all);
        KgModel m = new DistMult(entities, 4, 8, 0.5f, 1);
        assertEquals(FilteredRanking.evaluate(m, all, known, 1), FilteredRanking.evaluate(m, all, known, 3));
    }
}
