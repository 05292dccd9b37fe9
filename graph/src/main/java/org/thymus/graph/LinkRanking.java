package org.thymus.graph;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.thymus.core.concurrent.Parallel;

/**
 * Link prediction as ranking: each held-out edge (u, v) asks where v's score stands among the
 * scores of u's candidates — every node w that is not u, not v and not a neighbour of u in the
 * training (residual) graph — and reports the mean reciprocal rank, Hits@1, @10, @50 and the mean
 * rank (the protocol of OGB's link-prediction tasks and of knowledge-graph completion, here against
 * all nodes rather than a sample).
 *
 * <p>Two settings in one pass. Filtered: u's other held-out partners are left out of the candidates
 * too, as they are true links (Bordes et al. 2013). Raw: they stay in and may outrank v.
 *
 * <p>Ties count half: the rank is 1 + (candidates scoring above v) + (candidates scoring the same) / 2,
 * the mean rank v would get if ties were broken at random. A heuristic that gives most nodes the same
 * score (no common neighbour) therefore ranks a positive with that score in the middle of them, not
 * first (optimistic) or last (pessimistic). Hits@k counts the ranks ≤ k.
 *
 * <p>Directions: in a directed graph the query of (u, v) is u's view only. In an undirected graph the
 * query is u's view of each pair as given, or, with {@code bothDirections}, also v's view of u (each
 * a query of its own in the means); either way u's held-out partners are all the held-out edges at u.
 *
 * <p>Cost: the scorer is called once per source node and candidate (the queries of one source node
 * share its scores); threads take source nodes in turn. Each thread holds one int a node.
 */
public final class LinkRanking {
    private LinkRanking() {
    }

    /** The means over the queries of one setting. */
    public record Ranks(double meanReciprocalRank, double hitsAt1, double hitsAt10, double hitsAt50, double meanRank) {
        static Ranks of(double[] ranks) {
            double reciprocal = 0;
            double sum = 0;
            long at1 = 0;
            long at10 = 0;
            long at50 = 0;
            for (double rank : ranks) {
                reciprocal += 1 / rank;
                sum += rank;
                at1 += rank <= 1 ? 1 : 0;
                at10 += rank <= 10 ? 1 : 0;
                at50 += rank <= 50 ? 1 : 0;
            }
            double n = ranks.length;
            return new Ranks(reciprocal / n, at1 / n, at10 / n, at50 / n, sum / n);
        }
    }

    /**
     * @param queries  the ranked pairs: the held-out edges, twice in both directions
     * @param filtered other held-out partners of the source left out of the candidates
     * @param raw      they compete with the target
     */
    public record Result(long queries, Ranks filtered, Ranks raw, double seconds) {
    }

