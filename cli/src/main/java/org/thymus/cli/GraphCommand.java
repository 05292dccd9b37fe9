package org.thymus.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.AtomicOutput;
import org.thymus.core.io.Word2VecFormat;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.sampler.GuardedSampler;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.train.ProgressReporter;
import org.thymus.core.vectors.WordVectors;
import org.thymus.graph.EdgeEmbeddingEvaluation;
import org.thymus.graph.EdgeListReader;
import org.thymus.graph.Graph;
import org.thymus.graph.GraphNegatives;
import org.thymus.graph.Line;
import org.thymus.graph.LineConfig;
import org.thymus.graph.LinkHeuristics;
import org.thymus.graph.LinkPredictionSplit;
import org.thymus.graph.LinkRanking;
import org.thymus.graph.LinkScorer;
import org.thymus.graph.NodeClassification;
import org.thymus.graph.RandomWalks;
import org.thymus.graph.RocAuc;
import org.thymus.graph.WalkEmbedding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thymus graph}: node embeddings from edge lists, and link prediction with them. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Graphs from edge lists: node embeddings (DeepWalk, node2vec) and link prediction.",
        subcommands = {GraphCommand.Train.class, GraphCommand.Walks.class, GraphCommand.LinkPrediction.class,
                GraphCommand.Classify.class})
