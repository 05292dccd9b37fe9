package org.thymus.retrieval;

import java.util.ArrayList;
import java.util.List;
import org.thymus.core.random.FastRandom;

/**
 * A generated recommendation data set with planted structure: items and users each belong to one
 * of {@code clusters} tastes, and a user's items are drawn from its own cluster, popular items more
 * often (Zipf within the cluster). Each user's last item is held out for testing.
 */
final class PlantedData {
    final PairData train = new PairData();
    final List<String> testQueries = new ArrayList<>();
    final int[] testItems;
    final int[] testTrainQuery;

    PlantedData(int users, int items, int clusters, int perUser, long seed) {
        FastRandom rng = new FastRandom(seed);
        for (int i = 0; i < items; i++) {
            train.addItem(item(i, clusters));
        }
        testItems = new int[users];
        testTrainQuery = new int[users];
        int perCluster = items / clusters;
        for (int u = 0; u < users; u++) {
            int c = u % clusters;
            String query = "user=" + u;
            java.util.Set<Integer> seen = new java.util.LinkedHashSet<>();
            while (seen.size() < perUser + 1) {
                // Zipf-like rank in the cluster: rank r with probability ~ 1 / (r + 1).
                int r = (int) Math.floor(Math.exp(rng.nextDouble() * Math.log(perCluster + 1))) - 1;
                seen.add(c + clusters * Math.min(perCluster - 1, Math.max(0, r)));
            }
            Integer[] picked = seen.toArray(new Integer[0]);
            for (int j = 0; j < perUser; j++) {
                train.add(query, item(picked[j], clusters));
            }
            testQueries.add(query);
            testItems[u] = train.itemId(item(picked[perUser], clusters));
            testTrainQuery[u] = train.queryId(query);
        }
    }

    static String item(int i, int clusters) {
        return "item=" + i + " taste=" + (i % clusters);
    }
}
