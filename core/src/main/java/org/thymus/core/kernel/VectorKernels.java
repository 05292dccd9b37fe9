package org.thymus.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API. The species is a {@code static final} constant: passed around as a
 * value it defeats the intrinsics and an operation becomes ~100x slower.
 */
final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorKernels() {
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
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum = Math.fma(a[aOff + i], b[bOff + i], sum);
        }
        return sum;
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

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }
}
