package org.thymus.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Consumer;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

/**
 * The vector kernels against the scalar reference on random data: every length from 1 to 300
 * (below, at and between multiples of the lane count) at several offsets, repeated for enough
 * rounds that C2 compiles the loops and the intrinsified code is what gets checked (the
 * interpreter's and C1's Java fallback of the Vector API is checked on the way there).
 */
class KernelsTest {
    private static final Kernels VECTOR = Kernels.get();
    private static final Kernels SCALAR = Kernels.scalar();
    private static final int LANES = FloatVector.SPECIES_PREFERRED.length();
    private static final int MAX_LENGTH = 300;
    private static final int[] OFFSETS = {0, 1, 3, 16, 17};
    private static final int ROUNDS = 8;
    /** Cells on each side of the operand that must come out untouched. */
    private static final int GUARD = 40;

    /** Enough calls that C2 compiles every kernel (checked once with -XX:+LogCompilation). */
    @BeforeAll
    static void warmUp() {
        float[] x = new float[64];
        float[] y = new float[64];
        float[] z = new float[64];
        float sink = 0;
        for (int i = 0; i < 30_000; i++) {
            sink += VECTOR.dot(x, 0, y, 0, 64);
            VECTOR.axpy(0.5f, x, 0, y, 0, 64);
            VECTOR.scale(0.5f, y, 0, 64);
            VECTOR.accumulateAndUpdate(0.5f, x, 0, y, 0, z, 0, 64);
            sink += VECTOR.squaredDistance(x, 0, x, 0, 64);
            sink += VECTOR.l1Distance(x, 0, x, 0, 64);
            sink += VECTOR.complexDistance(x, 0, x, 0, 32);
            VECTOR.addComplexDistanceGradient(1e-30f, x, 0, y, 0, 32, z, 0, z, 0);
            VECTOR.adagradStep(1e-30f, 1e-10f, x, 0, y, 0, z, 0, 64);
            sink += VECTOR.indexAtLeast(x, i % 7, 64, 1f) - 64;
        }
        float[][] rows = {x, y, z, y, x, z};
        int[] offsets = {0, 16, 32, 0, 16, 48};
        float[] scores = new float[6];
        for (int i = 0; i < 20_000; i++) {
            VECTOR.dots(x, 0, rows, offsets, 1 + i % 6, 16, scores, 0);
            VECTOR.stepAgainst(z, 48, rows, offsets, scores, 0, 1 + i % 6, 16);
            VECTOR.scale(0f, z, 0, 64);
        }
        float[] queries = new float[5 * 16];
        float[] panels = new float[2 * 16 * Kernels.PANEL];
        float[] out = new float[5 * 2 * Kernels.PANEL];
        for (int i = 0; i < 5_000; i++) {
            VECTOR.dotPanels(queries, 0, 16, 3 + i % 3, panels, 0, 16, 2 - i % 2, out, 0, 2 * Kernels.PANEL);
        }
        assertEquals(0f, sink);
    }

    @Test
    void vectorKernelsAreInUse() {
        // Surefire adds jdk.incubator.vector: a fall-back to scalar here means the fast path broke.
        assertTrue(VECTOR.name().startsWith("vector"), "Kernels.get() is " + VECTOR.name());
        assertEquals("vector-" + LANES * 32, VECTOR.name());
        assertEquals("scalar", SCALAR.name());
    }

