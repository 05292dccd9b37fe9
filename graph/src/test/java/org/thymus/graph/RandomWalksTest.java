package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class RandomWalksTest {
    private static final int DRAWS = 100_000;
    /** The 0.999 quantile of chi-square with 4 degrees of freedom: a correct sampler fails one seed in 1,000. */
    private static final double CRITICAL_4_DF = 18.467;

    /** The walk stands at v = 1, coming from t = 0. */
    private static final int PREVIOUS = 0;
    private static final int CURRENT = 1;
    /** v's neighbours in id order: t itself, two neighbours of t, two nodes two steps from t. */
    private static final int[] CANDIDATES = {0, 2, 3, 4, 5};

    /** The small graph of the transition tests; {@code weights} are those of v's edges to CANDIDATES. */
    private static Graph transitionGraph(float[] weights) {
        Graph.Builder b = Graph.undirected();
        for (int i = 0; i < CANDIDATES.length; i++) {
            if (weights == null) {
                b.addEdge(CURRENT, CANDIDATES[i]);
            } else {
                b.addEdge(CURRENT, CANDIDATES[i], weights[i]);
            }
        }
        b.addEdge(PREVIOUS, 2).addEdge(PREVIOUS, 3).addEdge(4, 6).addEdge(5, 6).addEdge(2, 3);
        return b.build();
    }

    /** node2vec's unnormalised transition weights from (t, v) over CANDIDATES. */
    private static double[] node2vecWeights(double p, double q, float[] edgeWeights) {
        double[] alpha = {1 / p, 1, 1, 1 / q, 1 / q};
        for (int i = 0; edgeWeights != null && i < alpha.length; i++) {
            alpha[i] *= edgeWeights[i];
        }
        return alpha;
    }

    private static long[] transitions(RandomWalks walks, int previous, long seed) {
        FastRandom rng = new FastRandom(seed);
        long[] counts = new long[CANDIDATES.length];
        for (int i = 0; i < DRAWS; i++) {
            counts[Arrays.binarySearch(CANDIDATES, walks.step(previous, CURRENT, rng))]++;
        }
        return counts;
    }

    /** Pearson's chi-square of the counts against probabilities proportional to {@code weights}. */
    private static double chiSquare(long[] observed, double[] weights) {
        double total = Arrays.stream(weights).sum();
        long n = Arrays.stream(observed).sum();
        double statistic = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = n * weights[i] / total;
            statistic += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        return statistic;
    }

    private static void assertFits(long[] observed, double[] weights, String what) {
        double statistic = chiSquare(observed, weights);
        assertTrue(statistic < CRITICAL_4_DF, what + ": chi2 " + statistic + " for " + Arrays.toString(observed));
    }

    private static void assertRejected(long[] observed, double[] weights, String what) {
        double statistic = chiSquare(observed, weights);
        assertTrue(statistic > CRITICAL_4_DF, what + " passed for the wrong distribution: chi2 " + statistic);
    }

    @Test
    void node2vecSecondOrderTransitionsMatchTheExactProbabilities() {
        Graph g = transitionGraph(null);
        double[][] settings = {{0.25, 4}, {4, 0.25}};
        for (double[] pq : settings) {
            RandomWalks walks = RandomWalks.node2vec(g, pq[0], pq[1]);
            assertFits(transitions(walks, PREVIOUS, 11), node2vecWeights(pq[0], pq[1], null),
                    "node2vec p=" + pq[0] + " q=" + pq[1]);
        }
    }

    /** The test has power: first-order draws, or those of the other (p, q), fail it. */
    @Test
    void wrongTransitionDistributionsFailTheSameTest() {
        Graph g = transitionGraph(null);
        long[] uniform = transitions(RandomWalks.deepWalk(g), PREVIOUS, 11);
        long[] swapped = transitions(RandomWalks.node2vec(g, 4, 0.25), PREVIOUS, 11);
        assertRejected(uniform, node2vecWeights(0.25, 4, null), "first-order draws against p=0.25 q=4");
        assertRejected(uniform, node2vecWeights(4, 0.25, null), "first-order draws against p=4 q=0.25");
        assertRejected(swapped, node2vecWeights(0.25, 4, null), "p=4 q=0.25 draws against p=0.25 q=4");
    }

    @Test
    void deepWalkTransitionsAreUniformWhateverThePreviousNode() {
        Graph g = transitionGraph(null);
        double[] uniform = {1, 1, 1, 1, 1};
        assertFits(transitions(RandomWalks.deepWalk(g), PREVIOUS, 5), uniform, "DeepWalk from t");
        assertFits(transitions(RandomWalks.deepWalk(g), 6, 6), uniform, "DeepWalk from elsewhere");
        assertFits(transitions(RandomWalks.node2vec(g, 0.25, 4), -1, 7), uniform, "node2vec's first step");
    }

    @Test
    void weightedWalksDrawByWeightTimesTheSecondOrderFactor() {
        float[] weights = {1, 3, 0.5f, 2, 6};
        Graph g = transitionGraph(weights);
        assertFits(transitions(RandomWalks.deepWalk(g), PREVIOUS, 21), node2vecWeights(1, 1, weights),
                "weighted DeepWalk");
        assertFits(transitions(RandomWalks.node2vec(g, 0.25, 4), PREVIOUS, 22), node2vecWeights(0.25, 4, weights),
                "weighted node2vec");
        assertRejected(transitions(RandomWalks.deepWalk(g), PREVIOUS, 23), new double[] {1, 1, 1, 1, 1},
                "weighted DeepWalk against uniform");
    }

    @Test
    void aWalkFollowsEdgesAndStopsWhereADirectedGraphEnds() {
        Graph cycle = Graph.undirected().addEdge(0, 1).addEdge(1, 2).addEdge(2, 3).addEdge(3, 0).addEdge(0, 2).build();
        int[] walk = new int[50];
        assertEquals(50, RandomWalks.node2vec(cycle, 2, 0.5).walk(3, walk, new FastRandom(1)));
        assertEquals(3, walk[0]);
        for (int i = 1; i < walk.length; i++) {
            assertTrue(cycle.hasEdge(walk[i - 1], walk[i]), "step " + i);
        }
        Graph path = Graph.directed().addEdge(0, 1).addEdge(1, 2).build();
        assertEquals(3, RandomWalks.deepWalk(path).walk(0, walk, new FastRandom(1)));
        assertArrayEquals(new int[] {0, 1, 2}, Arrays.copyOf(walk, 3));
        assertEquals(1, RandomWalks.deepWalk(path).walk(2, walk, new FastRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> RandomWalks.node2vec(path, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomWalks.node2vec(path, 1, Double.POSITIVE_INFINITY));
    }

    /** All walks of a run, indexed by [round][position]. */
    private static int[][][] generate(RandomWalks walks, int rounds, int length, long seed, int threads) {
        int[][][] all = new int[rounds][walks.graph().nodeCount()][];
        walks.generate(rounds, length, seed, threads,
                (round, position, walk, walkLength) -> all[round][position] = Arrays.copyOf(walk, walkLength));
        return all;
    }

    @Test
    void everyNodeStartsOneWalkARoundInAShuffledOrderAndThreadsDoNotChangeTheWalks() {
        Graph.Builder builder = Graph.undirected();
        FastRandom rng = new FastRandom(9);
        int nodes = 1000; // more than one block of walks, so that threads share the work
        for (int u = 0; u < nodes; u++) {
            builder.addEdge(u, (u + 1) % nodes); // a ring keeps every node connected
            builder.addEdge(u, rng.nextInt(nodes));
        }
        RandomWalks walks = RandomWalks.node2vec(builder.build(), 0.5, 2);
        int rounds = 3;
        int[][][] oneThread = generate(walks, rounds, 10, 42, 1);
        for (int round = 0; round < rounds; round++) {
            int[] order = walks.startOrder(42, round);
            int[] starts = new int[nodes];
            for (int position = 0; position < nodes; position++) {
                int[] walk = oneThread[round][position];
                assertEquals(10, walk.length);
                assertEquals(order[position], walk[0]);
                starts[walk[0]]++;
            }
            int[] once = new int[nodes];
            Arrays.fill(once, 1);
            assertArrayEquals(once, starts, "every node starts one walk in round " + round);
        }
        assertFalse(Arrays.equals(walks.startOrder(42, 0), walks.startOrder(42, 1)), "each round has its own order");
        assertTrue(Arrays.deepEquals(oneThread, generate(walks, rounds, 10, 42, 3)), "3 threads, same walks");
        assertFalse(Arrays.deepEquals(oneThread, generate(walks, rounds, 10, 43, 1)), "another seed, other walks");
    }
}
