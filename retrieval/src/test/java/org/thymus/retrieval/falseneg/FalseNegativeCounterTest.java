package org.thymus.retrieval.falseneg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.NegativeSampler;

class FalseNegativeCounterTest {
    /** Labels of 6 items: 0, 0, 1, 1, 2, 2. */
    private static final int[] LABEL = {0, 0, 1, 1, 2, 2};

    /** Serves a fixed script of candidates, NONE included. */
    private static NegativeSampler script(int... candidates) {
        int[] next = {0};
        return (anchor, positive, rng) -> candidates[next[0]++ % candidates.length];
    }

    @Test
    void countsExactlyTheNegativesThatShareTheAnchorsLabel() {
        FalseNegativeCounter counter = new FalseNegativeCounter(script(1, 2, NegativeSampler.NONE, 0, 5, 4),
                (anchor, positive, candidate) -> LABEL[anchor] == LABEL[candidate]);
        FastRandom rng = new FastRandom(1);
        int[] served = new int[6];
        for (int i = 0; i < 6; i++) {
            served[i] = counter.sample(0, 1, rng); // anchor 0 has label 0
        }
        assertEquals(NegativeSampler.NONE, served[2], "NONE is passed on");
        assertEquals(5, counter.draws()); // NONE is not a draw
        assertEquals(2, counter.falseNegatives()); // candidates 1 and 0 share label 0
        assertEquals(0.4, counter.rate(), 1e-12);
    }

    @Test
    void theAuditedPriorIsTheFalseNegativeRateOverTheAuditedAnchors() {
        // Anchor 2 (label 1) and anchor 4 (label 2), 4 draws each from the script 3, 3, 0, 5:
        // anchor 2 meets 3, 3 (same label) and 0, 5; anchor 4 meets 3, 3, 0 and 5 (same label): 3 of 8.
        double prior = FalseNegativeCounter.auditedPrior(script(3, 3, 0, 5), new int[] {2, 4}, 4,
                (anchor, positive, candidate) -> LABEL[anchor] == LABEL[candidate], new FastRandom(2));
        assertEquals(3.0 / 8, prior, 1e-12);
    }
}
