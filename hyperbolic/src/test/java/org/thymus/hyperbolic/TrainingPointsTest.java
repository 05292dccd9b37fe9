package org.thymus.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thymus.core.table.EmbeddingTable;

class TrainingPointsTest {

    @Test
    void holdsTheTableInDoubleAndWritesItBackRounded() {
        EmbeddingTable table = new EmbeddingTable(5, 3);
        table.fillUniform(9, -0.9f, 0.9f);
        TrainingPoints points = new TrainingPoints(table, new PoincareBall());
        assertEquals(3, points.width);
        assertEquals(15, points.values.length);
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(table.get(r, c), points.values[points.offset(r) + c], 0.0, "row " + r);
            }
        }
        // A move far below a float's resolution stays in the points and rounds away in the table.
        points.values[points.offset(2)] += 1e-12;
        points.values[points.offset(4) + 1] = 0.25;
        float before = table.get(2, 0);
        points.copyTo(table);
        assertEquals(before, table.get(2, 0), 0.0);
        assertEquals(0.25f, table.get(4, 1), 0.0);
    }

    @Test
    void lorentzPointsLieOnTheHyperboloidAndMapBackToTheBall() {
        EmbeddingTable table = new EmbeddingTable(6, 3);
        table.fillUniform(4, -0.57f, 0.57f);
        table.set(5, 0, 1.5f); // outside the ball: taken at the clipping radius
        LorentzModel lorentz = new LorentzModel();
        TrainingPoints points = new TrainingPoints(table, lorentz);
        assertEquals(4, points.width);
        assertEquals(24, points.values.length);
        for (int r = 0; r < 6; r++) {
            int o = points.offset(r);
            assertEquals(-1, LorentzModel.minkowski(points.values, o, points.values, o, 4), 1e-9 * points.values[o],
                    "row " + r + " on the hyperboloid");
            assertTrue(points.values[o] >= 1);
        }
        EmbeddingTable back = new EmbeddingTable(6, 3);
        points.copyTo(back);
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(table.get(r, c), back.get(r, c), 1e-7, "row " + r);
            }
        }
        double norm = Math.sqrt(back.get(5, 0) * back.get(5, 0) + back.get(5, 1) * back.get(5, 1)
                + back.get(5, 2) * back.get(5, 2));
        assertEquals(1 - PoincareBall.EPSILON, norm, 1e-6);
    }
}
