package org.thymus.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.thymus.core.InvalidInputException;
import org.thymus.core.ann.ExactSearch;
import org.thymus.core.ann.HnswIndex;
import org.thymus.core.ann.Metric;
import org.thymus.core.ann.Neighbors;
import org.thymus.core.io.AtomicOutput;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.random.FastRandom;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.vectors.WordVectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thymus mine}: offline hard-negative mining of (anchor, positive) pairs. */
@Command(name = "mine", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Hard negatives for (anchor, positive) pairs: the neighbours of the positive whose rank "
                + "is in the band [lo, hi) (rank 1 the nearest, the positive itself not counted), the anchor "
                + "left out; up to k of them drawn at random without replacement, written in rank order as "
                + "anchor<TAB>positive<TAB>negative<TAB>rank lines.",
            "Neighbours come from the index (--index) or from exact search."})
final class MineCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--vectors", required = true, paramLabel = "FILE",
            description = "The vectors (and the vector file of --index).")
    Path vectors;

    @Option(names = "--pairs", required = true, paramLabel = "FILE",
            description = "anchor<TAB>positive lines (any whitespace separates).")
    Path pairs;

    @Option(names = "--k", defaultValue = "20", description = "Negatives per pair at most (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--band", defaultValue = "3-50", paramLabel = "LO-HI",
            description = "Ranks to draw from, LO included, HI not (default: ${DEFAULT-VALUE}).")
    String band;

    @Option(names = "--index", paramLabel = "FILE", description = "An index from 'ann build' over --vectors.")
    Path indexFile;

    @Option(names = "--ef", paramLabel = "N", description = "Index search list (default: max(64, 2 x HI)).")
    Integer ef;

    @Option(names = "--metric", paramLabel = "cosine|dot|l2",
            description = "Similarity of exact search (default: cosine; with --index, the index's).")
    String metric;

    @Option(names = "--skip-unknown", description = "Skip pairs with a word missing from the vectors (counted).")
    boolean skipUnknown;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Search threads (default: the number of CPUs).")
    Integer threads;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The negatives (TSV).")
    Path out;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the run's figures as JSON.")
    Path metricsOut;

    @Override
    public Integer call() throws IOException {
        int[] range = parseBand(band);
        int lo = range[0];
        int hi = range[1];
        if (k < 1) {
            throw new InvalidInputException("--k must be at least 1, got " + k);
        }
        if (ef != null && ef < 1) {
            throw new InvalidInputException("--ef must be at least 1, got " + ef);
        }
        if (indexFile != null && metric != null) {
            throw new InvalidInputException("--metric goes with exact search: the index has its own metric");
        }
        int threadCount = AnnCommand.threadCount(threads);
        AnnCommand.requireWritable(out, "--out");
        if (metricsOut != null) {
            AnnCommand.requireWritable(metricsOut, "--metrics-out");
        }
        PrintWriter err = spec.commandLine().getErr();
        WordVectors words = VectorFiles.load(vectors, Integer.MAX_VALUE, err).vectors();
        HnswIndex index = indexFile == null ? null : AnnCommand.loadIndex(indexFile, words, vectors);
        Metric used = index != null ? index.metric() : metric == null ? Metric.COSINE : Metric.parse(metric);
        Pairs read = Pairs.read(pairs, words, vectors, skipUnknown);

        // The neighbours of each distinct positive, ranks 1 .. hi-1 (the positive itself left out).
        int[] positives = Arrays.stream(read.positives()).distinct().sorted().toArray();
        int depth = hi - 1;
        EmbeddingTable table = words.table();
        long start = System.nanoTime();
        Neighbors neighbours = index == null
                ? ExactSearch.search(table, null, table, positives, depth, used, true, threadCount)
                : AnnCommand.withoutSelf(index.search(table, positives, depth + 1,
                        Math.max(depth + 1, ef != null ? ef : Math.max(64, 2 * hi)), threadCount), positives, depth);
        double searchSeconds = (System.nanoTime() - start) / 1e9;

        long[] written = new long[2]; // negatives, pairs with none
        AtomicOutput.write(out, stream -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            int[] eligibleRanks = new int[hi - lo];
            int[] chosen = new int[hi - lo];
            StringBuilder line = new StringBuilder();
            for (int p = 0; p < read.anchors().length; p++) {
                int anchor = read.anchors()[p];
                int positive = read.positives()[p];
                int q = Arrays.binarySearch(positives, positive);
                int eligible = 0;
                for (int rank = lo; rank < hi && rank <= neighbours.count(q); rank++) {
                    if (neighbours.id(q, rank - 1) != anchor) {
                        eligibleRanks[eligible++] = rank;
                    }
                }
                int n = drawInRankOrder(eligibleRanks, eligible, k, new FastRandom(seed * 0x9E3779B97F4A7C15L + p), chosen);
                if (n == 0) {
                    written[1]++;
                }
                for (int i = 0; i < n; i++) {
                    int rank = chosen[i];
                    line.setLength(0);
                    line.append(words.word(anchor)).append('\t').append(words.word(positive)).append('\t')
                            .append(words.word(neighbours.id(q, rank - 1))).append('\t').append(rank).append('\n');
                    w.write(line.toString());
                }
                written[0] += n;
            }
            w.flush();
        });
        err.printf(Locale.ROOT, "%,d pairs (%,d distinct positives), %s search %.3f s; %,d negatives written, "
                        + "%,d pairs with none%s%n", read.anchors().length, positives.length,
                index == null ? "exact" : "HNSW", searchSeconds, written[0], written[1],
                read.skipped() == 0 ? "" : String.format(Locale.ROOT, "; %,d pairs with unknown words skipped",
                        read.skipped()));
        if (metricsOut != null) {
            new Metrics().put("command", "mine").put("mode", index == null ? "exact" : "hnsw")
                    .put("vectors_file", vectors.toString()).put("index", indexFile == null ? null : indexFile.toString())
                    .put("metric", used.label()).put("pairs", read.anchors().length)
                    .put("pairs_skipped", read.skipped()).put("distinct_positives", positives.length)
                    .put("k", k).put("band_lo", lo).put("band_hi", hi).put("threads", threadCount).put("seed", seed)
                    .put("search_seconds", searchSeconds).put("negatives", written[0])
                    .put("pairs_without_negatives", written[1])
                    .write(metricsOut);
        }
        return 0;
    }

    /** "LO-HI" with 1 <= LO < HI. */
    static int[] parseBand(String band) {
        String[] parts = band.split("-", -1);
        try {
            if (parts.length == 2) {
                int lo = Integer.parseInt(parts[0].strip());
                int hi = Integer.parseInt(parts[1].strip());
                if (lo >= 1 && hi > lo && hi <= 1_000_000) {
                    return new int[] {lo, hi};
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new InvalidInputException("--band must be LO-HI with 1 <= LO < HI (ranks, HI excluded), got '" + band + "'");
    }

    /**
     * Up to {@code k} of {@code ranks[0 .. n)} drawn without replacement (a partial Fisher-Yates
     * shuffle), written to {@code out} sorted; returns how many.
     */
    static int drawInRankOrder(int[] ranks, int n, int k, FastRandom rng, int[] out) {
        if (n <= k) {
            System.arraycopy(ranks, 0, out, 0, n);
            return n;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = ranks[i];
            ranks[i] = ranks[j];
            ranks[j] = t;
        }
        System.arraycopy(ranks, 0, out, 0, k);
        Arrays.sort(out, 0, k);
        return k;
    }

    /** The pairs of a file as rows, and how many were skipped for unknown words. */
    record Pairs(int[] anchors, int[] positives, int skipped) {
        static Pairs read(Path file, WordVectors words, Path vectorsFile, boolean skipUnknown) throws IOException {
            List<String> unknown = new ArrayList<>();
            int[] anchors = new int[1024];
            int[] positives = new int[1024];
            int n = 0;
            int skipped = 0;
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                int lineNumber = 0;
                while ((line = reader.readLine()) != null) {
                    lineNumber++;
                    String stripped = line.strip();
                    if (stripped.isEmpty()) {
                        continue;
                    }
                    String[] fields = stripped.split("\\s+");
                    if (fields.length != 2) {
                        throw new InvalidInputException(file + " line " + lineNumber
                                + ": expected anchor<TAB>positive, got " + fields.length + " fields");
                    }
                    int anchor = words.row(fields[0]);
                    int positive = words.row(fields[1]);
                    if (anchor < 0 || positive < 0) {
                        skipped++;
                        for (int i = 0; i < 2; i++) {
                            if ((i == 0 ? anchor : positive) < 0 && unknown.size() < 6 && !unknown.contains(fields[i])) {
                                unknown.add(fields[i]);
                            }
                        }
                        continue;
                    }
                    if (n == anchors.length) {
                        anchors = Arrays.copyOf(anchors, 2 * n);
                        positives = Arrays.copyOf(positives, 2 * n);
                    }
                    anchors[n] = anchor;
                    positives[n] = positive;
                    n++;
                }
            }
            if (skipped > 0 && !skipUnknown) {
                throw new InvalidInputException(skipped + (skipped == 1 ? " pair has" : " pairs have")
                        + " words not in " + vectorsFile + ": " + String.join(", ", unknown.subList(0, Math.min(5,
                        unknown.size()))) + (unknown.size() > 5 ? ", ..." : "") + " (--skip-unknown skips them)");
            }
            if (n == 0) {
                throw new InvalidInputException("no pairs in " + file + (skipped == 0 ? "" : " with both words in " + vectorsFile));
            }
            return new Pairs(Arrays.copyOf(anchors, n), Arrays.copyOf(positives, n), skipped);
        }
    }
}
