package org.thymus.retrieval.falseneg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class EmbeddingProbesTest {

    @Test
    void retrievalScoresAHandMadeRanking() {
        // 1-D "vectors" on a circle (dim 2): query 0 at angle 0; rows by decreasing cosine: 1, 2, 3.
        float[] unit = {1, 0, 0.9f, 0.1f, 0.5f, 0.5f, -1, 0};
        int[] labels = {7, 8, 7, 7};
        EmbeddingProbes.Retrieval r = EmbeddingProbes.sameLabelRetrieval(EmbeddingProbes.unitRows(unit, 2), 2, labels,
                2, (q, c) -> q == 0);
        // Only query 0 may retrieve; its top 2 are rows 1 (miss) and 2 (hit); 2 relevant rows exist.
        double ideal = 1 + 1 / (Math.log(3) / Math.log(2));
        assertEquals(1, r.queries());
        assertEquals(0.5, r.precision(), 1e-9);
        assertEquals((1 / (Math.log(3) / Math.log(2))) / ideal, r.ndcg(), 1e-6);
    }

    @Test
    void crossValidatedAccuracyReadsAPlantedLabelAndNotNoise() {
        FastRandom rng = new FastRandom(3);
        int n = 300;
        int dim = 4;
        float[] rows = new float[n * dim];
        int[] labels = new int[n];
        int[] noise = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            noise[i] = rng.nextInt(3);
            for (int j = 0; j < dim; j++) {
                rows[i * dim + j] = (float) GeoWorld.gaussian(rng) * 0.3f + (j == labels[i] ? 2f : 0f);
            }
        }
        assertTrue(EmbeddingProbes.crossValidatedAccuracy(rows, dim, labels, 3, 5, 1) > 0.95);
        double chance = EmbeddingProbes.crossValidatedAccuracy(rows, dim, noise, 3, 5, 1);
        assertTrue(chance < 0.45, "noise labels: " + chance);
    }

    @Test
    void distanceLeakageIsStrongWhenVectorsAreTheMapAndAbsentWhenRandom() {
        FastRandom rng = new FastRandom(4);
        int n = 400;
        double[] x = new double[n];
        double[] y = new double[n];
        int[] labels = new int[n];
        float[] map = new float[n * 3];
        float[] random = new float[n * 3];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble();
            y[i] = rng.nextDouble();
            labels[i] = i % 2;
            // A vector on the sphere that moves smoothly with the map position.
            double theta = x[i] * Math.PI / 2;
            double phi = y[i] * Math.PI / 2;
            map[i * 3] = (float) (Math.cos(theta) * Math.cos(phi));
            map[i * 3 + 1] = (float) (Math.sin(theta) * Math.cos(phi));
            map[i * 3 + 2] = (float) Math.sin(phi);
            for (int j = 0; j < 3; j++) {
                random[i * 3 + j] = (float) GeoWorld.gaussian(rng);
            }
        }
        EmbeddingProbes.DistanceLeakage leak = EmbeddingProbes.distanceLeakage(map, 3, x, y, labels, 500, 1);
        assertTrue(leak.sameLabel() < -0.8 && leak.otherLabel() < -0.8, leak.toString());
        EmbeddingProbes.DistanceLeakage none = EmbeddingProbes.distanceLeakage(EmbeddingProbes.unitRows(random, 3), 3,
                x, y, labels, 500, 1);
        assertTrue(Math.abs(none.sameLabel()) < 0.2 && Math.abs(none.otherLabel()) < 0.2, none.toString());
    }
}
