package org.thymus.hyperbolic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.InputFiles;
import org.thymus.core.sampler.NegativeGuard;
import org.thymus.core.sampler.PairSet;
import org.thymus.core.token.SymbolTable;

/**
 * A list of directed relations (u, v) between named nodes — typically the transitive closure of a
 * taxonomy, u a node and v one of its ancestors — with the indexes training and evaluation need:
 * the relations of each node (CSR, sorted), an exact pair set, and how often each node occurs.
 * Relations are ordered pairs: (u, v) does not imply (v, u). A self relation (u, u) carries no
 * information under a distance and is skipped; a repeated relation is kept once. Both are counted.
 */
public final class Hierarchy {
    private final String[] names;
    private final int[] from;
    private final int[] to;
    private final int[] offsets;
    private final int[] related;
    private final int[] relationAt;
    private final int[] inOffsets;
    private final int[] sources;
    private final SymbolTable symbols;
    private final long[] occurrences;
    private final PairSet pairs;
    private final long selfRelationsSkipped;
    private final long duplicatesSkipped;

    private Hierarchy(SymbolTable symbols, String[] names, int[] from, int[] to, long selfSkipped,
                      long duplicatesSkipped, PairSet pairs) {
        this.symbols = symbols;
        this.names = names;
        this.from = from;
        this.to = to;
        this.pairs = pairs;
        this.selfRelationsSkipped = selfSkipped;
        this.duplicatesSkipped = duplicatesSkipped;
        int n = names.length;
        offsets = new int[n + 1];
        occurrences = new long[n];
        for (int r = 0; r < from.length; r++) {
            offsets[from[r] + 1]++;
            occurrences[from[r]]++;
            occurrences[to[r]]++;
        }
        for (int i = 0; i < n; i++) {
            offsets[i + 1] += offsets[i];
        }
        // Relations ordered by (from, to): a counting sort on the target, then a stable one on the source.
        int[] byTarget = countingOrder(to, identity(from.length), n);
        relationAt = countingOrder(from, byTarget, n);
        related = new int[from.length];
        for (int i = 0; i < related.length; i++) {
            related[i] = to[relationAt[i]];
        }
        inOffsets = new int[n + 1];
        for (int v : to) {
            inOffsets[v + 1]++;
        }
        for (int i = 0; i < n; i++) {
            inOffsets[i + 1] += inOffsets[i];
        }
        sources = new int[from.length];
        int[] at = Arrays.copyOf(inOffsets, n);
        for (int r : relationAt) { // in (from, to) order: each node's sources come out sorted
            sources[at[to[r]]++] = from[r];
        }
    }

    private static int[] identity(int m) {
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        return order;
    }

