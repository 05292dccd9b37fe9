package org.thymus.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.thymus.core.table.EmbeddingTable;

class TrainingPointsTest {

    @Test
    void holdsTheTableInDoubleAndWritesItBackRounded() {
        EmbeddingTable table = new EmbeddingTable(5, 3);
        table.fillUniform(9, -0.9f, 0.9f);
        TrainingPoints points = new TrainingPoints(table);
        assertEquals(3, points.dim);
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
}
