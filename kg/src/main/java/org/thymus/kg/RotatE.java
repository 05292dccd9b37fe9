package org.thymus.kg;

import java.util.Arrays;
import org.thymus.core.kernel.Kernels;

/**
 * RotatE (Sun et al. 2019): entities are vectors of {@code dim} complex numbers, a relation is a
 * rotation by phases θ (each |r_i| = 1), score = −Σ_i |h_i·r_i − t_i|, the sum of the moduli (as
 * in the authors' code, not the Euclidean norm over all 2·dim reals).
 *
 * <p>An entity row holds the {@code dim} real parts, then the {@code dim} imaginary parts; a
 * relation row holds the {@code dim} phases. Because a rotation preserves moduli,
 * |h∘r − t| = |h − t∘r̄|, so head prediction is tail prediction against the query t∘r̄.
 */
public final class RotatE extends TableModel {
    private final int dim;
    private final Kernels kernels = Kernels.get();

    /** Entity values uniform in [−range, range), phases uniform in [−π, π), seeded. */
    public RotatE(int entityCount, int relationCount, int dim, float range, long seed) {
        super(entityCount, 2 * dim, relationCount, dim, range, seed);
        this.dim = dim;
        relations.fillUniform(seed + 1, (float) -Math.PI, (float) Math.PI);
    }

    /**
     * The complex query a∘r (conjugate = false) or a∘r̄ (true) into q from off: dim real parts, then
     * dim imaginary, then the row's padding as zeros.
     */
    private void rotate(int a, int r, boolean conjugate, float[] q, int off) {
        float[] as = entities.shard(a);
        int ao = entities.offset(a);
        float[] rs = relations.shard(r);
        int ro = relations.offset(r);
        for (int i = 0; i < dim; i++) {
            float c = (float) Math.cos(rs[ro + i]);
            float s = conjugate ? (float) -Math.sin(rs[ro + i]) : (float) Math.sin(rs[ro + i]);
            float re = as[ao + i];
            float im = as[ao + dim + i];
            q[off + i] = re * c - im * s;
            q[off + dim + i] = re * s + im * c;
        }
        Arrays.fill(q, off + 2 * dim, off + entities.stride(), 0f);
    }

    @Override
    protected void tailQuery(int h, int r, float[] q, int off) {
        rotate(h, r, false, q, off);
    }

    @Override
    protected void headQuery(int r, int t, float[] q, int off) {
        rotate(t, r, true, q, off);
    }

    @Override
    protected float candidateScore(float[] q, int e) {
        return -kernels.complexDistance(q, 0, entities.shard(e), entities.offset(e), dim);
    }

    @Override
    protected void addCandidateGradient(float[] q, int e, float g, float[] gq, float[] ge, int geOff) {
        // score = −Σ|q_i − e_i|: the kernel's gradient of −complexDistance.
        kernels.addComplexDistanceGradient(g, q, 0, entities.shard(e), entities.offset(e), dim, gq, 0, ge, geOff);
    }

    /**
     * Through q = h∘r, r_i = (cos θ_i, sin θ_i): h's gradient is gq rotated back by −θ, and
     * d q_i / d θ_i = i·q_i, so θ_i's gradient is Re(conj(gq_i) · i·q_i) = gq_im·q_re − gq_re·q_im.
     */
    @Override
    protected void addTailQueryGradient(int h, int r, float[] q, float[] gq, float[] gh, int ghOff, float[] gr,
                                        int grOff) {
        addRotationGradient(r, false, q, gq, gh, ghOff, gr, grOff);
    }

    /** Through q = t∘r̄: t's gradient is gq rotated by +θ; d q_i / d θ_i = −i·q_i. */
    @Override
    protected void addHeadQueryGradient(int r, int t, float[] q, float[] gq, float[] gt, int gtOff, float[] gr,
                                        int grOff) {
        addRotationGradient(r, true, q, gq, gt, gtOff, gr, grOff);
    }

    /** The rotated entity's gradient (gq rotated by the opposite angle) and the phases' (sign by direction). */
    private void addRotationGradient(int r, boolean conjugate, float[] q, float[] gq, float[] ga, int gaOff,
                                     float[] gr, int grOff) {
        float[] rs = relations.shard(r);
        int ro = relations.offset(r);
        float sign = conjugate ? -1f : 1f;
        for (int i = 0; i < dim; i++) {
            float c = (float) Math.cos(rs[ro + i]);
            float s = sign * (float) Math.sin(rs[ro + i]);
            float gre = gq[i];
            float gim = gq[dim + i];
            ga[gaOff + i] += gre * c + gim * s;
            ga[gaOff + dim + i] += -gre * s + gim * c;
            gr[grOff + i] += sign * (gim * q[i] - gre * q[dim + i]);
        }
    }

    @Override
    public String name() {
        return "rotate";
    }
}
