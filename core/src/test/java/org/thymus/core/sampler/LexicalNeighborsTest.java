package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thymus.core.random.FastRandom;

class LexicalNeighborsTest {

    /** Plain Levenshtein distance (the whole dynamic-programming table, row by row) on code points: the reference. */
    static int levenshtein(String s, String t) {
        return levenshtein(s.codePoints().toArray(), t.codePoints().toArray());
    }

    static int levenshtein(int[] a, int[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int sub = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.min(sub, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length];
    }

    /** Every pair's distance, computed once per word list and shared by the parameter settings. */
    private static byte[][] allPairs(List<String> words) {
        int[][] cps = new int[words.size()][];
        for (int i = 0; i < cps.length; i++) {
            cps[i] = words.get(i).codePoints().toArray();
        }
        byte[][] d = new byte[cps.length][cps.length];
        for (int i = 0; i < cps.length; i++) {
            for (int j = i + 1; j < cps.length; j++) {
                // Pairs whose lengths differ by more than 3 are more than 3 apart: not needed exactly.
                int v = Math.abs(cps[i].length - cps[j].length) > 3 ? 127 : levenshtein(cps[i], cps[j]);
                d[i][j] = (byte) v;
                d[j][i] = (byte) v;
            }
        }
        return d;
    }

    /** All pairs, the definition: (distance, id) sorted, cut at maxNeighbors, none for short words. */
    private static void assertMatchesBruteForce(List<String> words, int maxDistance, int maxNeighbors, int minLength,
                                                int threads) {
        assertMatchesBruteForce(words, allPairs(words), maxDistance, maxNeighbors, minLength, threads);
    }

    private static void assertMatchesBruteForce(List<String> words, byte[][] distances, int maxDistance,
                                                int maxNeighbors, int minLength, int threads) {
        LexicalNeighbors index = LexicalNeighbors.build(words, maxDistance, maxNeighbors, minLength, threads);
        assertEquals(words.size(), index.words());
        long total = 0;
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            List<long[]> expected = new ArrayList<>();
            if (word.codePointCount(0, word.length()) >= minLength) {
                for (int t = 0; t < words.size(); t++) {
                    int d = distances[w][t];
                    if (t != w && d <= maxDistance) {
                        expected.add(new long[] {d, t});
                    }
                }
            }
            expected.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
            int n = Math.min(expected.size(), maxNeighbors);
            int[] wantIds = new int[n];
            int[] wantDistances = new int[n];
            for (int i = 0; i < n; i++) {
                wantDistances[i] = (int) expected.get(i)[0];
                wantIds[i] = (int) expected.get(i)[1];
            }
            int[] gotIds = new int[index.count(w)];
            int[] gotDistances = new int[index.count(w)];
            for (int i = 0; i < gotIds.length; i++) {
                gotIds[i] = index.neighbor(w, i);
                gotDistances[i] = index.distance(w, i);
            }
            assertArrayEquals(wantIds, gotIds, "neighbours of '" + word + "' (" + w + ")");
            assertArrayEquals(wantDistances, gotDistances, "distances of '" + word + "' (" + w + ")");
            total += n;
        }
        assertEquals(total, index.totalNeighbors());
    }

