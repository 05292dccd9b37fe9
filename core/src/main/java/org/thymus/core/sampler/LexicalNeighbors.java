package org.thymus.core.sampler;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * For each vocabulary word, the words close to it in spelling: Levenshtein distance (on code
 * points) at most {@code maxDistance}, e.g. cat → cot, cut, cats, at. The raw material of lexical
 * hard negatives.
 *
 * <p>Built once, without comparing all pairs, by symmetric deletion (as in SymSpell): if two
 * words are within distance d, deleting at most d code points from each gives a common string (a
 * substitution is one deletion on each side, an insertion one deletion on the other). Every word is
 * indexed under each of its deletion variants (its 64-bit hash, with the word id in the low bits,
 * in one sorted {@code long[]}); a word's candidates are the words that share a variant with it,
 * each verified once by a banded Levenshtein computation that stops as soon as the distance passes
 * d. Hash collisions can only add candidates, which the verification discards, so the result is
 * exact. The variants cost Σ C(L, j) for j ≤ d per word (about 40 for an 8-letter word at d = 2),
 * which is why d is limited to 3.
 *
 * <p>The lists are stored compactly (CSR: {@code int[]} offsets and ids, a {@code byte} distance),
 * each sorted by distance, then id, and cut at {@code maxNeighbors}. Words shorter than
 * {@code minLength} code points get no neighbours (a two-letter word is one edit away from
 * hundreds of unrelated words), but may appear in the lists of longer words (cat → at). A word is
 * never its own neighbour.
 */
public final class LexicalNeighbors implements NeighborLists {
    /** The largest supported distance: the variants per word grow as L^d. */
    public static final int MAX_DISTANCE = 3;
    private static final int BLOCK = 256;

    private final int[] offsets;
    private final int[] ids;
    private final byte[] distances;
    private final int maxDistance;
    private final int minLength;

    private LexicalNeighbors(int[] offsets, int[] ids, byte[] distances, int maxDistance, int minLength) {
        this.offsets = offsets;
        this.ids = ids;
        this.distances = distances;
        this.maxDistance = maxDistance;
        this.minLength = minLength;
    }