    private static float[] randomArray(FastRandom rng, int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = rng.nextFloat() * 2 - 1;
        }
        return a;
    }

    /** Calls {@code check} with (n, offset) for every length and offset, ROUNDS times. */
    private static void forEachShape(Consumer<int[]> check) {
        for (int round = 0; round < ROUNDS; round++) {
            for (int n = 1; n <= MAX_LENGTH; n++) {
                for (int off : OFFSETS) {
                    check.accept(new int[] {n, off, round});
                }
            }
        }
    }

    @Test
    void dotAgreesWithScalarUpToSummationOrder() {
        FastRandom rng = new FastRandom(1);
        forEachShape(shape -> {
            int n = shape[0];
            int aOff = shape[1];
            int bOff = (aOff * 7 + 5) % 19; // a different alignment for b
            float[] a = randomArray(rng, aOff + n + GUARD);
            float[] b = randomArray(rng, bOff + n + GUARD);
            float v = VECTOR.dot(a, aOff, b, bOff, n);
            float s = SCALAR.dot(a, aOff, b, bOff, n);
            if (n < LANES) {
                // Below one vector the vector kernel runs the scalar loop alone.
                assertEquals(Float.floatToIntBits(s), Float.floatToIntBits(v), "n = " + n);
                return;
            }
            // Any two summation orders are within 2 * gamma_n * sum |a_i b_i| of the exact sum
            // of each other, gamma_n = n u / (1 - n u), u = 2^-24 (Higham, Accuracy and Stability
            // of Numerical Algorithms, 3.1); the exact value in double checks both sides.
            double exact = 0;
            double magnitude = 0;
            for (int i = 0; i < n; i++) {
                double p = (double) a[aOff + i] * b[bOff + i];
                exact += p;
                magnitude += Math.abs(p);
            }
            double u = 0x1.0p-24;
            double gamma = n * u / (1 - n * u);
            double bound = gamma * magnitude;
            assertEquals(exact, v, bound, "vector dot, n = " + n + ", offset " + aOff);
            assertEquals(exact, s, bound, "scalar dot, n = " + n + ", offset " + aOff);
            assertEquals(s, v, 2 * bound, "vector vs scalar dot, n = " + n + ", offset " + aOff);
        });
    }

    @Test
    void squaredDistanceAgreesWithScalarUpToSummationOrder() {
        FastRandom rng = new FastRandom(6);
        forEachShape(shape -> {
            int n = shape[0];
            int aOff = shape[1];
            int bOff = (aOff * 5 + 3) % 19;
            float[] a = randomArray(rng, aOff + n + GUARD);
            float[] b = randomArray(rng, bOff + n + GUARD);
            float v = VECTOR.squaredDistance(a, aOff, b, bOff, n);
            float s = SCALAR.squaredDistance(a, aOff, b, bOff, n);
            if (n < LANES) {
                assertEquals(Float.floatToIntBits(s), Float.floatToIntBits(v), "n = " + n);
                return;
            }
            // The differences are exact or rounded once, as in both kernels; then the same bound
            // on the summation as for dot (all terms are positive, so magnitude = exact).
            double exact = 0;
            for (int i = 0; i < n; i++) {
                double d = (float) (a[aOff + i] - b[bOff + i]);
                exact += d * d;
            }
            double u = 0x1.0p-24;
            double bound = n * u / (1 - n * u) * exact;
            assertEquals(exact, v, bound, "vector squaredDistance, n = " + n);
            assertEquals(exact, s, bound, "scalar squaredDistance, n = " + n);
        });
        float[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
        float[] b = new float[18];
        assertEquals(2109f, VECTOR.squaredDistance(a, 0, b, 0, 18)); // sum of squares 1..18
        assertEquals(0f, VECTOR.squaredDistance(a, 0, a, 0, 18));
    }

    /**
     * L1 and complex (sum-of-moduli) distances: every term is computed identically in both
     * implementations and is non-negative, so both sums stay within the summation bound of the
     * exact sum of those terms; below one vector's width they agree bit for bit.
     */
    @Test
    void l1AndComplexDistancesAgreeWithScalarUpToSummationOrder() {
        FastRandom rng = new FastRandom(7);
        forEachShape(shape -> {
            int n = shape[0];
            int aOff = shape[1];
            int bOff = (aOff * 5 + 3) % 19;
            float[] a = randomArray(rng, aOff + 2 * n + GUARD);
            float[] b = randomArray(rng, bOff + 2 * n + GUARD);
            double exactL1 = 0;
            double exactComplex = 0;
            for (int i = 0; i < n; i++) {
                exactL1 += Math.abs((float) (a[aOff + i] - b[bOff + i]));
                exactComplex += ScalarKernels.modulus(a[aOff + i] - b[bOff + i], a[aOff + n + i] - b[bOff + n + i]);
            }
            double u = 0x1.0p-24;
            float[][] pairs = {
                {VECTOR.l1Distance(a, aOff, b, bOff, n), SCALAR.l1Distance(a, aOff, b, bOff, n), (float) exactL1},
                {VECTOR.complexDistance(a, aOff, b, bOff, n), SCALAR.complexDistance(a, aOff, b, bOff, n),
                    (float) exactComplex}};
            for (float[] p : pairs) {
                if (n < LANES) {
                    assertEquals(Float.floatToIntBits(p[1]), Float.floatToIntBits(p[0]), "n = " + n);
                    continue;
                }
                double bound = n * u / (1 - n * u) * p[2] + 1e-30;
                assertEquals(p[2], p[0], bound, "vector, n = " + n);
                assertEquals(p[2], p[1], bound, "scalar, n = " + n);
            }
        });
        // |3 + 4i| = 5 per coordinate, and the L1 distance of (1..18) from zero.
        float[] a = new float[36];
        for (int i = 0; i < 18; i++) {
            a[i] = 3;
            a[18 + i] = 4;
        }
        assertEquals(90f, VECTOR.complexDistance(a, 0, new float[36], 0, 18));
        float[] c = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, -18};
        assertEquals(171f, VECTOR.l1Distance(c, 0, new float[18], 0, 18));
        assertEquals(171f, SCALAR.l1Distance(c, 0, new float[18], 0, 18));
    }

    /**
     * RotatE's candidate gradient is element-wise: bit for bit the scalar loop, guards untouched,
     * including coordinates where query and row coincide (no gradient there, not NaN).
     */
    @Test
    void complexDistanceGradientAgreesWithScalarBitForBit() {
        FastRandom rng = new FastRandom(9);
        forEachShape(shape -> {
            int n = shape[0];
            int qOff = shape[1];
            int eOff = (qOff * 5 + 3) % 19;
            float[] q = randomArray(rng, qOff + 2 * n + GUARD);
            float[] e = randomArray(rng, eOff + 2 * n + GUARD);
            int same = rng.nextInt(n);
            e[eOff + same] = q[qOff + same];
            e[eOff + n + same] = q[qOff + n + same];
            float[] gq = randomArray(rng, qOff + 2 * n + GUARD);
            float[] ge = randomArray(rng, eOff + 2 * n + GUARD);
            float[] gqScalar = gq.clone();
            float[] geScalar = ge.clone();
            float g = rng.nextFloat() * 4 - 2;
            VECTOR.addComplexDistanceGradient(g, q, qOff, e, eOff, n, gq, qOff, ge, eOff);
            SCALAR.addComplexDistanceGradient(g, q, qOff, e, eOff, n, gqScalar, qOff, geScalar, eOff);
            assertArrayEquals(gqScalar, gq, "query gradient, n = " + n);
            assertArrayEquals(geScalar, ge, "row gradient, n = " + n);
        });
        // (3 + 4i) − 0 has modulus 5: the query moves by −g·(3, 4)/5, the row by +g·(3, 4)/5.
        float[] q = new float[36];
        for (int i = 0; i < 18; i++) {
            q[i] = 3;
            q[18 + i] = 4;
        }
        q[5] = 0;
        q[23] = 0; // coordinate 5 coincides with the row: no gradient
        float[] gq = new float[36];
        float[] ge = new float[36];
        VECTOR.addComplexDistanceGradient(10f, q, 0, new float[36], 0, 18, gq, 0, ge, 0);
        for (int i = 0; i < 18; i++) {
            if (i == 5) {
                continue;
            }
            assertEquals(-6f, gq[i]);
            assertEquals(-8f, gq[18 + i]);
            assertEquals(6f, ge[i]);
            assertEquals(8f, ge[18 + i]);
        }
        assertEquals(0f, gq[5]);
        assertEquals(0f, ge[23]);
    }

    /** Adagrad's step is element-wise: bit for bit the scalar loop on both rows, guards untouched. */
    @Test
    void adagradStepAgreesWithScalarBitForBit() {
        FastRandom rng = new FastRandom(10);
        forEachShape(shape -> {
            int n = shape[0];
            int xOff = shape[1];
            int gOff = (xOff * 5 + 3) % 19;
            int hOff = (xOff * 3 + 7) % 19;
            float[] g = randomArray(rng, gOff + n + GUARD);
            g[gOff + rng.nextInt(n)] = 0; // a coordinate with no gradient and, below, no history
            float[] x = randomArray(rng, xOff + n + GUARD);
            float[] h = randomArray(rng, hOff + n + GUARD);
            for (int i = 0; i < h.length; i++) {
                h[i] = h[i] < 0 ? 0 : h[i];
            }
            float[] xScalar = x.clone();
            float[] hScalar = h.clone();
            VECTOR.adagradStep(0.3f, 1e-10f, g, gOff, x, xOff, h, hOff, n);
            SCALAR.adagradStep(0.3f, 1e-10f, g, gOff, xScalar, xOff, hScalar, hOff, n);
            assertArrayEquals(xScalar, x, "row, n = " + n);
            assertArrayEquals(hScalar, h, "history, n = " + n);
        });
        // A first step moves each coordinate by the rate, against its gradient's sign: g / sqrt(g^2).
        float[] g = new float[20];
        for (int i = 0; i < 20; i++) {
            g[i] = i % 2 == 0 ? 4 : -0.5f;
        }
        float[] x = new float[20];
        float[] h = new float[20];
        VECTOR.adagradStep(0.1f, 0f, g, 0, x, 0, h, 0, 20);
        for (int i = 0; i < 20; i++) {
            assertEquals(i % 2 == 0 ? -0.1f : 0.1f, x[i], 1e-7f);
            assertEquals(g[i] * g[i], h[i]);
        }
    }

    @Test
    void indexAtLeastFindsTheFirstHitLikeTheScalarLoop() {
        FastRandom rng = new FastRandom(8);
        forEachShape(shape -> {
            int n = shape[0];
            int from = shape[1];
            float[] a = randomArray(rng, from + n + GUARD);
            float threshold = 1 - 2f / (1 + rng.nextInt(n + 1)); // from -1 (hit at once) to near 1 (rare)
            if (shape[2] % 3 == 0) {
                a[from + rng.nextInt(n)] = Float.NaN;
            }
            int v = VECTOR.indexAtLeast(a, from, from + n, threshold);
            int s = SCALAR.indexAtLeast(a, from, from + n, threshold);
            assertEquals(s, v, "n = " + n + ", from " + from);
            for (int i = from; i < s; i++) {
                assertTrue(!(a[i] >= threshold));
            }
            assertTrue(s == from + n || a[s] >= threshold);
        });
        float[] a = {Float.NaN, -0f, 0f, Float.NEGATIVE_INFINITY};
        assertEquals(1, VECTOR.indexAtLeast(a, 0, 4, 0f)); // -0 >= 0, NaN never
        assertEquals(4, VECTOR.indexAtLeast(a, 0, 4, Float.POSITIVE_INFINITY));
        assertEquals(3, VECTOR.indexAtLeast(a, 3, 4, Float.NEGATIVE_INFINITY));
        assertEquals(2, VECTOR.indexAtLeast(a, 2, 2, 0f));
    }

    @Test
    void dotPanelsIsBitForBitEqualAndMatchesItsDefinition() {
        FastRandom rng = new FastRandom(7);
        int p = Kernels.PANEL;
        for (int round = 0; round < ROUNDS; round++) {
            for (int dim : new int[] {1, 3, 16, 17, 100}) {
                for (int queries = 1; queries <= 9; queries++) {
                    for (int panelCount = 1; panelCount <= 6; panelCount++) {
                        int qStride = dim + 5;
                        int qOff = 3;
                        int pOff = 16;
                        int outStride = panelCount * p + 7;
                        int outOff = 2;
                        float[] q = randomArray(rng, qOff + queries * qStride + GUARD);
                        float[] panels = randomArray(rng, pOff + panelCount * dim * p + GUARD);
                        float[] out = randomArray(rng, outOff + queries * outStride + GUARD);
                        float[] outScalar = out.clone();
                        VECTOR.dotPanels(q, qOff, qStride, queries, panels, pOff, dim, panelCount,
                                out, outOff, outStride);
                        SCALAR.dotPanels(q, qOff, qStride, queries, panels, pOff, dim, panelCount,
                                outScalar, outOff, outStride);
                        String where = "dim " + dim + ", queries " + queries + ", panels " + panelCount;
                        assertArrayEquals(outScalar, out, where);
                        // The definition: candidate j of panel c against query i, summed in order.
                        int i = queries - 1;
                        int c = panelCount - 1;
                        for (int j = 0; j < p; j += 5) {
                            float sum = 0;
                            for (int d = 0; d < dim; d++) {
                                sum = Math.fma(q[qOff + i * qStride + d], panels[pOff + (c * dim + d) * p + j], sum);
                            }
                            assertEquals(sum, out[outOff + i * outStride + c * p + j], where);
                        }
                        // Cells between rows (outStride padding) and past the end are untouched.
                        assertEquals(outScalar[outOff + panelCount * p], out[outOff + panelCount * p]);
                    }
                }
            }
        }
    }

    @Test
    void dotOfKnownValues() {
        float[] a = new float[300];
        float[] b = new float[300];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 4;
            b[i] = 0.5f;
        }
        // Small integers and halves: every order of summation is exact.
        assertEquals(225f, VECTOR.dot(a, 0, b, 0, 300));
        assertEquals(225f, SCALAR.dot(a, 0, b, 0, 300));
        assertEquals(0f, VECTOR.dot(a, 0, b, 0, 0));
    }

    @Test
    void axpyIsBitForBitEqual() {
        FastRandom rng = new FastRandom(2);
        forEachShape(shape -> {
            int n = shape[0];
            int xOff = shape[1];
            int yOff = (xOff * 3 + 1) % 17;
            float alpha = rng.nextFloat() * 4 - 2;
            float[] x = randomArray(rng, xOff + n + GUARD);
            float[] y = randomArray(rng, yOff + n + GUARD);
            float[] yScalar = y.clone();
            float[] xBefore = x.clone();
            VECTOR.axpy(alpha, x, xOff, y, yOff, n);
            SCALAR.axpy(alpha, x, xOff, yScalar, yOff, n);
            assertArrayEquals(yScalar, y, "axpy, n = " + n + ", offsets " + xOff + "/" + yOff);
            assertArrayEquals(xBefore, x, "axpy wrote to x");
        });
    }

    @Test
    void scaleIsBitForBitEqual() {
        FastRandom rng = new FastRandom(3);
        forEachShape(shape -> {
            int n = shape[0];
            int off = shape[1];
            float alpha = rng.nextFloat() * 4 - 2;
            float[] x = randomArray(rng, off + n + GUARD);
            float[] xScalar = x.clone();
            VECTOR.scale(alpha, x, off, n);
            SCALAR.scale(alpha, xScalar, off, n);
            assertArrayEquals(xScalar, x, "scale, n = " + n + ", offset " + off);
        });
    }

    @Test
    void accumulateAndUpdateIsBitForBitEqual() {
        FastRandom rng = new FastRandom(4);
        forEachShape(shape -> {
            int n = shape[0];
            int inOff = shape[1];
            int outOff = (inOff * 5 + 2) % 23;
            int gradOff = (inOff * 11 + 9) % 29;
            float g = rng.nextFloat() * 0.2f - 0.1f;
            float[] in = randomArray(rng, inOff + n + GUARD);
            float[] out = randomArray(rng, outOff + n + GUARD);
            float[] grad = randomArray(rng, gradOff + n + GUARD);
            float[] inBefore = in.clone();
            float[] outScalar = out.clone();
            float[] gradScalar = grad.clone();
            VECTOR.accumulateAndUpdate(g, in, inOff, out, outOff, grad, gradOff, n);
            SCALAR.accumulateAndUpdate(g, in, inOff, outScalar, outOff, gradScalar, gradOff, n);
            String where = "n = " + n + ", offsets " + inOff + "/" + outOff + "/" + gradOff;
            assertArrayEquals(outScalar, out, "out, " + where);
            assertArrayEquals(gradScalar, grad, "grad, " + where);
            assertArrayEquals(inBefore, in, "in was written, " + where);
        });
    }

    /**
     * The vector dot's result is one defined sum, whatever compiled it: lane l accumulates the
     * products of elements l, l + LANES, ... by fused multiply-adds, the lanes are summed by adding
     * the vector rotated by half, a quarter, ... of its lanes and reading lane 0, and the tail goes
     * on in order. Simulated here in scalar code, so a run cannot depend on when the JIT compiled it.
     */
    @Test
    void vectorDotSumsInOneFixedOrder() {
        FastRandom rng = new FastRandom(47);
        forEachShape(shape -> {
            int n = shape[0];
            int off = shape[1];
            if (n < LANES || LANES > 16) {
                return;
            }
            float[] a = randomArray(rng, off + n + GUARD);
            float[] b = randomArray(rng, n + GUARD);
            float[] lanes = new float[LANES];
            int bound = n / LANES * LANES;
            for (int i = 0; i < bound; i++) {
                lanes[i % LANES] = Math.fma(a[off + i], b[i], lanes[i % LANES]);
            }
            for (int by = LANES / 2; by >= 1; by /= 2) {
                float[] rotated = new float[LANES];
                for (int l = 0; l < LANES; l++) {
                    rotated[l] = lanes[l] + lanes[(l + by) % LANES];
                }
                lanes = rotated;
            }
            float expected = lanes[0];
            for (int i = bound; i < n; i++) {
                expected = Math.fma(a[off + i], b[i], expected);
            }
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(VECTOR.dot(a, off, b, 0, n)), "n = " + n);
            float[] out = new float[5];
            VECTOR.dots(a, off, new float[][] {b, b, b, b, b}, new int[5], 5, n, out, 0); // a block of 4, then 1
            for (float v : out) {
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(v), "dots, n = " + n);
            }
        });
    }

    @Test
    void dotsEqualOneDotPerRow() {
        FastRandom rng = new FastRandom(41);
        forEachShape(shape -> {
            int n = shape[0];
            int aOff = shape[1];
            int count = 1 + (n + aOff) % 9;
            float[] a = randomArray(rng, aOff + n + GUARD);
            float[] table = randomArray(rng, 7 * (n + 5) + GUARD);
            float[][] rows = new float[count][];
            int[] offsets = new int[count];
            for (int j = 0; j < count; j++) {
                boolean shared = j % 3 != 2;
                rows[j] = shared ? table : randomArray(rng, n + 3);
                offsets[j] = shared ? (j * 5 % 7) * (n + 5) + j % 4 : 3; // rows may repeat
            }
            float[] out = new float[count + 2];
            float[] outScalar = new float[count + 2];
            VECTOR.dots(a, aOff, rows, offsets, count, n, out, 1);
            SCALAR.dots(a, aOff, rows, offsets, count, n, outScalar, 1);
            for (int j = 0; j < count; j++) {
                String where = "n = " + n + ", row " + j + " of " + count;
                float scalarDot = SCALAR.dot(a, aOff, rows[j], offsets[j], n);
                assertEquals(Float.floatToIntBits(scalarDot), Float.floatToIntBits(outScalar[1 + j]), where);
                float vectorDot = VECTOR.dot(a, aOff, rows[j], offsets[j], n);
                assertEquals(Float.floatToIntBits(vectorDot), Float.floatToIntBits(out[1 + j]), where);
            }
            assertEquals(0f, out[0]);
            assertEquals(0f, out[count + 1]);
        });
    }

    @Test
    void stepAgainstEqualsSeparateStepsThenTheGradient() {
        FastRandom rng = new FastRandom(43);
        forEachShape(shape -> {
            int n = shape[0];
            int inOff = shape[1];
            int count = 1 + (n + inOff) % 7;
            float[] in = randomArray(rng, inOff + n + GUARD);
            float[] table = randomArray(rng, 4 * (n + 2) + GUARD);
            int[] offsets = new int[count];
            float[][] outs = new float[count][];
            for (int j = 0; j < count; j++) {
                outs[j] = table;
                offsets[j] = (j * 3 % 4) * (n + 2); // with count > 4 a row comes back
            }
            float[] g = new float[count + 1];
            for (int j = 0; j <= count; j++) {
                g[j] = rng.nextFloat() * 0.2f - 0.1f;
            }
            // The reference: one fused step per output row on a zero gradient, then in += gradient.
            float[] inRef = in.clone();
            float[] tableRef = table.clone();
            float[] grad = new float[n];
            for (int j = 0; j < count; j++) {
                SCALAR.accumulateAndUpdate(g[1 + j], in, inOff, tableRef, offsets[j], grad, 0, n);
            }
            SCALAR.axpy(1f, grad, 0, inRef, inOff, n);
            float[] inScalar = in.clone();
            float[] tableScalar = table.clone();
            float[][] outsScalar = new float[count][];
            Arrays.fill(outsScalar, tableScalar);
            VECTOR.stepAgainst(in, inOff, outs, offsets, g, 1, count, n);
            SCALAR.stepAgainst(inScalar, inOff, outsScalar, offsets, g, 1, count, n);
            String where = "n = " + n + ", offset " + inOff + ", " + count + " rows";
            assertArrayEquals(tableRef, table, "outputs (vector), " + where);
            assertArrayEquals(inRef, in, "input (vector), " + where);
            assertArrayEquals(tableRef, tableScalar, "outputs (scalar), " + where);
            assertArrayEquals(inRef, inScalar, "input (scalar), " + where);
        });
    }

    @Test
    void accumulateAndUpdateReadsOutBeforeUpdatingIt() {
        // grad must accumulate the old out, as the two separate axpys would in this order.
        int n = 100;
        FastRandom rng = new FastRandom(5);
        float[] in = randomArray(rng, n);
        float[] out = randomArray(rng, n);
        float[] grad = randomArray(rng, n);
        float[] out2 = out.clone();
        float[] grad2 = grad.clone();
        float g = 0.05f;
        VECTOR.accumulateAndUpdate(g, in, 0, out, 0, grad, 0, n);
        SCALAR.axpy(g, out2, 0, grad2, 0, n);
        SCALAR.axpy(g, in, 0, out2, 0, n);
        assertArrayEquals(grad2, grad);
        assertArrayEquals(out2, out);
    }

    @Test
    void sigmoidIsWithinTheTableErrorBound() {
        // Rounding x to the nearest of TABLE_SIZE steps over [-6, 6] moves it by at most half a
        // step; sigmoid' <= 1/4 and (log sigmoid)' = 1 - sigmoid < 1 bound the resulting error.
        double halfStep = Sigmoid.MAX_EXP / Sigmoid.TABLE_SIZE;
        double sigmoidBound = 0.25 * halfStep + 1e-6;
        double logBound = halfStep + 1e-6;
        double worstSigmoid = 0;
        double worstLog = 0;
        float previous = 0;
        // Strictly inside (-6, 6); at +-6 itself the function saturates (next test).
        for (int i = 1; i < 200_000; i++) {
            float x = -Sigmoid.MAX_EXP + 2 * Sigmoid.MAX_EXP * i / 200_000f;
            double exact = 1 / (1 + Math.exp(-x));
            float s = Sigmoid.sigmoid(x);
            worstSigmoid = Math.max(worstSigmoid, Math.abs(s - exact));
            worstLog = Math.max(worstLog, Math.abs(Sigmoid.logSigmoid(x) - (-Math.log1p(Math.exp(-x)))));
            assertTrue(s >= previous, "sigmoid decreases at " + x);
            previous = s;
        }
        assertTrue(worstSigmoid <= sigmoidBound, "sigmoid error " + worstSigmoid);
        assertTrue(worstLog <= logBound, "logSigmoid error " + worstLog);
        assertEquals(0.5f, Sigmoid.sigmoid(0f), 1e-6f);
    }

    @Test
    void sigmoidSaturatesOutsideTheTable() {
        // Saturation costs at most 1 - sigmoid(6) = 2.47e-3, the "error below 3e-3" of the doc.
        double saturationError = 1 - 1 / (1 + Math.exp(-Sigmoid.MAX_EXP));
        assertTrue(saturationError < 3e-3);
        for (float x : new float[] {6f, 6.0001f, 7f, 20f, 1e30f, Float.POSITIVE_INFINITY}) {
            assertEquals(1f, Sigmoid.sigmoid(x), "sigmoid(" + x + ")");
            assertEquals(1 / (1 + Math.exp(-x)), Sigmoid.sigmoid(x), saturationError + 1e-9);
            assertEquals(1 / (1 + Math.exp(x)), Sigmoid.sigmoid(-x), saturationError + 1e-9);
            assertEquals(0f, Sigmoid.sigmoid(-x), "sigmoid(" + -x + ")");
            assertEquals(0f, Sigmoid.logSigmoid(x), "logSigmoid(" + x + ")");
            assertEquals(-x, Sigmoid.logSigmoid(-x), "logSigmoid(" + -x + ") is linear");
        }
        // Just inside, the table answers and stays within the bound of the exact value.
        assertEquals(1 / (1 + Math.exp(-5.999)), Sigmoid.sigmoid(5.999f), 1e-3);
        assertEquals(1 / (1 + Math.exp(5.999)), Sigmoid.sigmoid(-5.999f), 1e-3);
    }
}
