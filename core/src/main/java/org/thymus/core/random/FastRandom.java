package org.thymus.core.random;

/**
 * A small, fast, non-thread-safe generator (SplitMix64): one per worker thread, seeded from the
 * run's seed and the thread's index so a single-threaded run is reproducible.
 */
public final class FastRandom {
    private long state;

    public FastRandom(long seed) {
        this.state = seed;
    }

    /** A uniformly distributed 64-bit value. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniformly distributed 32-bit value. */
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /**
     * A value in [0, bound), by Lemire's multiply-shift. Its bias is below bound / 2^32, far under
     * anything a statistical test of a sampler can see, and it needs no division or rejection loop.
     */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** A value in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** A value in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** The ids 0..n-1 in a random order (Fisher–Yates, drawing from this generator). */
    public int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** An independent generator for worker {@code index} of a run seeded with {@code seed}. */
    public static FastRandom forWorker(long seed, int index) {
        FastRandom mixer = new FastRandom(seed ^ (0xD1B54A32D192ED03L * (index + 1)));
        return new FastRandom(mixer.nextLong());
    }
}
