package org.thymus.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.thymus.core.InvalidInputException;
import org.thymus.core.eval.AnalogyEvaluation;
import org.thymus.core.eval.AnalogyQuestions;
import org.thymus.core.eval.AnalogyResult;
import org.thymus.core.eval.NearestNeighbors;
import org.thymus.core.eval.SimilarityEvaluation;
import org.thymus.core.io.Word2VecFormat;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.train.ProgressReporter;
import org.thymus.core.vectors.WordVectors;
import org.thymus.text.Vocabulary;
import org.thymus.text.VocabularyBuilder;
import org.thymus.text.Word2Vec;
import org.thymus.text.Word2VecConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thymus demo}: skip-gram on the public-domain corpus shipped in {@code data/demo}, then
 * neighbours, analogies and the evaluation scores, in about a minute.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train word vectors on the demo corpus in data/demo and show what they learned.")
final class DemoCommand implements Callable<Integer> {
    private static final List<String> PROBE_WORDS =
            List.of("god", "war", "president", "money", "congress", "peace", "water", "king");
    private static final String[][] ANALOGIES = {
        {"man", "king", "woman"},
        {"father", "son", "mother"},
        {"war", "wars", "treaty"},
        {"congress", "senate", "president"},
    };

    @Option(names = "--home", paramLabel = "DIR",
            description = "Thymus checkout holding data/demo (default: where the launcher lives).")
    Path home;

    @Option(names = "--shared-data", paramLabel = "DIR",
            description = "Benchmark data with analogy/ and similarity/ (default: ../shared/data next to the checkout).")
    Path sharedData;

    @Option(names = "--epochs", defaultValue = "5", description = "Passes over the corpus (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--threads", description = "Worker threads (default: the number of CPUs).")
    Integer threads;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the demo's figures as JSON.")
    Path metricsOut;

    @Override
    public Integer call() throws IOException {
        Path root = home != null ? home : Path.of(System.getProperty("thymus.home", "."));
        Path corpus = root.resolve("data/demo/corpus.txt.gz");
        if (!Files.isRegularFile(corpus)) {
            throw new InvalidInputException("demo corpus not found: " + corpus + " (run from a Thymus checkout or give --home)");
        }
        Path shared = sharedData != null ? sharedData : root.toAbsolutePath().getParent().resolve("shared/data");
        Path outDir = root.resolve("out/demo");
        Files.createDirectories(outDir);

        System.out.println("Thymus demo: skip-gram with negative sampling on " + corpus);
        System.out.println("(State of the Union addresses 1790-2021 and the King James Bible; see data/demo/README.md)");
        Vocabulary vocabulary = new VocabularyBuilder(5, Integer.MAX_VALUE).build(corpus);
        System.out.printf(Locale.ROOT, "vocabulary: %,d words with count >= 5, %,d tokens%n",
                vocabulary.size(), vocabulary.corpusTokens());
        Word2VecConfig config = new Word2VecConfig(false, 100, 5, 5, 0.75, 1e-3, epochs, 0.025f, Word2VecConfig.defaultMinAlpha(0.025f),
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), 1);
        boolean terminal = ProgressReporter.stdoutIsTerminal();
        Word2Vec.Result result = Word2Vec.train(corpus, vocabulary, config,
                progress -> new ProgressReporter(progress, System.out, "words", terminal, 5).start());
        System.out.printf(Locale.ROOT, "trained in %.1f s, %,.0f words/s (kernels %s)%n",
                result.seconds(), result.wordsPerSecond(), result.kernels());
        WordVectors vectors = new WordVectors(vocabulary.words(), result.vectors());
        Path saved = outDir.resolve("vectors.bin");
        Word2VecFormat.write(vectors, saved, Word2VecFormat.Encoding.BINARY);
        System.out.println("vectors written to " + saved);

