package org.thymus.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.AtomicOutput;
import org.thymus.core.io.Word2VecFormat;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.DistinctNegatives;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.train.ProgressReporter;
import org.thymus.core.vectors.WordVectors;
import org.thymus.hyperbolic.Geometry;
import org.thymus.hyperbolic.HardnessReport;
import org.thymus.hyperbolic.Hierarchy;
import org.thymus.hyperbolic.HierarchySplit;
import org.thymus.hyperbolic.HierarchyTrainer;
import org.thymus.hyperbolic.RankingEvaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thymus poincare}: hierarchies embedded in the Poincaré ball (or, for comparison, flat space). */
@Command(name = "poincare", mixinStandardHelpOptions = true,
        description = "Hierarchies in hyperbolic space: train on a transitive closure, evaluate by reconstruction "
                + "and link prediction.",
        subcommands = {PoincareCommand.Train.class, PoincareCommand.Eval.class, PoincareCommand.Split.class})
final class PoincareCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Embed the relations (u, v) of a file — u<TAB>v lines, u a node and v an ancestor in a "
                    + "transitive closure, plain or .gz — so that v is nearer to u than the nodes u is not related to "
                    + "(softmax over the positive and sampled negatives, Riemannian SGD; Nickel & Kiela 2017).",
                "Writes the vectors in word2vec text format and, next to them, each node's norm (its depth: the "
                    + "root near 0, the leaves near 1), then reports reconstruction MAP and mean rank."})
    static final class Train implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--relations", required = true, paramLabel = "FILE", description = "u<TAB>v lines.")
        Path relations;

        @Option(names = "--output", required = true, paramLabel = "FILE", description = "The vectors (word2vec text).")
        Path output;

        @Option(names = "--norms", paramLabel = "FILE",
                description = "node<TAB>norm<TAB>relations lines, nearest the centre first (default: OUTPUT.norms.tsv).")
        Path norms;

        @Option(names = "--geometry", defaultValue = "poincare", paramLabel = "poincare|lorentz|euclidean",
                description = "The space (default: ${DEFAULT-VALUE}; lorentz: the same hyperbolic space trained on the "
                        + "hyperboloid by its exponential map, written as the ball; euclidean is the flat baseline, "
                        + "squared distance).")
        String geometry;

        @Option(names = "--dim", defaultValue = "10", description = "Dimensions (default: ${DEFAULT-VALUE}).")
        int dim;

        @Option(names = "--negatives", defaultValue = "50", description = "Negatives per relation (default: ${DEFAULT-VALUE}).")
        int negatives;

        @Option(names = "--batch-size", defaultValue = "1", paramLabel = "N",
                description = "Relations whose gradients come from one state before any is applied (gensim's batch_size "
                        + "is 10; default: ${DEFAULT-VALUE}, plain SGD).")
        int batchSize;

        @Option(names = "--epochs", defaultValue = "50", description = "Epochs after the burn-in (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--burn-in", defaultValue = "10",
                description = "Burn-in epochs: reduced learning rate, negatives by degree (default: ${DEFAULT-VALUE}).")
        int burnIn;

        @Option(names = "--learning-rate", paramLabel = "RATE",
                description = "Learning rate after the burn-in, constant (default: 0.3 in the ball, 0.03 in flat space).")
        Double learningRate;

        @Option(names = "--final-learning-rate", paramLabel = "RATE",
                description = "The rate after the burn-in falls linearly to this (default: the learning rate: constant).")
        Double finalRate;

        @Option(names = "--burn-in-rate", paramLabel = "RATE", description = "Burn-in learning rate (default: learning rate / 10).")
        Double burnInRate;

        @Option(names = "--sampling", defaultValue = "uniform", paramLabel = "uniform|degree",
                description = "Negatives after the burn-in: uniform, or by degree^exponent (default: ${DEFAULT-VALUE}).")
        String sampling;

        @Option(names = "--redraw", defaultValue = "one", paramLabel = "one|all",
                description = "When a negative repeats in a relation's set: draw that one again, or the whole set "
                        + "(gensim's way: k independent draws conditioned on being distinct, which picks heavy nodes "
                        + "less often; the same for uniform draws; default: ${DEFAULT-VALUE}).")
        String redraw;

        @Option(names = "--degree-exponent", defaultValue = "0.75", paramLabel = "X",
                description = "Degree sampling draws node v with probability ∝ occurrences(v)^X (default: ${DEFAULT-VALUE}).")
        double degreeExponent;

        @Option(names = "--subtree", defaultValue = "0", paramLabel = "F",
                description = "Share of the negatives after the burn-in drawn among the positive's other descendants "
                        + "(u's siblings and cousins: hard negatives; default: ${DEFAULT-VALUE}).")
        double subtree;

        @Option(names = "--nearest", defaultValue = "0", paramLabel = "F",
                description = "Share of the negatives after the burn-in drawn among the anchor's --nearest-count nearest "
                        + "non-related nodes, mined from the embedding by exact search (default: ${DEFAULT-VALUE}).")
        double nearest;

        @Option(names = "--nearest-count", defaultValue = "32", paramLabel = "K",
                description = "Mined nearest nodes kept per anchor (default: ${DEFAULT-VALUE}).")
        int nearestCount;

        @Option(names = "--nearest-every", defaultValue = "5", paramLabel = "EPOCHS",
                description = "Epochs between two minings (default: ${DEFAULT-VALUE}).")
        int nearestEvery;

        @Option(names = "--regularization", defaultValue = "0", paramLabel = "C",
                description = "Penalty C x |v|^2 on the positive (gensim's regularization_coeff; default: ${DEFAULT-VALUE}).")
        double regularization;

        @Option(names = "--init-range", defaultValue = "0.001", paramLabel = "R",
                description = "Coordinates start uniform in [-R, R] (default: ${DEFAULT-VALUE}).")
        double initRange;

        @Option(names = "--init", paramLabel = "FILE",
                description = "Start from these vectors (word2vec format, same dim; e.g. a previous run's output) instead "
                        + "of a random start; nodes it lacks start at random.")
        Path init;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of CPUs).")
        Integer threads;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--held-out", paramLabel = "FILE",
                description = "Held-out relations (from 'poincare split'): link prediction at the end.")
        Path heldOut;

        @Option(names = "--eval-every", defaultValue = "0", paramLabel = "EPOCHS",
                description = "Reconstruction MAP on --eval-sample nodes every EPOCHS epochs (default: only at the end).")
        int evalEvery;

        @Option(names = "--eval-sample", defaultValue = "2000", paramLabel = "NODES",
                description = "Nodes ranked by the periodic evaluations (default: ${DEFAULT-VALUE}).")
        int evalSample;

        @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "EPOCHS",
                description = "Also write the vectors to --output every EPOCHS epochs, so a stopped run loses little "
                        + "(continue it with --init OUTPUT; default: only at the end).")
        int checkpointEvery;

        @Option(names = "--no-eval", description = "Skip the final reconstruction over every node.")
        boolean noEval;

        @Option(names = "--hardness-sample", defaultValue = "20000", paramLabel = "RELATIONS",
                description = "Relations sampled for the hardness report, 0 for none (default: ${DEFAULT-VALUE}).")
        int hardnessSample;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the run's figures as JSON.")
        Path metricsOut;

        @Option(names = "--quiet", description = "No progress display.")
        boolean quiet;

        @Override
        public Integer call() throws IOException {
            Geometry space = Geometry.parse(geometry);
            HierarchyTrainer.Sampling drawn = HierarchyTrainer.Sampling.parse(sampling);
            int threadCount = AnnCommand.threadCount(threads);
            if (evalEvery < 0 || checkpointEvery < 0 || evalSample < 1 || hardnessSample < 0) {
                throw new InvalidInputException(
                        "--eval-every, --checkpoint-every and --hardness-sample must be >= 0, --eval-sample >= 1");
            }
            double rate = learningRate != null ? learningRate : space.defaultLearningRate();
            HierarchyTrainer.Config config = new HierarchyTrainer.Config(space, dim, negatives, batchSize, epochs,
                    burnIn, rate, finalRate != null ? finalRate : rate, burnInRate != null ? burnInRate : rate / 10,
                    drawn, DistinctNegatives.Redraw.parse(redraw), degreeExponent, subtree,
                    new HierarchyTrainer.Mining(nearest, nearestCount, nearestEvery), regularization, initRange,
                    threadCount, seed);
            Path normsFile = norms != null ? norms : Path.of(output + ".norms.tsv");
            AnnCommand.requireWritable(output, "--output");
            AnnCommand.requireWritable(normsFile, "--norms");
            if (metricsOut != null) {
                AnnCommand.requireWritable(metricsOut, "--metrics-out");
            }
            PrintWriter out = spec.commandLine().getOut();
            long readStart = System.nanoTime();
            Hierarchy hierarchy = Hierarchy.read(relations);
            out.printf(Locale.ROOT, "read %,d relations over %,d nodes from %s in %.1f s%s%n", hierarchy.relationCount(),
                    hierarchy.nodeCount(), relations, (System.nanoTime() - readStart) / 1e9, skippedNote(hierarchy));
            Relations held = heldOut == null ? null : Relations.read(heldOut, hierarchy::node, "--held-out", true);
            RankingEvaluation.Lists known = RankingEvaluation.Lists.of(hierarchy);
            int[] sampleNodes = sampleNodes(known, hierarchy.nodeCount(), evalSample, seed);

            boolean terminal = ProgressReporter.stdoutIsTerminal();
            List<Map<String, Object>> epochLog = new ArrayList<>();
            EmbeddingTable start = HierarchyTrainer.initialTable(hierarchy.nodeCount(), config);
            long initialised = init == null ? 0 : initialise(start, hierarchy, init, space, spec.commandLine().getErr());
            if (init != null) {
                out.printf(Locale.ROOT, "started %,d of %,d nodes from %s%n", initialised, hierarchy.nodeCount(), init);
            }
            HierarchyTrainer.Result result = HierarchyTrainer.train(hierarchy, start, config,
                    quiet ? null : (phase, progress) -> {
                        out.flush();
                        System.out.println(phase + ":");
                        return new ProgressReporter(progress, System.out, "relations", terminal, 10).start();
                    },
                    (epoch, table) -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("epoch", epoch.number());
                        row.put("burn_in", epoch.burnIn());
                        row.put("loss", epoch.meanLoss());
                        row.put("seconds", epoch.seconds());
                        row.put("relations_per_second", epoch.relationsPerSecond());
                        if (evalEvery > 0 && epoch.number() % evalEvery == 0) {
                            RankingEvaluation.Result r = RankingEvaluation.evaluate(table, space, known, null,
                                    sampleNodes, threadCount);
                            row.put("sample_map", r.map());
                            row.put("sample_mean_rank", r.meanRank());
                            if (!quiet) {
                                System.out.printf(Locale.ROOT, "%nepoch %d: loss %.4f, reconstruction on %,d nodes: "
                                                + "MAP %.4f, mean rank %.2f%n", epoch.number(), epoch.meanLoss(),
                                        r.queries(), r.map(), r.meanRank());
                            }
                        }
                        if (checkpointEvery > 0 && epoch.number() % checkpointEvery == 0) {
                            writeVectors(output, hierarchy, table);
                            row.put("checkpoint", output.toString());
                        }
                        epochLog.add(row);
                    });
            out.printf(Locale.ROOT, "trained %s dim %d in %.1f s: %,.0f relations/s, final loss %.4f; negatives: %,d "
                            + "drawn, %,d rejected by the guards, %,d not found, %,d sets redrawn%n", space.name(),
                    dim,
                    result.trainSeconds(), result.relationsPerSecond(),
                    result.epochs().get(result.epochs().size() - 1).meanLoss(), result.negativesDrawn(),
                    result.negativesRejected(), result.negativesMissing(), result.setsRedrawn());

            writeVectors(output, hierarchy, result.table());
            writeNorms(normsFile, hierarchy, result.table());
            out.printf(Locale.ROOT, "wrote %,d vectors to %s, norms to %s%n", hierarchy.nodeCount(), output, normsFile);

            Metrics metrics = new Metrics().put("command", "poincare train").put("relations_file", relations.toString())
                    .put("nodes", hierarchy.nodeCount()).put("relations", hierarchy.relationCount())
                    .put("self_relations_skipped", hierarchy.selfRelationsSkipped())
                    .put("duplicate_relations_skipped", hierarchy.duplicatesSkipped())
                    .put("output", output.toString()).put("norms", normsFile.toString());
            metrics.section("parameters").put("geometry", space.name()).put("dim", dim).put("negatives", negatives)
                    .put("batch_size", batchSize).put("epochs", epochs).put("burn_in", burnIn)
                    .put("learning_rate", rate).put("final_learning_rate", config.finalRate())
                    .put("burn_in_rate", config.burnInRate()).put("sampling", drawn.label())
                    .put("redraw", config.redraw().label())
                    .put("degree_exponent", degreeExponent).put("subtree", subtree)
                    .put("nearest", nearest).put("nearest_count", nearestCount).put("nearest_every", nearestEvery)
                    .put("regularization", regularization)
                    .put("init_range", initRange).put("init", init == null ? null : init.toString())
                    .put("threads", threadCount).put("seed", seed);
            metrics.put("train_seconds", result.trainSeconds()).put("relations_per_second", result.relationsPerSecond())
                    .put("relations_trained", result.relationsTrained())
                    .put("negatives_drawn", result.negativesDrawn())
                    .put("negatives_rejected_by_guards", result.negativesRejected())
                    .put("negatives_not_found", result.negativesMissing())
                    .put("negative_sets_redrawn", result.setsRedrawn())
                    .put("mining_seconds", result.miningSeconds())
                    .put("epoch_log", epochLog);
            if (!noEval) {
                RankingEvaluation.Result r = RankingEvaluation.evaluate(result.table(), space, known, null, null,
                        threadCount);
                out.printf(Locale.ROOT, "reconstruction: MAP %.4f, mean rank %.2f (%,d nodes, %,d relations, %.1f s)%n",
                        r.map(), r.meanRank(), r.queries(), r.positives(), r.seconds());
                put(metrics.section("reconstruction"), r);
            }
            if (held != null) {
                RankingEvaluation.Result r = RankingEvaluation.evaluate(result.table(), space,
                        held.lists(hierarchy.nodeCount()), known, null, threadCount);
                out.printf(Locale.ROOT, "link prediction: MAP %.4f, mean rank %.2f (%,d nodes, %,d held-out relations, "
                        + "%,d with unknown nodes)%n", r.map(), r.meanRank(), r.queries(), r.positives(), held.unknown());
                put(metrics.section("link_prediction"), r).put("held_out_file", heldOut.toString())
                        .put("held_out_with_unknown_nodes", held.unknown());
            }
            if (hardnessSample > 0) {
                List<HardnessReport.Bucket> buckets = HardnessReport.measure(hierarchy, result.table(), space,
                        HierarchyTrainer.sampler(hierarchy, drawn, degreeExponent, subtree), negatives, hardnessSample, 16,
                        seed + 7);
                metrics.put("hardness_by_depth", buckets.stream().map(PoincareCommand::bucketMap).toList());
            }
            if (metricsOut != null) {
                metrics.write(metricsOut);
            }
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Reconstruction: for each node u of the relations, rank its related nodes among all nodes "
                    + "it is not related to, by distance (u itself left out); mean rank and MAP.",
                "With --held-out, link prediction: rank the held-out relations of u among the nodes u is not related "
                    + "to in either file."})
    static final class Eval implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--vectors", required = true, paramLabel = "FILE", description = "Vectors (word2vec format).")
        Path vectors;

        @Option(names = "--relations", required = true, paramLabel = "FILE", description = "The training relations.")
        Path relations;

        @Option(names = "--held-out", paramLabel = "FILE", description = "Held-out relations: link prediction.")
        Path heldOut;

        @Option(names = "--geometry", defaultValue = "poincare", paramLabel = "poincare|lorentz|euclidean",
                description = "The space the vectors were trained in (default: ${DEFAULT-VALUE}; lorentz vectors are "
                        + "written as the ball, so poincare reads them the same).")
        String geometry;

        @Option(names = "--sample", paramLabel = "NODES", description = "Rank only this many random nodes (default: all).")
        Integer sample;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of --sample (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the number of CPUs).")
        Integer threads;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the figures as JSON.")
        Path metricsOut;

        @Override
        public Integer call() throws IOException {
            Geometry space = Geometry.parse(geometry);
            int threadCount = AnnCommand.threadCount(threads);
            if (sample != null && sample < 1) {
                throw new InvalidInputException("--sample must be at least 1, got " + sample);
            }
            if (metricsOut != null) {
                AnnCommand.requireWritable(metricsOut, "--metrics-out");
            }
            PrintWriter out = spec.commandLine().getOut();
            Word2VecFormat.Loaded loaded = VectorFiles.load(vectors, Integer.MAX_VALUE, spec.commandLine().getErr());
            WordVectors words = loaded.vectors();
            Relations train = Relations.read(relations, words::row, "--relations", false);
            RankingEvaluation.Lists known = train.lists(words.size());
            Metrics metrics = new Metrics().put("command", "poincare eval").put("geometry", space.name())
                    .put("relations_file", relations.toString());
            VectorFiles.describe(metrics, vectors, loaded);
            int[] queries = sample == null ? null : sampleNodes(known, words.size(), sample, seed);
            RankingEvaluation.Result r = RankingEvaluation.evaluate(words.table(), space, known, null, queries,
                    threadCount);
            out.printf(Locale.ROOT, "reconstruction: MAP %.4f, mean rank %.2f (%,d nodes, %,d relations, %.1f s)%n",
                    r.map(), r.meanRank(), r.queries(), r.positives(), r.seconds());
            put(metrics.section("reconstruction"), r);
            if (heldOut != null) {
                Relations held = Relations.read(heldOut, words::row, "--held-out", true);
                RankingEvaluation.Lists heldLists = held.lists(words.size());
                int[] heldQueries = sample == null ? null : sampleNodes(heldLists, words.size(), sample, seed);
                RankingEvaluation.Result h = RankingEvaluation.evaluate(words.table(), space, heldLists, known,
                        heldQueries, threadCount);
                out.printf(Locale.ROOT, "link prediction: MAP %.4f, mean rank %.2f (%,d nodes, %,d held-out relations, "
                        + "%,d with unknown nodes)%n", h.map(), h.meanRank(), h.queries(), h.positives(), held.unknown());
                put(metrics.section("link_prediction"), h).put("held_out_file", heldOut.toString())
                        .put("held_out_with_unknown_nodes", held.unknown());
            }
            if (metricsOut != null) {
                metrics.write(metricsOut);
            }
            return 0;
        }
    }

    @Command(name = "split", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Hold out a share of a transitive closure for link prediction: random relations that are not "
                    + "parent edges (the transitive reduction stays in training, so every held-out ancestor is implied).")
    static final class Split implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--relations", required = true, paramLabel = "FILE", description = "u<TAB>v lines.")
        Path relations;

        @Option(names = "--fraction", defaultValue = "0.1", description = "Share held out (default: ${DEFAULT-VALUE}).")
        double fraction;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--train", required = true, paramLabel = "FILE", description = "Where the training relations go.")
        Path trainOut;

        @Option(names = "--test", required = true, paramLabel = "FILE", description = "Where the held-out relations go.")
        Path testOut;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the figures as JSON.")
        Path metricsOut;

        @Override
        public Integer call() throws IOException {
            AnnCommand.requireWritable(trainOut, "--train");
            AnnCommand.requireWritable(testOut, "--test");
            if (metricsOut != null) {
                AnnCommand.requireWritable(metricsOut, "--metrics-out");
            }
            Hierarchy hierarchy = Hierarchy.read(relations);
            boolean[] held = HierarchySplit.heldOut(hierarchy, fraction, seed);
            long heldCount = 0;
            for (boolean h : held) {
                heldCount += h ? 1 : 0;
            }
            writeRelations(trainOut, hierarchy, held, false);
            writeRelations(testOut, hierarchy, held, true);
            spec.commandLine().getOut().printf(Locale.ROOT, "%,d relations: %,d to %s, %,d held out to %s%s%n",
                    hierarchy.relationCount(), hierarchy.relationCount() - heldCount, trainOut, heldCount, testOut,
                    skippedNote(hierarchy));
            if (metricsOut != null) {
                new Metrics().put("command", "poincare split").put("relations_file", relations.toString())
                        .put("relations", hierarchy.relationCount()).put("train", hierarchy.relationCount() - heldCount)
                        .put("held_out", heldCount).put("fraction", fraction).put("seed", seed).write(metricsOut);
            }
            return 0;
        }
    }

    /** Relations of a file mapped to row ids, and how many named a node the ids do not know. */
    record Relations(int[] from, int[] to, long unknown) {
        static Relations read(Path file, java.util.function.ToIntFunction<String> ids, String flag, boolean countUnknown)
                throws IOException {
            Hierarchy h = Hierarchy.read(file);
            int[] from = new int[h.relationCount()];
            int[] to = new int[h.relationCount()];
            int n = 0;
            long unknown = 0;
            List<String> missing = new ArrayList<>();
            for (int r = 0; r < h.relationCount(); r++) {
                int a = ids.applyAsInt(h.name(h.from(r)));
                int b = ids.applyAsInt(h.name(h.to(r)));
                if (a < 0 || b < 0) {
                    unknown++;
                    if (missing.size() < 5) {
                        missing.add(h.name(a < 0 ? h.from(r) : h.to(r)));
                    }
                    continue;
                }
                from[n] = a;
                to[n] = b;
                n++;
            }
            if (unknown > 0 && !countUnknown) {
                throw new InvalidInputException(flag + ": " + unknown + " relations name nodes that have no vector, e.g. "
                        + String.join(", ", missing));
            }
            if (n == 0) {
                throw new InvalidInputException(flag + ": no relation of " + file + " has both nodes known");
            }
            return new Relations(Arrays.copyOf(from, n), Arrays.copyOf(to, n), unknown);
        }

        RankingEvaluation.Lists lists(int nodes) {
            return RankingEvaluation.Lists.of(nodes, from, to);
        }
    }

    /** Up to {@code n} random nodes that have at least one positive, sorted. */
    static int[] sampleNodes(RankingEvaluation.Lists lists, int nodes, int n, long seed) {
        int[] all = IntStream.range(0, nodes).filter(u -> lists.starts()[u + 1] > lists.starts()[u]).toArray();
        if (all.length <= n) {
            return all;
        }
        FastRandom rng = new FastRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(all.length - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, n);
        Arrays.sort(chosen);
        return chosen;
    }

    private static Metrics put(Metrics m, RankingEvaluation.Result r) {
        return m.put("map", r.map()).put("mean_rank", r.meanRank()).put("nodes", r.queries())
                .put("relations", r.positives()).put("seconds", r.seconds());
    }

    private static Map<String, Object> bucketMap(HardnessReport.Bucket b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("depth", b.andDeeper() ? b.depth() + "+" : String.valueOf(b.depth()));
        m.put("anchors", b.anchors());
        m.put("negatives", b.negatives());
        m.put("anchor_norm", b.anchorNorm());
        m.put("positive_distance", b.positiveDistance());
        m.put("negative_distance", b.negativeDistance());
        m.put("positive_euclidean", b.positiveEuclidean());
        m.put("negative_euclidean", b.negativeEuclidean());
        m.put("violation_rate", b.violationRate());
        m.put("negative_weight", b.negativeWeight());
        return m;
    }

    private static String skippedNote(Hierarchy h) {
        if (h.selfRelationsSkipped() == 0 && h.duplicatesSkipped() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, " (skipped: %,d self relations, %,d repeated)", h.selfRelationsSkipped(),
                h.duplicatesSkipped());
    }

    /** The table as word2vec text, replaced atomically (a checkpoint never leaves a half-written file). */
    private static void writeVectors(Path file, Hierarchy hierarchy, EmbeddingTable table) {
        String[] names = IntStream.range(0, hierarchy.nodeCount()).mapToObj(hierarchy::name).toArray(String[]::new);
        try {
            Word2VecFormat.write(new WordVectors(names, table), file, Word2VecFormat.Encoding.TEXT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Copies the rows of {@code file} into {@code table} by node name; returns how many nodes it covered. */
    private static long initialise(EmbeddingTable table, Hierarchy hierarchy, Path file, Geometry space, PrintWriter err)
            throws IOException {
        WordVectors vectors = VectorFiles.load(file, Integer.MAX_VALUE, err).vectors();
        if (vectors.dim() != table.dim()) {
            throw new InvalidInputException("--init has dim " + vectors.dim() + ", the run has --dim " + table.dim());
        }
        long covered = 0;
        float[] row = new float[table.dim()];
        for (int u = 0; u < hierarchy.nodeCount(); u++) {
            int r = vectors.row(hierarchy.name(u));
            if (r < 0) {
                continue;
            }
            vectors.table().copyRow(r, row, 0);
            double norm2 = 0;
            for (float x : row) {
                if (!Float.isFinite(x)) {
                    throw new InvalidInputException("--init: the vector of " + hierarchy.name(u) + " is not finite");
                }
                norm2 += (double) x * x;
            }
            if (space instanceof org.thymus.hyperbolic.PoincareBall && norm2 >= 1) {
                throw new InvalidInputException("--init: " + hierarchy.name(u) + " lies outside the unit ball (norm "
                        + Math.sqrt(norm2) + "): not Poincaré vectors");
            }
            table.setRow(u, row, 0);
            covered++;
        }
        return covered;
    }

    private static void writeNorms(Path file, Hierarchy hierarchy, EmbeddingTable table) throws IOException {
        int n = hierarchy.nodeCount();
        double[] norm = new double[n];
        for (int u = 0; u < n; u++) {
            float[] s = table.shard(u);
            int o = table.offset(u);
            double sum = 0;
            for (int c = 0; c < table.dim(); c++) {
                sum += (double) s[o + c] * s[o + c];
            }
            norm[u] = Math.sqrt(sum);
        }
        Integer[] order = IntStream.range(0, n).boxed().sorted((a, b) -> Double.compare(norm[a], norm[b]))
                .toArray(Integer[]::new);
        AtomicOutput.write(file, stream -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            for (int u : order) {
                w.write(hierarchy.name(u) + '\t' + String.format(Locale.ROOT, "%.6f", norm[u]) + '\t'
                        + hierarchy.outDegree(u) + '\n');
            }
            w.flush();
        });
    }

    private static void writeRelations(Path file, Hierarchy hierarchy, boolean[] held, boolean which) throws IOException {
        AtomicOutput.write(file, stream -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            for (int r = 0; r < held.length; r++) {
                if (held[r] == which) {
                    w.write(hierarchy.name(hierarchy.from(r)) + '\t' + hierarchy.name(hierarchy.to(r)) + '\n');
                }
            }
            w.flush();
        });
    }
}
