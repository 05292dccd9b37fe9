package org.thymus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.thymus.core.InvalidInputException;
import org.thymus.core.ann.HnswIndex;
import org.thymus.core.io.Word2VecFormat;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.sampler.EquivalenceClasses;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.vectors.WordVectors;
import org.thymus.retrieval.Batching;
import org.thymus.retrieval.FeatureSpec;
import org.thymus.retrieval.PairData;
import org.thymus.retrieval.RetrievalEvaluation;
import org.thymus.retrieval.TwoTowerConfig;
import org.thymus.retrieval.TwoTowerModel;
import org.thymus.retrieval.TwoTowerTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code thymus twotower}: a query tower and an item tower trained on (query, item) pairs. */
@Command(name = "twotower", mixinStandardHelpOptions = true,
        description = "Two towers for retrieval: bag-of-feature query and item towers trained with a softmax over "
                + "in-batch, uniform, mixed or ANN-mined negatives, with the logQ correction and false-negative guards.",
        subcommands = {TwoTowerCommand.Train.class, TwoTowerCommand.Export.class})
final class TwoTowerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Writes a training report's figures. */
    static void describe(Metrics m, TwoTowerTrainer.Report r) {
        m.put("pairs_trained", r.pairsTrained()).put("pairs_skipped", r.pairsSkipped()).put("batches", r.batches())
                .put("train_seconds", r.seconds()).put("pairs_per_second", r.pairsPerSecond())
                .put("epoch_losses", r.epochLosses()).put("negatives_per_query", r.negativesPerRow())
                .put("known_positives_met", r.knownMet()).put("known_positives_met_per_batch", r.knownMetPerBatch())
                .put("class_mates_met", r.classMet()).put("class_mates_met_per_batch", r.classMetPerBatch())
                .put("masked", r.masked()).put("masked_per_batch", r.maskedPerBatch())
                .put("uniform_negatives", r.uniformDrawn()).put("hard_negatives", r.hardDrawn())
                .put("hard_negatives_missing", r.hardMissing()).put("ann_refreshes", r.annRefreshes())
                .put("ann_mean_staleness_batches", r.meanStaleness()).put("ann_refresh_seconds", r.annRefreshSeconds());
    }

    static void print(PrintWriter out, TwoTowerTrainer.Report r) {
        out.printf(Locale.ROOT, "trained %,d pairs x %d epochs in %.1f s (%,.0f pairs/s); last epoch loss %.4f; %.1f negatives "
                        + "a query; false negatives met a batch: %.2f known positives, %.2f class-mates; masked %.2f a batch%n",
                r.pairsTrained(), r.epochs(), r.seconds(), r.pairsPerSecond(), r.epochLosses()[r.epochs() - 1],
                r.negativesPerRow(), r.knownMetPerBatch(), r.classMetPerBatch(), r.maskedPerBatch());
        if (r.pairsSkipped() > 0) {
            out.printf(Locale.ROOT, "skipped %,d pairs with no known feature on a side%n", r.pairsSkipped());
        }
        if (r.annRefreshes() > 0) {
            out.printf(Locale.ROOT, "ANN hard negatives: %,d drawn (%,d missing), %d index rebuilds (%.1f s), mean staleness %.1f "
                    + "batches%n", r.hardDrawn(), r.hardMissing(), r.annRefreshes(), r.annRefreshSeconds(), r.meanStaleness());
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train a two-tower model on FILE (lines 'query features<TAB>item features', plain or .gz) and "
                    + "save it. Each side is a bag of features declared by --query-features / --item-features.",
                "With --test, ranks each held-out pair's item among the whole item corpus (minus the query's training "
                    + "items): Recall@10, Recall@K, MRR."})
    static final class Train implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training pairs (TSV).")
        Path train;

        @Option(names = "--query-features", defaultValue = "tokens", paramLabel = "SPEC",
                description = "tokens,char=MIN-MAX,ngrams=N,weights (any subset; default: ${DEFAULT-VALUE}).")
        String queryFeatures;

        @Option(names = "--item-features", defaultValue = "tokens", paramLabel = "SPEC",
                description = "As --query-features, for the item side (default: ${DEFAULT-VALUE}).")
        String itemFeatures;

        @Option(names = "--min-count", defaultValue = "1", description = "Features seen fewer times get no row (default: ${DEFAULT-VALUE}).")
        int minCount;

        @Mixin
        TowerOptions tower;

        @Option(names = "--dim", defaultValue = "64", description = "Dimensions (default: ${DEFAULT-VALUE}).")
        int dim;

        @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--learning-rate", defaultValue = "0.05", paramLabel = "RATE",
                description = "Adagrad's rate (default: ${DEFAULT-VALUE}).")
        float learningRate;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of CPUs).")
        Integer threads;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--items", paramLabel = "FILE",
                description = "More items for the corpus, one a line (item features), besides the training pairs' items: "
                        + "what retrieval and --test rank against, and uniform negatives are drawn from.")
        Path items;

        @Option(names = "--item-classes", paramLabel = "FILE",
                description = "Equivalence classes of items, one a line, items named by their features joined with '_'.")
        Path itemClasses;

        @Option(names = "--batching", defaultValue = "random", paramLabel = "random|sorted|sorted:K",
                description = "Batches: random (default), or pairs sorted by their item's text so that items that "
                        + "read alike share a batch and meet as in-batch negatives (sorted: a batch is one run of the "
                        + "order; sorted:K: K runs of batch/K pairs from different places).")
        String batching;

        @Option(names = "--test", paramLabel = "FILE", description = "Held-out pairs (TSV) to evaluate on.")
        Path test;

        @Option(names = "--top", defaultValue = "100", paramLabel = "K", description = "The larger recall cut-off (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--output", required = true, paramLabel = "MODEL", description = "The model file.")
        Path output;

        @Option(names = "--vectors-out", paramLabel = "FILE", description = "Also write the item tower's vectors (word2vec text).")
        Path vectorsOut;

        @Option(names = "--index-out", paramLabel = "FILE", description = "Also write an HNSW index over the item vectors.")
        Path indexOut;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the run's figures as JSON.")
        Path metricsOut;

        @Override
        public Integer call() throws IOException {
            TwoTowerConfig config = tower.config(dim, epochs, learningRate, AnnCommand.threadCount(threads), seed);
            FeatureSpec querySpec = FeatureSpec.parse(queryFeatures);
            FeatureSpec itemSpec = FeatureSpec.parse(itemFeatures);
            if (top < 1) {
                throw new InvalidInputException("--top must be at least 1, got " + top);
            }
            int sortedRuns = Batching.sortedRuns(batching, config.batch());
            AnnCommand.requireWritable(output, "--output");
            for (Object[] o : new Object[][] {{vectorsOut, "--vectors-out"}, {indexOut, "--index-out"}, {metricsOut, "--metrics-out"}}) {
                if (o[0] != null) {
                    AnnCommand.requireWritable((Path) o[0], (String) o[1]);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            long readStart = System.nanoTime();
            PairData data = PairData.readTsv(train, querySpec, itemSpec);
            out.printf(Locale.ROOT, "read %,d pairs: %,d queries, %,d items (%s) in %.1f s%n", data.pairCount(),
                    data.queries().size(), data.items().size(), train, (System.nanoTime() - readStart) / 1e9);
            if (items != null) {
                int before = data.items().size();
                long lines = data.addItems(items, itemSpec);
                out.printf(Locale.ROOT, "read %,d corpus items from %s: %,d new%n", lines, items, data.items().size() - before);
            }
            TwoTowerModel model = TwoTowerTrainer.newModel(data, querySpec, itemSpec, minCount, config);
            out.printf(Locale.ROOT, "features: %,d query, %,d item (min count %d)%n", model.queryVocabulary().size(),
                    model.itemVocabulary().size(), minCount);
            EquivalenceClasses classes = null;
            if (itemClasses != null) {
                classes = EquivalenceClasses.read(itemClasses, name -> data.itemId(name.replace('_', ' ')), data.items().size());
                out.printf(Locale.ROOT, "read %,d item classes (%,d names not in the corpus)%n", classes.classCount(),
                        classes.unknownWords());
            }
            out.flush();
            TwoTowerTrainer trainer = new TwoTowerTrainer(model, data, config, classes,
                    sortedRuns > 0 ? Batching.itemTextOrder(data) : null, Math.max(1, sortedRuns));
            TwoTowerTrainer.Report report = trainer.train(System.out, null);
            print(out, report);
            model.save(output);
            out.printf(Locale.ROOT, "wrote the model to %s%n", output);
            export(model, vectorsOut, indexOut, config.threads(), config.seed(), out);

            Metrics metrics = new Metrics().put("command", "twotower train").put("train", train.toString())
                    .put("pairs", data.pairCount()).put("queries", data.queries().size()).put("items", data.items().size())
                    .put("corpus_file", items == null ? null : items.toString()).put("blank_lines", data.blankLines()).put("query_features", model.queryVocabulary().size())
                    .put("item_features", model.itemVocabulary().size());
            Metrics parameters = metrics.section("parameters").put("query_spec", querySpec.toString())
                    .put("item_spec", itemSpec.toString()).put("min_count", minCount).put("batching", batching);
            TowerOptions.describe(parameters, config);
            describe(metrics, report);
            if (test != null) {
                evaluate(model, data, metrics, out);
            }
            if (metricsOut != null) {
                metrics.write(metricsOut);
            }
            return 0;
        }

        private void evaluate(TwoTowerModel model, PairData data, Metrics metrics, PrintWriter out) throws IOException {
            PairData held = PairData.readTsv(test, model.querySpec(), model.itemSpec());
            List<String> queries = new ArrayList<>();
            int[] targets = new int[held.pairCount()];
            int[] trainQueries = new int[held.pairCount()];
            int unknownItems = 0;
            for (int p = 0; p < held.pairCount(); p++) {
                queries.add(held.queries().get(held.query(p)));
                targets[p] = data.itemId(held.items().get(held.item(p)));
                unknownItems += targets[p] < 0 ? 1 : 0;
                trainQueries[p] = data.queryId(queries.get(p));
            }
            int[] cutoffs = top == 10 ? new int[] {10} : new int[] {10, top};
            RetrievalEvaluation.Result r = RetrievalEvaluation.evaluate(model, queries, targets, trainQueries,
                    data.knownPairs(), cutoffs, AnnCommand.threadCount(threads));
            String larger = top == 10 ? "" : String.format(Locale.ROOT, ", Recall@%d %.4f", top, r.recall(top));
            out.printf(Locale.ROOT, "test: %,d pairs ranked against %,d items: Recall@10 %.4f%s, MRR %.4f; skipped %,d "
                            + "(%,d items not in the corpus, the rest with no known query feature)%n",
                    r.queries(), model.items().size(), r.recall(10), larger, r.mrr(), r.skipped(), unknownItems);
            metrics.section("test").put("file", test.toString()).put("pairs", r.queries())
                    .put("skipped", r.skipped()).put("unknown_items", unknownItems).put("recall_at_10", r.recall(10))
                    .put("recall_at_" + top, r.recall(top)).put("mrr", r.mrr());
        }
    }

    /** Writes the item tower as word2vec text vectors and/or an HNSW index, when asked. */
    static void export(TwoTowerModel model, Path vectorsOut, Path indexOut, int threads, long seed, PrintWriter out)
            throws IOException {
        if (vectorsOut == null && indexOut == null) {
            return;
        }
        EmbeddingTable vectors = model.itemVectors(threads);
        if (vectorsOut != null) {
            String[] names = model.items().stream().map(TwoTowerCommand::itemName).toArray(String[]::new);
            Word2VecFormat.write(new WordVectors(names, vectors), vectorsOut, Word2VecFormat.Encoding.TEXT);
            out.printf(Locale.ROOT, "wrote %,d item vectors to %s%n", names.length, vectorsOut);
        }
        if (indexOut != null) {
            HnswIndex index = HnswIndex.build(vectors, model.similarity(), 16, 100, threads, seed);
            index.save(indexOut);
            out.printf(Locale.ROOT, "wrote an HNSW index (%s, ids = item order of the vectors) to %s%n",
                    model.similarity().label(), indexOut);
        }
    }

    /** An item's name in exported files: its features joined with '_' (a word2vec word has no spaces). */
    static String itemName(String item) {
        return item.replace(' ', '_');
    }

    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Write a model's item tower as word2vec text vectors and/or an HNSW index.")
    static final class Export implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model from twotower train.")
        Path modelFile;

        @Option(names = "--vectors-out", paramLabel = "FILE", description = "Item vectors (word2vec text).")
        Path vectorsOut;

        @Option(names = "--index-out", paramLabel = "FILE", description = "HNSW index over the item vectors.")
        Path indexOut;

        @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the number of CPUs).")
        Integer threads;

        @Override
        public Integer call() throws IOException {
            if (vectorsOut == null && indexOut == null) {
                throw new InvalidInputException("nothing to do: give --vectors-out and/or --index-out");
            }
            TwoTowerModel model = TwoTowerModel.load(modelFile);
            export(model, vectorsOut, indexOut, AnnCommand.threadCount(threads), 1, spec.commandLine().getOut());
            return 0;
        }
    }
}
