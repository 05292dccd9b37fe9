package org.thymus.retrieval.recsys;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.thymus.core.metrics.Metrics;

/**
 * A recommendation split: the training interactions and, for each user, the items held out to test
 * on. Models learn from {@link #training()} only; the ranking protocol ranks, for each user with
 * test items, every item except the user's training items.
 *
 * <p>Test items are the user's distinct held-out items minus those already among the user's
 * training items (a re-interaction with a known item is not a recommendation: it cannot be ranked,
 * since known items are excluded, so it is dropped and counted in
 * {@link #testPairsAlreadyInTraining()}). Test items that no training interaction mentions (cold
 * items) are kept: every catalogue item is a candidate, and a model that scores items from side
 * information may well rank them; their number is {@link #coldTestPairs()}.
 */
public final class RecsysSplit {
    private final String name;
    private final Interactions training;
    private final UserItemMatrix trainingMatrix;
    private final int[][] testItems;
    private final int testPairs;
    private final int coldTestPairs;
    private final int testPairsAlreadyInTraining;
    private final int usersKeptInTrainingOnly;

    private RecsysSplit(String name, Interactions training, int[][] heldOut, int usersKeptInTrainingOnly) {
        this.name = name;
        this.training = training;
        this.trainingMatrix = new UserItemMatrix(training);
        this.usersKeptInTrainingOnly = usersKeptInTrainingOnly;
        int[] itemCounts = training.itemCounts();
        testItems = new int[training.userCount()][];
        int pairs = 0;
        int cold = 0;
        int known = 0;
        for (int u = 0; u < testItems.length; u++) {
            int[] items = heldOut[u] == null ? new int[0] : Arrays.stream(heldOut[u]).sorted().distinct().toArray();
            int kept = 0;
            for (int item : items) {
                if (trainingMatrix.contains(u, item)) {
                    known++;
                } else {
                    items[kept++] = item;
                    if (itemCounts[item] == 0) {
                        cold++;
                    }
                }
            }
            testItems[u] = Arrays.copyOf(items, kept);
            pairs += kept;
        }
        this.testPairs = pairs;
        this.coldTestPairs = cold;
        this.testPairsAlreadyInTraining = known;
    }

    /**
     * Leave-last-out: each user's latest interaction is the test item, the rest is training. A
     * history is ordered by timestamp, then by item id, so among interactions sharing the latest
     * timestamp (MovieLens users often rate many movies in the same second) the one with the
     * largest dense item id is held out: deterministic and independent of the file's line order.
     * A user with a single interaction keeps it in training and is not tested.
     */
    public static RecsysSplit leaveLastOut(Interactions all) {
        return leaveLastOut(all, "leave-last-out");
    }

    /** {@link #leaveLastOut(Interactions)} under another name (a validation split built the same way). */
    public static RecsysSplit leaveLastOut(Interactions all, String name) {
        int[][] byUser = all.chronologicalIndicesByUser();
        int[] trainIndices = new int[all.size()];
        int trainSize = 0;
        int[][] heldOut = new int[all.userCount()][];
        int trainingOnly = 0;
        for (int u = 0; u < byUser.length; u++) {
            int[] history = byUser[u];
            if (history.length == 1) {
                trainingOnly++;
            }
            int last = history.length >= 2 ? history.length - 1 : history.length;
            for (int k = 0; k < last; k++) {
                trainIndices[trainSize++] = history[k];
            }
            if (last < history.length) {
                heldOut[u] = new int[] {all.item(history[last])};
            }
        }
        Arrays.sort(trainIndices, 0, trainSize); // keep the file's order in training
        return new RecsysSplit(name, all.subset(Arrays.copyOf(trainIndices, trainSize)), heldOut,
                trainingOnly);
    }

    /**
     * A random hold-out: each interaction is held out with probability {@code fraction}, independently,
     * by a generator seeded with {@code seed} (so the split is the same on every run). Applied to a
     * MovieLens fold's training file it gives that fold a validation split of the same kind as its
     * test (a fifth of the ratings, held out regardless of time), to tune on without seeing the test.
     * It spreads the held-out ratings evenly over users, which the folds' test files do not (u1.test
     * holds 44 ratings each of 459 users, u5.test 22 each of 927).
     */
    public static RecsysSplit randomHoldOut(Interactions all, double fraction, long seed, String name) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("hold-out fraction must be in (0, 1), got " + fraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] trainIndices = new int[all.size()];
        int trainSize = 0;
        int[] heldIndices = new int[all.size()];
        int heldSize = 0;
        for (int k = 0; k < all.size(); k++) {
            if (random.nextDouble() < fraction) {
                heldIndices[heldSize++] = k;
            } else {
                trainIndices[trainSize++] = k;
            }
        }
        Interactions held = all.subset(Arrays.copyOf(heldIndices, heldSize));
        return new RecsysSplit(name, all.subset(Arrays.copyOf(trainIndices, trainSize)), held.itemsByUser(), 0);
    }

    /** A split given as two files (MovieLens's u1.base / u1.test): every test interaction is held out. */
    public static RecsysSplit of(String name, Interactions training, Interactions test) {
        if (training.userCount() != test.userCount() || training.itemCount() != test.itemCount()) {
            throw new IllegalArgumentException("training and test use different id spaces");
        }
        int[][] heldOut = test.itemsByUser();
        return new RecsysSplit(name, training, heldOut, 0);
    }

    public String name() {
        return name;
    }

    public Interactions training() {
        return training;
    }

    /** The binary matrix of the training interactions: the items excluded from each user's ranking. */
    public UserItemMatrix trainingMatrix() {
        return trainingMatrix;
    }

    public int userCount() {
        return training.userCount();
    }

    public int itemCount() {
        return training.itemCount();
    }

    /** The test items of {@code user}, sorted and distinct (a copy; empty when the user is not tested). */
    public int[] testItems(int user) {
        return testItems[user].clone();
    }

    int[] testItemsView(int user) {
        return testItems[user];
    }

    /** The number of users with at least one test item. */
    public int testUsers() {
        int users = 0;
        for (int[] items : testItems) {
            if (items.length > 0) {
                users++;
            }
        }
        return users;
    }

    /** The number of (user, test item) pairs ranked. */
    public int testPairs() {
        return testPairs;
    }

    /** Test pairs whose item has no training interaction at all (kept as candidates and ranked). */
    public int coldTestPairs() {
        return coldTestPairs;
    }

    /** Held-out pairs dropped because the user already has the item in training. */
    public int testPairsAlreadyInTraining() {
        return testPairsAlreadyInTraining;
    }

    /** Users left out of the test because they have a single interaction (leave-last-out only). */
    public int usersKeptInTrainingOnly() {
        return usersKeptInTrainingOnly;
    }

    /** The split's sizes and counts, for a metrics file. */
    public Metrics describe() {
        return new Metrics()
                .put("name", name)
                .put("users", userCount())
                .put("items", itemCount())
                .put("training_interactions", training.size())
                .put("training_pairs", trainingMatrix.nonZeros())
                .put("test_users", testUsers())
                .put("test_pairs", testPairs)
                .put("cold_test_pairs", coldTestPairs)
                .put("test_pairs_already_in_training", testPairsAlreadyInTraining)
                .put("users_kept_in_training_only", usersKeptInTrainingOnly);
    }
}
