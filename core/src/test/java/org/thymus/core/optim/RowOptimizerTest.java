package org.thymus.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.thymus.core.table.EmbeddingTable;

class RowOptimizerTest {

    private static EmbeddingTable table(int rows, int dim) {
        EmbeddingTable t = new EmbeddingTable(rows, dim);
        t.fillUniform(3, -1, 1);
        return t;
    }

    @Test
    void sgdStepsByTheRateTimesTheGradient() {
        EmbeddingTable t = table(3, 2);
        EmbeddingTable before = table(3, 2);
        RowOptimizer opt = RowOptimizer.sgd(t, 0.25f);
        opt.step(2, new float[] {9f, 2f, -4f}, 1); // gradient read from offset 1
        assertEquals(before.get(2, 0) - 0.5f, t.get(2, 0), 1e-6);
        assertEquals(before.get(2, 1) + 1f, t.get(2, 1), 1e-6);
        assertEquals(before.get(0, 0), t.get(0, 0), "an untouched row does not move");
        assertEquals("sgd", opt.name());
    }

    @Test
    void adagradFollowsItsHistory() {
        EmbeddingTable t = table(3, 2);
        float x0 = t.get(1, 0);
        float x1 = t.get(1, 1);
        RowOptimizer opt = RowOptimizer.adagrad(t, 0.5f);
        opt.step(1, new float[] {2f, -0.5f}, 0);
        // First step: lr · g / |g| = lr · sign(g).
        assertEquals(x0 - 0.5f, t.get(1, 0), 1e-6);
        assertEquals(x1 + 0.5f, t.get(1, 1), 1e-6);
        opt.step(1, new float[] {0f, 1f, 1f}, 1); // gradient read from offset 1
        assertEquals(x0 - 0.5f - 0.5f * 1 / Math.sqrt(4 + 1), t.get(1, 0), 1e-6);
        assertEquals(x1 + 0.5f - 0.5f * 1 / Math.sqrt(0.25 + 1), t.get(1, 1), 1e-6);
    }