    /** Random strings over a small alphabet: dense in near neighbours, with some repeats. */
    private static List<String> randomWords(int count, String alphabet, int maxLength, long seed) {
        FastRandom rng = new FastRandom(seed);
        int[] letters = alphabet.codePoints().toArray();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int len = 1 + rng.nextInt(maxLength);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < len; j++) {
                sb.appendCodePoint(letters[rng.nextInt(letters.length)]);
            }
            words.add(sb.toString());
        }
        return words;
    }

    /** Word-like strings: syllables, then variants of them one or two edits away (typos, inflections). */
    private static List<String> realishWords(int count, long seed) {
        FastRandom rng = new FastRandom(seed);
        String[] onsets = {"", "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "st", "tr", "ch", "sh"};
        String[] vowels = {"a", "e", "i", "o", "u", "ea", "ou", "é", "ü"};
        String[] codas = {"", "", "n", "r", "s", "t", "ng", "ck", "ll", "ght"};
        String[] suffixes = {"", "", "", "s", "ed", "ing", "er", "ly", "ness"};
        Set<String> words = new LinkedHashSet<>();
        List<String> list = new ArrayList<>();
        while (words.size() < count) {
            String w;
            if (words.size() > 20 && rng.nextInt(3) == 0) {
                // An edit of an existing word.
                int[] cps = list.get(rng.nextInt(list.size())).codePoints().toArray();
                int edits = 1 + rng.nextInt(2);
                for (int e = 0; e < edits; e++) {
                    int pos = rng.nextInt(cps.length + 1);
                    int letter = "abcdefghijklmnopqrstuvwxyzé".codePointAt(rng.nextInt(27));
                    switch (rng.nextInt(3)) {
                        case 0 -> cps = insert(cps, pos, letter);
                        case 1 -> cps = pos < cps.length ? remove(cps, pos) : cps;
                        default -> {
                            if (pos < cps.length) {
                                cps[pos] = letter;
                            }
                        }
                    }
                }
                w = new String(cps, 0, cps.length);
            } else {
                StringBuilder sb = new StringBuilder();
                int syllables = 1 + rng.nextInt(3);
                for (int s = 0; s < syllables; s++) {
                    sb.append(onsets[rng.nextInt(onsets.length)]).append(vowels[rng.nextInt(vowels.length)])
                            .append(codas[rng.nextInt(codas.length)]);
                }
                w = sb.append(suffixes[rng.nextInt(suffixes.length)]).toString();
            }
            if (!w.isEmpty() && words.add(w)) {
                list.add(w);
            }
        }
        return list;
    }

    private static int[] insert(int[] a, int pos, int v) {
        int[] b = new int[a.length + 1];
        System.arraycopy(a, 0, b, 0, pos);
        b[pos] = v;
        System.arraycopy(a, pos, b, pos + 1, a.length - pos);
        return b;
    }

    private static int[] remove(int[] a, int pos) {
        int[] b = new int[a.length - 1];
        System.arraycopy(a, 0, b, 0, pos);
        System.arraycopy(a, pos + 1, b, pos, a.length - pos - 1);
        return b;
    }

    @Test
    void randomWordsMatchBruteForce() {
        List<String> words = randomWords(2000, "abcde", 9, 1);
        byte[][] distances = allPairs(words);
        assertMatchesBruteForce(words, distances, 1, Integer.MAX_VALUE, 0, 1);
        assertMatchesBruteForce(words, distances, 2, Integer.MAX_VALUE, 3, 2);
    }

    @Test
    void realishWordsMatchBruteForce() {
        List<String> words = realishWords(3000, 2);
        byte[][] distances = allPairs(words);
        assertMatchesBruteForce(words, distances, 1, Integer.MAX_VALUE, 1, 1);
        assertMatchesBruteForce(words, distances, 2, Integer.MAX_VALUE, 4, 3);
        assertMatchesBruteForce(words, distances, 2, 5, 3, 2);
    }

    @Test
    void distanceThreeMatchesBruteForce() {
        assertMatchesBruteForce(realishWords(1000, 3), 3, Integer.MAX_VALUE, 2, 2);
    }

    @Test
    void codePointsNotCharsAreEdited() {
        // U+1D51E is two chars in UTF-16 but one code point: one edit from "ab", not two.
        List<String> words = List.of("ab", "a\uD835\uDD1Eb", "a\uD835\uDD1F", "xyz", "a", "ab\uD835\uDD1E\uD835\uDD1E");
        assertMatchesBruteForce(words, 1, 100, 0, 1);
        assertMatchesBruteForce(words, 2, 100, 0, 1);
        LexicalNeighbors index = LexicalNeighbors.build(words, 1, 10, 0, 1);
        assertEquals(1, index.neighbor(0, 0));
        assertEquals(1, index.distance(0, 0));
    }

    @Test
    void catIsCloseToCotCutCatsAndAt() {
        List<String> words = List.of("cat", "cot", "cut", "cats", "at", "dog", "act", "cart", "c", "chat", "scat", "cog");
        LexicalNeighbors d1 = LexicalNeighbors.build(words, 1, 50, 3, 1);
        assertEquals(List.of("cot", "cut", "cats", "at", "cart", "chat", "scat"), neighbors(d1, words, 0));
        assertEquals(List.of("cat", "cut", "cog"), neighbors(d1, words, 1));
        assertEquals(0, d1.count(4), "'at' is shorter than minLength 3: no list, though it is in cat's");
        assertEquals(0, d1.count(8));
        assertEquals(List.of("cot", "dog"), neighbors(d1, words, 11));

        LexicalNeighbors d2 = LexicalNeighbors.build(words, 2, 50, 3, 1);
        // Distance 1 first, then 2 (act is a transposition: two edits), each by id.
        assertEquals(List.of("cot", "cut", "cats", "at", "cart", "chat", "scat", "act", "c", "cog"),
                neighbors(d2, words, 0));
        assertEquals(1, d2.distance(0, 0));
        assertEquals(2, d2.distance(0, 7));

        LexicalNeighbors top3 = LexicalNeighbors.build(words, 2, 3, 3, 1);
        assertEquals(List.of("cot", "cut", "cats"), neighbors(top3, words, 0));
        for (int w = 0; w < words.size(); w++) {
            assertTrue(top3.count(w) <= 3);
        }
    }

    private static List<String> neighbors(LexicalNeighbors index, List<String> words, int w) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < index.count(w); i++) {
            out.add(words.get(index.neighbor(w, i)));
        }
        return out;
    }

    @Test
    void threadsDoNotChangeTheResult() {
        List<String> words = realishWords(2000, 4);
        LexicalNeighbors one = LexicalNeighbors.build(words, 2, 20, 3, 1);
        LexicalNeighbors four = LexicalNeighbors.build(words, 2, 20, 3, 4);
        assertEquals(one.totalNeighbors(), four.totalNeighbors());
        for (int w = 0; w < words.size(); w++) {
            assertEquals(one.count(w), four.count(w));
            for (int i = 0; i < one.count(w); i++) {
                assertEquals(one.neighbor(w, i), four.neighbor(w, i));
            }
        }
    }

    @Test
    void edgeCases() {
        LexicalNeighbors empty = LexicalNeighbors.build(List.of(), 1, 10, 0, 2);
        assertEquals(0, empty.words());
        assertEquals(0, empty.totalNeighbors());
        LexicalNeighbors one = LexicalNeighbors.build(List.of("word"), 2, 10, 0, 1);
        assertEquals(0, one.count(0));
        // The empty word is one deletion from every one-letter word.
        LexicalNeighbors withEmpty = LexicalNeighbors.build(List.of("", "a", "bc"), 1, 10, 0, 1);
        assertEquals(List.of(1), ids(withEmpty, 0));
        assertEquals(List.of(0), ids(withEmpty, 1));
        assertEquals(List.of(), ids(withEmpty, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> withEmpty.neighbor(2, 0));
        assertMatchesBruteForce(Arrays.asList("a", "a", "b", "aa"), 1, 10, 0, 1);
    }

    private static List<Integer> ids(LexicalNeighbors index, int w) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < index.count(w); i++) {
            out.add(index.neighbor(w, i));
        }
        return out;
    }

    @Test
    void badArgumentsAreRejected() {
        List<String> words = List.of("a", "b");
        assertThrows(IllegalArgumentException.class, () -> LexicalNeighbors.build(words, 0, 10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> LexicalNeighbors.build(words, 4, 10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> LexicalNeighbors.build(words, 1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> LexicalNeighbors.build(words, 1, 10, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> LexicalNeighbors.build(words, 1, 10, 0, 0));
    }

    @Test
    void referenceLevenshteinIsRight() {
        assertEquals(3, levenshtein("kitten", "sitting"));
        assertEquals(2, levenshtein("act", "cat"));
        assertEquals(0, levenshtein("", ""));
        assertEquals(4, levenshtein("", "abcd"));
        assertTrue(levenshtein("flaw", "lawn") == 2);
    }
}
