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
     * One thread's working arrays for scoring: the combined query of a triple (and its gradient) and, for
     * {@link #scoreShared}, the packed queries, candidates and products. A training worker keeps
     * one, so scoring an example allocates nothing. The arrays grow to the largest call seen and
     * are overwritten by every call; a scratch may serve any model, but one thread at a time.
     */
    final class Scratch {
        private float[] query = new float[0];
        private float[] queryGradient = new float[0];
        private float[] queries = new float[0];
        private float[] packed = new float[0];
        private float[] products = new float[0];

        /** An array of at least {@code length} floats for one query; its contents are undefined. */
        float[] query(int length) {
            return query = atLeast(query, length);
        }

        /** At least {@code length} floats for the gradient of one query; contents undefined. */
        float[] queryGradient(int length) {
            return queryGradient = atLeast(queryGradient, length);
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
     * Adds the gradients of one example's scores to its rows' buffers: for {@code j < count},
     * {@code g[j] · d score_j / d row}, where score_j is that of the triple (candidates[j], r, kept)
     * when {@code corruptHead}, else (kept, r, candidates[j]). The kept entity's gradient goes to
     * {@code gk} from {@code gkOff}, the relation's to {@code gr} from {@code grOff}, candidate j's
     * to {@code ge} from {@code geOffsets[j]}; buffers are laid out like the tables' rows ({@code dim}
     * values). With g = d loss / d score this is the loss's gradient by the chain rule. The query
     * (the kept entity combined with the relation) is formed once and its gradient summed over the
     * candidates before it is passed back to the kept and relation rows, as scoring forms it once.
     */
    void addCorruptionGradients(boolean corruptHead, int kept, int r, int[] candidates, float[] g, int count,
                                float[] gk, int gkOff, float[] gr, int grOff, float[] ge, int[] geOffsets,
                                Scratch scratch);

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
