package org.thymus.retrieval.recsys;

import java.util.Arrays;

/**
 * Implicit feedback: (user, item, timestamp) triples over dense ids {@code [0, userCount)} and
 * {@code [0, itemCount)}, held in three parallel arrays. Every rating counts as one interaction,
 * whatever its value. Immutable; the arrays are copied in and never handed out.
 */
public final class Interactions {
    private final int userCount;
    private final int itemCount;
    private final int[] users;
    private final int[] items;
    private final long[] timestamps;

    /**
     * @throws IllegalArgumentException if the arrays differ in length or an id is out of range
     */
    public Interactions(int userCount, int itemCount, int[] users, int[] items, long[] timestamps) {
        if (users.length != items.length || users.length != timestamps.length) {
            throw new IllegalArgumentException("users, items and timestamps differ in length: " + users.length + ", "
                    + items.length + ", " + timestamps.length);
        }
        this.userCount = userCount;
        this.itemCount = itemCount;
        this.users = users.clone();
        this.items = items.clone();
        this.timestamps = timestamps.clone();
        for (int i = 0; i < this.users.length; i++) {
            if (this.users[i] < 0 || this.users[i] >= userCount) {
                throw new IllegalArgumentException("user id " + this.users[i] + " outside [0, " + userCount + ")");
            }
            if (this.items[i] < 0 || this.items[i] >= itemCount) {
                throw new IllegalArgumentException("item id " + this.items[i] + " outside [0, " + itemCount + ")");
            }
        }
    }

    public int userCount() {
        return userCount;
    }

    public int itemCount() {
        return itemCount;
    }

    /** The number of interactions. */
    public int size() {
        return users.length;
    }

    public int user(int index) {
        return users[index];
    }

    public int item(int index) {
        return items[index];
    }

    public long timestamp(int index) {
        return timestamps[index];
    }

    /** Interactions per item, indexed by item id. */
    public int[] itemCounts() {
        int[] counts = new int[itemCount];
        for (int item : items) {
            counts[item]++;
        }
        return counts;
    }

    /** For each user, the indices of that user's interactions, in order. */
    public int[][] indicesByUser() {
        int[] perUser = new int[userCount];
        for (int user : users) {
            perUser[user]++;
        }
        int[][] byUser = new int[userCount][];
        for (int u = 0; u < userCount; u++) {
            byUser[u] = new int[perUser[u]];
        }
        int[] filled = new int[userCount];
        for (int i = 0; i < users.length; i++) {
            byUser[users[i]][filled[users[i]]++] = i;
        }
        return byUser;
    }

    /** For each user, the items of that user's interactions, in order (repeats kept). */
    public int[][] itemsByUser() {
        int[][] byUser = indicesByUser();
        for (int[] row : byUser) {
            for (int k = 0; k < row.length; k++) {
                row[k] = items[row[k]];
            }
        }
        return byUser;
    }

    /**
     * For each user, the indices of that user's interactions, ordered by (timestamp, item id,
     * index): the order leave-last-out reads a history in.
     */
    public int[][] chronologicalIndicesByUser() {
        int[][] byUser = indicesByUser();
        for (int[] indices : byUser) {
            Integer[] boxed = Arrays.stream(indices).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, (a, b) -> {
                int byTime = Long.compare(timestamps[a], timestamps[b]);
                if (byTime != 0) {
                    return byTime;
                }
                int byItem = Integer.compare(items[a], items[b]);
                return byItem != 0 ? byItem : Integer.compare(a, b);
            });
            for (int k = 0; k < indices.length; k++) {
                indices[k] = boxed[k];
            }
        }
        return byUser;
    }

    /** The interactions at {@code indices}, in that order, over the same id spaces. */
    public Interactions subset(int[] indices) {
        int[] u = new int[indices.length];
        int[] it = new int[indices.length];
        long[] ts = new long[indices.length];
        for (int k = 0; k < indices.length; k++) {
            u[k] = users[indices[k]];
            it[k] = items[indices[k]];
            ts[k] = timestamps[indices[k]];
        }
        return new Interactions(userCount, itemCount, u, it, ts);
    }
}
