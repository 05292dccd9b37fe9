package org.thymus.graph;

import java.util.concurrent.atomic.AtomicInteger;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.random.FastRandom;

/**
 * Random walks on a {@link Graph}: DeepWalk's (Perozzi et al. 2014), where the next node is a
 * neighbour of the current one drawn uniformly (or by edge weight), and node2vec's second-order
 * walks (Grover &amp; Leskovec 2016), where the draw also depends on the previous node t: a
 * neighbour x of the current node v is weighted by w(v, x) · α(t, x), with α = 1/p when x = t
 * (return), 1 when x is a neighbour of t, and 1/q otherwise (moving outward).
 *
 * <p>The second-order draw is done by rejection, as KnightKing does (Yang et al. 2019): propose x
 * by the first-order rule, accept it with probability α(t, x) / max(1/p, 1, 1/q), else propose
 * again. Whether x is a neighbour of t is one binary search in t's sorted list, which stays in cache
 * across the proposals of a step. There is no per-edge alias table (node2vec's reference code builds
 * one for every edge, Σ degree² entries); the cost is the expected number of proposals, at most
 * max(1/p, 1, 1/q) / min(1/p, 1, 1/q). On a directed graph "x is a neighbour of t" means t → x.
 *
 * <p>Weighted graphs propose by a binary search in each node's cumulative weights (one float per
 * stored edge, summed in double). An instance is immutable and shared by any number of threads;
 * each brings its own {@link FastRandom}.
 */
public final class RandomWalks {
    /** Walks generated from one random generator: a unit of work small enough to balance threads. */
    static final int WALKS_PER_BLOCK = 256;

    private final Graph graph;
    private final int[] neighbours;
    private final float[] cumulativeWeights; // null: neighbours are proposed uniformly
    private final boolean secondOrder;
    private final double acceptReturn;
    private final double acceptNeighbourOfPrevious;
    private final double acceptOutward;

