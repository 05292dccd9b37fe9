package org.thymus.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.DistinctNegatives;
import org.thymus.core.sampler.GuardedSampler;
import org.thymus.core.table.EmbeddingTable;

class HierarchyTrainerTest {
    private static final Hierarchy TREE = Trees.closure(3, 4); // 121 nodes, 426 relations

    private static HierarchyTrainer.Config config(Geometry g, int dim, int epochs, int threads) {
        double rate = g.defaultLearningRate();
        return new HierarchyTrainer.Config(g, dim, 10, 1, epochs, 5, rate, rate, rate / 10, HierarchyTrainer.Sampling.UNIFORM,
                DistinctNegatives.Redraw.ONE, 0.75, 0.0, HierarchyTrainer.Mining.NONE, 0.0, 0.001, threads, 42);
    }

    private static double map(EmbeddingTable table, Geometry g) {
        return RankingEvaluation.evaluate(table, g, RankingEvaluation.Lists.of(TREE), null, null, 1).map();
    }

    @Test
    void trainingReconstructsATreeInTheBall() {
        HierarchyTrainer.Config c = config(new PoincareBall(), 5, 100, 1);
        double before = map(HierarchyTrainer.initialTable(TREE.nodeCount(), c), c.geometry());
        List<HierarchyTrainer.Epoch> epochs = new ArrayList<>();
        HierarchyTrainer.Result result = HierarchyTrainer.train(TREE, c, null, (e, t) -> epochs.add(e));
        double after = map(result.table(), c.geometry());
        assertTrue(before < 0.3, "a random start does not reconstruct: " + before);
        assertTrue(after > 0.95, "MAP after training: " + after);
        assertEquals(105, epochs.size());
        assertTrue(epochs.get(0).burnIn() && !epochs.get(5).burnIn());
        assertTrue(epochs.get(104).meanLoss() < 0.5 * epochs.get(5).meanLoss(), "loss falls");
        assertEquals(426L * 105, result.relationsTrained());
        assertEquals(426L * 105 * 10, result.negativesDrawn());
        // The root sits near the centre, the leaves near the rim.
        double root = norm(result.table(), TREE.node("n"));
        double leaf = norm(result.table(), TREE.node("n.0.0.0.0"));
        assertTrue(root < 0.5 * leaf, "root " + root + ", leaf " + leaf);
        for (int u = 0; u < TREE.nodeCount(); u++) {
            assertTrue(norm(result.table(), u) < 1, "inside the ball");
        }
    }

    @Test
    void theLorentzModelReconstructsATreeAsWellAsTheBall() {
        HierarchyTrainer.Config c = config(new LorentzModel(), 5, 100, 1);
        double before = map(HierarchyTrainer.initialTable(TREE.nodeCount(), c), c.geometry());
        HierarchyTrainer.Result result = HierarchyTrainer.train(TREE, c, null, null);
        double after = map(result.table(), c.geometry());
        assertTrue(before < 0.3, "a random start does not reconstruct: " + before);
        assertTrue(after > 0.95, "MAP after training on the hyperboloid: " + after);
        assertTrue(norm(result.table(), TREE.node("n")) < 0.5 * norm(result.table(), TREE.node("n.0.0.0.0")));
        for (int u = 0; u < TREE.nodeCount(); u++) {
            assertTrue(norm(result.table(), u) < 1, "written inside the ball");
        }
    }

    @Test
    void theBallBeatsFlatSpaceInTwoDimensions() {
        // A tree of 121 nodes needs room that grows exponentially with depth: the ball has it.
        double ball = map(HierarchyTrainer.train(TREE, config(new PoincareBall(), 2, 100, 1), null, null).table(),
                new PoincareBall());
        double flat = map(HierarchyTrainer.train(TREE, config(new EuclideanSpace(), 2, 100, 1), null, null).table(),
                new EuclideanSpace());
        assertTrue(ball > flat + 0.05, "poincare " + ball + " vs euclidean " + flat);
    }

    @Test
    void oneThreadIsReproducibleAndTwoThreadsTrainAsWell() {
        HierarchyTrainer.Config c = config(new PoincareBall(), 5, 30, 1);
        EmbeddingTable a = HierarchyTrainer.train(TREE, c, null, null).table();
        EmbeddingTable b = HierarchyTrainer.train(TREE, c, null, null).table();
        float[] ra = new float[5];
        float[] rb = new float[5];
        for (int u = 0; u < TREE.nodeCount(); u++) {
            a.copyRow(u, ra, 0);
            b.copyRow(u, rb, 0);
            assertArrayEquals(ra, rb);
        }
        double two = map(HierarchyTrainer.train(TREE, config(new PoincareBall(), 5, 30, 2), null, null).table(),
                new PoincareBall());
        assertTrue(Math.abs(two - map(a, new PoincareBall())) < 0.05, "2 threads " + two);
    }

