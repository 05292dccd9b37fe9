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
    protected void addGradients(float[] hs, int ho, float[] rs, int ro, float[] ts, int to, float g,
                                float[] gh, int ghOff, float[] gr, int grOff, float[] gt, int gtOff) {
        // score = Σ hre·rre·tre + him·rre·tim + hre·rim·tim − him·rim·tre, differentiated term by term.
        for (int i = 0; i < dim; i++) {
            float hre = hs[ho + i];
            float him = hs[ho + dim + i];
            float rre = rs[ro + i];
            float rim = rs[ro + dim + i];
            float tre = ts[to + i];
            float tim = ts[to + dim + i];
            gh[ghOff + i] += g * (rre * tre + rim * tim);
            gh[ghOff + dim + i] += g * (rre * tim - rim * tre);
            gr[grOff + i] += g * (hre * tre + him * tim);
            gr[grOff + dim + i] += g * (hre * tim - him * tre);
            gt[gtOff + i] += g * (hre * rre - him * rim);
            gt[gtOff + dim + i] += g * (him * rre + hre * rim);
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
