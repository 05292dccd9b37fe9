package org.thymus.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API. The species is a {@code static final} constant: passed around as a
 * value it defeats the intrinsics and an operation becomes ~100x slower.
 */
final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    /** Rotations of the lanes by half, a quarter, ... of the vector: the steps of {@link #sumLanes}. */
    private static final VectorShuffle<Float> ROTATE_2 = rotation(LANES / 2);
    private static final VectorShuffle<Float> ROTATE_4 = rotation(LANES / 4);
    private static final VectorShuffle<Float> ROTATE_8 = rotation(LANES / 8);
    private static final VectorShuffle<Float> ROTATE_16 = rotation(LANES / 16);

    private VectorKernels() {
    }

    private static VectorShuffle<Float> rotation(int by) {
        return VectorShuffle.iota(SPECIES, Math.max(by, 1), 1, true);
    }

    /**
     * The sum of the lanes in one fixed order: add the vector rotated by half its lanes, then by a
     * quarter, ..., and read lane 0. {@code reduceLanes(ADD)} leaves the order to the
     * implementation, and the JIT's intrinsic and the interpreter's Java code differ, so a run's
     * results would depend on when its loops got compiled; lane moves and element-wise adds are
     * exact in every tier, so with this a one-thread run gives the same bits every time. It costs
     * about 2.5 ns a lone dot (JMH, dim 100: 9.8 against 7.4 ns) and nothing measurable where
     * several sums overlap ({@link #dots}). (Halving by {@code reinterpretShape} instead was not
     * always intrinsified: 100 ns a dot in some forks.)
     */
    static float sumLanes(FloatVector v) {
        if (LANES > 16) {
            return v.reduceLanes(VectorOperators.ADD); // wider than any x86 vector: the JIT's order
        }
        if (LANES >= 2) {
            v = v.add(v.rearrange(ROTATE_2));
        }
        if (LANES >= 4) {
            v = v.add(v.rearrange(ROTATE_4));
        }
        if (LANES >= 8) {
            v = v.add(v.rearrange(ROTATE_8));
        }
        if (LANES >= 16) {
            v = v.add(v.rearrange(ROTATE_16));
        }
        return v.lane(0);
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        int i = 0;
        float sum = 0f;
        if (n >= LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            int bound = SPECIES.loopBound(n);
            for (; i < bound; i += LANES) {
                FloatVector va = FloatVector.fromArray(SPECIES, a, aOff + i);
                FloatVector vb = FloatVector.fromArray(SPECIES, b, bOff + i);
                acc = va.fma(vb, acc);
            }
            sum = sumLanes(acc);
        }
        return finishDot(sum, a, aOff, b, bOff, i, n);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        for (; i < bound; i += LANES) {
            FloatVector vx = FloatVector.fromArray(SPECIES, x, xOff + i);
            FloatVector vy = FloatVector.fromArray(SPECIES, y, yOff + i);
            vx.fma(va, vy).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void scale(float alpha, float[] x, int xOff, int n) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
        }
        for (; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    @Override
    public void accumulateAndUpdate(float g, float[] in, int inOff, float[] out, int outOff,
                                    float[] grad, int gradOff, int n) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        FloatVector vgScalar = FloatVector.broadcast(SPECIES, g);
        for (; i < bound; i += LANES) {
            FloatVector vo = FloatVector.fromArray(SPECIES, out, outOff + i);
            FloatVector vg = FloatVector.fromArray(SPECIES, grad, gradOff + i);
            vo.fma(vgScalar, vg).intoArray(grad, gradOff + i);
            FloatVector vi = FloatVector.fromArray(SPECIES, in, inOff + i);
            vi.fma(vgScalar, vo).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            float o = out[outOff + i];
            grad[gradOff + i] = Math.fma(g, o, grad[gradOff + i]);
            out[outOff + i] = Math.fma(g, in[inOff + i], o);
        }
    }

    /**
     * Four rows at a time (four independent accumulators hide the FMA latency that bounds a
     * single dot), then one at a time; each accumulator is reduced and finished like {@link #dot}.
     */
    @Override
    public void dots(float[] a, int aOff, float[][] rows, int[] offsets, int count, int n, float[] out, int outOff) {
        if (n < LANES) {
            ScalarKernels.INSTANCE.dots(a, aOff, rows, offsets, count, n, out, outOff);
            return;
        }
        int bound = SPECIES.loopBound(n);
        int j = 0;
        for (; j + 4 <= count; j += 4) {
            float[] b0 = rows[j];
            float[] b1 = rows[j + 1];
            float[] b2 = rows[j + 2];
            float[] b3 = rows[j + 3];
            int o0 = offsets[j];
            int o1 = offsets[j + 1];
            int o2 = offsets[j + 2];
            int o3 = offsets[j + 3];
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = acc0;
            FloatVector acc2 = acc0;
            FloatVector acc3 = acc0;
            for (int i = 0; i < bound; i += LANES) {
                FloatVector va = FloatVector.fromArray(SPECIES, a, aOff + i);
                acc0 = va.fma(FloatVector.fromArray(SPECIES, b0, o0 + i), acc0);
                acc1 = va.fma(FloatVector.fromArray(SPECIES, b1, o1 + i), acc1);
                acc2 = va.fma(FloatVector.fromArray(SPECIES, b2, o2 + i), acc2);
                acc3 = va.fma(FloatVector.fromArray(SPECIES, b3, o3 + i), acc3);
            }
            out[outOff + j] = finishDot(sumLanes(acc0), a, aOff, b0, o0, bound, n);
            out[outOff + j + 1] = finishDot(sumLanes(acc1), a, aOff, b1, o1, bound, n);
            out[outOff + j + 2] = finishDot(sumLanes(acc2), a, aOff, b2, o2, bound, n);
            out[outOff + j + 3] = finishDot(sumLanes(acc3), a, aOff, b3, o3, bound, n);
        }
        for (; j < count; j++) {
            out[outOff + j] = dot(a, aOff, rows[j], offsets[j], n);
        }
    }

    /** {@link #dot}'s scalar tail, from {@code from} to {@code n}, onto {@code sum}. */
    private static float finishDot(float sum, float[] a, int aOff, float[] b, int bOff, int from, int n) {
        for (int i = from; i < n; i++) {
            sum = Math.fma(a[aOff + i], b[bOff + i], sum);
        }
        return sum;
    }

    /**
     * Per vector of the input row: the input and the gradient stay in registers while each output
     * row's vector is loaded once, updated and stored, so the pass reads 1 + count vectors and
     * writes 1 + count where separate calls would also load and store a gradient per output row.
     */
    @Override
    public void stepAgainst(float[] in, int inOff, float[][] outs, int[] offsets, float[] g, int gOff, int count,
                            int n) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, in, inOff + i);
            FloatVector grad = FloatVector.zero(SPECIES);
            for (int j = 0; j < count; j++) {
                float[] out = outs[j];
                int at = offsets[j] + i;
                FloatVector step = FloatVector.broadcast(SPECIES, g[gOff + j]);
                FloatVector o = FloatVector.fromArray(SPECIES, out, at);
                grad = o.fma(step, grad);
                x.fma(step, o).intoArray(out, at);
            }
            x.add(grad).intoArray(in, inOff + i);
        }
        ScalarKernels.stepAgainst(in, inOff, outs, offsets, g, gOff, count, i, n);
    }

    @Override
    public float squaredDistance(float[] a, int aOff, float[] b, int bOff, int n) {
        int i = 0;
        float sum = 0f;
        if (n >= LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            int bound = SPECIES.loopBound(n);
            for (; i < bound; i += LANES) {
                FloatVector diff = FloatVector.fromArray(SPECIES, a, aOff + i)
                        .sub(FloatVector.fromArray(SPECIES, b, bOff + i));
                acc = diff.fma(diff, acc);
            }
            sum = sumLanes(acc);
        }
        for (; i < n; i++) {
            float d = a[aOff + i] - b[bOff + i];
            sum = Math.fma(d, d, sum);
        }
        return sum;
    }

    @Override
    public float l1Distance(float[] a, int aOff, float[] b, int bOff, int n) {
        int i = 0;
        float sum = 0f;
        if (n >= LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            int bound = SPECIES.loopBound(n);
            for (; i < bound; i += LANES) {
                FloatVector diff = FloatVector.fromArray(SPECIES, a, aOff + i)
                        .sub(FloatVector.fromArray(SPECIES, b, bOff + i));
                acc = acc.add(diff.abs());
            }
            sum = sumLanes(acc);
        }
        for (; i < n; i++) {
            sum += Math.abs(a[aOff + i] - b[bOff + i]);
        }
        return sum;
    }

    @Override
    public float complexDistance(float[] a, int aOff, float[] b, int bOff, int half) {
        int i = 0;
        float sum = 0f;
        if (half >= LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            int bound = SPECIES.loopBound(half);
            for (; i < bound; i += LANES) {
                FloatVector re = FloatVector.fromArray(SPECIES, a, aOff + i)
                        .sub(FloatVector.fromArray(SPECIES, b, bOff + i));
                FloatVector im = FloatVector.fromArray(SPECIES, a, aOff + half + i)
                        .sub(FloatVector.fromArray(SPECIES, b, bOff + half + i));
                acc = acc.add(im.fma(im, re.mul(re)).sqrt());
            }
            sum = sumLanes(acc);
        }
        for (; i < half; i++) {
            sum += ScalarKernels.modulus(a[aOff + i] - b[bOff + i], a[aOff + half + i] - b[bOff + half + i]);
        }
        return sum;
    }

    @Override
    public void addComplexDistanceGradient(float g, float[] q, int qOff, float[] e, int eOff, int half,
                                           float[] gq, int gqOff, float[] ge, int geOff) {
        int i = 0;
        if (half >= LANES) {
            FloatVector gv = FloatVector.broadcast(SPECIES, g);
            FloatVector zero = FloatVector.zero(SPECIES);
            int bound = SPECIES.loopBound(half);
            for (; i < bound; i += LANES) {
                FloatVector re = FloatVector.fromArray(SPECIES, q, qOff + i)
                        .sub(FloatVector.fromArray(SPECIES, e, eOff + i));
                FloatVector im = FloatVector.fromArray(SPECIES, q, qOff + half + i)
                        .sub(FloatVector.fromArray(SPECIES, e, eOff + half + i));
                FloatVector m = im.fma(im, re.mul(re)).sqrt();
                FloatVector w = gv.div(m).blend(zero, m.compare(VectorOperators.GT, zero).not());
                FloatVector minusW = w.neg();
                re.fma(minusW, FloatVector.fromArray(SPECIES, gq, gqOff + i)).intoArray(gq, gqOff + i);
                im.fma(minusW, FloatVector.fromArray(SPECIES, gq, gqOff + half + i)).intoArray(gq, gqOff + half + i);
                re.fma(w, FloatVector.fromArray(SPECIES, ge, geOff + i)).intoArray(ge, geOff + i);
                im.fma(w, FloatVector.fromArray(SPECIES, ge, geOff + half + i)).intoArray(ge, geOff + half + i);
            }
        }
        for (; i < half; i++) {
            ScalarKernels.complexDistanceGradientAt(g, q, qOff, e, eOff, half, gq, gqOff, ge, geOff, i);
        }
    }

    @Override
    public void adagradStep(float learningRate, float epsilon, float[] g, int gOff, float[] x, int xOff, float[] h,
                            int hOff, int n) {
        int i = 0;
        if (n >= LANES) {
            FloatVector rate = FloatVector.broadcast(SPECIES, learningRate);
            FloatVector eps = FloatVector.broadcast(SPECIES, epsilon);
            int bound = SPECIES.loopBound(n);
            for (; i < bound; i += LANES) {
                FloatVector gi = FloatVector.fromArray(SPECIES, g, gOff + i);
                FloatVector acc = FloatVector.fromArray(SPECIES, h, hOff + i).add(gi.mul(gi));
                acc.intoArray(h, hOff + i);
                FloatVector step = rate.mul(gi).div(acc.sqrt().add(eps));
                FloatVector.fromArray(SPECIES, x, xOff + i).sub(step).intoArray(x, xOff + i);
            }
        }
        ScalarKernels.INSTANCE.adagradStep(learningRate, epsilon, g, gOff + i, x, xOff + i, h, hOff + i, n - i);
    }

    @Override
    public int indexAtLeast(float[] a, int from, int to, float threshold) {
        int i = from;
        if (to - from >= LANES) {
            FloatVector t = FloatVector.broadcast(SPECIES, threshold);
            for (int bound = to - LANES; i <= bound; i += LANES) {
                VectorMask<Float> hit = FloatVector.fromArray(SPECIES, a, i).compare(VectorOperators.GE, t);
                if (hit.anyTrue()) {
                    return i + hit.firstTrue();
                }
            }
        }
        return ScalarKernels.INSTANCE.indexAtLeast(a, i, to, threshold);
    }

    /** Vectors across one panel row (16 floats); 0 when the lanes do not tile a panel. */
    private static final int PER_PANEL = LANES <= PANEL && PANEL % LANES == 0 ? PANEL / LANES : 0;

    /**
     * A register-blocked micro-kernel: a "column" is {@code LANES} candidates of a panel; four
     * queries times four columns keep sixteen accumulators busy (enough to hide the FMA latency on
     * two FMA pipes), each query value is broadcast once per step and each column row is loaded
     * once for four queries. Columns are the outer loop, so the four columns and the query block
     * stay in L1 while the queries cycle. Left-over columns go one at a time.
     */
    @Override
    public void dotPanels(float[] q, int qOff, int qStride, int queryCount, float[] panels, int pOff, int dim,
                          int panelCount, float[] out, int outOff, int outStride) {
        if (PER_PANEL == 0) {
            ScalarKernels.INSTANCE.dotPanels(q, qOff, qStride, queryCount, panels, pOff, dim, panelCount,
                    out, outOff, outStride);
            return;
        }
        int columns = panelCount * PER_PANEL;
        int c = 0;
        for (; c + 4 <= columns; c += 4) {
            int b0 = columnStart(pOff, dim, c);
            int b1 = columnStart(pOff, dim, c + 1);
            int b2 = columnStart(pOff, dim, c + 2);
            int b3 = columnStart(pOff, dim, c + 3);
            int i = 0;
            for (; i + 4 <= queryCount; i += 4) {
                int q0 = qOff + i * qStride;
                FloatVector a00 = FloatVector.zero(SPECIES);
                FloatVector a01 = a00;
                FloatVector a02 = a00;
                FloatVector a03 = a00;
                FloatVector a10 = a00;
                FloatVector a11 = a00;
                FloatVector a12 = a00;
                FloatVector a13 = a00;
                FloatVector a20 = a00;
                FloatVector a21 = a00;
                FloatVector a22 = a00;
                FloatVector a23 = a00;
                FloatVector a30 = a00;
                FloatVector a31 = a00;
                FloatVector a32 = a00;
                FloatVector a33 = a00;
                for (int d = 0; d < dim; d++) {
                    int row = d * PANEL;
                    FloatVector v0 = FloatVector.fromArray(SPECIES, panels, b0 + row);
                    FloatVector v1 = FloatVector.fromArray(SPECIES, panels, b1 + row);
                    FloatVector v2 = FloatVector.fromArray(SPECIES, panels, b2 + row);
                    FloatVector v3 = FloatVector.fromArray(SPECIES, panels, b3 + row);
                    int qd = q0 + d;
                    FloatVector x = FloatVector.broadcast(SPECIES, q[qd]);
                    a00 = v0.fma(x, a00);
                    a01 = v1.fma(x, a01);
                    a02 = v2.fma(x, a02);
                    a03 = v3.fma(x, a03);
                    x = FloatVector.broadcast(SPECIES, q[qd + qStride]);
                    a10 = v0.fma(x, a10);
                    a11 = v1.fma(x, a11);
                    a12 = v2.fma(x, a12);
                    a13 = v3.fma(x, a13);
                    x = FloatVector.broadcast(SPECIES, q[qd + 2 * qStride]);
                    a20 = v0.fma(x, a20);
                    a21 = v1.fma(x, a21);
                    a22 = v2.fma(x, a22);
                    a23 = v3.fma(x, a23);
                    x = FloatVector.broadcast(SPECIES, q[qd + 3 * qStride]);
                    a30 = v0.fma(x, a30);
                    a31 = v1.fma(x, a31);
                    a32 = v2.fma(x, a32);
                    a33 = v3.fma(x, a33);
                }
                int o = outOff + i * outStride + c * LANES;
                store4(out, o, a00, a01, a02, a03);
                store4(out, o + outStride, a10, a11, a12, a13);
                store4(out, o + 2 * outStride, a20, a21, a22, a23);
                store4(out, o + 3 * outStride, a30, a31, a32, a33);
            }
            for (; i < queryCount; i++) {
                int q0 = qOff + i * qStride;
                FloatVector a0 = FloatVector.zero(SPECIES);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int d = 0; d < dim; d++) {
                    int row = d * PANEL;
                    FloatVector x = FloatVector.broadcast(SPECIES, q[q0 + d]);
                    a0 = FloatVector.fromArray(SPECIES, panels, b0 + row).fma(x, a0);
                    a1 = FloatVector.fromArray(SPECIES, panels, b1 + row).fma(x, a1);
                    a2 = FloatVector.fromArray(SPECIES, panels, b2 + row).fma(x, a2);
                    a3 = FloatVector.fromArray(SPECIES, panels, b3 + row).fma(x, a3);
                }
                store4(out, outOff + i * outStride + c * LANES, a0, a1, a2, a3);
            }
        }
        for (; c < columns; c++) {
            int b0 = columnStart(pOff, dim, c);
            for (int i = 0; i < queryCount; i++) {
                int q0 = qOff + i * qStride;
                FloatVector a0 = FloatVector.zero(SPECIES);
                for (int d = 0; d < dim; d++) {
                    a0 = FloatVector.fromArray(SPECIES, panels, b0 + d * PANEL)
                            .fma(FloatVector.broadcast(SPECIES, q[q0 + d]), a0);
                }
                a0.intoArray(out, outOff + i * outStride + c * LANES);
            }
        }
    }

    private static void store4(float[] out, int o, FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3) {
        a0.intoArray(out, o);
        a1.intoArray(out, o + LANES);
        a2.intoArray(out, o + 2 * LANES);
        a3.intoArray(out, o + 3 * LANES);
    }

    /** Where column {@code c} (LANES candidates of panel c / PER_PANEL) starts. */
    private static int columnStart(int pOff, int dim, int c) {
        return pOff + (c / PER_PANEL) * dim * PANEL + (c % PER_PANEL) * LANES;
    }

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }
}
