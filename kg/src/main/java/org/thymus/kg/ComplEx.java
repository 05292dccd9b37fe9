package org.thymus.kg;

import java.util.Arrays;
import org.thymus.core.kernel.Kernels;

/**
 * ComplEx (Trouillon et al. 2016): entities and relations are vectors of {@code dim} complex
 * numbers and score = Re(Σ_i h_i · r_i · conj(t_i)), a bilinear form that, unlike DistMult's, need
 * not be symmetric in h and t.
 *
 * <p>Rows hold the {@code dim} real parts, then the {@code dim} imaginary parts (as RotatE's entity
 * rows do). Re(q · conj(e)) = q_re·e_re + q_im·e_im, so with the query q = h∘r a tail candidate is
 * one dot product over the row; since Re(h·r·conj(t)) = Re(h · conj(conj(r)·t)), a head candidate
 * is the same dot product against the query t∘r̄. Both run through core's {@link Kernels}.
 */
public final class ComplEx extends DotProductModel {
    private final int dim;

    /** Entity and relation values (real and imaginary parts) uniform in [−range, range), seeded. */
    public ComplEx(int entityCount, int relationCount, int dim, float range, long seed) {
        super(entityCount, 2 * dim, relationCount, 2 * dim, range, seed);
        this.dim = dim;
        relations.fillUniform(seed + 1, -range, range);
    }

    /** a∘r (conjugate = false) or a∘r̄ (true) into q from off, over the padded row (padding zeroed). */
    private void multiply(int a, int r, boolean conjugate, float[] q, int off) {
        float[] as = entities.shard(a);
        int ao = entities.offset(a);
        float[] rs = relations.shard(r);
        int ro = relations.offset(r);
        for (int i = 0; i < dim; i++) {
            float are = as[ao + i];
            float aim = as[ao + dim + i];
            float rre = rs[ro + i];
            float rim = conjugate ? -rs[ro + dim + i] : rs[ro + dim + i];
            q[off + i] = are * rre - aim * rim;
            q[off + dim + i] = are * rim + aim * rre;
        }
        Arrays.fill(q, off + 2 * dim, off + entities.stride(), 0f);
    }

    @Override
    protected void tailQuery(int h, int r, float[] q, int off) {
        multiply(h, r, false, q, off);
    }

    @Override
    protected void headQuery(int r, int t, float[] q, int off) {
        multiply(t, r, true, q, off);
    }

    @Override
    protected void addTailQueryGradient(int h, int r, float[] q, float[] gq, float[] gh, int ghOff, float[] gr,
                                        int grOff) {
        addProductGradient(h, r, false, gq, gh, ghOff, gr, grOff);
    }

    @Override
    protected void addHeadQueryGradient(int r, int t, float[] q, float[] gq, float[] gt, int gtOff, float[] gr,
                                        int grOff) {
        addProductGradient(t, r, true, gq, gt, gtOff, gr, grOff);
    }

    /**
     * Through q = a∘r (or a∘r̄ when {@code conjugate}), coordinate by coordinate: q_re = a_re·r_re ∓
     * a_im·r_im, q_im = ±a_re·r_im + a_im·r_re (upper signs for r, lower for r̄).
     */
    private void addProductGradient(int a, int r, boolean conjugate, float[] gq, float[] ga, int gaOff, float[] gr,
                                    int grOff) {
        float[] as = entities.shard(a);
        int ao = entities.offset(a);
        float[] rs = relations.shard(r);
        int ro = relations.offset(r);
        float sign = conjugate ? -1f : 1f;
        for (int i = 0; i < dim; i++) {
            float are = as[ao + i];
            float aim = as[ao + dim + i];
            float rre = rs[ro + i];
            float rim = sign * rs[ro + dim + i];
            float gre = gq[i];
            float gim = gq[dim + i];
            ga[gaOff + i] += gre * rre + gim * rim;
            ga[gaOff + dim + i] += -gre * rim + gim * rre;
            gr[grOff + i] += gre * are + gim * aim;
            gr[grOff + dim + i] += sign * (-gre * aim + gim * are);
        }
    }

    @Override
    public boolean complexRows() {
        return true;
    }

    @Override
    public String name() {
        return "complex";
    }
}
