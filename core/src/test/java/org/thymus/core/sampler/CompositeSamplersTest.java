package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

/** Statistical tests of the uniform, band, in-batch and mixture samplers. */
class CompositeSamplersTest {
    private static final int DRAWS = 400_000;

    /** Neighbour lists given as arrays: item i's list is lists[i]. */
    private static NeighborLists lists(int[][] lists) {
        return new NeighborLists() {
            @Override
            public int count(int item) {
                return item < lists.length ? lists[item].length : 0;
            }

            @Override
            public int neighbor(int item, int rank) {
                return lists[item][rank];
            }
        };
    }

    @Test
    void uniformIsUniform() {
        FastRandom rng = new FastRandom(1);
        UniformSampler sampler = new UniformSampler(97);
        Statistics.assertUniform(Statistics.histogram(97, DRAWS, () -> sampler.sample(3, 4, rng)), "uniform");
        assertThrows(IllegalArgumentException.class, () -> new UniformSampler(0));
    }

    @Test
    void bandIsUniformOverItsRanksOfThePositivesList() {
        int[][] neighbours = new int[3][];
        neighbours[0] = new int[] {1, 2};
        neighbours[1] = new int[] {9, 8, 7, 6, 5, 4, 3, 2, 0};
        neighbours[2] = new int[0];
        BandSampler sampler = new BandSampler(lists(neighbours), 2, 6);
        FastRandom rng = new FastRandom(2);
        long[] observed = Statistics.histogram(10, DRAWS, () -> sampler.sample(0, 1, rng));
        // ranks 2..5 of item 1's list: 7, 6, 5, 4
        Statistics.assertFits(observed, new double[] {0, 0, 0, 0, 1, 1, 1, 1, 0, 0}, "band [2, 6)");
        assertEquals(NegativeSampler.NONE, sampler.sample(0, 0, rng), "item 0 has only ranks 0 and 1");
        assertEquals(NegativeSampler.NONE, sampler.sample(0, 2, rng), "item 2 has no list");
        assertEquals(NegativeSampler.NONE, sampler.sample(0, 42, rng), "item 42 is outside the lists");
        assertThrows(IllegalArgumentException.class, () -> new BandSampler(lists(neighbours), 3, 3));
    }

    @Test
    void bandClipsToAShortList() {
        int[][] neighbours = {{5, 6, 7}};
        BandSampler sampler = new BandSampler(lists(neighbours), 1, 50);
        FastRandom rng = new FastRandom(3);
        long[] observed = Statistics.histogram(8, DRAWS, () -> sampler.sample(-1, 0, rng));
        Statistics.assertFits(observed, new double[] {0, 0, 0, 0, 0, 0, 1, 1}, "band [1, 50) of a 3-list");
    }

    @Test
    void inBatchDrawsTheOtherPositivesByMultiplicity() {
        InBatchSampler sampler = new InBatchSampler();
        int[] batch = {4, 1, 1, 7, 4, 4, 2, 9};
        sampler.reset(batch, batch.length);
        FastRandom rng = new FastRandom(4);
        long[] observed = Statistics.histogram(10, DRAWS, () -> sampler.sample(0, 4, rng));
        // 4 is the pair's own positive: the others by how often they are in the batch.
        Statistics.assertFits(observed, new double[] {0, 2, 1, 0, 0, 0, 0, 1, 0, 1}, "in-batch without 4");
        sampler.reset(new int[] {3, 3, 3}, 3);
        assertEquals(NegativeSampler.NONE, sampler.sample(0, 3, rng), "only the positive itself in the batch");
        sampler.reset(batch, 0);
        assertEquals(NegativeSampler.NONE, sampler.sample(0, 3, rng), "empty batch");
    }

    /** Expected mixture: fraction f from the component where it has something, the rest from the base. */
    private static double[] mixtureExpectation(double[] base, double[] component, double f, boolean componentEmpty) {
        double[] expected = new double[base.length];
        double baseSum = 0;
        double componentSum = 0;
        for (int i = 0; i < base.length; i++) {
            baseSum += base[i];
            componentSum += component[i];
        }
        double fromComponent = componentEmpty ? 0 : f;
        for (int i = 0; i < base.length; i++) {
            expected[i] = (1 - fromComponent) * base[i] / baseSum
                    + (componentEmpty ? 0 : fromComponent * component[i] / componentSum);
        }
        return expected;
    }

    private static long[] drawMixture(double fraction, int positive, long seed) {
        long[] counts = {1000, 500, 300, 200, 100, 50, 20, 10, 5, 1};
        int[][] neighbours = {{}, {}, {}, {8, 9}};
        MixtureSampler mixture = new MixtureSampler(new UnigramSampler(counts, 0.75),
                List.of(new BandSampler(lists(neighbours), 0, 2)), new double[] {fraction});
        FastRandom rng = new FastRandom(seed);
        return Statistics.histogram(10, DRAWS, () -> mixture.sample(0, positive, rng));
    }

    private static double[] unigram() {
        return UnigramSamplerTest.powered(new long[] {1000, 500, 300, 200, 100, 50, 20, 10, 5, 1}, 0.75);
    }

    private static final double[] HARD = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};

    @Test
    void mixtureServesTheFractionFromItsComponent() {
        Statistics.assertFits(drawMixture(0.2, 3, 5), mixtureExpectation(unigram(), HARD, 0.2, false),
                "80% unigram + 20% band");
    }

    @Test
    void mixtureFallsBackToTheBaseWhenTheComponentHasNothing() {
        Statistics.assertFits(drawMixture(0.2, 1, 6), mixtureExpectation(unigram(), HARD, 0.2, true),
                "item 1 has no neighbours: all unigram");
    }

    /** The same test rejects draws made with the wrong fraction (10% instead of 20%). */
    @Test
    void wrongFractionIsRejected() {
        Statistics.ChiSquare test = Statistics.chiSquare(drawMixture(0.1, 3, 7),
                mixtureExpectation(unigram(), HARD, 0.2, false));
        assertTrue(test.rejects(Statistics.ALPHA), "10% not told from 20%: " + test);
    }

    @Test
    void mixtureCountsWhatEachComponentServed() {
        int[][] neighbours = {{1}};
        MixtureSampler mixture = new MixtureSampler(new UniformSampler(5),
                List.of(new BandSampler(lists(neighbours), 0, 1)), new double[] {0.5});
        FastRandom rng = new FastRandom(8);
        for (int i = 0; i < 10_000; i++) {
            assertNotEquals(NegativeSampler.NONE, mixture.sample(0, i % 2, rng));
        }
        long chosen = mixture.served(0) + mixture.fellBack(0);
        assertTrue(Math.abs(chosen - 5000) < 300, "component chosen " + chosen + " times of 10000 at 50%");
        assertTrue(Math.abs(mixture.served(0) - mixture.fellBack(0)) < 300,
                "half the pairs (positive 1) have no list: served " + mixture.served(0) + ", fell back "
                        + mixture.fellBack(0));
    }

    @Test
    void badMixturesAreRefused() {
        NegativeSampler base = new UniformSampler(3);
        assertThrows(IllegalArgumentException.class,
                () -> new MixtureSampler(base, List.of(base, base), new double[] {0.6, 0.6}));
        assertThrows(IllegalArgumentException.class,
                () -> new MixtureSampler(base, List.of(base), new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new MixtureSampler(base, List.of(base), new double[] {0.1, 0.2}));
    }
}
