package org.thymus.cli;

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
import org.thymus.core.io.Word2VecFormat.Loaded;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.vectors.WordVectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thymus ann}: build and query an approximate nearest-neighbour (HNSW) index. */
@Command(name = "ann", mixinStandardHelpOptions = true,
        description = "Approximate nearest neighbours: an HNSW index over a vector file.",
        subcommands = {AnnCommand.Build.class, AnnCommand.Query.class})
final class AnnCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Build an HNSW index over every vector of a file and save it (vectors and graph; "
                    + "the words stay in the vector file, which 'ann query' takes again)."})
    static final class Build implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--vectors", required = true, paramLabel = "FILE",
                description = "The vectors (word2vec text or binary, fastText .vec; gzip allowed).")
        Path vectors;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The index file to write.")
        Path out;

        @Option(names = "--metric", defaultValue = "cosine", paramLabel = "cosine|dot|l2",
                description = "Similarity (default: ${DEFAULT-VALUE}).")
        String metric;

        @Option(names = "--m", defaultValue = "16", paramLabel = "M",
                description = "Links a node on the upper layers, 2M on layer 0 (default: ${DEFAULT-VALUE}).")
        int m;

        @Option(names = "--ef-construction", defaultValue = "100", paramLabel = "N",
                description = "Candidate list while inserting (default: ${DEFAULT-VALUE}).")
        int efConstruction;

        @Option(names = "--threads", paramLabel = "N", description = "Build threads (default: the number of CPUs).")
        Integer threads;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the node levels (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the run's figures as JSON.")
        Path metricsOut;

        @Override
        public Integer call() throws IOException {
            Metric parsed = Metric.parse(metric);
            if (m < 2 || m > 512) {
                throw new InvalidInputException("--m must be in [2, 512], got " + m);
            }
            if (efConstruction < 1) {
                throw new InvalidInputException("--ef-construction must be at least 1, got " + efConstruction);
            }
            int threadCount = threadCount(threads);
            requireWritable(out, "--out");
            if (metricsOut != null) {
                requireWritable(metricsOut, "--metrics-out");
            }
            PrintWriter err = spec.commandLine().getErr();
            Loaded loaded = VectorFiles.load(vectors, Integer.MAX_VALUE, err);
            EmbeddingTable table = loaded.vectors().table();
            long start = System.nanoTime();
            HnswIndex index = HnswIndex.build(table, parsed, m, efConstruction, threadCount, seed);
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            index.save(out);
            double saveSeconds = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "built an HNSW index of %,d vectors (%s, M=%d, efConstruction=%d, %d threads) "
                    + "in %.2f s; wrote %s in %.2f s%n", index.size(), parsed.label(), m, efConstruction, threadCount,
                    buildSeconds, out, saveSeconds);
            if (metricsOut != null) {
                new Metrics().put("command", "ann build").put("vectors_file", vectors.toString())
                        .put("build_seconds", buildSeconds).put("vectors", index.size()).put("dim", index.dim())
                        .put("metric", parsed.label()).put("m", m).put("ef_construction", efConstruction)
                        .put("threads", threadCount).put("seed", seed).put("levels", index.maxLevel() + 1)
                        .put("save_seconds", saveSeconds).put("index_bytes", Files.size(out))
                        .write(metricsOut);
            }
            return 0;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The k nearest words of each query word (one a line), through the index or by exact "
                    + "search; the query word itself is left out. Writes query<TAB>neighbour<TAB>rank<TAB>score "
                    + "lines, rank 1 the nearest."})
    static final class Query implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--index", paramLabel = "FILE",
                description = "The index from 'ann build' (optional with --exact).")
        Path indexFile;

        @Option(names = "--vectors", required = true, paramLabel = "FILE",
                description = "The vector file the index was built from (it holds the words).")
        Path vectors;

        @Option(names = "--queries", required = true, paramLabel = "FILE", description = "Query words, one a line.")
        Path queries;

        @Option(names = "--k", defaultValue = "10", description = "Neighbours per query (default: ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--ef", defaultValue = "64",
                description = "Candidate list of the search, at least k + 1 is used (default: ${DEFAULT-VALUE}).")
        int ef;

        @Option(names = "--exact", description = "Exact search (batched brute force) instead of the index.")
        boolean exact;

        @Option(names = "--metric", paramLabel = "cosine|dot|l2",
                description = "Similarity for --exact without --index (default: cosine; with an index, its own).")
        String metric;

        @Option(names = "--recall", description = "Also run exact search and report recall@k of the answer.")
        boolean recall;

        @Option(names = "--skip-unknown", description = "Skip query words missing from the vectors (counted) "
                + "instead of failing.")
        boolean skipUnknown;

        @Option(names = "--threads", paramLabel = "N", description = "Search threads (default: the number of CPUs).")
        Integer threads;

        @Option(names = "--warmup", paramLabel = "N",
                description = "Search the first N queries once, untimed, before the timed search, so that the "
                        + "JIT has compiled the search (default: all of them, one untimed pass; 0: none).")
        Integer warmup;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The neighbours (TSV).")
        Path out;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the run's figures as JSON.")
        Path metricsOut;

        @Override
        public Integer call() throws IOException {
            if (k < 1) {
                throw new InvalidInputException("--k must be at least 1, got " + k);
            }
            if (ef < 1) {
                throw new InvalidInputException("--ef must be at least 1, got " + ef);
            }
            if (warmup != null && warmup < 0) {
                throw new InvalidInputException("--warmup must be at least 0, got " + warmup);
            }
            if (indexFile == null && !exact) {
                throw new InvalidInputException("give --index, or --exact for exact search");
            }
            if (indexFile != null && metric != null) {
                throw new InvalidInputException("--metric goes with --exact alone: the index has its own metric");
            }
            int threadCount = threadCount(threads);
            requireWritable(out, "--out");
            if (metricsOut != null) {
                requireWritable(metricsOut, "--metrics-out");
            }
            PrintWriter err = spec.commandLine().getErr();
            long loadStart = System.nanoTime();
            Loaded loaded = VectorFiles.load(vectors, Integer.MAX_VALUE, err);
            WordVectors words = loaded.vectors();
            HnswIndex index = indexFile == null ? null : loadIndex(indexFile, words, vectors);
            Metric used = index != null ? index.metric() : metric == null ? Metric.COSINE : Metric.parse(metric);
            QueryWords query = QueryWords.read(queries, words, vectors, skipUnknown);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            EmbeddingTable table = words.table();

            int warmupQueries = warmup == null ? query.rows().length : Math.min(warmup, query.rows().length);
            double warmupSeconds = 0;
            if (warmupQueries > 0) {
                long warmupStart = System.nanoTime();
                search(index, table, Arrays.copyOf(query.rows(), warmupQueries), used, threadCount);
                warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
            }
            long start = System.nanoTime();
            Neighbors found = search(index, table, query.rows(), used, threadCount);
            double searchSeconds = (System.nanoTime() - start) / 1e9;
            double qps = query.rows().length / Math.max(searchSeconds, 1e-9);
            Double recallAtK = null;
            if (recall) {
                Neighbors truth = exact ? found
                        : ExactSearch.search(table, null, table, query.rows(), k, used, true, threadCount);
                recallAtK = recall(found, truth);
            }
            AtomicOutput.write(out, stream -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                StringBuilder line = new StringBuilder();
                for (int q = 0; q < found.queries(); q++) {
                    String word = words.word(query.rows()[q]);
                    for (int r = 0; r < found.count(q); r++) {
                        line.setLength(0);
                        line.append(word).append('\t').append(words.word(found.id(q, r))).append('\t')
                                .append(r + 1).append('\t').append(found.score(q, r)).append('\n');
                        w.write(line.toString());
                    }
                }
                w.flush();
            });
            err.printf(Locale.ROOT, "%,d queries, %s search: %.3f s (%,.0f queries/s, %d threads)%s%s%n",
                    query.rows().length, exact ? "exact" : "HNSW ef=" + Math.max(ef, k + 1), searchSeconds, qps,
                    threadCount, recallAtK == null ? "" : String.format(Locale.ROOT, ", recall@%d %.4f", k, recallAtK),
                    query.skipped() == 0 ? "" : String.format(Locale.ROOT, "; %,d unknown query words skipped",
                            query.skipped()));
            if (metricsOut != null) {
                Metrics metrics = new Metrics().put("command", "ann query")
                        .put("mode", exact ? "exact" : "hnsw")
                        .put("index", indexFile == null ? null : indexFile.toString())
                        .put("vectors_file", vectors.toString()).put("vectors", words.size()).put("dim", words.dim())
                        .put("metric", used.label())
                        .put("queries", query.rows().length).put("unknown_queries_skipped", query.skipped())
                        .put("k", k).put("ef", exact ? null : Math.max(ef, k + 1)).put("threads", threadCount)
                        .put("warmup_queries", warmupQueries).put("warmup_seconds", warmupSeconds)
                        .put("load_seconds", loadSeconds).put("search_seconds", searchSeconds)
                        .put("queries_per_second", qps);
                if (recallAtK != null) {
                    metrics.put("recall_at_k", recallAtK);
                }
                metrics.write(metricsOut);
            }
            return 0;
        }

        private Neighbors search(HnswIndex index, EmbeddingTable table, int[] rows, Metric used, int threadCount) {
            return exact ? ExactSearch.search(table, null, table, rows, k, used, true, threadCount)
                    : withoutSelf(index.search(table, rows, k + 1, Math.max(ef, k + 1), threadCount), rows, k);
        }
    }

    /** Query words read from a file, as rows of the vectors, and how many were unknown and skipped. */
    record QueryWords(int[] rows, int skipped) {
        static QueryWords read(Path file, WordVectors words, Path vectorsFile, boolean skipUnknown) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> unknown = new ArrayList<>();
            int[] rows = new int[lines.size()];
            int n = 0;
            for (String line : lines) {
                String word = line.strip();
                if (word.isEmpty()) {
                    continue;
                }
                int row = words.row(word);
                if (row < 0) {
                    unknown.add(word);
                } else {
                    rows[n++] = row;
                }
            }
            if (!unknown.isEmpty() && !skipUnknown) {
                throw unknownWords(unknown, vectorsFile);
            }
            if (n == 0) {
                throw new InvalidInputException("no query words in " + file
                        + (unknown.isEmpty() ? "" : " that are in " + vectorsFile));
            }
            return new QueryWords(Arrays.copyOf(rows, n), unknown.size());
        }
    }

    /** "N words are not in FILE: a, b, c, ... (--skip-unknown skips them)". */
    static InvalidInputException unknownWords(List<String> unknown, Path vectorsFile) {
        String shown = String.join(", ", unknown.subList(0, Math.min(5, unknown.size())));
        return new InvalidInputException(unknown.size() + (unknown.size() == 1 ? " word is" : " words are")
                + " not in " + vectorsFile + ": " + shown + (unknown.size() > 5 ? ", ..." : "")
                + " (--skip-unknown skips them)");
    }

    /**
     * Loads an index and checks it was built from {@code words}: the same count and dimension, and
     * the same vectors at a sample of rows (normalised for cosine, as the index stores them).
     */
    static HnswIndex loadIndex(Path file, WordVectors words, Path vectorsFile) throws IOException {
        HnswIndex index = HnswIndex.load(file);
        if (index.dim() != words.dim()) {
            throw new InvalidInputException("index " + file + " has vectors of dim " + index.dim() + " but "
                    + vectorsFile + " has dim " + words.dim());
        }
        if (index.size() != words.size()) {
            throw new InvalidInputException("index " + file + " holds " + index.size() + " vectors but "
                    + vectorsFile + " has " + words.size() + ": build the index from this vector file");
        }
        int dim = words.dim();
        float[] stored = new float[dim];
        float[] given = new float[dim];
        int samples = Math.min(64, words.size());
        for (int i = 0; i < samples; i++) {
            int row = (int) ((long) i * words.size() / samples);
            index.vector(row, stored, 0);
            words.table().copyRow(row, given, 0);
            double norm = 0;
            for (float v : given) {
                norm += (double) v * v;
            }
            double scale = index.metric() == Metric.COSINE && norm > 0 ? 1 / Math.sqrt(norm) : 1;
            for (int d = 0; d < dim; d++) {
                double expected = given[d] * scale;
                if (Math.abs(stored[d] - expected) > 1e-5 * (1 + Math.abs(expected))) {
                    throw new InvalidInputException("index " + file + " was not built from " + vectorsFile
                            + ": the vector of '" + words.word(row) + "' (row " + row + ") differs");
                }
            }
        }
        return index;
    }

    /** Drops each query's own row from k + 1 neighbours, keeping k. */
    static Neighbors withoutSelf(Neighbors found, int[] rows, int k) {
        int[] ids = new int[found.queries() * k];
        float[] scores = new float[ids.length];
        for (int q = 0; q < found.queries(); q++) {
            int n = 0;
            for (int r = 0; r < found.k() && n < k; r++) {
                int id = found.id(q, r);
                if (id != rows[q]) {
                    ids[q * k + n] = id;
                    scores[q * k + n] = found.score(q, r);
                    n++;
                }
            }
            for (; n < k; n++) {
                ids[q * k + n] = -1;
                scores[q * k + n] = Float.NEGATIVE_INFINITY;
            }
        }
        return new Neighbors(found.queries(), k, ids, scores);
    }

    /** The fraction of the exact neighbours found. */
    static double recall(Neighbors found, Neighbors truth) {
        long hits = 0;
        long total = 0;
        for (int q = 0; q < truth.queries(); q++) {
            for (int r = 0; r < truth.count(q); r++) {
                total++;
                int id = truth.id(q, r);
                for (int s = 0; s < found.k(); s++) {
                    if (found.id(q, s) == id) {
                        hits++;
                        break;
                    }
                }
            }
        }
        return total == 0 ? 1 : (double) hits / total;
    }

    static int threadCount(Integer threads) {
        if (threads != null && threads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threads);
        }
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    static void requireWritable(Path file, String flag) {
        Word2VecCommand.Train.requireWritableFolder(file, flag);
    }
}
