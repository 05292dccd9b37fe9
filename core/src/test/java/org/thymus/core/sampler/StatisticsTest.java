package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The test utility is itself checked against reference values (SciPy 1.17 chi2.isf / chi2.sf). */
class StatisticsTest {

    @Test
    void criticalValuesMatchReference() {
        int[] df = {1, 2, 3, 5, 10, 30, 100, 1000, 62549};
        double[] expected = {10.827566170662733, 13.815510557964274, 16.26623619623813,
                20.515005652432876, 29.58829844507442, 59.703064304429944, 149.4492527790389,
                1143.9170926196791, 63647.69244999402};
        for (int i = 0; i < df.length; i++) {
            double x = Statistics.chiSquareQuantile(df[i], 0.001);
            assertEquals(expected[i], x, 1e-8 * expected[i], "df = " + df[i]);
        }
    }

    @Test
    void wilsonHilfertyIsCloseForLargeDf() {
        assertEquals(1143.9170926196791, Statistics.wilsonHilferty(1000, 0.001), 0.5);
        assertEquals(3.090232306167813, Statistics.normalUpperQuantile(0.001), 1e-8);
        assertEquals(0.0, Statistics.normalUpperQuantile(0.5), 1e-12);
    }

    @Test
    void upperTailMatchesReference() {
        assertEquals(0.000856641210775301, Statistics.upperTail(10, 30.0), 1e-12);
        assertEquals(1.2255942330622893e-05, Statistics.upperTail(1000, 1200.0), 1e-13);
        assertEquals(0.9188914116546758, Statistics.upperTail(3, 0.5), 1e-12);
    }

    @Test
    void chiSquarePoolsSmallBinsAndFlagsImpossibleDraws() {
        // Expected counts 50, 30, 15, 4, 1 for n = 100: the last two are pooled into one bin of 5.
        double[] weights = {50, 30, 15, 4, 1};
        Statistics.ChiSquare exact = Statistics.chiSquare(new long[] {50, 30, 15, 4, 1}, weights);
        assertEquals(0.0, exact.statistic(), 1e-12);
        assertEquals(3, exact.df());
        assertFalse(exact.rejects(Statistics.ALPHA));

        Statistics.ChiSquare pooled = Statistics.chiSquare(new long[] {50, 30, 15, 0, 5}, weights);
        assertEquals(0.0, pooled.statistic(), 1e-12, "4 + 1 expected, 0 + 5 observed: one bin");

        Statistics.ChiSquare off = Statistics.chiSquare(new long[] {80, 10, 5, 4, 1}, weights);
        assertTrue(off.rejects(Statistics.ALPHA), off.toString());

        Statistics.ChiSquare impossible =
                Statistics.chiSquare(new long[] {50, 1, 49}, new double[] {1, 0, 1});
        assertEquals(Double.POSITIVE_INFINITY, impossible.statistic());
        assertTrue(impossible.rejects(Statistics.ALPHA));
        assertThrows(AssertionError.class,
                () -> Statistics.assertFits(new long[] {50, 1, 49}, new double[] {1, 0, 1}, "x"));
    }
}
