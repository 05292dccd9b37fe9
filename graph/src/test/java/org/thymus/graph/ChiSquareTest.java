package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChiSquareTest {
    /** The approximate critical values stay within 1.5 % above the exact 0.999 quantiles (from tables). */
    @Test
    void criticalValuesAreCloseToTheExactQuantiles() {
        int[] df = {4, 10, 30, 100, 300};
        double[] exact = {18.467, 29.588, 59.703, 149.449, 381.425};
        for (int i = 0; i < df.length; i++) {
            double approximate = ChiSquare.critical(df[i]);
            assertEquals(exact[i] * 1.0075, approximate, exact[i] * 0.0075, "df " + df[i]);
        }
    }
}