    /**
     * Ranks every held-out edge of {@code heldOut} against the candidates of the training graph
     * {@code training}, scored by {@code scorer}, on {@code threads} threads. The result does not
     * depend on the threads.
     */
    public static Result evaluate(Graph training, NodePairs heldOut, LinkScorer scorer, boolean bothDirections,
                                  int threads) {
        long start = System.nanoTime();
        if (heldOut.size() == 0) {
            throw new IllegalArgumentException("no held-out edges to rank");
        }
        if (bothDirections && training.isDirected()) {
            throw new IllegalArgumentException("both directions are for undirected graphs: in a directed one (v, u) "
                    + "is not a held-out edge");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int n = training.nodeCount();
        for (int i = 0; i < heldOut.size(); i++) {
            int u = heldOut.from()[i];
            int v = heldOut.to()[i];
            if (u < 0 || u >= n || v < 0 || v >= n || u == v) {
                throw new IllegalArgumentException("held-out pair " + i + " (" + u + ", " + v
                        + ") is not a pair of distinct nodes of the graph (" + n + " nodes)");
            }
            if (training.hasEdge(u, v)) {
                throw new IllegalArgumentException("held-out edge (" + training.name(u) + ", " + training.name(v)
                        + ") is an edge of the training graph");
            }
        }
        boolean symmetric = !training.isDirected();
        Lists queries = Lists.of(n, heldOut, bothDirections);
        Lists partners = Lists.of(n, heldOut, symmetric).distinct();
        int[] sources = queries.sources();
        double[] filteredRanks = new double[queries.targets.length];
        double[] rawRanks = new double[queries.targets.length];
        AtomicInteger next = new AtomicInteger();
        Parallel.run(Math.max(1, Math.min(threads, sources.length)), worker -> {
            Query query = new Query(training, scorer, queries, partners);
            int s;
            while ((s = next.getAndIncrement()) < sources.length) {
                query.rank(sources[s], filteredRanks, rawRanks);
            }
        });
        return new Result(filteredRanks.length, Ranks.of(filteredRanks), Ranks.of(rawRanks),
                (System.nanoTime() - start) / 1e9);
    }

    /** Pairs grouped by their first node: node u's second nodes are {@code targets[starts[u] .. starts[u + 1])}. */
    private record Lists(int[] starts, int[] targets) {
        /** The pairs as given, and with {@code reversed} each one reversed too. */
        static Lists of(int n, NodePairs pairs, boolean reversed) {
            int[] starts = new int[n + 1];
            for (int i = 0; i < pairs.size(); i++) {
                starts[pairs.from()[i] + 1]++;
                if (reversed) {
                    starts[pairs.to()[i] + 1]++;
                }
            }
            for (int u = 0; u < n; u++) {
                starts[u + 1] += starts[u];
            }
            int[] fill = Arrays.copyOf(starts, n);
            int[] targets = new int[starts[n]];
            for (int i = 0; i < pairs.size(); i++) {
                targets[fill[pairs.from()[i]]++] = pairs.to()[i];
                if (reversed) {
                    targets[fill[pairs.to()[i]]++] = pairs.from()[i];
                }
            }
            return new Lists(starts, targets);
        }

        /** Each list sorted and without repeats (a pair given twice, or both ways, is one partner). */
        Lists distinct() {
            int n = starts.length - 1;
            int[] newStarts = new int[n + 1];
            int out = 0;
            for (int u = 0; u < n; u++) {
                Arrays.sort(targets, starts[u], starts[u + 1]);
                for (int i = starts[u]; i < starts[u + 1]; i++) {
                    if (out == newStarts[u] || targets[out - 1] != targets[i]) {
                        targets[out++] = targets[i];
                    }
                }
                newStarts[u + 1] = out;
            }
            return new Lists(newStarts, Arrays.copyOf(targets, out));
        }

        /** The nodes with at least one pair. */
        int[] sources() {
            int n = starts.length - 1;
            int count = 0;
            for (int u = 0; u < n; u++) {
                count += starts[u + 1] > starts[u] ? 1 : 0;
            }
            int[] sources = new int[count];
            count = 0;
            for (int u = 0; u < n; u++) {
                if (starts[u + 1] > starts[u]) {
                    sources[count++] = u;
                }
            }
            return sources;
        }
    }

    /** One thread's scratch space: the queries of one source node at a time. */
    private static final class Query {
        private final Graph training;
        private final LinkScorer scorer;
        private final Lists queries;
        private final Lists partners;
        /** {@code stamp} (source u's) marks u and its training neighbours, {@code -stamp} u's held-out partners. */
        private final int[] marks;
        private int stamp;
        private double[] targetScores = new double[0];
        private double[] sortedScores = new double[0];
        private long[] aboveFiltered = new long[0]; // difference arrays over the sorted target scores
        private long[] tiedFiltered = new long[0];
        private long[] abovePartners = new long[0];
        private long[] tiedPartners = new long[0];

        Query(Graph training, LinkScorer scorer, Lists queries, Lists partners) {
            this.training = training;
            this.scorer = scorer;
            this.queries = queries;
            this.partners = partners;
            this.marks = new int[training.nodeCount()];
        }

        /**
         * Ranks the targets of source u's queries. Their scores are sorted once; each candidate's score
         * is placed among them by binary search and counted, through difference arrays, as above the
         * targets that score less and tied with those that score the same.
         */
        void rank(int u, double[] filteredRanks, double[] rawRanks) {
            int from = queries.starts[u];
            int m = queries.starts[u + 1] - from;
            grow(m);
            stamp++;
            marks[u] = stamp;
            int[] neighbours = training.neighbourArray();
            for (int i = training.neighboursStart(u); i < training.neighboursEnd(u); i++) {
                marks[neighbours[i]] = stamp;
            }
            for (int i = partners.starts[u]; i < partners.starts[u + 1]; i++) {
                marks[partners.targets[i]] = -stamp;
            }
            for (int q = 0; q < m; q++) {
                targetScores[q] = score(u, queries.targets[from + q]);
                sortedScores[q] = targetScores[q];
            }
            Arrays.sort(sortedScores, 0, m);
            Arrays.fill(aboveFiltered, 0, m + 1, 0);
            Arrays.fill(tiedFiltered, 0, m + 1, 0);
            Arrays.fill(abovePartners, 0, m + 1, 0);
            Arrays.fill(tiedPartners, 0, m + 1, 0);
            for (int w = 0; w < marks.length; w++) {
                int mark = marks[w];
                if (mark == stamp) {
                    continue;
                }
                boolean partner = mark == -stamp;
                count(score(u, w), m, partner ? abovePartners : aboveFiltered, partner ? tiedPartners : tiedFiltered);
            }
            for (int i = 1; i <= m; i++) {
                aboveFiltered[i] += aboveFiltered[i - 1];
                tiedFiltered[i] += tiedFiltered[i - 1];
                abovePartners[i] += abovePartners[i - 1];
                tiedPartners[i] += tiedPartners[i - 1];
            }
            for (int q = 0; q < m; q++) {
                int p = firstAtLeast(sortedScores, m, targetScores[q]);
                double filtered = 1 + aboveFiltered[p] + tiedFiltered[p] / 2.0;
                filteredRanks[from + q] = filtered;
                // The target is one of u's partners and ties with itself: that tie is not a competitor.
                rawRanks[from + q] = filtered + abovePartners[p] + (tiedPartners[p] - 1) / 2.0;
            }
        }

        private double score(int u, int w) {
            double s = scorer.score(u, w);
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("the scorer gave NaN for (" + training.name(u) + ", "
                        + training.name(w) + ")");
            }
            return s;
        }

        /** A candidate scoring s is above the targets at sorted positions [0, lo) and tied with [lo, hi). */
        private void count(double s, int m, long[] above, long[] tied) {
            int lo = firstAtLeast(sortedScores, m, s);
            int hi = lo;
            while (hi < m && sortedScores[hi] == s) {
                hi++;
            }
            above[0]++;
            above[lo]--;
            tied[lo]++;
            tied[hi]--;
        }

        private void grow(int m) {
            if (targetScores.length < m) {
                targetScores = new double[m];
                sortedScores = new double[m];
                aboveFiltered = new long[m + 1];
                tiedFiltered = new long[m + 1];
                abovePartners = new long[m + 1];
                tiedPartners = new long[m + 1];
            }
        }

        /** The first index i of sorted {@code a[0..m)} with a[i] >= key (m if none). */
        private static int firstAtLeast(double[] a, int m, double key) {
            int lo = 0;
            int hi = m;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] < key) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
