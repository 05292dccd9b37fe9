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
    public String name() {
        return "scalar";
    }
}
