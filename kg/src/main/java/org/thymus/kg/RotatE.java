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
    protected void addGradients(float[] hs, int ho, float[] rs, int ro, float[] ts, int to, float g,
                                float[] gh, int ghOff, float[] gr, int grOff, float[] gt, int gtOff) {
        for (int i = 0; i < dim; i++) {
            float c = (float) Math.cos(rs[ro + i]);
            float s = (float) Math.sin(rs[ro + i]);
            float hr = hs[ho + i];
            float hi = hs[ho + dim + i];
            float a = hr * c - hi * s - ts[to + i];
            float b = hr * s + hi * c - ts[to + dim + i];
            float m = (float) Math.sqrt(a * a + b * b);
            // |u| has no gradient at u = 0; that coordinate already matches, so it gets no step.
            if (m == 0) {
                continue;
            }
            // d score / d a and d score / d b, times the loss's gradient g.
            float da = -g * a / m;
            float db = -g * b / m;
            gh[ghOff + i] += da * c + db * s;
            gh[ghOff + dim + i] += -da * s + db * c;
            gt[gtOff + i] -= da;
            gt[gtOff + dim + i] -= db;
            gr[grOff + i] += da * (-hr * s - hi * c) + db * (hr * c - hi * s);
        }
    }

    @Override
    public String name() {
        return "rotate";
    }
}
