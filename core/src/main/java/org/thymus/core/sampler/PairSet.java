package org.thymus.core.sampler;

/**
 * An exact set of ordered (a, b) int pairs: each pair packed into one long, in an open-addressing
 * table with linear probing (load at most 1/2), so there is no boxing and a lookup touches one or
 * two cache lines. Pairs are ordered: (a, b) and (b, a) are different; add both for a symmetric
 * relation.
 *
 * <p>{@link #add} is not thread-safe. Build the set first, then share it (through a final field or
 * a thread start): {@link #contains} is read-only and safe from any number of threads.
 */
public final class PairSet implements PairMembership {
    /** The packed form of (-1, -1) marks an empty slot; that pair itself is held by a flag. */
    private static final long EMPTY = -1L;
    private static final int MAX_CAPACITY = 1 << 30;

    private long[] slots;
    private int mask;
    private int occupied;
    private boolean containsEmptyKey;

    /** A set sized for about {@code expected} pairs without growing (it grows past that). */
    public PairSet(int expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected must be >= 0, got " + expected);
        }
        long wanted = Math.max(16L, 2L * expected);
        int capacity = (int) Math.min(MAX_CAPACITY, Long.highestOneBit(wanted - 1) << 1);
        allocate(capacity);
    }

    private void allocate(int capacity) {
        slots = new long[capacity];
        java.util.Arrays.fill(slots, EMPTY);
        mask = capacity - 1;
        occupied = 0;
    }

    static long pack(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFF_FFFFL);
    }

    /** A 64-bit finaliser (Stafford's mix 13): every input bit moves every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Adds the pair (a, b); adding a pair twice keeps one. */
    public void add(int a, int b) {
        long key = pack(a, b);
        if (key == EMPTY) {
            containsEmptyKey = true;
            return;
        }
        if (2L * (occupied + 1) > slots.length) {
            grow();
        }
        int i = (int) mix(key) & mask;
        while (true) {
            long k = slots[i];
            if (k == key) {
                return;
            }
            if (k == EMPTY) {
                slots[i] = key;
                occupied++;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        if (slots.length >= MAX_CAPACITY) {
            throw new IllegalStateException("PairSet is full: " + occupied + " pairs");
        }
        long[] old = slots;
        allocate(old.length << 1);
        for (long key : old) {
            if (key != EMPTY) {
                int i = (int) mix(key) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = key;
                occupied++;
            }
        }
    }

    @Override
    public boolean contains(int a, int b) {
        long key = pack(a, b);
        if (key == EMPTY) {
            return containsEmptyKey;
        }
        long[] s = slots;
        int m = mask;
        int i = (int) mix(key) & m;
        while (true) {
            long k = s[i];
            if (k == key) {
                return true;
            }
            if (k == EMPTY) {
                return false;
            }
            i = (i + 1) & m;
        }
    }

    /** The number of distinct pairs. */
    public long size() {
        return occupied + (containsEmptyKey ? 1 : 0);
    }
}
