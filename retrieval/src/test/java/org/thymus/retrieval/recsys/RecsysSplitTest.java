package org.thymus.retrieval.recsys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class RecsysSplitTest {

    @Test
    void leaveLastOutOnTheTinyDataset() {
        Interactions ratings = MovieLens.open(MovieLensTest.tinyDataset()).ratings();
        RecsysSplit split = RecsysSplit.leaveLastOut(ratings);
        // user 0: items 0 (t=100), 1 (t=200): the later one is held out
        assertArrayEquals(new int[] {1}, split.testItems(0));
        assertArrayEquals(new int[] {0}, split.trainingMatrix().row(0));
        // user 1: item 2 (t=120), items 0 and 3 both at t=150: the tie goes to the larger item id
        assertArrayEquals(new int[] {3}, split.testItems(1));
        assertArrayEquals(new int[] {0, 2}, split.trainingMatrix().row(1));
        // user 2 has a single interaction: training only
        assertArrayEquals(new int[0], split.testItems(2));
        assertArrayEquals(new int[] {3}, split.trainingMatrix().row(2));
        assertEquals(1, split.usersKeptInTrainingOnly());
        assertEquals(2, split.testUsers());
        assertEquals(4, split.training().size());
        assertEquals(1, split.coldTestPairs(), "item 1: user 0 held it out and nobody else has it");
    }

    @Test
    void leaveLastOutInvariantsOnRandomHistoriesWithTies() {
        FastRandom rng = new FastRandom(7);
        int users = 60;
        int items = 40;
        List<int[]> rows = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int length = rng.nextInt(6); // some users have 0 or 1 interaction
            for (int k = 0; k < length; k++) {
                rows.add(new int[] {u, rng.nextInt(items), rng.nextInt(4)}); // few timestamps: many ties
            }
        }
        int n = rows.size();
        int[] us = new int[n];
        int[] is = new int[n];
        long[] ts = new long[n];
        for (int k = 0; k < n; k++) {
            us[k] = rows.get(k)[0];
            is[k] = rows.get(k)[1];
            ts[k] = rows.get(k)[2];
        }
        Interactions all = new Interactions(users, items, us, is, ts);
        RecsysSplit split = RecsysSplit.leaveLastOut(all);

        int[] perUser = new int[users];
        for (int k = 0; k < n; k++) {
            perUser[us[k]]++;
        }
        int held = 0;
        int singles = 0;
        for (int u = 0; u < users; u++) {
            if (perUser[u] == 1) {
                singles++;
            }
            if (perUser[u] < 2) {
                assertEquals(0, split.testItems(u).length, "user " + u);
                continue;
            }
            held++;
            // the held-out interaction is the user's maximum by (timestamp, item)
            long bestTime = Long.MIN_VALUE;
            int bestItem = -1;
            for (int k = 0; k < n; k++) {
                if (us[k] == u && (ts[k] > bestTime || (ts[k] == bestTime && is[k] > bestItem))) {
                    bestTime = ts[k];
                    bestItem = is[k];
                }
            }
            int[] test = split.testItems(u);
            boolean repeated = split.trainingMatrix().contains(u, bestItem);
            if (repeated) {
                assertEquals(0, test.length, "a held-out item the user also has in training is dropped");
            } else {
                assertArrayEquals(new int[] {bestItem}, test, "user " + u);
            }
        }
        assertEquals(singles, split.usersKeptInTrainingOnly());
        assertEquals(n - held, split.training().size(), "one interaction per user with two or more is held out");
        assertEquals(held, split.testPairs() + split.testPairsAlreadyInTraining());
        for (int u = 0; u < users; u++) {
            for (int item : split.testItems(u)) {
                assertFalse(split.trainingMatrix().contains(u, item), "test items are never training items");
            }
        }
    }

    @Test
    void randomHoldOutPartitionsTheInteractionsInTheAskedShare() {
        int users = 200;
        int items = 200;
        int n = users * items;
        int[] us = new int[n];
        int[] is = new int[n];
        long[] ts = new long[n];
        for (int k = 0; k < n; k++) {
            us[k] = k % users; // every (user, item) pair once: each held-out interaction is a test pair
            is[k] = k / users;
            ts[k] = k;
        }
        Interactions all = new Interactions(users, items, us, is, ts);
        RecsysSplit split = RecsysSplit.randomHoldOut(all, 0.25, 5, "fold-valid");
        assertEquals(0, split.testPairsAlreadyInTraining());
        int held = split.testPairs();
        // Binomial(40,000, 0.25): standard deviation 86.6; five of them is a bound a correct draw
        // crosses once in 1.7 million runs.
        assertEquals(n * 0.25, held, 5 * Math.sqrt(n * 0.25 * 0.75), "held-out share");
        assertEquals(n, split.training().size() + held, "every interaction is either trained on or held out");
        for (int u = 0; u < users; u++) {
            for (int item : split.testItems(u)) {
                assertFalse(split.trainingMatrix().contains(u, item), "test items are never training items");
            }
        }
        RecsysSplit again = RecsysSplit.randomHoldOut(all, 0.25, 5, "fold-valid");
        RecsysSplit otherSeed = RecsysSplit.randomHoldOut(all, 0.25, 6, "fold-valid");
        boolean differs = false;
        for (int u = 0; u < users; u++) {
            assertArrayEquals(split.testItems(u), again.testItems(u), "a seed fixes the split");
            differs |= !Arrays.equals(split.testItems(u), otherSeed.testItems(u));
        }
        assertTrue(differs, "another seed holds out other interactions");
    }

    @Test
    void fileSplitCountsColdAndKnownTestItems() {
        // training: user 0 has items 0, 1; user 1 has item 1
        Interactions training = new Interactions(2, 4, new int[] {0, 0, 1}, new int[] {0, 1, 1}, new long[3]);
        // test: user 0 item 1 (already in training), item 3 (cold); user 1 item 0, item 0 again, item 3 (cold)
        Interactions test = new Interactions(2, 4, new int[] {0, 0, 1, 1, 1}, new int[] {1, 3, 0, 0, 3},
                new long[5]);
        RecsysSplit split = RecsysSplit.of("fixture", training, test);
        assertArrayEquals(new int[] {3}, split.testItems(0));
        assertArrayEquals(new int[] {0, 3}, split.testItems(1));
        assertEquals(3, split.testPairs());
        assertEquals(2, split.coldTestPairs());
        assertEquals(1, split.testPairsAlreadyInTraining());
        assertEquals(2, split.testUsers());
        assertTrue(split.describe().toJson().contains("\"cold_test_pairs\": 2"));
    }
}
