package org.thymus.retrieval.recsys;

import org.thymus.core.random.FastRandom;

/**
 * Generated implicit feedback with structure a recommender can learn: users and items fall into
 * clusters, a user picks 90 % of their items in their own cluster (popular items of the cluster
 * more often, a Zipf-like skew) and 10 % anywhere, at random times. Popularity alone sees only the
 * global counts; a personalised model that finds the clusters does much better.
 */
final class ClusteredInteractions {
    private ClusteredInteractions() {
    }

    static Interactions generate(int users, int items, int clusters, int perUser, long seed) {
        FastRandom rng = new FastRandom(seed);
        int n = users * perUser;
        int[] us = new int[n];
        int[] is = new int[n];
        long[] ts = new long[n];
        int itemsPerCluster = items / clusters;
        int k = 0;
        for (int u = 0; u < users; u++) {
            int cluster = u % clusters;
            boolean[] taken = new boolean[items];
            for (int e = 0; e < perUser; e++) {
                int item;
                do {
                    if (rng.nextDouble() < 0.9) {
                        // rank r within the cluster with probability ~ 1 / (r + 1)
                        int rank = (int) Math.floor(Math.pow(itemsPerCluster + 1, rng.nextDouble())) - 1;
                        item = cluster * itemsPerCluster + Math.min(rank, itemsPerCluster - 1);
                    } else {
                        item = rng.nextInt(items);
                    }
                } while (taken[item]);
                taken[item] = true;
                us[k] = u;
                is[k] = item;
                ts[k] = rng.nextInt(1_000_000);
                k++;
            }
        }
        return new Interactions(users, items, us, is, ts);
    }
}
