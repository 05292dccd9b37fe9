package org.thymus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.thymus.core.InvalidInputException;
import org.thymus.core.eval.AnalogyEvaluation;
import org.thymus.core.eval.AnalogyEvaluation.Method;
import org.thymus.core.eval.AnalogyQuestions;
import org.thymus.core.eval.AnalogyResult;
import org.thymus.core.eval.AnalogyResult.Score;
import org.thymus.core.eval.SimilarityEvaluation;
import org.thymus.core.io.Word2VecFormat.Loaded;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.vectors.WordVectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thymus eval}: intrinsic evaluation of word vectors. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate word vectors (word2vec text or binary, fastText .vec; gzip allowed).",
        subcommands = {EvalCommand.Analogy.class, EvalCommand.Similarity.class})
final class EvalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "analogy", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Answer analogy questions (a b c d: a is to b as c is to d) as word2vec's "
                    + "compute-accuracy does: over the most frequent words, never answering a, b or c.",
                "Sections whose name starts with 'gram' count as syntactic, the others as semantic."})
    static final class Analogy implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        CommonOptions common;

        @Option(names = "--questions", required = true, paramLabel = "FILE",
                description = "Questions in the format of questions-words.txt (': section' lines, then 'a b c d').")
        Path questions;

        @Option(names = "--top-n", defaultValue = "" + AnalogyEvaluation.DEFAULT_TOP_N, paramLabel = "N",
                description = "Search only the first N vectors of the file, the most frequent words; a question "
                        + "counts only if its four words are among them (default: ${DEFAULT-VALUE}).")
        int topN;

        @Option(names = "--method", defaultValue = "both", paramLabel = "3cosadd|3cosmul|both",
                description = "How to score candidate answers (default: ${DEFAULT-VALUE}).")
        String method;

        @Override
        public Integer call() throws IOException {
            long start = System.nanoTime();
            Set<Method> methods = parseMethods(method);
            if (topN < 1) {
                throw new InvalidInputException("--top-n must be at least 1, got " + topN);
            }
            PrintWriter out = spec.commandLine().getOut();
            Metrics metrics = new Metrics().put("command", "eval analogy");
            Loaded loaded = VectorFiles.load(common.vectors, topN, spec.commandLine().getErr());
            VectorFiles.describe(metrics, common.vectors, loaded);
            WordVectors words = loaded.vectors();
            List<AnalogyQuestions.Section> sections = AnalogyQuestions.read(questions);
            AnalogyResult result = new AnalogyEvaluation(words, topN, common.ignoreCase).evaluate(sections, methods);
            double seconds = (System.nanoTime() - start) / 1e9;

            printTable(out, result, methods);
            Score total = result.total();
            out.printf(Locale.ROOT, "questions answered: %,d of %,d (%.1f%%), all four words among the %,d most "
                    + "frequent%s; %.1f s%n", total.answered(), total.questions(), 100 * total.coverage(),
                    words.size(), common.ignoreCase ? ", case ignored" : "", seconds);

            metrics.put("questions_file", questions.toString())
                    .put("top_n", topN)
                    .put("ignore_case", common.ignoreCase)
                    .put("methods", methods.stream().map(EvalCommand::key).toList())
                    .put("questions_total", total.questions())
                    .put("questions_answered", total.answered())
                    .put("coverage", total.coverage())
                    .put("total", figures(total, methods))
                    .put("semantic", figures(result.semantic(), methods))
                    .put("syntactic", figures(result.syntactic(), methods))
                    .put("sections", result.sections().stream().map(s -> figures(s, methods)).toList())
                    .put("wall_seconds", seconds);
            common.writeMetrics(metrics);
            return 0;
        }

        private static Set<Method> parseMethods(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "3cosadd" -> EnumSet.of(Method.COS_ADD);
                case "3cosmul" -> EnumSet.of(Method.COS_MUL);
                case "both" -> EnumSet.allOf(Method.class);
                default -> throw new InvalidInputException("--method must be 3cosadd, 3cosmul or both, got " + name);
            };
        }

        private static void printTable(PrintWriter out, AnalogyResult result, Set<Method> methods) {
            int width = Math.max(12, result.sections().stream().mapToInt(s -> s.name().length()).max().orElse(0));
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "section"));
            for (Method m : methods) {
                header.append(String.format(Locale.ROOT, "  %8s", m.label()));
            }
            out.println(header.append("  answered"));
            for (Score score : result.sections()) {
                printRow(out, width, score, methods);
            }
            for (Score score : List.of(result.semantic(), result.syntactic(), result.total())) {
                printRow(out, width, score, methods);
            }
        }

        private static void printRow(PrintWriter out, int width, Score score, Set<Method> methods) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", score.name()));
            for (Method m : methods) {
                double accuracy = score.accuracy(m);
                row.append(Double.isNaN(accuracy) ? String.format(Locale.ROOT, "  %8s", "-")
                        : String.format(Locale.ROOT, "  %7.2f%%", 100 * accuracy));
            }
            out.println(row.append(String.format(Locale.ROOT, "  %,d/%,d", score.answered(), score.questions())));
        }

        private static Metrics figures(Score score, Set<Method> methods) {
            Map<String, Object> correct = new LinkedHashMap<>();
            Map<String, Object> accuracy = new LinkedHashMap<>();
            for (Method m : methods) {
                correct.put(key(m), score.correct().get(m));
                accuracy.put(key(m), score.accuracy(m));
            }
            return new Metrics().put("name", score.name())
                    .put("questions", score.questions())
                    .put("answered", score.answered())
                    .put("coverage", score.coverage())
                    .put("correct", correct)
                    .put("accuracy", accuracy);
        }
    }

    @Command(name = "similarity", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Rank-correlate cosine similarities with human scores (WordSim-353, SimLex-999, MEN, ...).")
    static final class Similarity implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        CommonOptions common;

        @Option(names = "--pairs", required = true, arity = "1..*", paramLabel = "FILE",
                description = "One or more pair files: 'word1 word2 score' a line, tab- or space-separated; "
                        + "'#' lines and a header line are skipped.")
        List<Path> pairFiles;

        @Override
        public Integer call() throws IOException {
            long start = System.nanoTime();
            PrintWriter out = spec.commandLine().getOut();
            Metrics metrics = new Metrics().put("command", "eval similarity");
            Loaded loaded = VectorFiles.load(common.vectors, Integer.MAX_VALUE, spec.commandLine().getErr());
            VectorFiles.describe(metrics, common.vectors, loaded);
            WordVectors words = loaded.vectors();
            SimilarityEvaluation evaluation = new SimilarityEvaluation(words, common.ignoreCase);
            List<Metrics> perFile = new ArrayList<>();
            int width = Math.max(10, pairFiles.stream().mapToInt(p -> p.getFileName().toString().length()).max()
                    .orElse(0));
            out.printf(Locale.ROOT, "%-" + width + "s  %8s  %8s  %s%n", "pairs", "spearman", "pearson", "found");
            for (Path file : pairFiles) {
                SimilarityEvaluation.Result result = evaluation.evaluate(SimilarityEvaluation.readPairs(file));
                out.printf(Locale.ROOT, "%-" + width + "s  %8.4f  %8.4f  %,d/%,d (%.1f%%)%n", file.getFileName(),
                        result.spearman(), result.pearson(), result.found(), result.pairs(), 100 * result.coverage());
                perFile.add(new Metrics().put("file", file.toString())
                        .put("pairs", result.pairs())
                        .put("found", result.found())
                        .put("coverage", result.coverage())
                        .put("spearman", result.spearman())
                        .put("pearson", result.pearson()));
            }
            metrics.put("ignore_case", common.ignoreCase)
                    .put("files", perFile)
                    .put("wall_seconds", (System.nanoTime() - start) / 1e9);
            common.writeMetrics(metrics);
            return 0;
        }
    }

    /** The options every evaluation takes. */
    static final class CommonOptions {
        @Option(names = "--vectors", required = true, paramLabel = "FILE", description = "The word vectors.")
        Path vectors;

        @Option(names = "--ignore-case", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Match words regardless of case, as word2vec's compute-accuracy and gensim do "
                        + "(default: on).")
        boolean ignoreCase;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write all figures as JSON.")
        Path metricsOut;

        void writeMetrics(Metrics metrics) throws IOException {
            if (metricsOut != null) {
                metrics.write(metricsOut);
            }
        }
    }

    /** The name of a method in flags and JSON keys: "3cosadd", "3cosmul". */
    static String key(Method method) {
        return method.label().toLowerCase(Locale.ROOT);
    }
}
