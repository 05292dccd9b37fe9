package org.thymus.core.train;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Shared state of one training run: work done (in the front end's units: words, edges,
 * triples), the learning rate that decays linearly with it as in word2vec.c, and the loss.
 * Workers call {@link #advance} once per chunk of work, so contention on the counters is
 * negligible; the reporter reads them from another thread.
 */
public final class TrainingProgress {
    private final long totalUnits;
    private final float startRate;
    private final float endRate;
    private final long startNanos = System.nanoTime();
    private final AtomicLong unitsDone = new AtomicLong();
    private final DoubleAdder lossSum = new DoubleAdder();
    private final LongAdder lossCount = new LongAdder();

    /**
     * @param totalUnits units the whole run will process (e.g. corpus words x epochs)
     * @param startRate  learning rate at the start
     * @param endRate    learning rate at the end of the run (word2vec.c: startRate x 1e-4)
     */
    public TrainingProgress(long totalUnits, float startRate, float endRate) {
        if (totalUnits <= 0) {
            throw new IllegalArgumentException("totalUnits must be > 0, got " + totalUnits);
        }
        this.totalUnits = totalUnits;
        this.startRate = startRate;
        this.endRate = endRate;
    }

    /** Records {@code units} of finished work and {@code loss} summed over {@code examples}. */
    public void advance(long units, double loss, long examples) {
        unitsDone.addAndGet(units);
        if (examples > 0) {
            lossSum.add(loss);
            lossCount.add(examples);
        }
    }

    /** The learning rate for work starting now: linear decay from the start rate to the end rate. */
    public float learningRate() {
        double done = Math.min(1.0, unitsDone.get() / (double) totalUnits);
        return (float) (startRate - (startRate - endRate) * done);
    }

    public long unitsDone() {
        return unitsDone.get();
    }

    public long totalUnits() {
        return totalUnits;
    }

    public double lossSum() {
        return lossSum.sum();
    }

    public long lossCount() {
        return lossCount.sum();
    }

    /** Mean loss per example over the whole run so far (NaN before the first example). */
    public double meanLoss() {
        long n = lossCount();
        return n == 0 ? Double.NaN : lossSum() / n;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
