package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class PairSetTest {

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFF_FFFFL);
    }

    @Test
    void agreesWithHashSetOnRandomPairs() {
        FastRandom rng = new FastRandom(1);
        PairSet set = new PairSet(0); // grows many times
        Set<Long> reference = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            // Small ranges give duplicates; the full int range gives negative ids and far-apart keys.
            int a = i % 3 == 0 ? rng.nextInt() : rng.nextInt(500);
            int b = i % 3 == 0 ? rng.nextInt() : rng.nextInt(500);
            set.add(a, b);
            reference.add(key(a, b));
        }
        assertEquals(reference.size(), set.size());
        for (long k : reference) {
            assertTrue(set.contains((int) (k >>> 32), (int) k));
        }
        FastRandom queries = new FastRandom(2);
        for (int i = 0; i < 500_000; i++) {
            int a = i % 2 == 0 ? queries.nextInt() : queries.nextInt(600);
            int b = i % 2 == 0 ? queries.nextInt() : queries.nextInt(600);
            assertEquals(reference.contains(key(a, b)), set.contains(a, b), "(" + a + ", " + b + ")");
        }
    }

    @Test
    void pairsAreOrderedAndTheSentinelPairIsAPairLikeAnyOther() {
        PairSet set = new PairSet(4);
        set.add(1, 2);
        assertTrue(set.contains(1, 2));
        assertFalse(set.contains(2, 1));
        assertFalse(set.contains(-1, -1));
        set.add(-1, -1);
        set.add(-1, -1);
        assertTrue(set.contains(-1, -1));
        assertFalse(set.contains(-1, 0));
        assertFalse(set.contains(0, -1));
        set.add(Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertTrue(set.contains(Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertEquals(3, set.size());
    }

    @Test
    void badSizeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PairSet(-1));
    }
}
