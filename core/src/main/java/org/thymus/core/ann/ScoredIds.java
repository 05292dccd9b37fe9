package org.thymus.core.ann;

/**
 * A (score, id) pair packed in one {@code long} whose natural order is "better": a higher score,
 * and on equal scores the lower id. The heaps of the searches hold these, so comparing two entries
 * is one {@code long} comparison and no object is allocated (Lucene's NeighborQueue does the same).
 *
 * <p>The high half is the score's bits made order-preserving as a signed int (negative floats have
 * their magnitude bits flipped); the low half is the complement of the id, read as unsigned.
 */
final class ScoredIds {
    private ScoredIds() {
    }

    static long pack(float score, int id) {
        return ((long) sortable(Float.floatToRawIntBits(score)) << 32) | (~id & 0xFFFF_FFFFL);
    }

    static int id(long packed) {
        return ~(int) packed;
    }

    static float score(long packed) {
        return Float.intBitsToFloat(sortable((int) (packed >>> 32)));
    }

    /** Maps float bits to ints of the same order; it is its own inverse. */
    private static int sortable(int bits) {
        return bits ^ ((bits >> 31) & 0x7FFF_FFFF);
    }
}
