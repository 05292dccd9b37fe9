package org.thymus.retrieval.recsys;

import java.util.Arrays;
import org.thymus.core.sampler.PairMembership;

/**
 * The binary user x item matrix of a set of interactions, row by row (compressed sparse rows): each
 * user's distinct items, sorted. Repeated (user, item) interactions count once here. As a
 * {@link PairMembership} of (user, item) pairs it is what the known-positives guard of a sampler
 * reads (a binary search in the user's row).
 */
public final class UserItemMatrix implements PairMembership {
    private final int userCount;
    private final int itemCount;
    private final int[] rowStart;
    private final int[] columns;

    /** The matrix of {@code interactions}. */
    public UserItemMatrix(Interactions interactions) {
        this.userCount = interactions.userCount();
        this.itemCount = interactions.itemCount();
        int[][] rows = interactions.itemsByUser();
        rowStart = new int[userCount + 1];
        int total = 0;
        for (int u = 0; u < userCount; u++) {
            int[] row = rows[u];
            Arrays.sort(row);
            int distinct = 0;
            for (int k = 0; k < row.length; k++) {
                if (k == 0 || row[k] != row[k - 1]) {
                    row[distinct++] = row[k];
                }
            }
            rows[u] = Arrays.copyOf(row, distinct);
            total += distinct;
            rowStart[u + 1] = total;
        }
        columns = new int[total];
        for (int u = 0; u < userCount; u++) {
            System.arraycopy(rows[u], 0, columns, rowStart[u], rows[u].length);
        }
    }

    public int userCount() {
        return userCount;
    }

    public int itemCount() {
        return itemCount;
    }

    /** The number of distinct (user, item) pairs. */
    public int nonZeros() {
        return columns.length;
    }

    /** The number of distinct items of {@code user}. */
    public int rowLength(int user) {
        return rowStart[user + 1] - rowStart[user];
    }

    /** The distinct items of {@code user}, sorted (a copy). */
    public int[] row(int user) {
        return Arrays.copyOfRange(columns, rowStart[user], rowStart[user + 1]);
    }

    /** Where {@code user}'s items start in {@link #columnsView()}. */
    public int rowStart(int user) {
        return rowStart[user];
    }

    /**
     * Every row's items, concatenated: user u's are {@code [rowStart(u), rowStart(u + 1))}. The
     * shared array, for hot loops; do not modify it.
     */
    int[] columnsView() {
        return columns;
    }

    /** The number of distinct users of each item. */
    public int[] itemDegrees() {
        int[] degrees = new int[itemCount];
        for (int item : columns) {
            degrees[item]++;
        }
        return degrees;
    }

    @Override
    public boolean contains(int user, int item) {
        if (user < 0 || user >= userCount) {
            return false;
        }
        return Arrays.binarySearch(columns, rowStart[user], rowStart[user + 1], item) >= 0;
    }
}
