package org.thymus.core.sampler;

/**
 * Estimates, from a stream of item ids, the probability with which each item is drawn, without a
 * table indexed by item: the step-gap estimator of Yi et al. 2019 ("Sampling-bias-corrected neural
 * modeling for large corpus item recommendations", algorithm 2). An item drawn with probability p
 * recurs every 1/p steps on average, so the estimator keeps, per hash bucket, the step it was last
 * seen at ({@code last}) and a moving average of the gaps between sightings ({@code gap}):
 * <pre>
 *   gap[h]  = (1 − α) · gap[h] + α · (t − last[h]);   last[h] = t;   p̂ = 1 / gap[h]
 * </pre>
 * With several hash functions, items that collide in one bucket (and so look more frequent than
 * they are) are told apart by the largest gap over the functions, as the paper suggests.
 *
 * <p>This is what the logQ correction of in-batch negatives needs: the in-batch sampler draws an
 * item as often as it is a positive in the stream, and the trainer sees only the stream. The step
 * {@code t} is the item's position in the stream, given by the caller (workers number the items of
 * a batch from a shared counter). Updates from several threads race without locks, as Hogwild
 * training does; a lost update costs one sample of the average, never a wrong bucket.
 */
public final class StreamingFrequencyEstimator {
    private static final long[] SEEDS = {
        0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL, 0x165667B19E3779F9L, 0xD6E8FEB86659FD93L,
        0xFF51AFD7ED558CCDL, 0xC4CEB9FE1A85EC53L, 0x27D4EB2F165667C5L, 0x94D049BB133111EBL,
    };

    private final int hashes;
    private final int mask;
    private final float alpha;
    private final float initialGap;
    private final long[] last;
    private final float[] gap;

    /**
     * @param buckets    buckets per hash function (rounded up to a power of two); a few times the
     *                   number of distinct items keeps collisions rare
     * @param hashes     hash functions, 1 to 8
     * @param alpha      weight of the newest gap in the moving average, in (0, 1]: smaller is
     *                   smoother but adapts more slowly
     * @param initialGap the gap assumed before an item's second sighting (the prior 1 / p); the
     *                   number of distinct items (a uniform prior) is a sound choice
     */
    public StreamingFrequencyEstimator(int buckets, int hashes, float alpha, float initialGap) {
        if (buckets < 1 || buckets > (1 << 30)) {
            throw new IllegalArgumentException("buckets must be in [1, 2^30], got " + buckets);
        }
        if (hashes < 1 || hashes > SEEDS.length) {
            throw new IllegalArgumentException("hashes must be in [1, " + SEEDS.length + "], got " + hashes);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        if (!(initialGap >= 1) || Float.isInfinite(initialGap)) {
            throw new IllegalArgumentException("initialGap must be finite and >= 1, got " + initialGap);
        }
        int size = Integer.highestOneBit(Math.max(1, buckets - 1)) << 1;
        if (buckets == 1) {
            size = 1;
        }
        this.hashes = hashes;
        this.mask = size - 1;
        this.alpha = alpha;
        this.initialGap = initialGap;
        this.last = new long[hashes * size];
        this.gap = new float[hashes * size];
        java.util.Arrays.fill(last, -1);
        java.util.Arrays.fill(gap, initialGap);
    }

    private int bucket(int item, int h) {
        long z = (item + 1L) * SEEDS[h];
        z = (z ^ (z >>> 29)) * 0xBF58476D1CE4E5B9L;
        return h * (mask + 1) + (int) ((z ^ (z >>> 32)) & mask);
    }

    /** Records that {@code item} was seen at stream position {@code step} (positions increase). */
    public void observe(int item, long step) {
        for (int h = 0; h < hashes; h++) {
            int b = bucket(item, h);
            long seen = last[b];
            if (seen >= 0 && step > seen) {
                gap[b] = (1 - alpha) * gap[b] + alpha * (step - seen);
            }
            last[b] = step;
        }
    }

    /** The estimated probability that a draw of the stream is {@code item}, in (0, 1]. */
    public double probability(int item) {
        float largest = 0;
        for (int h = 0; h < hashes; h++) {
            largest = Math.max(largest, gap[bucket(item, h)]);
        }
        return 1.0 / Math.max(1f, largest);
    }

    /** {@code log} of {@link #probability}: the logQ correction of a candidate drawn from the stream. */
    public float logProbability(int item) {
        return (float) Math.log(probability(item));
    }

    /** The gap assumed for an item not seen twice yet. */
    public float initialGap() {
        return initialGap;
    }
}
