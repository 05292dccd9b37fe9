package org.thymus.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.BandSampler;
import org.thymus.core.table.EmbeddingTable;

class NearestNegativesTest {
    private static final Hierarchy TREE = Trees.closure(3, 3); // 40 nodes

    @Test
    void listsAreTheNearestNodesTheAnchorIsNotRelatedTo() {
        Random random = new Random(8);
        EmbeddingTable table = new EmbeddingTable(TREE.nodeCount(), 3);
        for (int u = 0; u < TREE.nodeCount(); u++) {
            table.setRow(u, GeometryTest.point(random, 3, 0.99), 0);
        }
        for (Geometry g : new Geometry[] {new PoincareBall(), new EuclideanSpace()}) {
            NearestNegatives nearest = new NearestNegatives(TREE, g, 5, 2);
            nearest.refresh(table);
            for (int u = 0; u < TREE.nodeCount(); u++) {
                if (TREE.outDegree(u) == 0) {
                    assertEquals(0, nearest.count(u), "the root is never an anchor");
                    continue;
                }
                int anchor = u;
                float[] x = new float[3];
                table.copyRow(u, x, 0);
                int[] expected = IntStream.range(0, TREE.nodeCount())
                        .filter(v -> v != anchor && !TREE.isRelated(anchor, v)).boxed()
                        .sorted(Comparator.comparingDouble(v -> {
                            float[] y = new float[3];
                            table.copyRow(v, y, 0);
                            return g.distance(x, 0, y, 0, 3);
                        })).limit(5).mapToInt(Integer::intValue).toArray();
                assertEquals(5, nearest.count(u));
                for (int r = 0; r < 5; r++) {
                    assertEquals(expected[r], nearest.neighbor(u, r), g.name() + " node " + u + " rank " + r);
                }
            }
        }
    }

    @Test
    void theAnchorSideBandSamplerDrawsFromTheAnchorsList() {
        EmbeddingTable table = new EmbeddingTable(TREE.nodeCount(), 2);
        table.fillUniform(3, -0.5f, 0.5f);
        NearestNegatives nearest = new NearestNegatives(TREE, new PoincareBall(), 4, 1);
        nearest.refresh(table);
        BandSampler sampler = BandSampler.ofAnchor(nearest, 0, 4);
        int u = TREE.node("n.2.1.0");
        int v = TREE.node("n.2");
        int[] counts = new int[TREE.nodeCount()];
        FastRandom rng = new FastRandom(5);
        for (int i = 0; i < 40_000; i++) {
            counts[sampler.sample(u, v, rng)]++;
        }
        for (int r = 0; r < 4; r++) {
            int x = nearest.neighbor(u, r);
            assertTrue(Math.abs(counts[x] - 10_000) < 500, "rank " + r + ": " + counts[x]);
        }
        assertEquals(40_000, IntStream.range(0, 4).map(r -> counts[nearest.neighbor(u, r)]).sum());
    }
}
