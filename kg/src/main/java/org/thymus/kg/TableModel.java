package org.thymus.kg;

import java.util.Arrays;
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

    /**
     * Writes into {@code q[off..off + stride)} the query whose {@link #candidateScore} against
     * entity t is score(h, r, t); the padding after the model's values must be written as zeros
     * (the array is reused, so it may hold anything).
     */
    protected abstract void tailQuery(int h, int r, float[] q, int off);

    /** As {@link #tailQuery}: the query whose {@link #candidateScore} against entity h is score(h, r, t). */
    protected abstract void headQuery(int r, int t, float[] q, int off);

    /** The score of candidate {@code entity} against the query at {@code q[0..stride)}. */
    protected abstract float candidateScore(float[] q, int entity);

    /**
     * Whether {@link #candidateScore} is the dot product of the query with the candidate's whole
     * padded row, so that many queries against many candidates are one matrix product.
     */
    protected boolean dotProductScores() {
        return false;
    }

    @Override
    public final float score(int h, int r, int t, Scratch scratch) {
        float[] q = scratch.query(entities.stride());
        tailQuery(h, r, q, 0);
        return candidateScore(q, t);
    }

    @Override
    public final void scoreAllTails(int h, int r, float[] out) {
        float[] q = new float[entities.stride()]; // one per ranking query, against every entity
        tailQuery(h, r, q, 0);
        for (int e = 0; e < entities.rows(); e++) {
            out[e] = candidateScore(q, e);
        }
    }

    @Override
    public final void scoreAllHeads(int r, int t, float[] out) {
        float[] q = new float[entities.stride()];
        headQuery(r, t, q, 0);
        for (int e = 0; e < entities.rows(); e++) {
            out[e] = candidateScore(q, e);
        }
    }

    @Override
    public final void scoreTails(int h, int r, int[] tails, int from, int count, float[] out, Scratch scratch) {
        float[] q = scratch.query(entities.stride());
        tailQuery(h, r, q, 0);
        for (int j = 0; j < count; j++) {
            out[j] = candidateScore(q, tails[from + j]);
        }
    }

    @Override
    public final void scoreHeads(int r, int t, int[] heads, int from, int count, float[] out, Scratch scratch) {
        float[] q = scratch.query(entities.stride());
        headQuery(r, t, q, 0);
        for (int j = 0; j < count; j++) {
            out[j] = candidateScore(q, heads[from + j]);
        }
    }

    @Override
    public final void scoreShared(boolean tails, int[] kept, int[] rels, int queries, int[] candidates, int count,
                                  float[] out, Scratch scratch) {
        int stride = entities.stride();
        if (!dotProductScores()) {
            float[] q = scratch.query(stride);
            for (int i = 0; i < queries; i++) {
                if (tails) {
                    tailQuery(kept[i], rels[i], q, 0);
                } else {
                    headQuery(rels[i], kept[i], q, 0);
                }
                for (int j = 0; j < count; j++) {
                    out[i * count + j] = candidateScore(q, candidates[j]);
                }
            }
            return;
        }
        // Queries as rows, candidates packed transposed in panels of Kernels.PANEL: one blocked
        // matrix product, each candidate value loaded once for many queries.
        int panel = Kernels.PANEL;
        int panels = (count + panel - 1) / panel;
        float[] q = scratch.queries(queries * stride);
        for (int i = 0; i < queries; i++) {
            if (tails) {
                tailQuery(kept[i], rels[i], q, i * stride);
            } else {
                headQuery(rels[i], kept[i], q, i * stride);
            }
        }
        float[] packed = scratch.packed(panels * stride * panel);
        for (int j = 0; j < count; j++) {
            float[] es = entities.shard(candidates[j]);
            int eo = entities.offset(candidates[j]);
            int base = (j / panel) * stride * panel + j % panel;
            for (int d = 0; d < stride; d++) {
                packed[base + d * panel] = es[eo + d];
            }
        }
        // The last panel's empty slots: zeros, as a fresh array had (their products are not read).
        for (int j = count; j < panels * panel; j++) {
            int base = (j / panel) * stride * panel + j % panel;
            for (int d = 0; d < stride; d++) {
                packed[base + d * panel] = 0;
            }
        }
        int width = panels * panel;
        float[] wide = scratch.products(queries * width);
        Kernels.get().dotPanels(q, 0, stride, queries, packed, 0, stride, panels, wide, 0, width);
        for (int i = 0; i < queries; i++) {
            System.arraycopy(wide, i * width, out, i * count, count);
        }
    }

    @Override
    public final void addCorruptionGradients(boolean corruptHead, int kept, int r, int[] candidates, float[] g,
                                             int count, float[] gk, int gkOff, float[] gr, int grOff, float[] ge,
                                             int[] geOffsets, Scratch scratch) {
        float[] q = scratch.query(entities.stride());
        if (corruptHead) {
            headQuery(r, kept, q, 0);
        } else {
            tailQuery(kept, r, q, 0);
        }
        float[] gq = scratch.queryGradient(entities.dim());
        Arrays.fill(gq, 0, entities.dim(), 0f);
        for (int j = 0; j < count; j++) {
            addCandidateGradient(q, candidates[j], g[j], gq, ge, geOffsets[j]);
        }
        if (corruptHead) {
            addHeadQueryGradient(r, kept, q, gq, gk, gkOff, gr, grOff);
        } else {
            addTailQueryGradient(kept, r, q, gq, gk, gkOff, gr, grOff);
        }
    }

    /**
     * Adds {@code g · d candidateScore(q, e) / d q} to {@code gq[0..dim)} and {@code g · d / d e} to
     * {@code ge[geOff..geOff + dim)}.
     */
    protected abstract void addCandidateGradient(float[] q, int e, float g, float[] gq, float[] ge, int geOff);

    /**
     * The chain rule through {@link #tailQuery}: adds to h's and r's buffers what the gradient
     * {@code gq} of the query {@code q} = tailQuery(h, r) passes back to them.
     */
    protected abstract void addTailQueryGradient(int h, int r, float[] q, float[] gq, float[] gh, int ghOff,
                                                 float[] gr, int grOff);

    /** As {@link #addTailQueryGradient}, through {@link #headQuery}: q = headQuery(r, t), back to t and r. */
    protected abstract void addHeadQueryGradient(int r, int t, float[] q, float[] gq, float[] gt, int gtOff,
                                                 float[] gr, int grOff);
}