    private RandomWalks(Graph graph, double p, double q) {
        if (!(p > 0 && p < Double.POSITIVE_INFINITY && q > 0 && q < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("p and q must be finite and positive, got p = " + p + ", q = " + q);
        }
        this.graph = graph;
        this.neighbours = graph.neighbourArray();
        this.cumulativeWeights = graph.isWeighted() ? cumulativeWeights(graph) : null;
        this.secondOrder = p != 1 || q != 1;
        double max = Math.max(1 / p, Math.max(1, 1 / q));
        this.acceptReturn = (1 / p) / max;
        this.acceptNeighbourOfPrevious = 1 / max;
        this.acceptOutward = (1 / q) / max;
    }

    /** DeepWalk: the next node is a neighbour of the current one, uniformly or by edge weight. */
    public static RandomWalks deepWalk(Graph graph) {
        return new RandomWalks(graph, 1, 1);
    }

    /** node2vec with return parameter {@code p} and in-out parameter {@code q} (p = q = 1 is DeepWalk). */
    public static RandomWalks node2vec(Graph graph, double p, double q) {
        return new RandomWalks(graph, p, q);
    }

    private static float[] cumulativeWeights(Graph graph) {
        float[] weights = graph.weightArray();
        float[] cumulative = new float[weights.length];
        for (int u = 0; u < graph.nodeCount(); u++) {
            double sum = 0; // in double: a float running sum drifts over a hub's million edges
            for (int i = graph.neighboursStart(u); i < graph.neighboursEnd(u); i++) {
                sum += weights[i];
                cumulative[i] = (float) sum;
            }
        }
        return cumulative;
    }

    public Graph graph() {
        return graph;
    }

    /**
     * Fills {@code walk} with a walk from {@code start}: {@code walk[0] = start}, then one step at a
     * time until the array is full or the walk reaches a node without (out-)neighbours. Returns the
     * number of nodes written.
     */
    public int walk(int start, int[] walk, FastRandom rng) {
        if (walk.length == 0) {
            return 0;
        }
        walk[0] = start;
        int previous = -1;
        int current = start;
        for (int length = 1; length < walk.length; length++) {
            int next = step(previous, current, rng);
            if (next < 0) {
                return length;
            }
            walk[length] = next;
            previous = current;
            current = next;
        }
        return walk.length;
    }

    /**
     * The node after {@code current} when the walk came from {@code previous} (-1 at the first step,
     * which is first-order), or -1 if {@code current} has no neighbours.
     */
    public int step(int previous, int current, FastRandom rng) {
        int start = graph.neighboursStart(current);
        int end = graph.neighboursEnd(current);
        if (start == end) {
            return -1;
        }
        if (!secondOrder || previous < 0) {
            return propose(start, end, rng);
        }
        while (true) {
            int candidate = propose(start, end, rng);
            double accept = candidate == previous ? acceptReturn
                    : graph.hasEdge(previous, candidate) ? acceptNeighbourOfPrevious : acceptOutward;
            if (rng.nextDouble() < accept) {
                return candidate;
            }
        }
    }

    /** A neighbour in {@code [start, end)}: uniform, or by weight through the cumulative sums. */
    private int propose(int start, int end, FastRandom rng) {
        if (cumulativeWeights == null) {
            return neighbours[start + rng.nextInt(end - start)];
        }
        double target = rng.nextDouble() * cumulativeWeights[end - 1];
        int lo = start;
        int hi = end - 1; // rounding may put the target on the last sum itself: the last neighbour then
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeWeights[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return neighbours[lo];
    }

    /**
     * The start nodes of round {@code round}: every node once, in an order shuffled by
     * {@code (seed, round)}.
     */
    public int[] startOrder(long seed, int round) {
        return new FastRandom(roundSeed(seed, round)).permutation(graph.nodeCount());
    }

    private static long roundSeed(long seed, int round) {
        return FastRandom.forWorker(seed, round).nextLong();
    }

    /** Receives walks, on the generating threads. */
    @FunctionalInterface
    public interface WalkSink {
        /**
         * Walk {@code position} of round {@code round} (it starts at {@code startOrder(seed,
         * round)[position]}) is {@code walk[0 .. length)}. The array is the worker's own and is
         * reused: copy what must outlive the call. Called concurrently from several threads.
         */
        void accept(int round, int position, int[] walk, int length);
    }

    /**
     * Generates {@code walksPerNode} rounds of walks of {@code walkLength} nodes, one from every
     * node a round, in each round's shuffled order, on {@code threads} threads. A walk depends only on
     * the seed, its round and its position (each block of {@link #WALKS_PER_BLOCK} walks has its own
     * generator), not on the number of threads or on which thread ran it.
     */
    public void generate(int walksPerNode, int walkLength, long seed, int threads, WalkSink sink) {
        if (walksPerNode < 0 || walkLength < 1 || threads < 1) {
            throw new IllegalArgumentException("walks per node must be >= 0, walk length and threads >= 1, got "
                    + walksPerNode + ", " + walkLength + ", " + threads);
        }
        int blocks = blocks();
        for (int round = 0; round < walksPerNode; round++) {
            int[] order = startOrder(seed, round);
            AtomicInteger nextBlock = new AtomicInteger();
            int thisRound = round;
            Parallel.run(threads, worker -> {
                int[] walk = new int[walkLength];
                for (int block = nextBlock.getAndIncrement(); block < blocks; block = nextBlock.getAndIncrement()) {
                    walkBlock(order, seed, thisRound, block, walk, sink);
                }
            });
        }
    }

    /** Blocks of {@link #WALKS_PER_BLOCK} walks in a round. */
    public int blocks() {
        return (graph.nodeCount() + WALKS_PER_BLOCK - 1) / WALKS_PER_BLOCK;
    }

    /**
     * The walks of one block of a round, from the block's own generator: the same walks
     * {@link #generate} gives at those positions, whichever thread asks. {@code order} is the
     * round's {@link #startOrder}; {@code walk} (the walk length) is the caller's buffer.
     */
    public void walkBlock(int[] order, long seed, int round, int block, int[] walk, WalkSink sink) {
        FastRandom rng = FastRandom.forWorker(roundSeed(seed, round), block);
        int end = Math.min(order.length, (block + 1) * WALKS_PER_BLOCK);
        for (int position = block * WALKS_PER_BLOCK; position < end; position++) {
            int length = walk(order[position], walk, rng);
            sink.accept(round, position, walk, length);
        }
    }
}
