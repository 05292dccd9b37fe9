package org.thymus.graph;

import java.util.Arrays;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.AliasTable;
import org.thymus.core.sampler.NegativeSampler;

/**
 * Hub-aware negatives: a degree bucket first, then a node uniformly inside it. Bucket b holds the
 * nodes with degree in [2^b, 2^(b+1)) (the number of edges at the node, a directed edge counted at
 * both ends); nodes without edges are in no bucket and never drawn.
 *
 * <p>Why: in a power-law graph degree^0.75 draws hubs for most negatives (the model learns little
 * from the thousandth "not the hub"), and a uniform draw almost never picks one (the model never
 * learns that a hub is not everyone's neighbour). Drawing the bucket first puts a chosen share of
 * the negatives at each scale of degree. By default ({@link #tempered} with t = 0) every non-empty
 * bucket gets the same share; t = 1 weighs a bucket by its number of nodes, which is uniform over the
 * nodes with an edge; values between temper one into the other. {@link #weighted} takes any weights.
 *
 * <p>Two O(1) steps a draw (an {@link AliasTable} over the buckets, a uniform index in the bucket);
 * 4 bytes a node. The pair is ignored.
 */
public final class HubSampler implements NegativeSampler {
    /** The tempering of {@link #tempered}'s default: equal shares for the non-empty buckets. */
    public static final double DEFAULT_TEMPERING = 0;

    private final int[] nodes; // grouped by bucket, in id order within one
    private final int[] bucketStart; // bucket b is nodes[bucketStart[b] .. bucketStart[b + 1])
    private final double[] probability;
    private final AliasTable buckets;

    private HubSampler(int[] nodes, int[] bucketStart, double[] weights) {
        this.nodes = nodes;
        this.bucketStart = bucketStart;
        this.buckets = new AliasTable(weights);
        double total = Arrays.stream(weights).sum();
        this.probability = Arrays.stream(weights).map(w -> w / total).toArray();
    }

    /** Bucket b weighs (its number of nodes)^t: t = 0 equal shares per non-empty bucket, t = 1 uniform over nodes. */
    public static HubSampler tempered(Graph graph, double tempering) {
        if (!(tempering >= 0 && tempering <= 1)) {
            throw new IllegalArgumentException("the bucket tempering must be in [0, 1], got " + tempering);
        }
        double[] degrees = DegreeSampler.degrees(graph, false);
        int[] bucketStart = bucketStarts(degrees);
        double[] weights = new double[bucketStart.length - 1];
        for (int b = 0; b < weights.length; b++) {
            int size = bucketStart[b + 1] - bucketStart[b];
            weights[b] = size == 0 ? 0 : Math.pow(size, tempering);
        }
        return of(degrees, weights);
    }

    /**
     * Bucket b (degrees [2^b, 2^(b+1))) drawn with probability ∝ {@code weights[b]}; buckets past the
     * end of the array, and empty buckets, are never drawn.
     */
    public static HubSampler weighted(Graph graph, double[] weights) {
        return of(DegreeSampler.degrees(graph, false), weights);
    }

    private static HubSampler of(double[] degrees, double[] weights) {
        int[] bucketStart = bucketStarts(degrees);
        int bucketCount = bucketStart.length - 1;
        double[] used = new double[bucketCount];
        for (int b = 0; b < weights.length; b++) {
            if (!(weights[b] >= 0 && weights[b] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("bucket weight " + b + " must be finite and >= 0, got "
                        + weights[b]);
            }
            if (b < bucketCount && bucketStart[b + 1] > bucketStart[b]) {
                used[b] = weights[b];
            }
        }
        if (Arrays.stream(used).sum() == 0) {
            throw new IllegalArgumentException("the bucket weights " + Arrays.toString(weights)
                    + " give no weight to a non-empty bucket (the graph's buckets: 0 to " + (bucketCount - 1) + ")");
        }
        int[] fill = Arrays.copyOf(bucketStart, bucketCount);
        int[] nodes = new int[bucketStart[bucketCount]];
        for (int v = 0; v < degrees.length; v++) {
            if (degrees[v] > 0) {
                nodes[fill[bucket((long) degrees[v])]++] = v;
            }
        }
        return new HubSampler(nodes, bucketStart, used);
    }

    /** The bucket of a degree ≥ 1: floor(log2(degree)). */
    public static int bucket(long degree) {
        return 63 - Long.numberOfLeadingZeros(degree);
    }

    /** Where each bucket starts in the grouped node array, with the total at the end. */
    private static int[] bucketStarts(double[] degrees) {
        int[] start = new int[Long.SIZE + 1];
        int last = 0;
        for (double d : degrees) {
            if (d > 0) {
                int b = bucket((long) d);
                start[b + 1]++;
                last = Math.max(last, b);
            }
        }
        start = Arrays.copyOf(start, last + 2);
        for (int b = 0; b <= last; b++) {
            start[b + 1] += start[b];
        }
        return start;
    }

    /** Buckets 0 .. the bucket of the largest degree. */
    public int bucketCount() {
        return bucketStart.length - 1;
    }

    /** The number of nodes in bucket b. */
    public int bucketSize(int b) {
        return bucketStart[b + 1] - bucketStart[b];
    }

    /** The probability that a draw comes from bucket b. */
    public double bucketProbability(int b) {
        return probability[b];
    }

    @Override
    public int sample(int anchor, int positive, FastRandom rng) {
        int b = buckets.sample(rng);
        int start = bucketStart[b];
        return nodes[start + rng.nextInt(bucketStart[b + 1] - start)];
    }
}
