package org.thymus.hyperbolic;

import org.thymus.core.InvalidInputException;
import org.thymus.core.random.FastRandom;

/**
 * The link-prediction split of a transitive closure: a random share of the relations is held out,
 * drawn only among those that are not in the transitive reduction. Every parent edge stays in
 * training, so each held-out ancestor is still implied by what the model sees: the task is to
 * infer the missing transitive edges, not to guess unseen parents.
 */
public final class HierarchySplit {
    private HierarchySplit() {
    }

    /**
     * Marks {@code round(fraction x relations)} held-out relations, uniformly among the non-basic
     * ones (seeded); fails when there are fewer non-basic relations than that.
     */
    public static boolean[] heldOut(Hierarchy hierarchy, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new InvalidInputException("the held-out fraction must be in (0, 1), got " + fraction);
        }
        boolean[] basic = hierarchy.basicRelations();
        int[] candidates = new int[basic.length];
        int n = 0;
        for (int r = 0; r < basic.length; r++) {
            if (!basic[r]) {
                candidates[n++] = r;
            }
        }
        long wanted = Math.round(fraction * hierarchy.relationCount());
        if (wanted > n) {
            throw new InvalidInputException(String.format(java.util.Locale.ROOT,
                    "cannot hold out %d relations (%.1f %%): only %d are not parent edges of the transitive reduction",
                    wanted, 100 * fraction, n));
        }
        FastRandom rng = new FastRandom(seed);
        boolean[] held = new boolean[basic.length];
        for (int i = 0; i < wanted; i++) { // partial Fisher-Yates
            int j = i + rng.nextInt(n - i);
            int t = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = t;
            held[candidates[i]] = true;
        }
        return held;
    }
}
