package org.thymus.kg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class KnownTriplesTest {

    static Triples triples(int... hrt) {
        int n = hrt.length / 3;
        int[] h = new int[n];
        int[] r = new int[n];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = hrt[3 * i];
            r[i] = hrt[3 * i + 1];
            t[i] = hrt[3 * i + 2];
        }
        return new Triples(h, r, t);
    }

    @Test
    void smallExample() {
        KnownTriples k = new KnownTriples(4, 2, triples(0, 0, 3, 0, 0, 1, 0, 1, 2), triples(0, 0, 1, 2, 0, 1));
        assertEquals(4, k.size()); // (0, 0, 1) twice
        assertTrue(k.contains(0, 0, 3));
        assertTrue(k.contains(2, 0, 1));
        assertFalse(k.contains(3, 0, 0));
        assertFalse(k.contains(0, 1, 3));
        assertArrayEquals(new int[] {1, 3}, Arrays.copyOfRange(k.tailIds(), k.tailsStart(0, 0), k.tailsEnd(0, 0)));
        assertArrayEquals(new int[] {0, 2}, Arrays.copyOfRange(k.headIds(), k.headsStart(0, 1), k.headsEnd(0, 1)));
        assertEquals(k.tailsStart(3, 1), k.tailsEnd(3, 1));
    }

    @Test
    void matchesBruteForceOnRandomTriples() {
        int entities = 50;
        int relations = 7;
        FastRandom rng = new FastRandom(3);
        int[] hrt = new int[3 * 2000];
        Set<String> truth = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            hrt[3 * i] = rng.nextInt(entities);
            hrt[3 * i + 1] = rng.nextInt(relations);
            hrt[3 * i + 2] = rng.nextInt(entities);
            truth.add(hrt[3 * i] + " " + hrt[3 * i + 1] + " " + hrt[3 * i + 2]);
        }
        KnownTriples k = new KnownTriples(entities, relations, triples(hrt));
        assertEquals(truth.size(), k.size());
        for (int h = 0; h < entities; h++) {
            for (int r = 0; r < relations; r++) {
                TreeSet<Integer> tails = new TreeSet<>();
                TreeSet<Integer> heads = new TreeSet<>();
                for (int e = 0; e < entities; e++) {
                    assertEquals(truth.contains(h + " " + r + " " + e), k.contains(h, r, e));
                    if (truth.contains(h + " " + r + " " + e)) {
                        tails.add(e);
                    }
                    if (truth.contains(e + " " + r + " " + h)) {
                        heads.add(e);
                    }
                }
                assertArrayEquals(tails.stream().mapToInt(Integer::intValue).toArray(),
                        Arrays.copyOfRange(k.tailIds(), k.tailsStart(h, r), k.tailsEnd(h, r)));
                assertArrayEquals(heads.stream().mapToInt(Integer::intValue).toArray(),
                        Arrays.copyOfRange(k.headIds(), k.headsStart(r, h), k.headsEnd(r, h)));
            }
        }
    }
}
