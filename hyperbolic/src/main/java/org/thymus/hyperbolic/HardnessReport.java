package org.thymus.hyperbolic;

import java.util.ArrayList;
import java.util.List;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.table.EmbeddingTable;

/**
 * How hard the drawn negatives are, by depth in the hierarchy: for a sample of relations (u, v),
 * the negatives the sampler draws for u are compared with v in the model's own distance and in
 * straight-line (Euclidean) distance. In the Poincaré ball a deep node sits near the rim, where
 * points that look close in straight-line terms are far apart: the same draw is easier there than
 * in flat space. "Violations" are negatives nearer to u than its positive — the ones the loss
 * still has to push; "negative weight" is the softmax mass the loss gives the negatives.
 */
public final class HardnessReport {

    /** Figures for the anchors of one depth (number of relations of u: ancestors in a closure). */
    public record Bucket(int depth, boolean andDeeper, long anchors, long negatives, double anchorNorm,
                         double positiveDistance, double negativeDistance,
                         double positiveEuclidean, double negativeEuclidean,
                         double violationRate, double negativeWeight) {
    }

    private HardnessReport() {
    }

    /**
     * Draws {@code negatives} negatives for each of {@code sample} relations picked uniformly
     * (seeded) and aggregates by the depth of u, depths from {@code maxDepth} up pooled.
     */
    public static List<Bucket> measure(Hierarchy hierarchy, EmbeddingTable table, Geometry geometry,
                                       NegativeSampler sampler, int negatives, int sample, int maxDepth, long seed) {
        int dim = table.dim();
        EuclideanSpace flat = new EuclideanSpace();
        long[] anchors = new long[maxDepth + 1];
        long[] drawn = new long[maxDepth + 1];
        double[][] sums = new double[maxDepth + 1][7];
        FastRandom rng = new FastRandom(seed);
        double[] distances = new double[negatives];
        for (int s = 0; s < sample; s++) {
            int r = rng.nextInt(hierarchy.relationCount());
            int u = hierarchy.from(r);
            int v = hierarchy.to(r);
            int bucket = Math.min(maxDepth, hierarchy.outDegree(u));
            float[] us = table.shard(u);
            int uo = table.offset(u);
            double positive = geometry.distance(us, uo, table.shard(v), table.offset(v), dim);
            double[] sum = sums[bucket];
            sum[0] += Math.sqrt(squaredNorm(us, uo, dim));
            sum[1] += positive;
            sum[3] += Math.sqrt(flat.distance(us, uo, table.shard(v), table.offset(v), dim));
            int m = 0;
            for (int j = 0; j < negatives; j++) {
                int n = sampler.sample(u, v, rng);
                if (n == NegativeSampler.NONE) {
                    continue;
                }
                float[] ns = table.shard(n);
                int no = table.offset(n);
                double d = geometry.distance(us, uo, ns, no, dim);
                distances[m++] = d;
                sum[2] += d;
                sum[4] += Math.sqrt(flat.distance(us, uo, ns, no, dim));
                if (d < positive) {
                    sum[5]++;
                }
            }
            // softmax mass on the negatives: sum exp(-d_n) / (exp(-d_v) + sum exp(-d_n))
            double z = 1;
            double mass = 0;
            for (int j = 0; j < m; j++) {
                double e = Math.exp(positive - distances[j]);
                mass += e;
                z += e;
            }
            sum[6] += mass / z;
            anchors[bucket]++;
            drawn[bucket] += m;
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int d = 0; d <= maxDepth; d++) {
            if (anchors[d] == 0) {
                continue;
            }
            double[] sum = sums[d];
            double a = anchors[d];
            double k = Math.max(1, drawn[d]);
            buckets.add(new Bucket(d, d == maxDepth, anchors[d], drawn[d], sum[0] / a, sum[1] / a, sum[2] / k,
                    sum[3] / a, sum[4] / k, sum[5] / k, sum[6] / a));
        }
        return buckets;
    }

    private static double squaredNorm(float[] x, int off, int dim) {
        double s = 0;
        for (int i = 0; i < dim; i++) {
            s += (double) x[off + i] * x[off + i];
        }
        return s;
    }
}