    /**
     * Builds the lists for {@code words} (word i has id i).
     *
     * @param maxDistance  the largest Levenshtein distance kept, 1 to {@link #MAX_DISTANCE}
     * @param maxNeighbors the longest list kept per word (the closest, then the smallest ids), at least 1
     * @param minLength    words with fewer code points get no list
     * @param threads      worker threads for the variant and verification passes, at least 1
     */
    public static LexicalNeighbors build(List<String> words, int maxDistance, int maxNeighbors, int minLength,
                                         int threads) {
        if (maxDistance < 1 || maxDistance > MAX_DISTANCE) {
            throw new IllegalArgumentException("maxDistance must be in [1, " + MAX_DISTANCE + "], got " + maxDistance);
        }
        if (maxNeighbors < 1) {
            throw new IllegalArgumentException("maxNeighbors must be >= 1, got " + maxNeighbors);
        }
        if (minLength < 0) {
            throw new IllegalArgumentException("minLength must be >= 0, got " + minLength);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return new Builder(words, maxDistance, maxNeighbors, minLength, threads).build();
    }

    /** The number of neighbours of {@code word}. */
    @Override
    public int count(int word) {
        return offsets[word + 1] - offsets[word];
    }

    /** The {@code i}-th neighbour of {@code word} (0 is the closest). */
    @Override
    public int neighbor(int word, int i) {
        return ids[at(word, i)];
    }

    /** The Levenshtein distance between {@code word} and its {@code i}-th neighbour. */
    public int distance(int word, int i) {
        return distances[at(word, i)];
    }

    private int at(int word, int i) {
        int p = offsets[word] + i;
        if (i < 0 || p >= offsets[word + 1]) {
            throw new IndexOutOfBoundsException("word " + word + " has " + count(word) + " neighbours, asked for " + i);
        }
        return p;
    }

    /** The number of words (lists). */
    public int words() {
        return offsets.length - 1;
    }

    /** The sum of the list lengths. */
    public long totalNeighbors() {
        return offsets[offsets.length - 1];
    }

    public int maxDistance() {
        return maxDistance;
    }

    public int minLength() {
        return minLength;
    }

    /** One build: the words as code points, the variant index, then the verified lists. */
    private static final class Builder {
        private final int n;
        private final int maxDistance;
        private final int maxNeighbors;
        private final int minLength;
        private final int threads;
        /** Word i is codePoints[start[i] .. start[i + 1]). */
        private final int[] start;
        private final int[] codePoints;
        private final int longest;
        private final int idBits;
        private final long idMask;

        /** Sorted variant keys: hash in the high bits, word id in the low {@code idBits}. */
        private long[] keys;
        /** Run r of equal hashes is keys[runStart[r] .. runStart[r + 1]). */
        private int[] runStart;
        /** The runs word w belongs to: wordRuns[wordRunStart[w] .. wordRunStart[w + 1]). */
        private int[] wordRunStart;
        private int[] wordRuns;

        Builder(List<String> words, int maxDistance, int maxNeighbors, int minLength, int threads) {
            this.n = words.size();
            this.maxDistance = maxDistance;
            this.maxNeighbors = maxNeighbors;
            this.minLength = minLength;
            this.threads = threads;
            this.start = new int[n + 1];
            long total = 0;
            int max = 0;
            for (int i = 0; i < n; i++) {
                String w = words.get(i);
                int len = w.codePointCount(0, w.length());
                max = Math.max(max, len);
                total += len;
                if (total > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("the words hold more code points than one array");
                }
                start[i + 1] = (int) total;
            }
            this.longest = max;
            this.codePoints = new int[(int) total];
            for (int i = 0; i < n; i++) {
                String w = words.get(i);
                int p = start[i];
                for (int j = 0; j < w.length(); ) {
                    int cp = w.codePointAt(j);
                    codePoints[p++] = cp;
                    j += Character.charCount(cp);
                }
            }
            this.idBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
            this.idMask = (1L << idBits) - 1;
        }

        private int length(int w) {
            return start[w + 1] - start[w];
        }

        /** Only these words can be within maxDistance of a word that gets a list. */
        private boolean indexed(int w) {
            return length(w) >= minLength - maxDistance;
        }

        LexicalNeighbors build() {
            index();
            return verify();
        }

        /** The number of strings made by deleting at most maxDistance of len code points (with repeats). */
        private long variantCount(int len) {
            long count = 0;
            long choose = 1; // C(len, j)
            for (int j = 0; j <= Math.min(maxDistance, len); j++) {
                count += choose;
                choose = choose * (len - j) / (j + 1);
            }
            return count;
        }

        private void index() {
            long[] first = new long[n + 1];
            for (int w = 0; w < n; w++) {
                first[w + 1] = first[w] + (indexed(w) ? variantCount(length(w)) : 0);
            }
            if (first[n] > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(first[n] + " deletion variants at distance " + maxDistance
                        + ": too many for one index; use a smaller distance or fewer words");
            }
            long[] all = new long[(int) first[n]];
            parallel((from, to, scratch) -> {
                for (int w = from; w < to; w++) {
                    if (indexed(w)) {
                        int end = addVariants(w, all, (int) first[w]);
                        assert end == first[w + 1];
                    }
                }
            });
            Arrays.sort(all);
            // Drop repeats (one word reaching the same variant by different deletions), count runs.
            int m = 0;
            int runs = 0;
            long previousHash = 0;
            for (int p = 0; p < all.length; p++) {
                long key = all[p];
                if (m > 0 && key == all[m - 1]) {
                    continue;
                }
                long hash = key & ~idMask;
                if (m == 0 || hash != previousHash) {
                    runs++;
                    previousHash = hash;
                }
                all[m++] = key;
            }
            keys = m == all.length ? all : Arrays.copyOf(all, m);
            runStart = new int[runs + 1];
            wordRunStart = new int[n + 1];
            for (int p = 0; p < m; p++) {
                wordRunStart[(int) (keys[p] & idMask) + 1]++;
            }
            for (int w = 0; w < n; w++) {
                wordRunStart[w + 1] += wordRunStart[w];
            }
            wordRuns = new int[m];
            int[] fill = Arrays.copyOf(wordRunStart, n);
            int r = -1;
            for (int p = 0; p < m; p++) {
                long hash = keys[p] & ~idMask;
                if (r < 0 || hash != (keys[p - 1] & ~idMask)) {
                    runStart[++r] = p;
                }
                wordRuns[fill[(int) (keys[p] & idMask)]++] = r;
            }
            runStart[runs] = m;
        }

        /** Writes the keys of word w's deletion variants from {@code out[pos]}; returns the next position. */
        private int addVariants(int w, long[] out, int pos) {
            int len = length(w);
            out[pos++] = key(w, -1, -1, -1);
            for (int a = 0; a < len; a++) {
                out[pos++] = key(w, a, -1, -1);
                if (maxDistance < 2) {
                    continue;
                }
                for (int b = a + 1; b < len; b++) {
                    out[pos++] = key(w, a, b, -1);
                    if (maxDistance < 3) {
                        continue;
                    }
                    for (int c = b + 1; c < len; c++) {
                        out[pos++] = key(w, a, b, c);
                    }
                }
            }
            return pos;
        }

        /** The index key of word w with the code points at positions a, b, c deleted (-1: none). */
        private long key(int w, int a, int b, int c) {
            int s = start[w];
            int len = length(w);
            long h = 0x243F6A8885A308D3L;
            int kept = 0;
            for (int q = 0; q < len; q++) {
                if (q == a || q == b || q == c) {
                    continue;
                }
                h = Long.rotateLeft((h ^ codePoints[s + q]) * 0x9E3779B97F4A7C15L, 29);
                kept++;
            }
            return (PairSet.mix(h ^ kept) & ~idMask) | w;
        }

        private LexicalNeighbors verify() {
            int blocks = (n + BLOCK - 1) / BLOCK;
            int[][] blockCounts = new int[blocks][];
            int[][] blockIds = new int[blocks][];
            byte[][] blockDistances = new byte[blocks][];
            parallel((from, to, scratch) -> {
                int[] counts = new int[to - from];
                int[] ids = new int[64];
                byte[] dist = new byte[64];
                int size = 0;
                for (int w = from; w < to; w++) {
                    if (length(w) < minLength) {
                        continue;
                    }
                    int found = candidates(w, scratch);
                    long[] buffer = scratch.found;
                    Arrays.sort(buffer, 0, found);
                    int kept = Math.min(found, maxNeighbors);
                    if (size + kept > ids.length) {
                        int capacity = Math.max(ids.length * 2, size + kept);
                        ids = Arrays.copyOf(ids, capacity);
                        dist = Arrays.copyOf(dist, capacity);
                    }
                    for (int i = 0; i < kept; i++) {
                        ids[size] = (int) buffer[i];
                        dist[size] = (byte) (buffer[i] >>> 32);
                        size++;
                    }
                    counts[w - from] = kept;
                }
                int block = from / BLOCK;
                blockCounts[block] = counts;
                blockIds[block] = Arrays.copyOf(ids, size);
                blockDistances[block] = Arrays.copyOf(dist, size);
            });
            int[] offsets = new int[n + 1];
            long total = 0;
            for (int b = 0; b < blocks; b++) {
                total += blockIds[b].length;
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(total + " neighbours in all: use a smaller maxNeighbors");
            }
            int[] ids = new int[(int) total];
            byte[] distances = new byte[(int) total];
            int p = 0;
            for (int b = 0; b < blocks; b++) {
                int[] counts = blockCounts[b];
                for (int i = 0; i < counts.length; i++) {
                    int w = b * BLOCK + i;
                    offsets[w + 1] = offsets[w] + counts[i];
                }
                System.arraycopy(blockIds[b], 0, ids, p, blockIds[b].length);
                System.arraycopy(blockDistances[b], 0, distances, p, blockDistances[b].length);
                p += blockIds[b].length;
            }
            return new LexicalNeighbors(offsets, ids, distances, maxDistance, minLength);
        }

        /**
         * Fills {@code scratch.found} with (distance << 32 | id) for every word within maxDistance
         * of w; returns how many.
         */
        private int candidates(int w, Scratch scratch) {
            int[] stamp = scratch.stamp;
            int found = 0;
            for (int i = wordRunStart[w]; i < wordRunStart[w + 1]; i++) {
                int r = wordRuns[i];
                for (int p = runStart[r]; p < runStart[r + 1]; p++) {
                    int t = (int) (keys[p] & idMask);
                    if (t == w || stamp[t] == w) {
                        continue;
                    }
                    stamp[t] = w;
                    int d = boundedDistance(w, t, scratch);
                    if (d <= maxDistance) {
                        if (found == scratch.found.length) {
                            scratch.found = Arrays.copyOf(scratch.found, found * 2);
                        }
                        scratch.found[found++] = ((long) d << 32) | t;
                    }
                }
            }
            return found;
        }

        /**
         * Levenshtein distance between words a and b if it is at most maxDistance, else
         * maxDistance + 1: only the diagonal band |i - j| <= maxDistance is computed, and the
         * computation stops when a whole row of the band exceeds the bound.
         */
        private int boundedDistance(int a, int b, Scratch scratch) {
            int max = maxDistance;
            int over = max + 1;
            int as = start[a];
            int al = length(a);
            int bs = start[b];
            int bl = length(b);
            if (Math.abs(al - bl) > max) {
                return over;
            }
            int[] prev = scratch.previous;
            int[] cur = scratch.current;
            for (int j = 0; j <= bl; j++) {
                prev[j] = j <= max ? j : over;
            }
            for (int i = 1; i <= al; i++) {
                int lo = Math.max(1, i - max);
                int hi = Math.min(bl, i + max);
                cur[0] = i <= max ? i : over;
                if (lo > 1) {
                    cur[lo - 1] = over;
                }
                int rowMin = lo == 1 ? cur[0] : over;
                int ca = codePoints[as + i - 1];
                for (int j = lo; j <= hi; j++) {
                    int v = prev[j - 1] + (ca == codePoints[bs + j - 1] ? 0 : 1);
                    v = Math.min(v, prev[j] + 1);
                    v = Math.min(v, cur[j - 1] + 1);
                    v = Math.min(v, over);
                    cur[j] = v;
                    rowMin = Math.min(rowMin, v);
                }
                if (hi < bl) {
                    cur[hi + 1] = over;
                }
                if (rowMin > max) {
                    return over;
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[bl];
        }

        /** Per-thread working memory. */
        private final class Scratch {
            final int[] stamp = new int[n];
            final int[] previous = new int[longest + 2];
            final int[] current = new int[longest + 2];
            long[] found = new long[256];

            Scratch() {
                Arrays.fill(stamp, -1);
            }
        }

        private interface BlockTask {
            void run(int from, int to, Scratch scratch);
        }

        /** Runs {@code task} over blocks of BLOCK words on {@code threads} threads (this one included). */
        private void parallel(BlockTask task) {
            int blocks = (n + BLOCK - 1) / BLOCK;
            AtomicInteger next = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Runnable worker = () -> {
                Scratch scratch = new Scratch();
                try {
                    for (int b; (b = next.getAndIncrement()) < blocks && failure.get() == null; ) {
                        task.run(b * BLOCK, Math.min(n, (b + 1) * BLOCK), scratch);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            };
            int extra = Math.min(threads, Math.max(1, blocks)) - 1;
            Thread[] helpers = new Thread[extra];
            for (int i = 0; i < extra; i++) {
                helpers[i] = Thread.ofPlatform().name("lexical-neighbors-" + i).daemon().start(worker);
            }
            worker.run();
            boolean interrupted = false;
            for (Thread h : helpers) {
                while (true) {
                    try {
                        h.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable e = failure.get();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            if (e instanceof Error er) {
                throw er;
            }
            if (e != null) {
                throw new IllegalStateException(e);
            }
        }
    }
}