        NearestNeighbors neighbors = new NearestNeighbors(vectors);
        System.out.println();
        System.out.println("Nearest neighbours (cosine):");
        for (String word : PROBE_WORDS) {
            if (vectors.contains(word)) {
                System.out.printf(Locale.ROOT, "  %-10s %s%n", word, neighbors.nearest(word, 6).stream()
                        .map(n -> String.format(Locale.ROOT, "%s %.2f", n.word(), n.similarity()))
                        .collect(Collectors.joining(", ")));
            }
        }
        System.out.println();
        System.out.println("Analogies (a : b :: c : ?, 3CosAdd):");
        WordVectors unit = vectors.normalized();
        for (String[] q : ANALOGIES) {
            if (!(vectors.contains(q[0]) && vectors.contains(q[1]) && vectors.contains(q[2]))) {
                continue;
            }
            float[] a = unit.get(q[0]);
            float[] b = unit.get(q[1]);
            float[] c = unit.get(q[2]);
            float[] query = new float[a.length];
            for (int i = 0; i < query.length; i++) {
                query[i] = b[i] - a[i] + c[i];
            }
            System.out.printf(Locale.ROOT, "  %s : %s :: %s : %s%n", q[0], q[1], q[2],
                    neighbors.nearest(query, 3, Set.of(q)).stream().map(NearestNeighbors.Neighbor::word)
                            .collect(Collectors.joining(" | ")));
        }

        Metrics metrics = new Metrics().put("command", "demo")
                .put("vocabulary_size", vocabulary.size()).put("corpus_tokens", vocabulary.corpusTokens())
                .put("train_seconds", result.seconds()).put("words_per_second", result.wordsPerSecond())
                .put("mean_loss", result.meanLoss());
        System.out.println();
        System.out.println("Scores:");
        Set<AnalogyEvaluation.Method> cosAdd = EnumSet.of(AnalogyEvaluation.Method.COS_ADD);
        AnalogyEvaluation analogies = new AnalogyEvaluation(vectors, AnalogyEvaluation.DEFAULT_TOP_N, true);
        Path demoQuestions = root.resolve("data/demo/demo-questions.txt");
        if (Files.isRegularFile(demoQuestions)) {
            AnalogyResult r = analogies.evaluate(AnalogyQuestions.read(demoQuestions), cosAdd);
            printAnalogy("demo analogies (data/demo/demo-questions.txt)", r);
            metrics.put("demo_analogy_accuracy", r.total().accuracy(AnalogyEvaluation.Method.COS_ADD));
        }
        Path google = shared.resolve("analogy/questions-words.txt");
        if (Files.isRegularFile(google)) {
            AnalogyResult r = analogies.evaluate(AnalogyQuestions.read(google), cosAdd);
            printAnalogy("Google analogies (a corpus this small covers few of them)", r);
            metrics.put("google_analogy_accuracy", r.total().accuracy(AnalogyEvaluation.Method.COS_ADD));
            metrics.put("google_analogy_coverage", r.total().coverage());
        }
        SimilarityEvaluation similarity = new SimilarityEvaluation(vectors, true);
        for (String[] set : new String[][] {{"WS-353", "EN-WS-353-ALL.txt"}, {"SimLex-999", "EN-SIMLEX-999.txt"},
                                            {"MEN", "EN-MEN-TR-3k.txt"}}) {
            Path pairs = shared.resolve("similarity/faruqui").resolve(set[1]);
            if (Files.isRegularFile(pairs)) {
                SimilarityEvaluation.Result r = similarity.evaluate(SimilarityEvaluation.readPairs(pairs));
                System.out.printf(Locale.ROOT, "  %-58s Spearman %.3f over %d of %d pairs%n",
                        set[0] + " similarity", r.spearman(), r.found(), r.pairs());
                metrics.put(set[0].toLowerCase(Locale.ROOT).replace("-", "") + "_spearman", r.spearman());
            }
        }
        if (!Files.isDirectory(shared)) {
            System.out.println("  (benchmark sets not found at " + shared + "; give --shared-data for more scores)");
        }
        if (metricsOut != null) {
            metrics.write(metricsOut);
        }
        System.out.println();
        System.out.println("Next: ./thymus neighbors --vectors " + saved + " WORD...   |   ./thymus word2vec train --help");
        return 0;
    }

    private static void printAnalogy(String what, AnalogyResult r) {
        System.out.printf(Locale.ROOT, "  %-58s %5.1f %% of %,d answerable (%,d asked)%n", what,
                100 * r.total().accuracy(AnalogyEvaluation.Method.COS_ADD), r.total().answered(), r.total().questions());
    }
}
