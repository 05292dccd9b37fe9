package org.thymus.core.kernel;

/** Plain-Java kernels: the reference the vector kernels are tested against, and the fallback. */
final class ScalarKernels implements Kernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum = Math.fma(a[aOff + i], b[bOff + i], sum);
        }
        return sum;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void scale(float alpha, float[] x, int xOff, int n) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    @Override
    public void accumulateAndUpdate(float g, float[] in, int inOff, float[] out, int outOff,
                                    float[] grad, int gradOff, int n) {
        for (int i = 0; i < n; i++) {
            float o = out[outOff + i];
            grad[gradOff + i] = Math.fma(g, o, grad[gradOff + i]);
            out[outOff + i] = Math.fma(g, in[inOff + i], o);
        }
    }

    @Override
    public void dots(float[] a, int aOff, float[][] rows, int[] offsets, int count, int n, float[] out, int outOff) {
        for (int j = 0; j < count; j++) {
            out[outOff + j] = dot(a, aOff, rows[j], offsets[j], n);
        }
    }

    @Override
    public void stepAgainst(float[] in, int inOff, float[][] outs, int[] offsets, float[] g, int gOff, int count,
                            int n) {
        stepAgainst(in, inOff, outs, offsets, g, gOff, count, 0, n);
    }

    /** {@link #stepAgainst} on the elements {@code [from, to)} of the rows (the vector kernel's tail). */
    static void stepAgainst(float[] in, int inOff, float[][] outs, int[] offsets, float[] g, int gOff, int count,
                            int from, int to) {
        for (int i = from; i < to; i++) {
            float x = in[inOff + i];
            float grad = 0f;
            for (int j = 0; j < count; j++) {
                float[] out = outs[j];
                int at = offsets[j] + i;
                float o = out[at];
                grad = Math.fma(g[gOff + j], o, grad);
                out[at] = Math.fma(g[gOff + j], x, o);
            }
            in[inOff + i] = x + grad;
        }
    }

    @Override
    public float squaredDistance(float[] a, int aOff, float[] b, int bOff, int n) {
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            float d = a[aOff + i] - b[bOff + i];
            sum = Math.fma(d, d, sum);
        }
        return sum;
    }

    @Override
    public float l1Distance(float[] a, int aOff, float[] b, int bOff, int n) {
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += Math.abs(a[aOff + i] - b[bOff + i]);
        }
        return sum;
    }

    @Override
    public float complexDistance(float[] a, int aOff, float[] b, int bOff, int half) {
        float sum = 0f;
        for (int i = 0; i < half; i++) {
            sum += modulus(a[aOff + i] - b[bOff + i], a[aOff + half + i] - b[bOff + half + i]);
        }
        return sum;
    }

    @Override
    public void addComplexDistanceGradient(float g, float[] q, int qOff, float[] e, int eOff, int half,
                                           float[] gq, int gqOff, float[] ge, int geOff) {
        for (int i = 0; i < half; i++) {
            complexDistanceGradientAt(g, q, qOff, e, eOff, half, gq, gqOff, ge, geOff, i);
        }
    }

    /** Coordinate i of {@link #addComplexDistanceGradient}: also the vector kernel's tail loop. */
    static void complexDistanceGradientAt(float g, float[] q, int qOff, float[] e, int eOff, int half,
                                          float[] gq, int gqOff, float[] ge, int geOff, int i) {
        float re = q[qOff + i] - e[eOff + i];
        float im = q[qOff + half + i] - e[eOff + half + i];
        float m = modulus(re, im);
        float w = m > 0 ? g / m : 0f;
        gq[gqOff + i] = Math.fma(-w, re, gq[gqOff + i]);
        gq[gqOff + half + i] = Math.fma(-w, im, gq[gqOff + half + i]);
        ge[geOff + i] = Math.fma(w, re, ge[geOff + i]);
        ge[geOff + half + i] = Math.fma(w, im, ge[geOff + half + i]);
    }

    @Override
    public void adagradStep(float learningRate, float epsilon, float[] g, int gOff, float[] x, int xOff, float[] h,
                            int hOff, int n) {
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float acc = h[hOff + i] + gi * gi;
            h[hOff + i] = acc;
            x[xOff + i] -= learningRate * gi / ((float) Math.sqrt(acc) + epsilon);
        }
    }

    /** sqrt(re² + im²) as both implementations compute it: re·re rounded, then fma(im, im, ·). */
    static float modulus(float re, float im) {
        return (float) Math.sqrt(Math.fma(im, im, re * re));
    }

    @Override
    public int indexAtLeast(float[] a, int from, int to, float threshold) {
        int i = from;
        while (i < to && !(a[i] >= threshold)) {
            i++;
        }
        return i;
    }

    @Override
    public void dotPanels(float[] q, int qOff, int qStride, int queryCount, float[] panels, int pOff, int dim,
                          int panelCount, float[] out, int outOff, int outStride) {
        for (int p = 0; p < panelCount; p++) {
            int panel = pOff + p * dim * PANEL;
            for (int i = 0; i < queryCount; i++) {
                int query = qOff + i * qStride;
                int o = outOff + i * outStride + p * PANEL;
                for (int j = 0; j < PANEL; j++) {
                    float sum = 0f;
                    for (int d = 0; d < dim; d++) {
                        sum = Math.fma(q[query + d], panels[panel + d * PANEL + j], sum);
                    }
                    out[o + j] = sum;
                }
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
