package org.thymus.kg;

import org.thymus.core.table.EmbeddingTable;

/**
 * A knowledge-graph scoring function over an entity table and a relation table: higher scores mean
 * more plausible triples. Besides one triple's score it scores every entity as the tail (or head)
 * of a query at once, which is what ranking evaluation runs: the query's fixed part is combined
 * once and each candidate is then one kernel call over its row.
 *
 * <p>Implementations are read-only while scoring, so any number of threads may score at once.
 */
public interface KgModel {

    EmbeddingTable entities();

    EmbeddingTable relations();

    /** One triple's score; allocates a query (for tests and one-off calls; training passes a {@link Scratch}). */
    default float score(int h, int r, int t) {
        return score(h, r, t, new Scratch());
    }

    /** One triple's score, combining its query in {@code scratch}. */
    float score(int h, int r, int t, Scratch scratch);

    /** {@code out[e] = score(h, r, e)} for every entity e; {@code out} has at least entityCount slots. */
    void scoreAllTails(int h, int r, float[] out);

    /** {@code out[e] = score(e, r, t)} for every entity e. */
    void scoreAllHeads(int r, int t, float[] out);

    /**
     * {@code out[j] = score(h, r, tails[from + j])} for {@code j < count}: a batch of tail corruptions,
     * the query combined once in {@code scratch}.
     */
    void scoreTails(int h, int r, int[] tails, int from, int count, float[] out, Scratch scratch);

    /** {@code out[j] = score(heads[from + j], r, t)} for {@code j < count}, the query combined in {@code scratch}. */
    void scoreHeads(int r, int t, int[] heads, int from, int count, float[] out, Scratch scratch);

    /** {@link #scoreTails(int, int, int[], int, int, float[], Scratch)} with a fresh scratch. */
    default void scoreTails(int h, int r, int[] tails, int from, int count, float[] out) {
        scoreTails(h, r, tails, from, count, out, new Scratch());
    }

    /** {@link #scoreHeads(int, int, int[], int, int, float[], Scratch)} with a fresh scratch. */
    default void scoreHeads(int r, int t, int[] heads, int from, int count, float[] out) {
        scoreHeads(r, t, heads, from, count, out, new Scratch());
    }

    /**
     * Scores {@code queries} queries against one shared set of candidate entities:
     * {@code out[i·count + j]} is the score of query i completed by {@code candidates[j]}, where
     * query i is (kept[i], relations[i], ?) when {@code tails} and (?, relations[i], kept[i])
     * otherwise. For a dot-product model this is one matrix product (queries × candidates), its
     * operands packed in {@code scratch}.
     */
    void scoreShared(boolean tails, int[] kept, int[] relations, int queries, int[] candidates, int count,
                     float[] out, Scratch scratch);

    /** {@link #scoreShared(boolean, int[], int[], int, int[], int, float[], Scratch)} with a fresh scratch. */
    default void scoreShared(boolean tails, int[] kept, int[] relations, int queries, int[] candidates, int count,
                             float[] out) {
        scoreShared(tails, kept, relations, queries, candidates, count, out, new Scratch());
    }

    /**
     * One thread's working arrays for scoring: the combined query of a triple and, for
     * {@link #scoreShared}, the packed queries, candidates and products. A training worker keeps
     * one, so scoring an example allocates nothing. The arrays grow to the largest call seen and
     * are overwritten by every call; a scratch may serve any model, but one thread at a time.
     */
    final class Scratch {
        private float[] query = new float[0];
        private float[] queries = new float[0];
        private float[] packed = new float[0];
        private float[] products = new float[0];

        /** An array of at least {@code length} floats for one query; its contents are undefined. */
        float[] query(int length) {
            return query = atLeast(query, length);
        }

        /** At least {@code length} floats for the stacked queries of a shared batch; contents undefined. */
        float[] queries(int length) {
            return queries = atLeast(queries, length);
        }

        /** At least {@code length} floats for the packed candidates of a shared batch; contents undefined. */
        float[] packed(int length) {
            return packed = atLeast(packed, length);
        }

        /** At least {@code length} floats for the products of a shared batch; contents undefined. */
        float[] products(int length) {
            return products = atLeast(products, length);
        }

        private static float[] atLeast(float[] array, int length) {
            return array.length >= length ? array : new float[length];
        }
    }

    /**
     * Adds {@code g · d score(h, r, t) / d row} to the gradient buffers of the three rows, laid out
     * like the tables' rows ({@code dim} values from each offset). With {@code g} = d loss / d score
     * this is the loss's gradient by the chain rule.
     */
    void addGradients(int h, int r, int t, float g, float[] gh, int ghOff, float[] gr, int grOff,
                      float[] gt, int gtOff);

    /**
     * {@link #addGradients} for a corruption of one side: the triple (e, r, kept) when
     * {@code corruptHead}, else (kept, r, e); the kept entity's gradient goes to {@code gk}, the
     * corrupting entity's to {@code ge}.
     */
    default void addCorruptionGradients(boolean corruptHead, int kept, int r, int e, float g, float[] gk, int gkOff,
                                        float[] gr, int grOff, float[] ge, int geOff) {
        if (corruptHead) {
            addGradients(e, r, kept, g, ge, geOff, gr, grOff, gk, gkOff);
        } else {
            addGradients(kept, r, e, g, gk, gkOff, gr, grOff, ge, geOff);
        }
    }

    /**
     * Whether rows hold complex numbers, {@code dim} real parts then {@code dim} imaginary parts, in
     * both tables (ComplEx): N3 regularisation then takes the modulus of each complex coordinate.
     */
    default boolean complexRows() {
        return false;
    }

    /** A short name for reports and model files: "transe-l1", "transe-l2", "distmult", "complex", "rotate". */
    String name();
}
