package org.thymus.core.sampler;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.thymus.core.random.FastRandom;

/**
 * A base distribution with components mixed in by fractions: with probability {@code fractions[i]}
 * a draw comes from component i (hard negatives, the batch, ...), otherwise from the base. When the
 * chosen component has nothing for the pair ({@link #NONE}) the draw falls back to the base, so a
 * mixture always returns a negative if its base does. Counts how often each component served.
 */
public final class MixtureSampler implements NegativeSampler {
    private final NegativeSampler base;
    private final NegativeSampler[] components;
    /** Cumulative fractions, scaled to the 24-bit range of {@link FastRandom#nextFloat()}. */
    private final float[] cumulative;
    private final LongAdder[] served;
    private final LongAdder[] fellBack;

    public MixtureSampler(NegativeSampler base, List<NegativeSampler> components, double[] fractions) {
        if (components.size() != fractions.length) {
            throw new IllegalArgumentException(components.size() + " components but " + fractions.length + " fractions");
        }
        this.base = base;
        this.components = components.toArray(NegativeSampler[]::new);
        this.cumulative = new float[fractions.length];
        this.served = new LongAdder[fractions.length];
        this.fellBack = new LongAdder[fractions.length];
        double sum = 0;
        for (int i = 0; i < fractions.length; i++) {
            if (!(fractions[i] > 0 && fractions[i] <= 1)) {
                throw new IllegalArgumentException("a mixture fraction must be in (0, 1], got " + fractions[i]);
            }
            sum += fractions[i];
            cumulative[i] = (float) sum;
            served[i] = new LongAdder();
            fellBack[i] = new LongAdder();
        }
        if (sum > 1 + 1e-9) {
            throw new IllegalArgumentException("mixture fractions add up to " + sum + ", more than 1");
        }
    }

    @Override
    public int sample(int anchor, int positive, FastRandom rng) {
        float u = rng.nextFloat();
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                int id = components[i].sample(anchor, positive, rng);
                if (id != NONE) {
                    served[i].increment();
                    return id;
                }
                fellBack[i].increment();
                break;
            }
        }
        return base.sample(anchor, positive, rng);
    }

    public int componentCount() {
        return components.length;
    }

    /** Draws that component {@code i} served. */
    public long served(int i) {
        return served[i].sum();
    }

    /** Draws that chose component {@code i} but fell back to the base (it had nothing for the pair). */
    public long fellBack(int i) {
        return fellBack[i].sum();
    }
}
