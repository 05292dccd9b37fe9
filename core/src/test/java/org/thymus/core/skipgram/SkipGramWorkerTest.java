package org.thymus.core.skipgram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SkipGramWorkerTest {
    @Test
    void subsamplingFollowsWord2vecFormula() {
        long[] counts = {50_000, 20_000, 3_000, 400, 7, 0};
        long total = 73_407;
        float[] keep = SkipGramWorker.keepProbabilities(counts, 1e-3);
        double t = 1e-3 * total;
        for (int i = 0; i < counts.length - 1; i++) {
            double f = counts[i];
            assertEquals(Math.min(1, (Math.sqrt(f / t) + 1) * t / f), keep[i], 1e-6);
        }
        assertTrue(keep[0] < 0.05, "the most frequent item is subsampled: " + keep[0]);
        assertEquals(1f, keep[4], "rarer than the threshold: always kept");
        assertEquals(1f, keep[5], "an item never seen is kept (no division by zero)");
        for (float k : SkipGramWorker.keepProbabilities(counts, 0)) {
            assertEquals(1f, k);
        }
    }
}
