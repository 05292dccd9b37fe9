package org.thymus.core.sampler;

import java.util.Locale;
import org.thymus.core.InvalidInputException;
import org.thymus.core.random.FastRandom;

/**
 * Draws a set of k distinct negatives for a pair from a {@link NegativeSampler}, for losses where a
 * repeat would count twice (a softmax over the positive and its negatives). One instance per
 * thread: it keeps a stamp per id.
 *
 * <p>Two ways to deal with a repeat, which give different sets when the sampler is not uniform:
 * <ul>
 *   <li>{@link Redraw#ONE} draws the repeated negative again: sampling without replacement, each
 *       negative drawn from what is left. A heavy id that was not drawn first keeps its full weight
 *       for every later slot, so heavy ids end up in more sets than under {@code ALL}.</li>
 *   <li>{@link Redraw#ALL} throws the whole set away and draws k again: the set is k independent
 *       draws conditioned on being distinct (what gensim's PoincareModel does). When heavy ids make
 *       a distinct set unlikely, after {@code maxTries} sets the last one is completed as under
 *       {@code ONE}, so the cost stays bounded.</li>
 * </ul>
 * Under a uniform sampler both give uniform sets without replacement.
 */
public final class DistinctNegatives {
    /** What is drawn again when a negative repeats. */
    public enum Redraw {
        ONE, ALL;

        public static Redraw parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "one" -> ONE;
                case "all" -> ALL;
                default -> throw new InvalidInputException("unknown redraw '" + s + "' (one or all)");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final NegativeSampler sampler;
    private final int k;
    private final Redraw redraw;
    private final int maxTries;
    /** Per id, the stamp of the set that holds it: membership in O(1) without clearing. */
    private final int[] drawnAt;
    private int stamp;
    private long missing;
    private long setsDiscarded;

    /**
     * @param ids      negatives are in [0, ids)
     * @param maxTries redraws of one negative (and, under {@code ALL}, of a whole set) before giving up on it
     */
    public DistinctNegatives(NegativeSampler sampler, int ids, int k, Redraw redraw, int maxTries) {
        if (k < 1 || ids < 1 || maxTries < 1) {
            throw new IllegalArgumentException("k, ids and maxTries must be >= 1");
        }
        this.sampler = sampler;
        this.k = k;
        this.redraw = redraw;
        this.maxTries = maxTries;
        this.drawnAt = new int[ids];
    }

    /**
     * Writes up to k distinct negatives of (anchor, positive) to {@code out[from..]} and returns how
     * many: fewer when the sampler had none to give ({@link NegativeSampler#NONE}) or kept repeating.
     */
    public int draw(int anchor, int positive, FastRandom rng, int[] out, int from) {
        for (int attempt = 1; ; attempt++) {
            boolean completeOnRepeat = redraw == Redraw.ONE || attempt == maxTries;
            int count = drawSet(anchor, positive, rng, out, from, completeOnRepeat);
            if (count >= 0) {
                return count;
            }
            setsDiscarded++;
        }
    }

    /** One set; -1 when a repeat ended it and {@code completeOnRepeat} is false. */
    private int drawSet(int anchor, int positive, FastRandom rng, int[] out, int from, boolean completeOnRepeat) {
        stamp++;
        int m = 0;
        int none = 0;
        for (int j = 0; j < k; j++) {
            int n = sampler.sample(anchor, positive, rng);
            if (n != NegativeSampler.NONE && drawnAt[n] == stamp) {
                if (!completeOnRepeat) {
                    return -1;
                }
                for (int retry = 0; retry < maxTries && n != NegativeSampler.NONE && drawnAt[n] == stamp; retry++) {
                    n = sampler.sample(anchor, positive, rng);
                }
                if (n != NegativeSampler.NONE && drawnAt[n] == stamp) {
                    n = NegativeSampler.NONE;
                }
            }
            if (n == NegativeSampler.NONE) {
                none++;
            } else {
                out[from + m++] = n;
                drawnAt[n] = stamp;
            }
        }
        missing += none;
        return m;
    }

    /** Negatives that could not be drawn so far (the sampler had none, or only repeats). */
    public long missing() {
        return missing;
    }

    /** Sets thrown away for a repeat (under {@code ALL}). */
    public long setsDiscarded() {
        return setsDiscarded;
    }
}
