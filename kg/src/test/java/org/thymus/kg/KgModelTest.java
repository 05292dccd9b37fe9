package org.thymus.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;
import org.thymus.core.table.EmbeddingTable;

class KgModelTest {
    private static final int ENTITIES = 37;
    private static final int RELATIONS = 5;

    private static List<KgModel> models(int dim) {
        return List.of(
                new TransE(ENTITIES, RELATIONS, dim, TransE.Norm.L1, 0.5f, 1),
                new TransE(ENTITIES, RELATIONS, dim, TransE.Norm.L2, 0.5f, 2),
                new DistMult(ENTITIES, RELATIONS, dim, 0.5f, 3),
                new RotatE(ENTITIES, RELATIONS, dim, 0.5f, 4),
                new ComplEx(ENTITIES, RELATIONS, dim, 0.5f, 5));
    }

    @Test
    void scoreTailsAndHeadsMatchScoreForEachCandidate() {
        int[] ids = {5, 0, 36, 5, 17};
        float[] out = new float[3];
        for (KgModel m : models(20)) {
            m.scoreTails(3, 2, ids, 1, 3, out);
            for (int j = 0; j < 3; j++) {
                assertEquals(m.score(3, 2, ids[1 + j]), out[j], 1e-5f * (1 + Math.abs(out[j])), m.name());
            }
            m.scoreHeads(4, 9, ids, 2, 3, out);
            for (int j = 0; j < 3; j++) {
                float s = m.score(ids[2 + j], 4, 9);
                assertEquals(s, out[j], 1e-5f * (1 + Math.abs(s)), m.name());
            }
        }
    }

    @Test
    void scoreSharedMatchesScoreForEveryQueryAndCandidate() {
        int[] kept = {3, 0, 36, 3};
        int[] rels = {1, 4, 0, 2};
        int[] candidates = new int[21]; // more than one panel of 16
        for (int j = 0; j < candidates.length; j++) {
            candidates[j] = (j * 7) % ENTITIES;
        }
        float[] out = new float[kept.length * candidates.length];
        for (int dim : new int[] {5, 16}) {
            for (KgModel m : models(dim)) {
                for (boolean tails : new boolean[] {true, false}) {
                    m.scoreShared(tails, kept, rels, kept.length, candidates, candidates.length, out);
                    for (int i = 0; i < kept.length; i++) {
                        for (int j = 0; j < candidates.length; j++) {
                            float s = tails ? m.score(kept[i], rels[i], candidates[j])
                                    : m.score(candidates[j], rels[i], kept[i]);
                            assertEquals(s, out[i * candidates.length + j], 1e-5f * (1 + Math.abs(s)),
                                    m.name() + (tails ? " tail" : " head") + " query " + i + " candidate " + j);
                        }
                    }
                }
            }
        }
    }

    /**
     * One scratch reused across calls of shrinking and growing sizes and across models of different
     * row widths (it then holds stale values, padding included) gives bit for bit what a fresh one does.
     */
    @Test
    void aReusedScratchScoresExactlyAsAFreshOne() {
        KgModel.Scratch reused = new KgModel.Scratch();
        int[] kept = {3, 0, 36, 3, 7};
        int[] rels = {1, 4, 0, 2, 3};
        int[] candidates = new int[37];
        for (int j = 0; j < candidates.length; j++) {
            candidates[j] = (j * 11 + 5) % ENTITIES;
        }
        for (int dim : new int[] {33, 5, 16, 8}) {
            for (KgModel m : models(dim)) {
                for (int[] size : new int[][] {{5, 37}, {2, 3}, {4, 21}, {1, 16}, {5, 17}}) {
                    int queries = size[0];
                    int count = size[1];
                    for (boolean tails : new boolean[] {true, false}) {
                        float[] fresh = new float[queries * count];
                        float[] got = new float[queries * count];
                        m.scoreShared(tails, kept, rels, queries, candidates, count, fresh, new KgModel.Scratch());
                        m.scoreShared(tails, kept, rels, queries, candidates, count, got, reused);
                        for (int x = 0; x < fresh.length; x++) {
                            assertEquals(fresh[x], got[x], m.name() + " dim " + dim + " shared " + x);
                        }
                    }
                    float[] fresh = new float[count];
                    float[] got = new float[count];
                    m.scoreTails(kept[0], rels[0], candidates, 0, count, fresh, new KgModel.Scratch());
                    m.scoreTails(kept[0], rels[0], candidates, 0, count, got, reused);
                    for (int j = 0; j < count; j++) {
                        assertEquals(fresh[j], got[j], m.name() + " dim " + dim + " tail " + j);
                    }
                    m.scoreHeads(rels[1], kept[1], candidates, 0, count, fresh, new KgModel.Scratch());
                    m.scoreHeads(rels[1], kept[1], candidates, 0, count, got, reused);
                    for (int j = 0; j < count; j++) {
                        assertEquals(fresh[j], got[j], m.name() + " dim " + dim + " head " + j);
                        assertEquals(m.score(candidates[j], rels[1], kept[1]),
                                m.score(candidates[j], rels[1], kept[1], reused), m.name() + " score");
                    }
                }
            }
        }
    }

