package org.thymus.core.ann;

/**
 * The {@code k} nearest candidates of each of {@code queries} queries, row-major: the neighbours of
 * query {@code q} are {@code ids[q*k .. q*k+k)}, best first, with their scores (higher is better,
 * see {@link Metric}). A query with fewer than {@code k} candidates is padded with id {@code -1} and
 * score {@link Float#NEGATIVE_INFINITY}, so no score is ever NaN.
 */
public record Neighbors(int queries, int k, int[] ids, float[] scores) {
    public Neighbors {
        if (queries < 0 || k < 0 || ids.length != (long) queries * k || scores.length != ids.length) {
            throw new IllegalArgumentException("neighbours of " + queries + " queries x " + k + " need "
                    + (long) queries * k + " ids and scores, got " + ids.length + " and " + scores.length);
        }
    }

    /** The id of the neighbour of rank {@code rank} (0 = best) of query {@code query}, or -1. */
    public int id(int query, int rank) {
        return ids[index(query, rank)];
    }

    /** The score of that neighbour, or negative infinity for padding. */
    public float score(int query, int rank) {
        return scores[index(query, rank)];
    }

    /** How many real neighbours query {@code query} has (k unless padded). */
    public int count(int query) {
        int n = 0;
        while (n < k && ids[query * k + n] >= 0) {
            n++;
        }
        return n;
    }

    private int index(int query, int rank) {
        if (query < 0 || query >= queries || rank < 0 || rank >= k) {
            throw new IndexOutOfBoundsException("query " + query + " of " + queries + ", rank " + rank + " of " + k);
        }
        return query * k + rank;
    }
}
