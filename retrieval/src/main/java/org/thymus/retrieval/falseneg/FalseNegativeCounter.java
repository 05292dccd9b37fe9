package org.thymus.retrieval.falseneg;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.ExclusionPredicate;
import org.thymus.core.sampler.NegativeSampler;

/**
 * Wraps the sampler a run trains with and counts, exactly, the negatives it served and how many of
 * them are false negatives by the benchmark's planted truth (same category as the anchor, same
 * hidden condition, ...). The truth is only read here, to measure: it never changes a draw.
 * A {@link NegativeSampler#NONE} is passed on and not counted.
 */
final class FalseNegativeCounter implements NegativeSampler {
    private final NegativeSampler inner;
    private final ExclusionPredicate truth;
    private final LongAdder draws = new LongAdder();
    private final LongAdder falseNegatives = new LongAdder();

    /**
     * @param inner the sampler whose draws are counted
     * @param truth true when the candidate is, in truth, a positive for (anchor, positive)
     */
    FalseNegativeCounter(NegativeSampler inner, ExclusionPredicate truth) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.truth = Objects.requireNonNull(truth, "truth");
    }

    @Override
    public int sample(int anchor, int positive, FastRandom rng) {
        int candidate = inner.sample(anchor, positive, rng);
        if (candidate != NONE) {
            draws.increment();
            if (truth.excludes(anchor, positive, candidate)) {
                falseNegatives.increment();
            }
        }
        return candidate;
    }

    /** Negatives served (draws that were not {@link NegativeSampler#NONE}). */
    long draws() {
        return draws.sum();
    }

    long falseNegatives() {
        return falseNegatives.sum();
    }

    /** The share of served negatives that are false negatives (NaN before the first draw). */
    double rate() {
        long d = draws();
        return d == 0 ? Double.NaN : (double) falseNegatives() / d;
    }

    /**
     * The prior tau+ a practitioner would estimate for the debiased loss from a small labelled
     * audit: the false-negative rate of {@code draws} negatives drawn for each audited anchor (the
     * anchor stands as its own positive: the samplers here read the anchor only).
     */
    static double auditedPrior(NegativeSampler sampler, int[] auditedAnchors, int draws, ExclusionPredicate truth,
                               FastRandom rng) {
        FalseNegativeCounter counter = new FalseNegativeCounter(sampler, truth);
        for (int anchor : auditedAnchors) {
            for (int d = 0; d < draws; d++) {
                counter.sample(anchor, anchor, rng);
            }
        }
        return counter.rate();
    }
}
