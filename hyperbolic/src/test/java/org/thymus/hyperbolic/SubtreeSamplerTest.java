package org.thymus.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.GuardedSampler;
import org.thymus.core.sampler.NegativeSampler;

class SubtreeSamplerTest {
    private static final Hierarchy TREE = Trees.closure(3, 4);

    @Test
    void drawsUniformlyAmongTheOtherDescendantsOfThePositive() {
        int u = TREE.node("n.1.2.0");
        int v = TREE.node("n.1"); // 39 descendants: u, its parent n.1.2, and 37 others
        GuardedSampler sampler = new GuardedSampler(new SubtreeSampler(TREE), List.of(TREE.relatedGuard()), 64);
        int draws = 185_000;
        int[] counts = new int[TREE.nodeCount()];
        FastRandom rng = new FastRandom(4);
        for (int i = 0; i < draws; i++) {
            counts[sampler.sample(u, v, rng)]++;
        }
        double expected = draws / 37.0;
        double chi2 = 0;
        int seen = 0;
        for (int x = 0; x < counts.length; x++) {
            boolean descendant = TREE.isRelated(x, v);
            if (!descendant || x == u || TREE.isRelated(u, x)) {
                assertEquals(0, counts[x], TREE.name(x));
            } else {
                seen++;
                chi2 += (counts[x] - expected) * (counts[x] - expected) / expected;
            }
        }
        assertEquals(37, seen);
        // 36 degrees of freedom: the 99.9 % quantile is about 67.9.
        assertTrue(chi2 < 67.9, "chi2 " + chi2);
    }

    @Test
    void aPositiveWithNoOtherDescendantHasNothing() {
        int leaf = TREE.node("n.0.0.0.0");
        int parent = TREE.node("n.0.0.0");
        // n.0.0.0 has three children: a fresh closure where a node has a single child is simpler.
        Hierarchy chain = new Hierarchy.Builder().add("c", "b").add("c", "a").add("b", "a").build();
        SubtreeSampler sampler = new SubtreeSampler(chain);
        assertEquals(NegativeSampler.NONE, sampler.sample(chain.node("c"), chain.node("b"), new FastRandom(1)));
        assertTrue(new SubtreeSampler(TREE).sample(leaf, parent, new FastRandom(1)) >= 0);
    }

    @Test
    void mixedInItMakesNegativesHarderThanUniform() {
        // Share of draws that land in u's own family (the other children of u's parent).
        int u = TREE.node("n.2.1.1.0");
        int parent = TREE.node("n.2.1.1");
        double uniform = familyShare(HierarchyTrainer.sampler(TREE, HierarchyTrainer.Sampling.UNIFORM, 0, 0), u, parent);
        double mixed = familyShare(HierarchyTrainer.sampler(TREE, HierarchyTrainer.Sampling.UNIFORM, 0, 0.5), u, parent);
        // Uniform: 2 siblings among the 116 nodes not related to u. Half subtree: a subtree draw is
        // a sibling 2 times in 3 and u itself (rejected, redrawn) 1 time in 3.
        double expectedMixed = (0.5 * 2 / 3 + 0.5 * 2 / 121.0) / (0.5 * 2 / 3 + 0.5 * 116 / 121.0);
        assertEquals(2 / 116.0, uniform, 0.003);
        assertEquals(expectedMixed, mixed, 0.01);
    }

    private static double familyShare(NegativeSampler sampler, int u, int parent) {
        FastRandom rng = new FastRandom(2);
        int inFamily = 0;
        int draws = 50_000;
        for (int i = 0; i < draws; i++) {
            int x = sampler.sample(u, parent, rng);
            if (TREE.isRelated(x, parent)) {
                inFamily++;
            }
        }
        return inFamily / (double) draws;
    }
}
