package org.thymus.kg;

import org.thymus.core.kernel.Kernels;

/**
 * TransE (Bordes et al. 2013): a relation is a translation, score = −‖h + r − t‖ in the L1 or L2
 * norm (not squared, as in RotatE's code base, so that the margin γ of the loss has one scale).
 * For tail prediction the query is q = h + r and each candidate's score is −‖q − e‖; for head
 * prediction q = t − r, since ‖e + r − t‖ = ‖e − (t − r)‖.
 */
public final class TransE extends TableModel {
    /** The distance between h + r and t. */
    public enum Norm { L1, L2 }

    private final Norm norm;
    private final Kernels kernels = Kernels.get();

    /** Entity and relation values uniform in [−range, range), seeded. */
    public TransE(int entityCount, int relationCount, int dim, Norm norm, float range, long seed) {
        super(entityCount, dim, relationCount, dim, range, seed);
        this.norm = norm;
        relations.fillUniform(seed + 1, -range, range);
    }

    @Override
    protected void tailQuery(int h, int r, float[] q, int off) {
        combine(h, r, 1f, q, off);
    }

    @Override
    protected void headQuery(int r, int t, float[] q, int off) {
        combine(t, r, -1f, q, off);
    }

    /** q = row a + sign · relation r, over the whole padded row (padding stays zero). */
    private void combine(int a, int r, float sign, float[] q, int off) {
        float[] as = entities.shard(a);
        int ao = entities.offset(a);
        float[] rs = relations.shard(r);
        int ro = relations.offset(r);
        for (int i = 0; i < entities.stride(); i++) {
            q[off + i] = as[ao + i] + sign * rs[ro + i];
        }
    }

    @Override
    protected float candidateScore(float[] q, int e) {
        float[] es = entities.shard(e);
        int eo = entities.offset(e);
        int stride = entities.stride();
        if (norm == Norm.L2) {
            return (float) -Math.sqrt(kernels.squaredDistance(q, 0, es, eo, stride));
        }
        return -kernels.l1Distance(q, 0, es, eo, stride);
    }

    @Override
    protected void addCandidateGradient(float[] q, int e, float g, float[] gq, float[] ge, int geOff) {
        float[] es = entities.shard(e);
        int eo = entities.offset(e);
        int dim = entities.dim();
        float scale = g;
        if (norm == Norm.L2) {
            float distance = (float) Math.sqrt(kernels.squaredDistance(q, 0, es, eo, dim));
            // The L2 norm has no gradient at 0; there the triple is already perfect, so no step.
            if (distance == 0) {
                return;
            }
            scale = g / distance;
        }
        for (int i = 0; i < dim; i++) {
            float x = q[i] - es[eo + i];
            // d score / d x = −sign(x) for L1, −x / ‖x‖ for L2; x grows with the query, shrinks with e.
            float d = norm == Norm.L2 ? -scale * x : -scale * Math.signum(x);
            gq[i] += d;
            ge[geOff + i] -= d;
        }
    }

    /** Through q = h + r: both get the query's gradient. */
    @Override
    protected void addTailQueryGradient(int h, int r, float[] q, float[] gq, float[] gh, int ghOff, float[] gr,
                                        int grOff) {
        kernels.axpy(1f, gq, 0, gh, ghOff, entities.dim());
        kernels.axpy(1f, gq, 0, gr, grOff, entities.dim());
    }

    /** Through q = t − r: t gets the query's gradient, r its opposite. */
    @Override
    protected void addHeadQueryGradient(int r, int t, float[] q, float[] gq, float[] gt, int gtOff, float[] gr,
                                        int grOff) {
        kernels.axpy(1f, gq, 0, gt, gtOff, entities.dim());
        kernels.axpy(-1f, gq, 0, gr, grOff, entities.dim());
    }

    @Override
    public String name() {
        return norm == Norm.L1 ? "transe-l1" : "transe-l2";
    }
}