    /** {@code order} stably re-sorted by {@code key[order[i]]} in {@code [0, n)}. */
    private static int[] countingOrder(int[] key, int[] order, int n) {
        int[] start = new int[n + 1];
        for (int r : order) {
            start[key[r] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] sorted = new int[order.length];
        for (int r : order) {
            sorted[start[key[r]]++] = r;
        }
        return sorted;
    }

    /**
     * Reads {@code u<TAB>v} lines (any whitespace separates; blank lines and lines starting with
     * '#' are skipped) from a plain or .gz file.
     */
    public static Hierarchy read(Path file) throws IOException {
        Builder builder = new Builder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                InputFiles.open(file, "relations"), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            long lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String stripped = line.strip();
                if (stripped.isEmpty() || stripped.charAt(0) == '#') {
                    continue;
                }
                String[] fields = stripped.split("\\s+");
                if (fields.length != 2) {
                    throw new InvalidInputException(file + " line " + lineNumber + ": expected two nodes (u<TAB>v), got "
                            + fields.length + " field" + (fields.length == 1 ? "" : "s"));
                }
                builder.add(fields[0], fields[1]);
            }
        }
        if (builder.size() == 0) {
            throw new InvalidInputException("no relations in " + file
                    + (builder.selfSkipped > 0 ? " (only self relations u<TAB>u)" : ""));
        }
        return builder.build();
    }

    /** Collects relations by name. */
    public static final class Builder {
        private final SymbolTable symbols = new SymbolTable();
        private final PairSet seen = new PairSet(1 << 10);
        private int[] from = new int[1024];
        private int[] to = new int[1024];
        private int size;
        private long selfSkipped;
        private long duplicates;

        /** Adds the relation (u, v): u is pulled towards v. */
        public Builder add(String u, String v) {
            int a = id(u);
            int b = id(v);
            if (a == b) {
                selfSkipped++;
            } else if (seen.contains(a, b)) {
                duplicates++;
            } else {
                seen.add(a, b);
                if (size == from.length) {
                    from = Arrays.copyOf(from, 2 * size);
                    to = Arrays.copyOf(to, 2 * size);
                }
                from[size] = a;
                to[size] = b;
                size++;
            }
            return this;
        }

        /** Makes sure a node exists (e.g. one that occurs only in held-out relations). */
        public int id(String name) {
            int id = symbols.find(name);
            return id >= 0 ? id : symbols.add(name);
        }

        public int size() {
            return size;
        }

        public Hierarchy build() {
            String[] names = new String[symbols.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = symbols.symbol(i);
            }
            return new Hierarchy(symbols, names, Arrays.copyOf(from, size), Arrays.copyOf(to, size), selfSkipped, duplicates, seen);
        }
    }

    public int nodeCount() {
        return names.length;
    }

    public int relationCount() {
        return from.length;
    }

    public String name(int node) {
        return names[node];
    }

    /** The node called {@code name}, or -1. */
    public int node(String name) {
        return symbols.find(name);
    }

    /** The source of relation {@code r} (the node pulled). */
    public int from(int r) {
        return from[r];
    }

    /** The target of relation {@code r} (an ancestor in a closure). */
    public int to(int r) {
        return to[r];
    }

    /** How many relations start at {@code node}: in a transitive closure, its number of ancestors — its depth. */
    public int outDegree(int node) {
        return offsets[node + 1] - offsets[node];
    }

    /** How many relations end at {@code node}: in a transitive closure, its number of descendants. */
    public int inDegree(int node) {
        return inOffsets[node + 1] - inOffsets[node];
    }

    /** The {@code i}-th (0-based, in id order) node related to {@code node}: a descendant in a closure. */
    public int source(int node, int i) {
        return sources[inOffsets[node] + i];
    }

    /** The targets of {@code node}'s relations, sorted, as a slice {@code [start, end)} of {@link #relatedArray()}. */
    public int relatedStart(int node) {
        return offsets[node];
    }

    public int relatedEnd(int node) {
        return offsets[node + 1];
    }

    /** The shared CSR array behind {@link #relatedStart}; read only. */
    public int[] relatedArray() {
        return related;
    }

    /** True when (u, v) is a relation. */
    public boolean isRelated(int u, int v) {
        return pairs.contains(u, v);
    }

    /**
     * A guard that rejects u itself and every node u is related to: a binary search in u's sorted
     * targets, which stay in cache while u's negatives are drawn (a hashed pair set would cost a
     * cache miss per draw).
     */
    public NegativeGuard relatedGuard() {
        return new NegativeGuard() {
            @Override
            public boolean rejects(int anchor, int positive, int candidate) {
                return candidate == anchor
                        || Arrays.binarySearch(related, offsets[anchor], offsets[anchor + 1], candidate) >= 0;
            }

            @Override
            public String name() {
                return "related";
            }
        };
    }


    /** How often each node occurs in the relations, either end (gensim's "count"); read only. */
    public long[] occurrences() {
        return occurrences;
    }

    public long selfRelationsSkipped() {
        return selfRelationsSkipped;
    }

    public long duplicatesSkipped() {
        return duplicatesSkipped;
    }

    /**
     * Marks the relations of the transitive reduction: (u, v) is basic when no other target w of
     * u has v among its own targets (v is a parent of u, not a more distant ancestor).
     */
    public boolean[] basicRelations() {
        boolean[] basic = new boolean[from.length];
        int[] stamp = new int[names.length];
        Arrays.fill(stamp, -1);
        for (int u = 0; u < names.length; u++) {
            for (int i = offsets[u]; i < offsets[u + 1]; i++) {
                int w = related[i];
                for (int j = offsets[w]; j < offsets[w + 1]; j++) {
                    stamp[related[j]] = u;
                }
            }
            for (int i = offsets[u]; i < offsets[u + 1]; i++) {
                basic[relationAt[i]] = stamp[related[i]] != u;
            }
        }
        return basic;
    }

}
