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

    /** L2 and N3 (real and complex rows): value and gradient against central differences. */
    @Test
    void regularizationGradientsMatchFiniteDifferences() {
        float[] row = {0.3f, -0.8f, 0.5f, 1.2f, -0.1f, 0.7f};
        for (Regularization reg : Regularization.values()) {
            for (boolean complex : new boolean[] {false, true}) {
                float[] grad = new float[row.length];
                float value = reg.addGradient(row, 0, row.length, complex, 0.1f, grad, 0);
                double expected = 0;
                for (int i = 0; i < row.length; i++) {
                    expected += reg == Regularization.L2 ? row[i] * row[i] : 0;
                }
                if (reg == Regularization.N3) {
                    int pairs = complex ? 3 : 6;
                    for (int i = 0; i < pairs; i++) {
                        double im = complex ? row[3 + i] : 0;
                        expected += Math.pow(Math.sqrt(row[i] * row[i] + im * im), 3);
                    }
                }
                assertEquals(0.1 * expected, value, 1e-5, reg + " complex " + complex);
                for (int i = 0; i < row.length; i++) {
                    float[] up = row.clone();
                    float[] down = row.clone();
                    up[i] += 1e-3f;
                    down[i] -= 1e-3f;
                    float[] scratch = new float[row.length];
                    double numeric = (reg.addGradient(up, 0, row.length, complex, 0.1f, scratch, 0)
                            - reg.addGradient(down, 0, row.length, complex, 0.1f, scratch, 0)) / 2e-3;
                    assertEquals(numeric, grad[i], 1e-3, reg + " complex " + complex + " col " + i);
                }
            }
        }
    }

    @Test
    void n3IsOnlyForBilinearModelsAndMarginRankingNeedsAGap() {
        Triples train = triples(0, 0, 1, 1, 0, 2);
        KnownTriples known = new KnownTriples(3, 1, train);
        KgTrainingConfig n3 = config(1, 0.1f, 1f, 1).withRegularization(Regularization.N3, 0.01f);
        assertThrows(InvalidInputException.class,
                () -> new KgTrainer(new RotatE(3, 1, 4, 0.5f, 1), train, known, n3));
        new KgTrainer(new ComplEx(3, 1, 4, 0.5f, 1), train, known, n3);
        assertThrows(InvalidInputException.class, () -> new KgTrainingConfig(1, 4, 0.1f, -1f, 1f, Corruption.UNIFORM,
                false, 1, 1).withLoss(KgTrainingConfig.Loss.MARGIN));
        assertThrows(InvalidInputException.class, () -> config(1, 0.1f, 1f, 1).withSharedNegatives(-1));
        assertThrows(InvalidInputException.class, () -> config(1, 0.1f, 1f, 1).withRegularization(Regularization.L2, -1));
    }

    @Test
    void frequencyWeightsAreTheAuthorsSubsamplingWeightsOverTheirMean() {
        // (h, r) counts: (0, 0) twice, (3, 0) and (4, 1) once; (r, t): (0, 2) twice, (0, 1) and (1, 5) once.
        Triples train = triples(0, 0, 1, 0, 0, 2, 3, 0, 2, 4, 1, 5);
        double[] raw = {1 / Math.sqrt(2 + 1 + 6), 1 / Math.sqrt(2 + 2 + 6), 1 / Math.sqrt(1 + 2 + 6),
            1 / Math.sqrt(1 + 1 + 6)};
        double mean = (raw[0] + raw[1] + raw[2] + raw[3]) / 4;
        float[] w = KgTrainer.frequencyWeights(train);
        for (int i = 0; i < 4; i++) {
            assertEquals(raw[i] / mean, w[i], 1e-6, "triple " + i);
        }
        assertTrue(w[3] > w[0] && w[0] > w[1], "the rarest pattern weighs most");
    }

    @Test
    void equalFrequenciesWeighEveryPositiveOnceBitForBit() {
        // A cycle: every head and every tail once per relation, so every weight is exactly 1.
        Triples cycle = triples(0, 0, 1, 1, 0, 2, 2, 0, 3, 3, 0, 0);
        KnownTriples known = new KnownTriples(4, 1, cycle);
        KgTrainingConfig plain = config(5, 0.1f, 1f, 1);
        RotatE a = new RotatE(4, 1, 6, 0.5f, 1);
        RotatE b = new RotatE(4, 1, 6, 0.5f, 1);
        new KgTrainer(a, cycle, known, plain).train(cycle, null);
        new KgTrainer(b, cycle, known, plain.withFrequencyWeights(true)).train(cycle, null);
        for (int e = 0; e < 4; e++) {
            for (int c = 0; c < a.entities().dim(); c++) {
                assertEquals(a.entities().get(e, c), b.entities().get(e, c), 0f);
            }
        }
    }

    @Test
    void sharedNegativesCountAndDropKnownCorruptions() {
        // Every (h, 0, t) with h != t known on three entities: with filtering, a shared negative is
        // dropped for each positive it would turn into a known triple, about two in three.
        Triples all = triples(0, 0, 1, 0, 0, 2, 1, 0, 0, 1, 0, 2, 2, 0, 0, 2, 0, 1);
        KnownTriples known = new KnownTriples(3, 1, all);
        KgTrainingConfig c = new KgTrainingConfig(30, 8, 0.05f, 2f, 1f, Corruption.UNIFORM, true, 1, 3)
                .withSharedNegatives(4);
        KgTrainer.Report r = new KgTrainer(new ComplEx(3, 1, 4, 0.5f, 1), all, known, c).train(all, null);
        assertEquals(30 * 6 * 8, r.negativesDrawn());
        assertEquals(r.knownCorruptions(), r.droppedNegatives());
        assertEquals(2.0 / 3, (double) r.knownCorruptions() / r.negativesDrawn(), 0.05);
        assertTrue(Double.isFinite(r.lastEpochLoss()));
    }

    @Test
    void aListenerThatSaysStopEndsTheRun() {
        Triples all = triples(0, 0, 1, 1, 0, 2);
        KnownTriples known = new KnownTriples(3, 1, all);
        KgTrainer.Report r = new KgTrainer(new DistMult(3, 1, 4, 0.5f, 1), all, known, config(10, 0.1f, 1f, 1))
                .train(all, (epoch, loss) -> epoch < 3);
        assertEquals(3, r.epochs());
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