    /** Dense Adam, written out in double, on one row's coordinates. */
    @Test
    void lazyAdamMatchesAdamRowByRowWithItsOwnStepCount() {
        EmbeddingTable t = table(4, 3);
        EmbeddingTable before = table(4, 3);
        LazyAdam opt = new LazyAdam(t, 0.01f, 0.9f, 0.999f, 1e-8f);
        float[][] grads = {{1f, -2f, 0.5f}, {0.3f, 0.3f, -1f}, {-2f, 0f, 4f}, {0.1f, 0.2f, 0.3f}};
        // Row 0 is stepped four times, row 2 never, row 3 once after row 0's four steps.
        double[] m = new double[3];
        double[] v = new double[3];
        double[] x = {t.get(0, 0), t.get(0, 1), t.get(0, 2)};
        for (int s = 0; s < grads.length; s++) {
            opt.step(0, grads[s], 0);
            for (int i = 0; i < 3; i++) {
                m[i] = 0.9 * m[i] + 0.1 * grads[s][i];
                v[i] = 0.999 * v[i] + 0.001 * grads[s][i] * grads[s][i];
                double mHat = m[i] / (1 - Math.pow(0.9, s + 1));
                double vHat = v[i] / (1 - Math.pow(0.999, s + 1));
                x[i] -= 0.01 * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(x[i], t.get(0, i), 1e-5, "row 0 col " + i);
        }
        opt.step(3, new float[] {-3f, 0.001f, 7f}, 0);
        // A row's first step is lr · sign(g) whatever other rows did before it.
        assertEquals(before.get(3, 0) + 0.01f, t.get(3, 0), 1e-5);
        assertEquals(before.get(3, 1) - 0.01f, t.get(3, 1), 1e-5);
        assertEquals(before.get(3, 2) - 0.01f, t.get(3, 2), 1e-5);
        assertEquals(4, opt.steps(0));
        assertEquals(1, opt.steps(3));
        for (int i = 0; i < 3; i++) {
            assertEquals(before.get(2, i), t.get(2, i), "an untouched row does not move");
        }
    }

    @Test
    void eachMinimisesAQuadraticRowByRow() {
        for (String name : new String[] {"sgd", "adagrad", "adam"}) {
            EmbeddingTable t = table(2, 5);
            RowOptimizer opt = switch (name) {
                case "sgd" -> RowOptimizer.sgd(t, 0.1f);
                case "adagrad" -> RowOptimizer.adagrad(t, 0.5f);
                default -> RowOptimizer.adam(t, 0.05f);
            };
            assertEquals(name, opt.name());
            float[] target = {0.3f, -0.7f, 0.1f, 0.9f, -0.2f};
            float[] g = new float[5];
            for (int s = 0; s < 2000; s++) {
                for (int i = 0; i < 5; i++) {
                    g[i] = 2 * (t.get(1, i) - target[i]); // d/dx of (x − target)²
                }
                opt.step(1, g, 0);
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(target[i], t.get(1, i), 1e-2, name + " col " + i);
            }
            assertTrue(Math.abs(t.get(0, 0) - table(2, 5).get(0, 0)) == 0, name + ": row 0 untouched");
        }
    }

    /**
     * A checkpoint's promise: an optimiser that reads another's state continues bit for bit as the
     * other does, where a fresh one (no history, Adam's step counts at 0) steps differently.
     */
    @Test
    void aStateReadBackContinuesExactlyWhereAFreshOptimiserWouldNot() throws IOException {
        for (String name : new String[] {"adagrad", "adam"}) {
            BiFunction<EmbeddingTable, Float, RowOptimizer> make = name.equals("adagrad")
                    ? RowOptimizer::adagrad : RowOptimizer::adam;
            EmbeddingTable trained = table(3, 5);
            RowOptimizer first = make.apply(trained, 0.1f);
            float[] g = {0.5f, -1f, 2f, 0.25f, -0.75f};
            for (int s = 0; s < 4; s++) {
                first.step(s % 2, g, 0); // rows 0 and 1 trained, row 2 never
            }
            byte[] state = state(first);

            EmbeddingTable resumed = copy(trained);
            RowOptimizer second = restored(make, resumed, 0.1f, state);
            EmbeddingTable fresh = copy(trained);
            RowOptimizer third = make.apply(fresh, 0.1f);
            // Another gradient: with a constant one Adam's step would not depend on its moments.
            float[] next = {-1f, 0.5f, 0.25f, 2f, 1f};
            for (int row = 0; row < 3; row++) {
                first.step(row, next, 0);
                second.step(row, next, 0);
                third.step(row, next, 0);
            }
            for (int row = 0; row < 3; row++) {
                for (int c = 0; c < 5; c++) {
                    assertEquals(trained.get(row, c), resumed.get(row, c), name + " row " + row);
                }
            }
            assertTrue(Math.abs(fresh.get(0, 0) - trained.get(0, 0)) > 1e-4,
                    name + ": a fresh optimiser takes another step, so the state matters");
            assertEquals(trained.get(2, 0), fresh.get(2, 0), name + ": a row never stepped has no state to differ by");
        }
    }

    /**
     * A rate schedule's promise: after a change of rate each optimiser steps as one built with the new
     * rate and the same state would, its history kept (so not as a fresh one at the new rate).
     */
    @Test
    void aChangedRateStepsAsTheNewRateWithTheStateKept() throws IOException {
        for (String name : new String[] {"sgd", "adagrad", "adam"}) {
            BiFunction<EmbeddingTable, Float, RowOptimizer> make = switch (name) {
                case "sgd" -> RowOptimizer::sgd;
                case "adagrad" -> RowOptimizer::adagrad;
                default -> RowOptimizer::adam;
            };
            EmbeddingTable changed = table(2, 3);
            RowOptimizer first = make.apply(changed, 0.1f);
            float[] g = {0.5f, -1f, 2f};
            first.step(0, g, 0);
            first.step(0, g, 0);
            byte[] state = state(first);
            EmbeddingTable built = copy(changed);
            RowOptimizer second = restored(make, built, 0.02f, state);
            EmbeddingTable unchanged = copy(changed);
            RowOptimizer third = restored(make, unchanged, 0.1f, state);

            first.setLearningRate(0.02f);
            float[] next = {-1f, 0.5f, 0.25f};
            first.step(0, next, 0);
            second.step(0, next, 0);
            third.step(0, next, 0);
            for (int c = 0; c < 3; c++) {
                assertEquals(built.get(0, c), changed.get(0, c), name + " column " + c);
            }
            assertTrue(Math.abs(unchanged.get(0, 0) - changed.get(0, 0)) > 1e-5, name + ": the rate took effect");
            assertThrows(IllegalArgumentException.class, () -> first.setLearningRate(0f));
        }
    }

    private static byte[] state(RowOptimizer optimizer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        optimizer.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /** A new optimiser of this kind and rate over {@code table}, holding {@code state}. */
    private static RowOptimizer restored(BiFunction<EmbeddingTable, Float, RowOptimizer> make, EmbeddingTable table,
                                         float rate, byte[] state) throws IOException {
        RowOptimizer optimizer = make.apply(table, rate);
        optimizer.readState(new DataInputStream(new ByteArrayInputStream(state)));
        return optimizer;
    }

    private static EmbeddingTable copy(EmbeddingTable t) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.writeValues(new DataOutputStream(bytes));
        EmbeddingTable c = new EmbeddingTable(t.rows(), t.dim());
        c.readValues(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        return c;
    }

    @Test
    void rejectsBadSettings() {
        EmbeddingTable t = table(1, 1);
        assertThrows(IllegalArgumentException.class, () -> RowOptimizer.sgd(t, -1));
        assertThrows(IllegalArgumentException.class, () -> RowOptimizer.adagrad(t, 0));
        assertThrows(IllegalArgumentException.class, () -> RowOptimizer.adam(t, Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new LazyAdam(t, 0.1f, 1f, 0.9f, 1e-8f));
    }
}
