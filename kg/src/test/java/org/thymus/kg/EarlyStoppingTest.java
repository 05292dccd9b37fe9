package org.thymus.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    private static final Path NATIONS = Path.of("../../shared/data/kg/small/nations");

    /**
     * A trained model is evaluated, then scrambled (re-initialised) and evaluated again: the worse
     * evaluation stops the run at patience 1, and restoring brings back the trained model's MRR.
     */
    @Test
    void keepsTheBestRowsAndStopsWhenValidationGetsWorse() {
        KnowledgeGraph g = KnowledgeGraph.read(NATIONS);
        KnownTriples all = new KnownTriples(g.entityCount(), g.relationCount(), g.train(), g.valid(), g.test());
        DistMult model = new DistMult(g.entityCount(), g.relationCount(), 16, 0.25f, 1);
        EarlyStopping stopping = new EarlyStopping(model, g.valid(), all, 1, 2, 1);
        KgTrainingConfig config = new KgTrainingConfig(20, 8, 0.05f, 0f, 1f, Corruption.UNIFORM, false, 1, 3);
        KgTrainer.Report report = new KgTrainer(model, g.train(), new KnownTriples(g.entityCount(), g.relationCount(),
                g.train()), config).train(g.train(), (epoch, loss) -> stopping.epochDone(epoch));
        double trained = FilteredRanking.evaluate(model, g.valid(), all, 1).filtered().mrr();
        // Evaluated at epochs 2, 4, ...; the run ends at 20 or at the first evaluation that is not a new best.
        assertEquals(report.epochs() / 2, stopping.curve().size());
        assertEquals(2, stopping.curve().get(0).epoch());
        double bestMrr = stopping.best().metrics().mrr();
        for (EarlyStopping.Point p : stopping.curve()) {
            assertTrue(p.metrics().mrr() <= bestMrr);
        }
        if (report.epochs() < 20) {
            EarlyStopping.Point last = stopping.curve().get(stopping.curve().size() - 1);
            assertTrue(last.metrics().mrr() <= bestMrr && last != stopping.best());
        }

        model.entities().fillUniform(99, -0.25f, 0.25f);
        double scrambled = FilteredRanking.evaluate(model, g.valid(), all, 1).filtered().mrr();
        assertTrue(scrambled < trained - 0.1, "scrambled " + scrambled + " vs trained " + trained);
        int evaluations = stopping.curve().size();
        assertFalse(stopping.epochDone(2 * evaluations + 2), "a worse evaluation at patience 1 stops");
        stopping.restoreBest();
        assertEquals(bestMrr, FilteredRanking.evaluate(model, g.valid(), all, 1).filtered().mrr(), 1e-12);
        assertTrue(stopping.epochDone(2 * evaluations + 3), "epochs that are not due are not evaluated");
    }

    @Test
    void sampleDrawsDistinctTriplesInOrder() {
        Triples t = KnownTriplesTest.triples(0, 0, 1, 1, 0, 2, 2, 0, 3, 3, 0, 4, 4, 0, 5);
        Triples s = t.sample(3, 7);
        assertEquals(3, s.size());
        for (int i = 1; i < 3; i++) {
            assertTrue(s.head(i) > s.head(i - 1), "original order, no repeats");
        }
        assertEquals(t, t.sample(5, 7));
    }
}
