package org.thymus.kg;

import java.util.Arrays;
import org.thymus.core.InvalidInputException;
import org.thymus.core.sampler.PairSet;

/**
 * Every known (h, r, t), for filtered corruption and filtered ranking.
 *
 * <p>Membership is core's {@link PairSet} on the pair (h·R + r, t): one packed long, one or two
 * cache lines a lookup, the check a corruption filter makes once per drawn negative. For ranking,
 * the known tails of each (h, r) and the known heads of each (r, t) are laid out CSR-style: the
 * triples packed as {@code (query << 32) | answer} and sorted, so the answers of one query are one
 * contiguous, sorted run of {@link #tailIds()} (or {@link #headIds()}) found by two binary
 * searches. That costs 12 bytes a triple and direction instead of an offsets array of E·R entries,
 * which for large graphs would dwarf the triples.
 */
public final class KnownTriples {
    private final int relationCount;
    private final PairSet set;
    private final long[] byHeadRelation;
    private final int[] tailIds;
    private final long[] byRelationTail;
    private final int[] headIds;

    /** The union of {@code splits}; a triple repeated within or across splits is kept once. */
    public KnownTriples(int entityCount, int relationCount, Triples... splits) {
        if ((long) entityCount * relationCount > Integer.MAX_VALUE) {
            throw new InvalidInputException("too many entities x relations for KnownTriples: " + entityCount
                    + " x " + relationCount);
        }
        this.relationCount = relationCount;
        int total = 0;
        for (Triples s : splits) {
            total += s.size();
        }
        set = new PairSet(total);
        long[] tails = new long[total];
        long[] heads = new long[total];
        int n = 0;
        for (Triples s : splits) {
            for (int i = 0; i < s.size(); i++) {
                int h = s.head(i);
                int r = s.relation(i);
                int t = s.tail(i);
                set.add(h * relationCount + r, t);
                tails[n] = ((long) (h * relationCount + r) << 32) | t;
                heads[n] = ((long) (t * relationCount + r) << 32) | h;
                n++;
            }
        }
        byHeadRelation = sortedDistinct(tails);
        byRelationTail = sortedDistinct(heads);
        tailIds = lowHalves(byHeadRelation);
        headIds = lowHalves(byRelationTail);
    }

    private static long[] sortedDistinct(long[] keys) {
        Arrays.sort(keys);
        int m = 0;
        for (int i = 0; i < keys.length; i++) {
            if (m == 0 || keys[i] != keys[m - 1]) {
                keys[m++] = keys[i];
            }
        }
        return Arrays.copyOf(keys, m);
    }

    private static int[] lowHalves(long[] keys) {
        int[] ids = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ids[i] = (int) keys[i];
        }
        return ids;
    }

    public boolean contains(int h, int r, int t) {
        return set.contains(h * relationCount + r, t);
    }

    /** The number of distinct known triples. */
    public int size() {
        return byHeadRelation.length;
    }

    /** Known tails, grouped by (h, r) and sorted within a group; see {@link #tailsStart}. */
    public int[] tailIds() {
        return tailIds;
    }

    /** The known tails of (h, r) are {@code tailIds()[tailsStart(h, r) .. tailsEnd(h, r))}. */
    public int tailsStart(int h, int r) {
        return lowerBound(byHeadRelation, (long) (h * relationCount + r) << 32);
    }

    public int tailsEnd(int h, int r) {
        return lowerBound(byHeadRelation, (long) (h * relationCount + r + 1) << 32);
    }

    /** Known heads, grouped by (r, t) and sorted within a group; see {@link #headsStart}. */
    public int[] headIds() {
        return headIds;
    }

    /** The known heads of (r, t) are {@code headIds()[headsStart(r, t) .. headsEnd(r, t))}. */
    public int headsStart(int r, int t) {
        return lowerBound(byRelationTail, (long) (t * relationCount + r) << 32);
    }

    public int headsEnd(int r, int t) {
        return lowerBound(byRelationTail, (long) (t * relationCount + r + 1) << 32);
    }

    /** The first index whose key is at least {@code key}; the keys are distinct, so a miss's insertion point is it. */
    private static int lowerBound(long[] keys, long key) {
        int i = Arrays.binarySearch(keys, key);
        return i >= 0 ? i : -i - 1;
    }
}
