package org.thymus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.thymus.core.metrics.Metrics;
import org.thymus.graph.EdgeListReader;
import org.thymus.graph.Graph;
import org.thymus.graph.LinkHeuristics;
import org.thymus.graph.LinkPredictionSplit;
import org.thymus.graph.RocAuc;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thymus graph}: graphs read from edge lists, and link prediction on them. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Graphs from edge lists: link prediction baselines.",
        subcommands = {GraphCommand.LinkPrediction.class})
final class GraphCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "linkpred", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Hold out a share of the edges (node2vec's protocol: the residual graph keeps its connected "
                    + "components; as many non-edges are drawn as negatives) and report the ROC-AUC of the classic "
                    + "heuristics, scored on the residual graph: common neighbours, Jaccard, Adamic-Adar and "
                    + "preferential attachment.",
                "The edge list has one edge a line, 'u v' or 'u v weight', separated by spaces, tabs or commas, plain "
                    + "or .gz; '#' lines are comments."})
    static final class LinkPrediction implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--edges", required = true, paramLabel = "FILE", description = "The edge list.")
        Path edges;

        @Option(names = "--directed", description = "Read u v as the edge u -> v (default: undirected).")
        boolean directed;

        @Option(names = "--holdout", defaultValue = "" + LinkPredictionSplit.DEFAULT_HOLDOUT, paramLabel = "F",
                description = "Share of the edges held out (default: ${DEFAULT-VALUE}).")
        double holdout;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the figures as JSON.")
        Path metricsOut;

        @Override
        public Integer call() throws IOException {
            if (metricsOut != null) {
                AnnCommand.requireWritable(metricsOut, "--metrics-out");
            }
            PrintWriter out = spec.commandLine().getOut();
            long start = System.nanoTime();
            Graph graph = EdgeListReader.read(edges, directed);
            out.printf(Locale.ROOT, "read %,d nodes and %,d %s edges from %s in %.1f s%s%n", graph.nodeCount(),
                    graph.edgeCount(), directed ? "directed" : "undirected", edges, (System.nanoTime() - start) / 1e9,
                    skippedNote(graph));
            LinkPredictionSplit split = LinkPredictionSplit.of(graph, holdout, seed);
            int held = split.heldOut().size();
            out.printf(Locale.ROOT, "held out %,d edges and drew %,d non-edges; the residual graph has %,d edges%s%n",
                    held, split.negatives().size(), split.residual().edgeCount(),
                    held < split.requested() ? String.format(Locale.ROOT, " (%,d requested: the others keep the "
                            + "residual graph's components connected)", split.requested()) : "");
            Metrics metrics = new Metrics().put("command", "graph linkpred").put("edges_file", edges.toString())
                    .put("directed", directed).put("weighted", graph.isWeighted()).put("nodes", graph.nodeCount())
                    .put("edges", graph.edgeCount()).put("self_loops_skipped", graph.selfLoopsSkipped())
                    .put("duplicates_skipped", graph.duplicatesSkipped()).put("holdout", holdout).put("seed", seed)
                    .put("held_out_requested", split.requested()).put("held_out", held)
                    .put("negatives", split.negatives().size()).put("residual_edges", split.residual().edgeCount());
            Metrics auc = metrics.section("auc");
            LinkHeuristics heuristics = new LinkHeuristics(split.residual());
            for (LinkHeuristics.Heuristic heuristic : LinkHeuristics.Heuristic.values()) {
                double value = RocAuc.of(heuristics.scores(heuristic, split.heldOut()),
                        heuristics.scores(heuristic, split.negatives()));
                out.printf(Locale.ROOT, "%-24s AUC %.4f%n", heuristic.label(), value);
                auc.put(heuristic.label().replace('-', '_'), value);
            }
            metrics.put("seconds", (System.nanoTime() - start) / 1e9);
            if (metricsOut != null) {
                metrics.write(metricsOut);
            }
            return 0;
        }
    }

    private static String skippedNote(Graph graph) {
        if (graph.selfLoopsSkipped() == 0 && graph.duplicatesSkipped() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, " (skipped: %,d self-loops, %,d repeated edges)", graph.selfLoopsSkipped(),
                graph.duplicatesSkipped());
    }
}
