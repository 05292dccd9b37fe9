package org.thymus.kg;


/**
 * DistMult (Yang et al. 2015): score = Σ h_i r_i t_i, a diagonal bilinear form, so symmetric in h
 * and t. A query is one element-wise product (h∘r or r∘t) and each candidate one dot product.
 */
public final class DistMult extends DotProductModel {

    /** Entity and relation values uniform in [−range, range), seeded. */
    public DistMult(int entityCount, int relationCount, int dim, float range, long seed) {
        super(entityCount, dim, relationCount, dim, range, seed);
        relations.fillUniform(seed + 1, -range, range);
    }

    @Override
    protected void tailQuery(int h, int r, float[] q, int off) {
        query(h, r, q, off);
    }

    @Override
    protected void headQuery(int r, int t, float[] q, int off) {
        query(t, r, q, off);
    }

    /** a∘r over the whole padded row. */
    private void query(int a, int r, float[] q, int off) {
        float[] as = entities.shard(a);
        int ao = entities.offset(a);
        float[] rs = relations.shard(r);
        int ro = relations.offset(r);
        for (int i = 0; i < entities.stride(); i++) {
            q[off + i] = as[ao + i] * rs[ro + i];
        }
    }

    @Override
    protected void addTailQueryGradient(int h, int r, float[] q, float[] gq, float[] gh, int ghOff, float[] gr,
                                        int grOff) {
        addProductGradient(h, r, gq, gh, ghOff, gr, grOff);
    }

    @Override
    protected void addHeadQueryGradient(int r, int t, float[] q, float[] gq, float[] gt, int gtOff, float[] gr,
                                        int grOff) {
        addProductGradient(t, r, gq, gt, gtOff, gr, grOff);
    }

    /** Through q = a∘r: a's gradient is gq∘r, r's is gq∘a. */
    private void addProductGradient(int a, int r, float[] gq, float[] ga, int gaOff, float[] gr, int grOff) {
        float[] as = entities.shard(a);
        int ao = entities.offset(a);
        float[] rs = relations.shard(r);
        int ro = relations.offset(r);
        for (int i = 0; i < entities.dim(); i++) {
            ga[gaOff + i] += gq[i] * rs[ro + i];
            gr[grOff + i] += gq[i] * as[ao + i];
        }
    }

    @Override
    public String name() {
        return "distmult";
    }
}
