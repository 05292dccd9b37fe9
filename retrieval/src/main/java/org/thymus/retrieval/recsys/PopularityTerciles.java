package org.thymus.retrieval.recsys;

import java.util.Arrays;
import java.util.List;

/**
 * Items cut into head, torso and tail by training popularity, so that each group holds about one
 * third of the training interactions: items are sorted by training interaction count (most first,
 * ties by item id) and an item goes to group {@code min(2, floor(3 * before / total))}, where
 * {@code before} is the interactions of the items sorted ahead of it. The item that crosses a third
 * stays in the earlier group. Items never seen in training (count 0) are tail.
 */
public final class PopularityTerciles {
    /** Group names, in group order. */
    public static final List<String> NAMES = List.of("head", "torso", "tail");
    public static final int HEAD = 0;
    public static final int TORSO = 1;
    public static final int TAIL = 2;

    private final byte[] groups;
    private final int[] itemsPerGroup = new int[3];
    private final long[] interactionsPerGroup = new long[3];

    /** The terciles of items with these training interaction counts (indexed by item id). */
    public PopularityTerciles(int[] itemCounts) {
        int n = itemCounts.length;
        long total = 0;
        long[] keys = new long[n];
        for (int item = 0; item < n; item++) {
            total += itemCounts[item];
            // Sort ascending by (-count, item): most popular first, ties by item id.
            keys[item] = ((long) -itemCounts[item] << 32) | item;
        }
        Arrays.sort(keys);
        groups = new byte[n];
        long before = 0;
        for (long key : keys) {
            int item = (int) key;
            int group = total == 0 ? TAIL : (int) Math.min(TAIL, 3 * before / total);
            groups[item] = (byte) group;
            itemsPerGroup[group]++;
            interactionsPerGroup[group] += itemCounts[item];
            before += itemCounts[item];
        }
    }

    /** The group of {@code item}: {@link #HEAD}, {@link #TORSO} or {@link #TAIL}. */
    public int group(int item) {
        return groups[item];
    }

    /** The number of items in {@code group}. */
    public int items(int group) {
        return itemsPerGroup[group];
    }

    /** The training interactions of the items in {@code group}. */
    public long interactions(int group) {
        return interactionsPerGroup[group];
    }
}
