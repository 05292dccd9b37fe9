package org.thymus.kg;

import org.thymus.core.kernel.Kernels;
import org.thymus.core.table.EmbeddingTable;

/**
 * What the models share: an entity table and a relation table from core, the scoring loops and the
 * lookup of the three rows a gradient touches. A model supplies a query (the fixed part of a triple,
 * combined once: h + r, h∘r, ...) and the score of one candidate entity against it, so scoring many
 * candidates for one (h, r) or (r, t) costs one combination and then one pass per candidate row.
 */
abstract class TableModel implements KgModel {
    protected final EmbeddingTable entities;
    protected final EmbeddingTable relations;

    /** Entity values uniform in [−range, range), seeded; relation rows are the model's to fill. */
    TableModel(int entityCount, int entityDim, int relationCount, int relationDim, float range, long seed) {
        this.entities = new EmbeddingTable(entityCount, entityDim);
        this.relations = new EmbeddingTable(relationCount, relationDim);
        entities.fillUniform(seed, -range, range);
    }

    @Override
    public final EmbeddingTable entities() {
        return entities;
    }

    @Override
    public final EmbeddingTable relations() {
        return relations;
    }

    /** The query whose {@link #candidateScore} against entity t is score(h, r, t). */
    protected abstract float[] tailQuery(int h, int r);

    /** The query whose {@link #candidateScore} against entity h is score(h, r, t). */
    protected abstract float[] headQuery(int r, int t);

    protected abstract float candidateScore(float[] query, int entity);

    /**
     * Whether {@link #candidateScore} is the dot product of the query with the candidate's whole
     * padded row, so that many queries against many candidates are one matrix product.
     */
    protected boolean dotProductScores() {
        return false;
    }

    @Override
    public final float score(int h, int r, int t) {
        return candidateScore(tailQuery(h, r), t);
    }

    @Override
    public final void scoreAllTails(int h, int r, float[] out) {
        float[] q = tailQuery(h, r);
        for (int e = 0; e < entities.rows(); e++) {
            out[e] = candidateScore(q, e);
        }
    }

    @Override
    public final void scoreAllHeads(int r, int t, float[] out) {
        float[] q = headQuery(r, t);
        for (int e = 0; e < entities.rows(); e++) {
            out[e] = candidateScore(q, e);
        }
    }

    @Override
    public final void scoreTails(int h, int r, int[] tails, int from, int count, float[] out) {
        float[] q = tailQuery(h, r);
        for (int j = 0; j < count; j++) {
            out[j] = candidateScore(q, tails[from + j]);
        }
    }

    @Override
    public final void scoreHeads(int r, int t, int[] heads, int from, int count, float[] out) {
        float[] q = headQuery(r, t);
        for (int j = 0; j < count; j++) {
            out[j] = candidateScore(q, heads[from + j]);
        }
    }

    @Override
    public final void scoreShared(boolean tails, int[] kept, int[] rels, int queries, int[] candidates, int count,
                                  float[] out) {
        if (!dotProductScores()) {
            for (int i = 0; i < queries; i++) {
                float[] q = tails ? tailQuery(kept[i], rels[i]) : headQuery(rels[i], kept[i]);
                for (int j = 0; j < count; j++) {
                    out[i * count + j] = candidateScore(q, candidates[j]);
                }
            }
            return;
        }
        // Queries as rows, candidates packed transposed in panels of Kernels.PANEL: one blocked
        // matrix product, each candidate value loaded once for many queries.
        int stride = entities.stride();
        int panel = Kernels.PANEL;
        int panels = (count + panel - 1) / panel;
        float[] q = new float[queries * stride];
        for (int i = 0; i < queries; i++) {
            float[] one = tails ? tailQuery(kept[i], rels[i]) : headQuery(rels[i], kept[i]);
            System.arraycopy(one, 0, q, i * stride, stride);
        }
        float[] packed = new float[panels * stride * panel];
        for (int j = 0; j < count; j++) {
            float[] es = entities.shard(candidates[j]);
            int eo = entities.offset(candidates[j]);
            int base = (j / panel) * stride * panel + j % panel;
            for (int d = 0; d < stride; d++) {
                packed[base + d * panel] = es[eo + d];
            }
        }
        int width = panels * panel;
        float[] wide = new float[queries * width];
        Kernels.get().dotPanels(q, 0, stride, queries, packed, 0, stride, panels, wide, 0, width);
        for (int i = 0; i < queries; i++) {
            System.arraycopy(wide, i * width, out, i * count, count);
        }
    }

    @Override
    public final void addGradients(int h, int r, int t, float g, float[] gh, int ghOff, float[] gr, int grOff,
                                   float[] gt, int gtOff) {
        addGradients(entities.shard(h), entities.offset(h), relations.shard(r), relations.offset(r),
                entities.shard(t), entities.offset(t), g, gh, ghOff, gr, grOff, gt, gtOff);
    }

    /** {@link #addGradients(int, int, int, float, float[], int, float[], int, float[], int)} on resolved rows. */
    protected abstract void addGradients(float[] hs, int ho, float[] rs, int ro, float[] ts, int to, float g,
                                         float[] gh, int ghOff, float[] gr, int grOff, float[] gt, int gtOff);
}
