package org.thymus.bench;

import org.thymus.core.kernel.Kernels;
import org.thymus.core.kernel.Sigmoid;

/**
 * How the kernel benchmarks pick vector or scalar kernels without measuring a virtual call.
 *
 * <p>Production code holds {@code Kernels.get()} in a {@code static final} field, so C2 sees a
 * constant receiver of one exact class and inlines the kernel. A benchmark that put the
 * {@code @Param}-chosen implementation in an ordinary field would instead call through a
 * profiled interface call site (monomorphic per fork, bimorphic if both ever ran in one JVM) and
 * measure a type guard production does not pay. {@code -Dthymus.kernels=scalar} would keep the
 * constant but cannot vary with a {@code @Param} (JMH fixes JVM arguments per class, not per
 * parameter). So both implementations live in {@code static final} constants and each benchmark
 * method has two call sites, one per constant, behind {@code if (scalar)}: every call site has a
 * constant receiver and inlines, and since a fork only ever takes one side of the branch, C2
 * compiles the other side to an uncommon trap. The cost left is one predictable branch on a
 * field, well under a nanosecond.
 */
final class KernelChoice {
    /** What production runs: the vector kernels, given {@code --add-modules jdk.incubator.vector}. */
    static final Kernels VECTOR = Kernels.get();
    static final Kernels SCALAR = Kernels.scalar();

    private KernelChoice() {
    }

    /** True for "scalar"; for "vector" checks that the JVM really has the vector kernels. */
    static boolean isScalar(String kernels) {
        switch (kernels) {
            case "scalar":
                return true;
            case "vector":
                if (!VECTOR.name().startsWith("vector")) {
                    throw new IllegalStateException("Kernels.get() is " + VECTOR.name()
                            + ": run the fork with --add-modules jdk.incubator.vector");
                }
                return false;
            default:
                throw new IllegalArgumentException("kernels must be vector or scalar, got " + kernels);
        }
    }

    /**
     * One negative-sampling step as the word2vec worker runs it: one dot, the sigmoid, and both
     * updates (gradient and output row) fused in one pass. Returns the score so it is consumed.
     */
    static float sgnsStep(Kernels k, float[] in, int inOff, float[] out, int outOff,
                          float[] grad, int n, float label, float alpha) {
        float f = k.dot(in, inOff, out, outOff, n);
        float g = (label - Sigmoid.sigmoid(f)) * alpha;
        k.accumulateAndUpdate(g, in, inOff, out, outOff, grad, 0, n);
        return f;
    }

    /** The same step with the two updates as separate axpys: what the fused kernel saves. */
    static float sgnsStepTwoAxpy(Kernels k, float[] in, int inOff, float[] out, int outOff,
                                 float[] grad, int n, float label, float alpha) {
        float f = k.dot(in, inOff, out, outOff, n);
        float g = (label - Sigmoid.sigmoid(f)) * alpha;
        k.axpy(g, out, outOff, grad, 0, n);
        k.axpy(g, in, inOff, out, outOff, n);
        return f;
    }
}