    @Test
    void scoreAllMatchesScoreForEveryCandidate() {
        for (int dim : new int[] {5, 16, 33}) {
            for (KgModel m : models(dim)) {
                float[] out = new float[ENTITIES];
                for (int a = 0; a < ENTITIES; a += 6) {
                    for (int r = 0; r < RELATIONS; r++) {
                        m.scoreAllTails(a, r, out);
                        for (int e = 0; e < ENTITIES; e++) {
                            float s = m.score(a, r, e);
                            assertEquals(s, out[e], 1e-5f * (1 + Math.abs(s)), m.name() + " tail " + e);
                        }
                        m.scoreAllHeads(r, a, out);
                        for (int e = 0; e < ENTITIES; e++) {
                            float s = m.score(e, r, a);
                            assertEquals(s, out[e], 1e-5f * (1 + Math.abs(s)), m.name() + " head " + e);
                        }
                    }
                }
            }
        }
    }

    /** ComplEx's score against Re(Σ h_i r_i conj(t_i)) computed with complex arithmetic, and its asymmetry. */
    @Test
    void complExScoreIsTheRealPartOfTheTrilinearProduct() {
        int dim = 6;
        ComplEx m = new ComplEx(ENTITIES, RELATIONS, dim, 0.5f, 9);
        EmbeddingTable e = m.entities();
        EmbeddingTable rel = m.relations();
        for (int[] hrt : new int[][] {{1, 2, 3}, {3, 2, 1}, {0, 4, 36}}) {
            int h = hrt[0];
            int r = hrt[1];
            int t = hrt[2];
            double sum = 0;
            for (int i = 0; i < dim; i++) {
                double hre = e.get(h, i);
                double him = e.get(h, dim + i);
                double rre = rel.get(r, i);
                double rim = rel.get(r, dim + i);
                double tre = e.get(t, i);
                double tim = -e.get(t, dim + i); // conj(t)
                double pre = hre * rre - him * rim;
                double pim = hre * rim + him * rre;
                sum += pre * tre - pim * tim;
            }
            assertEquals(sum, m.score(h, r, t), 1e-5, "score " + h + " " + r + " " + t);
        }
        assertTrue(Math.abs(m.score(1, 2, 3) - m.score(3, 2, 1)) > 1e-4, "ComplEx should not be symmetric");
    }

    /**
     * One example's gradients (a kept entity, a relation and four candidates on the corrupted side,
     * one of them twice and one equal to the kept entity, each with its own weight g_j) against
     * central differences of Σ_j g_j · score_j, coordinate by coordinate, on both sides.
     */
    @Test
    void gradientsMatchFiniteDifferences() {
        int dim = 7;
        FastRandom rng = new FastRandom(11);
        for (KgModel m : models(dim)) {
            for (int trial = 0; trial < 6; trial++) {
                boolean corruptHead = trial % 2 == 1;
                int kept = rng.nextInt(ENTITIES);
                int r = rng.nextInt(RELATIONS);
                int other = (kept + 1 + rng.nextInt(ENTITIES - 1)) % ENTITIES;
                int[] candidates = {other, (other + 3) % ENTITIES, kept, other};
                float[] g = {0.7f, -0.4f, 0.25f, -0.15f};
                int ed = m.entities().dim();
                float[] gk = new float[ed];
                float[] gr = new float[m.relations().dim()];
                float[] ge = new float[candidates.length * ed];
                int[] offsets = {0, ed, 2 * ed, 3 * ed};
                m.addCorruptionGradients(corruptHead, kept, r, candidates, g, candidates.length, gk, 0, gr, 0, ge,
                        offsets, new KgModel.Scratch());
                Example example = new Example(m, corruptHead, kept, r, candidates, g);
                check(example, m.relations(), r, gr, "relation");
                // A row's gradient is the sum over its places: the kept slot and every candidate slot it fills.
                for (int row : new int[] {kept, other, (other + 3) % ENTITIES}) {
                    float[] total = new float[ed];
                    for (int c = 0; c < ed; c++) {
                        total[c] = row == kept ? gk[c] : 0;
                        for (int i = 0; i < candidates.length; i++) {
                            total[c] += candidates[i] == row ? ge[offsets[i] + c] : 0;
                        }
                    }
                    check(example, m.entities(), row, total, "entity");
                }
            }
        }
    }

    /** Σ_j g_j · score_j of one example, the function its gradients differentiate. */
    private record Example(KgModel m, boolean corruptHead, int kept, int r, int[] candidates, float[] g) {
        double value() {
            double sum = 0;
            for (int j = 0; j < candidates.length; j++) {
                sum += g[j] * (corruptHead ? m.score(candidates[j], r, kept) : m.score(kept, r, candidates[j]));
            }
            return sum;
        }
    }

    private static void check(Example example, EmbeddingTable table, int row, float[] grad, String what) {
        float eps = 1e-3f;
        for (int c = 0; c < table.dim(); c++) {
            float x = table.get(row, c);
            table.set(row, c, x + eps);
            double up = example.value();
            table.set(row, c, x - eps);
            double down = example.value();
            table.set(row, c, x);
            double numeric = (up - down) / (2 * eps);
            assertEquals(numeric, grad[c], 2e-2 * (1 + Math.abs(numeric)),
                    example.m().name() + " " + what + " row " + row + " col " + c + (example.corruptHead() ? " (head)" : " (tail)"));
        }
    }
}
