package org.thymus.core.sampler;

/**
 * An approximate set of ordered (a, b) pairs in a fixed number of bits: no false negatives, and
 * false positives at about the target rate once {@code expected} pairs are in. Sized by the usual
 * formulas (m = -n ln p / ln² 2 bits, k = m/n ln 2 hashes); the k positions come from one 64-bit
 * hash by double hashing (Kirsch and Mitzenmacher), each mapped onto [0, m) by a multiply-high.
 *
 * <p>Use it instead of {@link PairSet} when the known pairs do not fit in memory exactly (a
 * PairSet costs about 16 bytes a pair, this filter 1.2 bytes at 1 %); a false positive only
 * discards a valid negative. As with PairSet, {@link #add} is not thread-safe and {@link #contains}
 * is, once the filter is built and shared.
 */
public final class BloomPairFilter implements PairMembership {
    private final long[] words;
    private final long bits;
    private final int hashes;
    private final double target;
    private long added;

    /**
     * @param expected          the number of pairs that will be added (at least 1)
     * @param falsePositiveRate the target rate at that many pairs, in (0, 1)
     */
    public BloomPairFilter(long expected, double falsePositiveRate) {
        if (expected < 1) {
            throw new IllegalArgumentException("expected must be >= 1, got " + expected);
        }
        if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
            throw new IllegalArgumentException("falsePositiveRate must be in (0, 1), got " + falsePositiveRate);
        }
        double ln2 = Math.log(2);
        double m = Math.ceil(-expected * Math.log(falsePositiveRate) / (ln2 * ln2));
        long wordCount = Math.max(1, (long) Math.ceil(m / 64));
        if (wordCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a Bloom filter for " + expected + " pairs at " + falsePositiveRate
                    + " would need " + (long) m + " bits, more than one array holds");
        }
        this.words = new long[(int) wordCount];
        this.bits = wordCount * 64;
        this.hashes = (int) Math.max(1, Math.min(30, Math.round(bits / (double) expected * ln2)));
        this.target = falsePositiveRate;
    }

    /** Adds the pair (a, b). */
    public void add(int a, int b) {
        long h = hash(a, b);
        long step = step(h);
        for (int i = 0; i < hashes; i++) {
            long bit = position(h, step, i);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
        added++;
    }

    @Override
    public boolean contains(int a, int b) {
        long h = hash(a, b);
        long step = step(h);
        for (int i = 0; i < hashes; i++) {
            long bit = position(h, step, i);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private static long hash(int a, int b) {
        return PairSet.mix(PairSet.pack(a, b));
    }

    /** The second hash of double hashing, odd so that the k positions differ. */
    private static long step(long hash) {
        return PairSet.mix(hash ^ 0x9E3779B97F4A7C15L) | 1;
    }

    /** Bit i of the pair's k: (h + i·step) mod 2^64, scaled onto [0, bits) by a multiply-high. */
    private long position(long hash, long step, int i) {
        return Math.unsignedMultiplyHigh(hash + i * step, bits);
    }

    /** The number of add calls (duplicates counted again). */
    public long added() {
        return added;
    }

    /** The size of the filter in bits. */
    public long bits() {
        return bits;
    }

    /** Bits set per pair. */
    public int hashes() {
        return hashes;
    }

    /** The rate the filter was sized for. */
    public double targetFalsePositiveRate() {
        return target;
    }

    /**
     * The false-positive rate the filter has now, estimated from the fraction of bits set
     * (fraction^k): what a query of a pair never added returns true with.
     */
    public double estimatedFalsePositiveRate() {
        long set = 0;
        for (long w : words) {
            set += Long.bitCount(w);
        }
        return Math.pow(set / (double) bits, hashes);
    }
}
