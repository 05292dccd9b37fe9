package org.thymus.core.skipgram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.train.TrainingProgress;

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

    /**
     * Per-pair negatives draw k for every (context, centre) pair with the context as anchor; shared
     * ones draw k per centre, anchor NONE, and still train every pair: the centre's output row
     * comes closer to its contexts' input rows and the negative's moves away.
     */
    @Test
    void sharedNegativesDrawOncePerCentre() {
        int[] sequence = {0, 1, 2, 3, 4, 5, 6, 7};
        int window = 2;
        int negative = 3;
        int pairs = 0; // with the whole window at every position
        for (int pos = 0; pos < sequence.length; pos++) {
            pairs += Math.min(sequence.length - 1, pos + window) - Math.max(0, pos - window);
        }
        for (boolean shared : new boolean[] {false, true}) {
            AtomicInteger calls = new AtomicInteger();
            AtomicInteger anchored = new AtomicInteger();
            NegativeSampler always8 = (anchor, positive, rng) -> {
                calls.incrementAndGet();
                anchored.addAndGet(anchor == NegativeSampler.NONE ? 0 : 1);
                return 8;
            };
            EmbeddingTable input = new EmbeddingTable(9, 16);
            input.fillUniform(1, -0.5f, 0.5f);
            EmbeddingTable output = new EmbeddingTable(9, 16);
            output.fillUniform(2, -0.5f, 0.5f);
            float before = output.get(8, 0);
            double positiveBefore = meanPositiveScore(input, output, sequence);
            SkipGramWorker worker = new SkipGramWorker(
                    new SkipGramWorker.Settings(input, output, false, window, negative, null, shared),
                    SkipGramWorker.Negatives.of(always8), new TrainingProgress(1000, 0.1f, 0.1f), new FastRandom(3));
            for (int round = 0; round < 20; round++) {
                SequenceChunk chunk = new SequenceChunk(sequence.length);
                for (int id : sequence) {
                    chunk.add(id);
                }
                chunk.endSequence();
                chunk.addUnits(sequence.length);
                worker.process(chunk);
            }
            String mode = shared ? "shared: " : "per pair: ";
            // The window shrinks at random, so count the draws per round against their bounds.
            if (shared) {
                assertEquals(20 * sequence.length * negative, calls.get(), mode + "k draws a centre");
                assertEquals(0, anchored.get(), mode + "no anchor");
            } else {
                assertTrue(calls.get() >= 20 * (sequence.length - 1) * 2 * negative
                        && calls.get() <= 20 * pairs * negative, mode + calls.get() + " draws");
                assertEquals(calls.get(), anchored.get(), mode + "the context is the anchor");
            }
            assertTrue(meanPositiveScore(input, output, sequence) > positiveBefore + 1, mode + "pairs pulled together");
            assertNotEquals(before, output.get(8, 0), mode + "the negative's row moved");
        }
        assertThrows(IllegalArgumentException.class, () -> new SkipGramWorker.Settings(new EmbeddingTable(2, 4),
                new EmbeddingTable(2, 4), true, 2, 3, null, true), "CBOW draws once a centre already");
    }

    private static double meanPositiveScore(EmbeddingTable input, EmbeddingTable output, int[] sequence) {
        double sum = 0;
        for (int pos = 0; pos + 1 < sequence.length; pos++) {
            for (int d = 0; d < 16; d++) {
                sum += input.get(sequence[pos], d) * output.get(sequence[pos + 1], d);
            }
        }
        return sum / (sequence.length - 1);
    }
}
