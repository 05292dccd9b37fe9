package org.thymus.kg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.thymus.kg.KnownTriplesTest.triples;

import org.junit.jupiter.api.Test;
import org.thymus.core.InvalidInputException;

class KgTrainerTest {

    @Test
    void bernoulliHeadProbabilityIsTailsPerHeadOverTheSum() {
        // Relation 0: one head with three tails (tph 3, hph 1): replace the head with p = 3/4.
        // Relation 1: two heads into one tail (tph 1, hph 2): p = 1/3. Relation 2 is unused.
        Triples train = triples(0, 0, 1, 0, 0, 2, 0, 0, 3, 4, 1, 5, 6, 1, 5, 6, 1, 5);
        float[] p = KgTrainer.headProbabilities(train, 3, Corruption.BERNOULLI);
        assertArrayEquals(new float[] {0.75f, 1f / 3, 0.5f}, p, 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, KgTrainer.headProbabilities(train, 3, Corruption.UNIFORM));
    }

    @Test
    void configRejectsBadValues() {
        assertThrows(InvalidInputException.class, () -> config(0, 0.1f, 1f, 1));
        assertThrows(InvalidInputException.class, () -> config(1, 0f, 1f, 1));
        assertThrows(InvalidInputException.class, () -> config(1, Float.NaN, 1f, 1));
        assertThrows(InvalidInputException.class, () -> config(1, 0.1f, -1f, 1));
        assertThrows(InvalidInputException.class, () -> config(1, 0.1f, 1f, 0));
        assertThrows(InvalidInputException.class,
                () -> new KgTrainingConfig(1, 0, 0.1f, 1f, 1f, Corruption.UNIFORM, false, 1, 1));
    }

    private static KgTrainingConfig config(int epochs, float lr, float temperature, int threads) {
        return new KgTrainingConfig(epochs, 4, lr, 1f, temperature, Corruption.UNIFORM, false, threads, 1);
    }

    @Test
    void filteringRejectsEveryKnownCorruptionAndCountsIt() {
        // Three entities, every (h, 0, t) with h != t known: a tail corruption of (0, 0, 1) is known
        // unless it draws 0 (one in three), so filtering rejects about two draws in three.
        Triples all = triples(0, 0, 1, 0, 0, 2, 1, 0, 0, 1, 0, 2, 2, 0, 0, 2, 0, 1);
        KnownTriples known = new KnownTriples(3, 1, all);
        KgTrainingConfig filtered = new KgTrainingConfig(20, 8, 0.05f, 2f, 1f, Corruption.UNIFORM, true, 1, 3);
        KgTrainer.Report r = new KgTrainer(new DistMult(3, 1, 4, 0.5f, 1), all, known, filtered).train(all, null);
        double knownShare = (double) r.knownCorruptions() / r.negativesDrawn();
        assertEquals(2.0 / 3, knownShare, 0.03);
        // Every draw that was not known was kept: 20 epochs x 6 positives x 8 negatives.
        assertEquals(20 * 6 * 8, r.negativesDrawn() - r.knownCorruptions());
        assertEquals(0, r.droppedNegatives());

        KgTrainingConfig unfiltered = new KgTrainingConfig(20, 8, 0.05f, 2f, 1f, Corruption.UNIFORM, false, 1, 3);
        KgTrainer.Report u = new KgTrainer(new DistMult(3, 1, 4, 0.5f, 1), all, known, unfiltered).train(all, null);
        assertEquals(20 * 6 * 8, u.negativesDrawn());
        assertEquals(2.0 / 3, (double) u.knownCorruptions() / u.negativesDrawn(), 0.03);
    }

    @Test
    void corruptionsThatAreAllKnownAreDropped() {
        // Two entities, all four triples known: every corruption is a true triple.
        Triples all = triples(0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1);
        KnownTriples known = new KnownTriples(2, 1, all);
        KgTrainingConfig c = new KgTrainingConfig(2, 3, 0.05f, 2f, 1f, Corruption.BERNOULLI, true, 1, 3);
        KgTrainer.Report r = new KgTrainer(new TransE(2, 1, 4, TransE.Norm.L1, 0.5f, 1), all, known, c).train(all, null);
        assertEquals(2 * 4 * 3, r.droppedNegatives());
        assertEquals(r.negativesDrawn(), r.knownCorruptions());
        assertTrue(Double.isFinite(r.lastEpochLoss()));
    }
}