final class GraphCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The embedding method and its settings, shared by train and linkpred. */
    static final class EmbeddingOptions {
        @Option(names = "--dim", defaultValue = "128", description = "Vector size (default: ${DEFAULT-VALUE}).")
        int dim;

        @Option(names = "--window", defaultValue = "10", description = "Skip-gram window on the walks (default: "
                + "${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--negative", defaultValue = "5", description = "Negatives a positive pair (default: "
                + "${DEFAULT-VALUE}).")
        int negative;

        @Option(names = "--sample", defaultValue = "1e-3", description = "Subsampling of frequent nodes in the walks, "
                + "word2vec's threshold; 0 is off (default: ${DEFAULT-VALUE}).")
        double sample;

        @CommandLine.Mixin
        WalkOptions walk;

        @Option(names = "--alpha", defaultValue = "0.025", description = "Start learning rate (default: "
                + "${DEFAULT-VALUE}).")
        float alpha;

        @Option(names = "--min-alpha", defaultValue = "0.0001", description = "Learning rate at the end of the run, "
                + "gensim's (default: ${DEFAULT-VALUE}).")
        float minAlpha;

        @Option(names = "--negatives", paramLabel = "RECIPE",
                description = "Negative sampler: base degree[:a] | uniform | hubs[:t], plus "
                        + "+twohop:F[:by=cn|aa][:top=50][:skip=0][:budget=10000] and +hubs:F[:t=0]; a guard always "
                        + "rejects the anchor, the positive and the anchor's neighbours. Default: the reference "
                        + "pipelines' (walks: walk-token counts^0.75, unguarded; LINE: degree^0.75).")
        String negatives;

        @Option(names = "--shared-negatives", negatable = true, defaultValue = "false",
                description = "Walks: one draw of negatives per walk position, shared by the context nodes of its "
                        + "window (pWord2Vec); fewer rows touched per token. Only with the default negatives "
                        + "(default: ${DEFAULT-VALUE}).")
        boolean sharedNegatives;

        @Option(names = "--order", defaultValue = "both", paramLabel = "first|second|both",
                description = "LINE's proximity: first order, second order, or both halves concatenated (default: "
                        + "${DEFAULT-VALUE}).")
        String order;

        @Option(names = "--samples-per-edge", defaultValue = "" + LineConfig.DEFAULT_SAMPLES_PER_EDGE, paramLabel = "N",
                description = "LINE's edge samples, per edge of the graph (default: ${DEFAULT-VALUE}).")
        long samplesPerEdge;

        @Option(names = "--threads", description = "Training threads (default: the available processors).")
        Integer threads;

        @Option(names = "--quiet", description = "No progress display.")
        boolean quiet;

        /** Trained vectors and the figures of the run (the parameters included). */
        record Trained(EmbeddingTable vectors, Metrics figures, int threads) {
        }

        /** Checks the settings before anything is read, so a bad flag fails at once. */
        void check(String method) {
            switch (method) {
                case "deepwalk", "node2vec" -> walkConfig(method, 1);
                case "line" -> {
                    if (sharedNegatives) {
                        throw new InvalidInputException("--shared-negatives is for the walk methods: LINE trains on"
                                + " edges, with no window to share a draw");
                    }
                    lineOrder();
                }
                default -> throw new InvalidInputException("--method must be deepwalk, node2vec or line, got " + method);
            }
        }

        Trained train(Graph graph, String method, long seed, PrintWriter out) {
            Metrics figures = new Metrics();
            Metrics parameters = figures.section("parameters").put("method", method).put("dim", dim)
                    .put("negative", negative).put("negatives", negatives).put("alpha", alpha).put("seed", seed);
            if (!method.equals("line")) {
                parameters.put("shared_negatives", sharedNegatives);
            }
            boolean terminal = ProgressReporter.stdoutIsTerminal();
            GraphNegatives drawn = negatives == null ? null : GraphNegatives.build(negatives, graph, threadCount());
            NegativeSampler sampler = drawn == null ? null : drawn.sampler();
            try {
                return train(graph, method, seed, sampler, figures, parameters, terminal, out);
            } finally {
                if (drawn != null) {
                    GuardedSampler guarded = drawn.sampler();
                    Metrics guard = figures.section("guard").put("candidates", guarded.candidates())
                            .put("exhausted", guarded.exhausted());
                    for (int g = 0; g < guarded.guards().size(); g++) {
                        guard.put("rejected_" + guarded.guards().get(g).name().replace('-', '_'), guarded.rejected(g));
                    }
                }
            }
        }

        private Trained train(Graph graph, String method, long seed, NegativeSampler sampler, Metrics figures,
                              Metrics parameters, boolean terminal, PrintWriter out) {
            if (method.equals("line")) {
                LineConfig config;
                try {
                    config = new LineConfig(lineOrder(), dim, negative, Math.multiplyExact(samplesPerEdge,
                            graph.edgeCount()), alpha, threadCount(), seed);
                    parameters.put("order", order).put("samples_per_edge", samplesPerEdge).put("threads", config.threads());
                    Line line = sampler == null ? new Line(graph, config) : new Line(graph, config, sampler);
                    Line.Result result = line.train(progress -> quiet ? () -> { }
                            : new ProgressReporter(progress, System.out, "edge samples", terminal, 10).start());
                    out.printf(Locale.ROOT, "trained LINE (%s) on %,d edge samples in %.1f s: %,.0f samples/s, mean loss "
                            + "%.4f%n", order, result.samples(), result.seconds(), result.samplesPerSecond(),
                            result.meanLoss());
                    figures.put("edge_samples", result.samples()).put("train_seconds", result.seconds())
                            .put("samples_per_second", result.samplesPerSecond()).put("mean_loss", result.meanLoss());
                    return new Trained(result.vectors(), figures, config.threads());
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(e.getMessage());
                }
            }
            WalkEmbedding.Config config = walkConfig(method, seed);
            parameters.put("window", config.window()).put("sample", config.sample())
                    .put("walks_per_node", config.walksPerNode()).put("walk_length", config.walkLength())
                    .put("p", config.p()).put("q", config.q()).put("min_alpha", config.minAlpha())
                    .put("threads", config.threads());
            WalkEmbedding.Result result = WalkEmbedding.train(graph, config, sampler, progress -> quiet ? () -> { }
                    : new ProgressReporter(progress, System.out, "walk tokens", terminal, 10).start());
            out.printf(Locale.ROOT, "trained on %,d walk tokens in %.1f s: %,.0f tokens/s, mean loss %.4f (kernels %s)%n",
                    result.walkTokens(), result.seconds(), result.tokensPerSecond(), result.meanLoss(), result.kernels());
            figures.put("walk_tokens", result.walkTokens()).put("train_seconds", result.seconds())
                    .put("tokens_per_second", result.tokensPerSecond()).put("mean_loss", result.meanLoss())
                    .put("kernels", result.kernels());
            return new Trained(result.vectors(), figures, config.threads());
        }

        int threadCount() {
            return threads != null ? threads : Runtime.getRuntime().availableProcessors();
        }

        private LineConfig.Order lineOrder() {
            return switch (order) {
                case "first" -> LineConfig.Order.FIRST;
                case "second" -> LineConfig.Order.SECOND;
                case "both" -> LineConfig.Order.BOTH;
                default -> throw new InvalidInputException("--order must be first, second or both, got " + order);
            };
        }

        /** The walk settings; deepwalk keeps p = q = 1. */
        private WalkEmbedding.Config walkConfig(String method, long seed) {
            if (method.equals("deepwalk") && (walk.p != 1 || walk.q != 1)) {
                throw new InvalidInputException("--p and --q are node2vec's: with --method deepwalk they stay 1");
            }
            if (sharedNegatives && negatives != null) {
                throw new InvalidInputException("--shared-negatives works with the default negatives only: a --negatives"
                        + " recipe guards each pair, so its draws cannot be shared by a window");
            }
            try {
                return new WalkEmbedding.Config(dim, window, negative, sample, walk.walksPerNode, walk.walkLength,
                        walk.p, walk.q, alpha, minAlpha, threadCount(), seed, sharedNegatives);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Learn node vectors: skip-gram with negative sampling on random walks (DeepWalk; node2vec "
                    + "with --p and --q), the walks generated while training. Defaults are the node2vec paper's.",
                "The edge list has one edge a line, 'u v' or 'u v weight', separated by spaces, tabs or commas, plain "
                    + "or .gz; '#' lines are comments. The vectors are written in word2vec's format, one row a node."})
    static final class Train implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        GraphInput input;

        @Option(names = "--method", defaultValue = "node2vec", paramLabel = "deepwalk|node2vec|line",
                description = "Skip-gram on walks, or LINE on edges (default: ${DEFAULT-VALUE}).")
        String method;

        @CommandLine.Mixin
        EmbeddingOptions embedding;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--output", required = true, paramLabel = "FILE", description = "The node vectors.")
        Path output;

        @Option(names = "--format", defaultValue = "text", paramLabel = "bin|text",
                description = "word2vec binary or text format (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the figures as JSON.")
        Path metricsOut;

        @Override
        public Integer call() throws IOException {
            Word2VecFormat.Encoding encoding = VectorFiles.encoding(format);
            embedding.check(method);
            Word2VecCommand.Train.requireWritableFolder(output, "--output");
            if (metricsOut != null) {
                AnnCommand.requireWritable(metricsOut, "--metrics-out");
            }
            PrintWriter out = spec.commandLine().getOut();
            long start = System.nanoTime();
            Graph graph = input.read(out);
            EmbeddingOptions.Trained trained = embedding.train(graph, method, seed, out);
            Word2VecFormat.write(new WordVectors(names(graph), trained.vectors()), output, encoding);
            out.printf(Locale.ROOT, "wrote %,d vectors of dim %d to %s%n", graph.nodeCount(), trained.vectors().dim(),
                    output);
            if (metricsOut != null) {
                Metrics metrics = new Metrics().put("command", "graph train").put("edges_file", input.edges.toString())
                        .put("output", output.toString());
                describeGraph(metrics, graph);
                metrics.put("embedding", trained.figures());
                metrics.put("total_seconds", (System.nanoTime() - start) / 1e9);
                metrics.write(metricsOut);
            }
            return 0;
        }
    }

    @Command(name = "walks", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Write the random walks that 'graph train' trains on (same seed, same walks), one a line, "
                    + "node names separated by spaces: the input of another tool's word2vec, for comparisons."})
    static final class Walks implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        GraphInput input;

        @CommandLine.Mixin
        WalkOptions walk;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--output", required = true, paramLabel = "FILE", description = "The walks, one a line.")
        Path output;

        @Override
        public Integer call() throws IOException {
            Word2VecCommand.Train.requireWritableFolder(output, "--output");
            PrintWriter out = spec.commandLine().getOut();
            Graph graph = input.read(out);
            RandomWalks walks;
            try {
                walks = RandomWalks.node2vec(graph, walk.p, walk.q);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
            String[] names = names(graph);
            long[] tokens = new long[1];
            long start = System.nanoTime();
            AtomicOutput.write(output, stream -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                try {
                    // One thread: the walks come in round and position order (a walk does not depend on the threads).
                    walks.generate(walk.walksPerNode, walk.walkLength, seed, 1, (round, position, nodes, length) -> {
                        try {
                            for (int i = 0; i < length; i++) {
                                if (i > 0) {
                                    writer.write(' ');
                                }
                                writer.write(names[nodes[i]]);
                            }
                            writer.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        tokens[0] += length;
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                writer.flush();
            });
            out.printf(Locale.ROOT, "wrote %,d walks (%,d tokens) to %s in %.1f s%n",
                    (long) walk.walksPerNode * graph.nodeCount(), tokens[0], output, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    @Command(name = "linkpred", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Hold out a share of the edges (node2vec's protocol: the residual graph keeps its connected "
                    + "components; as many non-edges are drawn as negatives) and report the ROC-AUC of the classic "
                    + "heuristics, scored on the residual graph: common neighbours, Jaccard, Adamic-Adar and "
                    + "preferential attachment. With --method, node vectors are also trained on the residual graph "
                    + "and the pairs scored by dot product, cosine, and a logistic regression on node2vec's edge "
                    + "features (average, Hadamard, weighted L1 and L2) fitted on residual edges against non-edges.",
                "The edge list has one edge a line, 'u v' or 'u v weight', separated by spaces, tabs or commas, plain "
                    + "or .gz; '#' lines are comments."})
    static final class LinkPrediction implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        GraphInput input;

        @Option(names = "--holdout", defaultValue = "" + LinkPredictionSplit.DEFAULT_HOLDOUT, paramLabel = "F",
                description = "Share of the edges held out (default: ${DEFAULT-VALUE}).")
        double holdout;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--method", paramLabel = "deepwalk|node2vec|line",
                description = "Also train node vectors on the residual graph and score the pairs with them.")
        String method;

        @CommandLine.Mixin
        EmbeddingOptions embedding;

        @Option(names = "--ranking", description = "Also rank each held-out edge (u, v) against every node that is "
                + "not u's neighbour in the residual graph (filtered: u's other held-out partners left out): MRR, "
                + "Hits@1/10/50 and mean rank of each heuristic (and of the vectors' dot and cosine). Costs one score "
                + "per source node and node.")
        boolean ranking;

        @Option(names = "--classifier", defaultValue = "cross-validation", paramLabel = "cross-validation|residual",
                description = "Fit the edge classifier by two-fold cross-validation on the test pairs (fitted on one "
                        + "half, scored on the other, and back), or on residual edges against fresh non-edges, whose "
                        + "vectors the training pulled together, unlike the held-out ones' (default: ${DEFAULT-VALUE}).")
        String classifier;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the figures as JSON.")
        Path metricsOut;

        @Override
        public Integer call() throws IOException {
            EdgeEmbeddingEvaluation.Protocol protocol = switch (classifier) {
                case "residual" -> EdgeEmbeddingEvaluation.Protocol.RESIDUAL;
                case "cross-validation" -> EdgeEmbeddingEvaluation.Protocol.CROSS_VALIDATION;
                default -> throw new InvalidInputException("--classifier must be residual or cross-validation, got "
                        + classifier);
            };
            if (method != null) {
                embedding.check(method);
            }
            if (metricsOut != null) {
                AnnCommand.requireWritable(metricsOut, "--metrics-out");
            }
            PrintWriter out = spec.commandLine().getOut();
            long start = System.nanoTime();
            Graph graph = input.read(out);
            LinkPredictionSplit split = LinkPredictionSplit.of(graph, holdout, seed);
            int held = split.heldOut().size();
            out.printf(Locale.ROOT, "held out %,d edges and drew %,d non-edges; the residual graph has %,d edges%s%n",
                    held, split.negatives().size(), split.residual().edgeCount(),
                    held < split.requested() ? String.format(Locale.ROOT, " (%,d requested: the others keep the "
                            + "residual graph's components connected)", split.requested()) : "");
            Metrics metrics = new Metrics().put("command", "graph linkpred").put("edges_file", input.edges.toString());
            describeGraph(metrics, graph);
            metrics.put("holdout", holdout).put("seed", seed)
                    .put("held_out_requested", split.requested()).put("held_out", held)
                    .put("negatives", split.negatives().size()).put("residual_edges", split.residual().edgeCount());
            Metrics auc = metrics.section("auc");
            LinkHeuristics heuristics = new LinkHeuristics(split.residual());
            for (LinkHeuristics.Heuristic heuristic : LinkHeuristics.Heuristic.values()) {
                double value = RocAuc.of(heuristics.scores(heuristic, split.heldOut()),
                        heuristics.scores(heuristic, split.negatives()));
                out.printf(Locale.ROOT, "%-24s AUC %.4f%n", heuristic.label(), value);
                auc.put(heuristic.label().replace('-', '_'), value);
                if (ranking) {
                    rank(split, heuristic.label(), LinkScorer.of(heuristics, heuristic), embedding.threadCount(),
                            metrics, out);
                }
            }
            if (method != null) {
                EmbeddingOptions.Trained trained = embedding.train(split.residual(), method, seed, out);
                metrics.put("embedding", trained.figures());
                trained.figures().put("classifier", classifier);
                EdgeEmbeddingEvaluation.Result eval = EdgeEmbeddingEvaluation.evaluate(split, graph, trained.vectors(),
                        protocol, seed, trained.threads());
                out.printf(Locale.ROOT, "%-24s AUC %.4f%n", method + " dot", eval.dotAuc());
                out.printf(Locale.ROOT, "%-24s AUC %.4f%n", method + " cosine", eval.cosineAuc());
                auc.put(method + "_dot", eval.dotAuc()).put(method + "_cosine", eval.cosineAuc());
                if (ranking) {
                    rank(split, method + " dot", LinkScorer.dot(trained.vectors()), trained.threads(), metrics, out);
                    rank(split, method + " cosine", LinkScorer.cosine(trained.vectors()), trained.threads(), metrics,
                            out);
                }
                for (var e : eval.classifierAuc().entrySet()) {
                    out.printf(Locale.ROOT, "%-24s AUC %.4f%n", method + " " + e.getKey().label() + " + LR", e.getValue());
                    auc.put(method + "_" + e.getKey().label().replace('-', '_') + "_lr", e.getValue());
                }
            }
            metrics.put("seconds", (System.nanoTime() - start) / 1e9);
            if (metricsOut != null) {
                metrics.write(metricsOut);
            }
            return 0;
        }
    }

    @Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Multi-label node classification (DeepWalk's and node2vec's protocol): train node vectors on "
                    + "the whole graph, fit one logistic regression a label on a share of the labelled nodes, give each "
                    + "other node as many labels as it has, its best-scored ones; Micro-F1 and Macro-F1.",
                "The labels file has 'node label' lines (spaces, tabs or commas; a node on several lines has several "
                    + "labels); lines naming a node the graph does not have are counted and reported."})
    static final class Classify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        GraphInput input;

        @Option(names = "--labels", required = true, paramLabel = "FILE", description = "The node labels.")
        Path labelsFile;

        @Option(names = "--method", defaultValue = "node2vec", paramLabel = "deepwalk|node2vec|line",
                description = "Skip-gram on walks, or LINE on edges (default: ${DEFAULT-VALUE}).")
        String method;

        @CommandLine.Mixin
        EmbeddingOptions embedding;

        @Option(names = "--train-fraction", defaultValue = "0.5", paramLabel = "F",
                description = "Share of the labelled nodes the classifiers train on (default: ${DEFAULT-VALUE}).")
        double trainFraction;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the figures as JSON.")
        Path metricsOut;

        @Override
        public Integer call() throws IOException {
            embedding.check(method);
            if (!(trainFraction > 0 && trainFraction < 1)) {
                throw new InvalidInputException("--train-fraction must be in (0, 1), got " + trainFraction);
            }
            if (metricsOut != null) {
                AnnCommand.requireWritable(metricsOut, "--metrics-out");
            }
            PrintWriter out = spec.commandLine().getOut();
            long start = System.nanoTime();
            Graph graph = input.read(out);
            NodeClassification.Labels labels = NodeClassification.Labels.read(labelsFile, graph);
            long labelled = java.util.Arrays.stream(labels.labels()).filter(l -> l.length > 0).count();
            out.printf(Locale.ROOT, "read %,d labels of %,d nodes from %s%s%n", labels.labelCount(), labelled,
                    labelsFile, labels.unknownNodes() > 0 ? String.format(Locale.ROOT,
                            " (%,d lines name nodes the graph does not have: skipped)", labels.unknownNodes()) : "");
            EmbeddingOptions.Trained trained = embedding.train(graph, method, seed, out);
            NodeClassification.Result result;
            try {
                result = NodeClassification.evaluate(trained.vectors(), labels, trainFraction, seed,
                        trained.threads());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
            out.printf(Locale.ROOT, "%s: Micro-F1 %.4f  Macro-F1 %.4f (%,d training nodes, %,d test nodes, %d labels)%n",
                    method, result.microF1(), result.macroF1(), result.trainNodes(), result.testNodes(),
                    result.labels());
            if (metricsOut != null) {
                Metrics metrics = new Metrics().put("command", "graph classify")
                        .put("edges_file", input.edges.toString()).put("labels_file", labelsFile.toString());
                describeGraph(metrics, graph);
                metrics.put("labels", labels.labelCount()).put("labelled_nodes", labelled)
                        .put("label_lines_unknown_node", labels.unknownNodes()).put("train_fraction", trainFraction)
                        .put("micro_f1", result.microF1()).put("macro_f1", result.macroF1())
                        .put("train_nodes", result.trainNodes()).put("test_nodes", result.testNodes())
                        .put("embedding", trained.figures())
                        .put("total_seconds", (System.nanoTime() - start) / 1e9);
                metrics.write(metricsOut);
            }
            return 0;
        }
    }

    /** Ranks the split's held-out edges by {@code scorer}; prints and records MRR and Hits (filtered and raw). */
    private static void rank(LinkPredictionSplit split, String name, LinkScorer scorer, int threads, Metrics metrics,
                             PrintWriter out) {
        LinkRanking.Result result = LinkRanking.evaluate(split.residual(), split.heldOut(), scorer, false, threads);
        LinkRanking.Ranks f = result.filtered();
        out.printf(Locale.ROOT, "%-24s MRR %.4f  Hits@1 %.4f  @10 %.4f  @50 %.4f  mean rank %.1f (filtered; raw MRR "
                + "%.4f)%n", name, f.meanReciprocalRank(), f.hitsAt1(), f.hitsAt10(), f.hitsAt50(), f.meanRank(),
                result.raw().meanReciprocalRank());
        Metrics section = metrics.section("ranking").section(name.replace(' ', '_').replace('-', '_'))
                .put("queries", result.queries()).put("seconds", result.seconds());
        for (var setting : new Object[][] {{"filtered", f}, {"raw", result.raw()}}) {
            LinkRanking.Ranks r = (LinkRanking.Ranks) setting[1];
            section.section((String) setting[0]).put("mrr", r.meanReciprocalRank()).put("hits_at_1", r.hitsAt1())
                    .put("hits_at_10", r.hitsAt10()).put("hits_at_50", r.hitsAt50()).put("mean_rank", r.meanRank());
        }
    }

    /** The graph to read: an edge list, directed or not. */
    static final class GraphInput {
        @Option(names = "--edges", required = true, paramLabel = "FILE", description = "The edge list.")
        Path edges;

        @Option(names = "--directed", description = "Read u v as the edge u -> v (default: undirected).")
        boolean directed;

        Graph read(PrintWriter out) throws IOException {
            long start = System.nanoTime();
            Graph graph = EdgeListReader.read(edges, directed);
            out.printf(Locale.ROOT, "read %,d nodes and %,d %s edges from %s in %.1f s%s%n", graph.nodeCount(),
                    graph.edgeCount(), directed ? "directed" : "undirected", edges, (System.nanoTime() - start) / 1e9,
                    skippedNote(graph));
            return graph;
        }
    }

    /** The random walks: how many, how long, and node2vec's bias. */
    static final class WalkOptions {
        @Option(names = "--walks-per-node", defaultValue = "10", description = "Walks from every node (default: "
                + "${DEFAULT-VALUE}).")
        int walksPerNode;

        @Option(names = "--walk-length", defaultValue = "80", description = "Nodes a walk (default: ${DEFAULT-VALUE}).")
        int walkLength;

        @Option(names = "--p", defaultValue = "1", description = "node2vec's return parameter (default: "
                + "${DEFAULT-VALUE}).")
        double p;

        @Option(names = "--q", defaultValue = "1", description = "node2vec's in-out parameter (default: "
                + "${DEFAULT-VALUE}).")
        double q;
    }

    private static void describeGraph(Metrics metrics, Graph graph) {
        metrics.put("directed", graph.isDirected()).put("weighted", graph.isWeighted()).put("nodes", graph.nodeCount())
                .put("edges", graph.edgeCount()).put("self_loops_skipped", graph.selfLoopsSkipped())
                .put("duplicates_skipped", graph.duplicatesSkipped());
    }

    private static String[] names(Graph graph) {
        String[] names = new String[graph.nodeCount()];
        for (int v = 0; v < names.length; v++) {
            names[v] = graph.name(v);
        }
        return names;
    }

    private static String skippedNote(Graph graph) {
        if (graph.selfLoopsSkipped() == 0 && graph.duplicatesSkipped() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, " (skipped: %,d self-loops, %,d repeated edges)", graph.selfLoopsSkipped(),
                graph.duplicatesSkipped());
    }
}
