package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class HubSamplerTest {
    private static final int DRAWS = 1_000_000;
    private static final Graph GRAPH = SamplerGraphs.preferentialAttachment(400, 2, 21);

    private static long[] draw(HubSampler sampler, long seed) {
        FastRandom rng = new FastRandom(seed);
        return ChiSquare.histogram(GRAPH.nodeCount(), DRAWS, () -> sampler.sample(3, 4, rng));
    }

    /** Node v's probability: its bucket's share spread evenly over the bucket. */
    private static double[] expected(HubSampler sampler) {
        double[] p = new double[GRAPH.nodeCount()];
        for (int v = 0; v < p.length; v++) {
            int b = HubSampler.bucket(GRAPH.degree(v));
            p[v] = sampler.bucketProbability(b) / sampler.bucketSize(b);
        }
        return p;
    }

    private static long[] perBucket(HubSampler sampler, long[] perNode) {
        long[] counts = new long[sampler.bucketCount()];
        for (int v = 0; v < perNode.length; v++) {
            counts[HubSampler.bucket(GRAPH.degree(v))] += perNode[v];
        }
        return counts;
    }

    @Test
    void bucketsAreTheLogOfTheDegree() {
        assertEquals(0, HubSampler.bucket(1));
        assertEquals(1, HubSampler.bucket(2));
        assertEquals(1, HubSampler.bucket(3));
        assertEquals(2, HubSampler.bucket(4));
        assertEquals(10, HubSampler.bucket(2047));
    }

    @Test
    void everyNonEmptyBucketGetsTheSameShareAndItsNodesAlike() {
        HubSampler sampler = HubSampler.tempered(GRAPH, HubSampler.DEFAULT_TEMPERING);
        // Degrees run from 2 (bucket 1) to the hubs: bucket 0 is empty, five or more are not.
        assertEquals(0, sampler.bucketSize(0));
        assertEquals(0, sampler.bucketProbability(0));
        int nonEmpty = 0;
        for (int b = 0; b < sampler.bucketCount(); b++) {
            nonEmpty += sampler.bucketSize(b) > 0 ? 1 : 0;
        }
        assertTrue(nonEmpty >= 5, nonEmpty + " buckets");
        double[] buckets = new double[sampler.bucketCount()];
        for (int b = 1; b < buckets.length; b++) {
            buckets[b] = sampler.bucketSize(b) > 0 ? 1 : 0;
            assertEquals(buckets[b] / nonEmpty, sampler.bucketProbability(b), 1e-12);
        }
        long[] observed = draw(sampler, 31);
        ChiSquare.assertFits(perBucket(sampler, observed), buckets, "equal bucket shares");
        ChiSquare.assertFits(observed, expected(sampler), "uniform within each bucket");
        // The test has power: degree^0.75 and uniform draws are told apart from these.
        ChiSquare.assertRejects(observed, SamplerGraphs.degreePowers(GRAPH, 0.75), "degree^0.75");
        ChiSquare.assertRejects(observed, SamplerGraphs.degreePowers(GRAPH, 0), "uniform");
    }

    @Test
    void temperingOneIsUniformOverTheNodes() {
        long[] observed = draw(HubSampler.tempered(GRAPH, 1), 32);
        ChiSquare.assertFits(observed, SamplerGraphs.degreePowers(GRAPH, 0), "uniform");
    }

    @Test
    void temperingInBetweenWeighsABucketByAPowerOfItsSize() {
        HubSampler sampler = HubSampler.tempered(GRAPH, 0.5);
        double[] weights = new double[sampler.bucketCount()];
        for (int b = 0; b < weights.length; b++) {
            weights[b] = Math.sqrt(sampler.bucketSize(b));
        }
        ChiSquare.assertFits(perBucket(sampler, draw(sampler, 33)), weights, "bucket size^0.5");
    }

    @Test
    void explicitWeightsChooseTheBuckets() {
        // Bucket 0 is empty, bucket 3 and above get nothing: only degrees 2-7, buckets 1 and 2 at 1 : 3.
        HubSampler sampler = HubSampler.weighted(GRAPH, new double[] {5, 1, 3});
        long[] observed = draw(sampler, 34);
        double[] weights = new double[sampler.bucketCount()];
        weights[1] = 1;
        weights[2] = 3;
        ChiSquare.assertFits(perBucket(sampler, observed), weights, "buckets 1 and 2 at 1 : 3");
        ChiSquare.assertFits(observed, expected(sampler), "uniform within each bucket");
    }

    @Test
    void badWeightsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HubSampler.weighted(GRAPH, new double[] {1}));
        assertTrue(e.getMessage().startsWith("the bucket weights [1.0] give no weight to a non-empty bucket"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HubSampler.weighted(GRAPH, new double[] {0, -1}));
        assertEquals("bucket weight 1 must be finite and >= 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HubSampler.tempered(GRAPH, 1.5));
        assertEquals("the bucket tempering must be in [0, 1], got 1.5", e.getMessage());
    }
}