    @Test
    void batchedGradientsTrainToo() {
        // gensim's mode: ten relations' gradients from one state, then applied together.
        HierarchyTrainer.Config c = config(new PoincareBall(), 5, 100, 1);
        HierarchyTrainer.Config batched = new HierarchyTrainer.Config(c.geometry(), c.dim(), c.negatives(), 10,
                c.epochs(), c.burnInEpochs(), c.learningRate(), c.finalRate(), c.burnInRate(), c.sampling(),
                c.redraw(), c.degreeExponent(), c.subtreeFraction(), c.mining(), c.regularization(), c.initRange(), c.threads(),
                c.seed());
        EmbeddingTable one = HierarchyTrainer.train(TREE, c, null, null).table();
        EmbeddingTable ten = HierarchyTrainer.train(TREE, batched, null, null).table();
        assertTrue(map(ten, c.geometry()) > 0.9, "batched MAP " + map(ten, c.geometry()));
        float[] a = new float[5];
        float[] b = new float[5];
        one.copyRow(TREE.node("n.1.1"), a, 0);
        ten.copyRow(TREE.node("n.1.1"), b, 0);
        assertFalse(java.util.Arrays.equals(a, b), "batching changes the trajectory");
    }

    @Test
    void setsRedrawnWholeTrainAndAreCounted() {
        // Degree-drawn negatives repeat often on a small tree: under ALL those sets are drawn again.
        HierarchyTrainer.Config c = config(new PoincareBall(), 5, 100, 1);
        for (DistinctNegatives.Redraw redraw : DistinctNegatives.Redraw.values()) {
            HierarchyTrainer.Config byDegree = new HierarchyTrainer.Config(c.geometry(), c.dim(), c.negatives(),
                    c.batchSize(), c.epochs(), c.burnInEpochs(), c.learningRate(), c.finalRate(), c.burnInRate(),
                    HierarchyTrainer.Sampling.DEGREE, redraw, c.degreeExponent(), c.subtreeFraction(), c.mining(),
                    c.regularization(), c.initRange(), c.threads(), c.seed());
            HierarchyTrainer.Result result = HierarchyTrainer.train(TREE, byDegree, null, null);
            assertTrue(map(result.table(), c.geometry()) > 0.9, redraw.label() + " MAP " + map(result.table(), c.geometry()));
            assertEquals(0, result.negativesMissing(), "every set of ten filled");
            if (redraw == DistinctNegatives.Redraw.ALL) {
                // at least one set in ten (29,648 of 44,730 with this seed)
                assertTrue(result.setsRedrawn() > 426L * 105 / 10, "sets redrawn " + result.setsRedrawn());
            } else {
                assertEquals(0, result.setsRedrawn());
            }
        }
    }

    @Test
    void negativesAreUniformOverTheNodesNotRelatedToTheAnchor() {
        GuardedSampler sampler = HierarchyTrainer.sampler(TREE, HierarchyTrainer.Sampling.UNIFORM, 0, 0);
        int u = TREE.node("n.1.2.0");
        int v = TREE.node("n.1");
        int draws = 240_000;
        int[] counts = new int[TREE.nodeCount()];
        FastRandom rng = new FastRandom(9);
        for (int i = 0; i < draws; i++) {
            counts[sampler.sample(u, v, rng)]++;
        }
        int allowed = TREE.nodeCount() - 1 - TREE.outDegree(u);
        double expected = draws / (double) allowed;
        double chi2 = 0;
        for (int x = 0; x < counts.length; x++) {
            if (x == u || TREE.isRelated(u, x)) {
                assertEquals(0, counts[x], "drew a related node or u itself: " + TREE.name(x));
            } else {
                chi2 += (counts[x] - expected) * (counts[x] - expected) / expected;
            }
        }
        // 116 degrees of freedom: the 99.9 % quantile is about 164.
        assertTrue(chi2 < 164, "chi2 " + chi2);
        assertFalse(sampler.rejected(0) == 0, "the guard did reject related nodes");
    }

    @Test
    void hardnessReportSeesNegativesGetEasierWithTraining() {
        HierarchyTrainer.Config c = config(new PoincareBall(), 5, 60, 1);
        EmbeddingTable start = HierarchyTrainer.initialTable(TREE.nodeCount(), c);
        EmbeddingTable trained = HierarchyTrainer.train(TREE, c, null, null).table();
        GuardedSampler sampler = HierarchyTrainer.sampler(TREE, HierarchyTrainer.Sampling.UNIFORM, 0, 0);
        List<HardnessReport.Bucket> before = HardnessReport.measure(TREE, start, c.geometry(), sampler, 10, 5000, 16, 3);
        List<HardnessReport.Bucket> after = HardnessReport.measure(TREE, trained, c.geometry(), sampler, 10, 5000, 16, 3);
        assertEquals(4, after.size(), "depths 1..4");
        long anchors = 0;
        for (int i = 0; i < after.size(); i++) {
            HardnessReport.Bucket b = after.get(i);
            anchors += b.anchors();
            assertEquals(i + 1, b.depth());
            assertTrue(b.violationRate() < before.get(i).violationRate(), "depth " + b.depth());
            assertTrue(b.negativeDistance() > b.positiveDistance(), "depth " + b.depth());
            // hyperbolic distances stretch straight-line ones, more so near the rim
            assertTrue(b.negativeDistance() > b.negativeEuclidean());
        }
        assertEquals(5000, anchors);
        assertTrue(after.get(3).anchorNorm() > after.get(0).anchorNorm(), "deeper nodes sit farther out");
    }

    private static double norm(EmbeddingTable t, int row) {
        double s = 0;
        for (int c = 0; c < t.dim(); c++) {
            s += t.get(row, c) * t.get(row, c);
        }
        return Math.sqrt(s);
    }
}
