package org.thymus.core.sampler;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.thymus.core.random.FastRandom;

/**
 * Wraps a sampler with false-negative guards: a candidate that any guard rejects is redrawn, up to
 * {@code maxTries} candidates per draw; when every try was rejected the draw returns {@link #NONE}
 * and the caller skips that negative.
 *
 * <p>Rejection sampling keeps the inner distribution's shape: for a pair, a returned negative is
 * distributed as the inner sampler's distribution renormalised over the candidates no guard
 * rejects. A draw that returns {@code NONE} takes nothing away from that.
 *
 * <p>Every guard is evaluated on every candidate (no short circuit), so {@code rejected(g) /
 * candidates()} is guard g's own rejection rate even when guards overlap: for an equivalence-class
 * guard it is the false-negative rate the sampler would have had without it. Counters are
 * {@link LongAdder}s, updated once per draw (candidates) or per rejection, from any number of
 * threads; they are read while training runs, so a reading is a consistent total only once the
 * workers are idle.
 */
public final class GuardedSampler implements NegativeSampler {
    /** What a draw returns when every try was rejected; callers skip it. */
    public static final int NONE = NegativeSampler.NONE;

    private final NegativeSampler inner;
    private final NegativeGuard[] guards;
    private final List<NegativeGuard> guardList;
    private final int maxTries;
    private final LongAdder candidates = new LongAdder();
    private final LongAdder exhausted = new LongAdder();
    private final LongAdder[] rejected;

    /**
     * @param inner    the distribution candidates are drawn from
     * @param guards   the rules, in report order (may be empty: the sampler then only counts)
     * @param maxTries candidates examined per draw before giving up with {@link #NONE}, at least 1
     */
    public GuardedSampler(NegativeSampler inner, List<NegativeGuard> guards, int maxTries) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.guardList = List.copyOf(guards);
        this.guards = guardList.toArray(new NegativeGuard[0]);
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be >= 1, got " + maxTries);
        }
        this.maxTries = maxTries;
        this.rejected = new LongAdder[this.guards.length];
        for (int g = 0; g < rejected.length; g++) {
            rejected[g] = new LongAdder();
        }
    }

    /**
     * Draws candidates from the inner sampler until no guard rejects one, at most {@code maxTries}
     * times. A {@link #NONE} from the inner sampler is passed on at once (and counted as exhausted).
     */
    @Override
    public int sample(int anchor, int positive, FastRandom rng) {
        NegativeGuard[] gs = guards;
        for (int tries = 1; tries <= maxTries; tries++) {
            int candidate = inner.sample(anchor, positive, rng);
            if (candidate == NONE) {
                candidates.add(tries - 1);
                exhausted.increment();
                return NONE;
            }
            boolean accepted = true;
            for (int g = 0; g < gs.length; g++) {
                if (gs[g].rejects(anchor, positive, candidate)) {
                    rejected[g].increment();
                    accepted = false;
                }
            }
            if (accepted) {
                candidates.add(tries);
                return candidate;
            }
        }
        candidates.add(maxTries);
        exhausted.increment();
        return NONE;
    }

    /** Candidates examined so far (accepted or not). */
    public long candidates() {
        return candidates.sum();
    }

    /** Candidates that guard {@code guardIndex} (its position in {@link #guards()}) rejected. */
    public long rejected(int guardIndex) {
        return rejected[guardIndex].sum();
    }

    /** Draws that returned {@link #NONE}. */
    public long exhausted() {
        return exhausted.sum();
    }

    /** The guards, in the order given to the constructor. */
    public List<NegativeGuard> guards() {
        return guardList;
    }

    /** The wrapped sampler. */
    public NegativeSampler inner() {
        return inner;
    }

    public int maxTries() {
        return maxTries;
    }
}
