package org.thymus.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrelationTest {
    @Test
    void tiedValuesShareTheirAverageRank() {
        assertArrayEquals(new double[] {1.5, 3, 1.5, 4}, Correlation.ranks(new double[] {10, 20, 10, 30}));
        assertArrayEquals(new double[] {2, 2, 2}, Correlation.ranks(new double[] {7, 7, 7}));
        assertArrayEquals(new double[] {3, 1, 2}, Correlation.ranks(new double[] {0.5, -1, 0}));
    }

    @Test
    void spearmanMatchesHandComputedValuesWithTies() {
        // y's ranks are 1, 2, 3.5, 5, 3.5; against 1..5 that is 8 / sqrt(10 * 9.5)
        // (scipy.stats.spearmanr gives 0.8207826816681233 too).
        assertEquals(8 / Math.sqrt(95), Correlation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}),
                1e-12);
        // Ranks 1, 2, 3, 4 against 2.5, 2.5, 1, 4: cov = 1.5 - 0.5 + ... computed in full below.
        // dx = -1.5, -0.5, 0.5, 1.5; dy = 0, 0, -1.5, 1.5 -> cov = 1.5, var x = 5, var y = 4.5
        assertEquals(1.5 / Math.sqrt(5 * 4.5), Correlation.spearman(new double[] {1, 2, 3, 4}, new double[] {3, 3, 1, 9}),
                1e-12);
    }

    @Test
    void spearmanOnlyCaresAboutOrder() {
        assertEquals(1.0, Correlation.spearman(new double[] {1, 2, 3, 4}, new double[] {-5, 0, 100, 1e9}), 1e-12);
        assertEquals(-1.0, Correlation.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}), 1e-12);
    }

    @Test
    void pearsonIsTheLinearCorrelation() {
        assertEquals(1.0, Correlation.pearson(new double[] {1, 2, 3}, new double[] {10, 20, 30}), 1e-12);
        // dx = -1, 0, 1; dy = -1, 1, 0 -> cov 1, var 2 and 2.
        assertEquals(0.5, Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, 3, 2}), 1e-12);
    }

    @Test
    void undefinedCorrelationsAreNaN() {
        assertTrue(Double.isNaN(Correlation.spearman(new double[] {1}, new double[] {2})));
        assertTrue(Double.isNaN(Correlation.spearman(new double[] {}, new double[] {})));
        assertTrue(Double.isNaN(Correlation.spearman(new double[] {1, 2, 3}, new double[] {5, 5, 5})));
        assertThrows(IllegalArgumentException.class, () -> Correlation.pearson(new double[] {1}, new double[] {1, 2}));
    }
}
