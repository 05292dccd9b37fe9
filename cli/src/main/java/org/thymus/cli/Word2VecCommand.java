package org.thymus.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.Word2VecFormat;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.sampler.SamplerSpec;
import org.thymus.core.train.ProgressReporter;
import org.thymus.core.vectors.WordVectors;
import org.thymus.text.Vocabulary;
import org.thymus.text.VocabularyBuilder;
import org.thymus.text.Word2Vec;
import org.thymus.text.Word2VecConfig;
import org.thymus.text.Word2VecNegatives;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thymus word2vec train}: skip-gram or CBOW with negative sampling. */
@Command(name = "word2vec", description = "Word vectors: skip-gram and CBOW with negative sampling.",
        mixinStandardHelpOptions = true, subcommands = {Word2VecCommand.Train.class})
final class Word2VecCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Train word vectors on a corpus (plain text or .gz, UTF-8, whitespace-separated tokens, "
                    + "one sentence per line).")
    static final class Train implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "FILE", description = "Training corpus.")
        Path input;

        @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write the vectors.")
        Path output;

        @Option(names = "--format", defaultValue = "bin", paramLabel = "bin|text",
                description = "word2vec binary or text format (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--cbow", description = "Train CBOW instead of skip-gram.")
        boolean cbow;

        @Option(names = "--dim", defaultValue = "100", description = "Vector size (default: ${DEFAULT-VALUE}).")
        int dim;

        @Option(names = "--window", defaultValue = "5", description = "Maximum context distance (default: ${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--negative", defaultValue = "5", description = "Negatives per positive (default: ${DEFAULT-VALUE}).")
        int negative;

        @Option(names = "--ns-exponent", defaultValue = "0.75",
                description = "Negatives are drawn from count^x (default: ${DEFAULT-VALUE}).")
        double nsExponent;

        @Option(names = "--negatives", defaultValue = "unigram", paramLabel = "SPEC",
                description = "How negatives are drawn: a base (unigram, uniform) plus hard negatives mixed in by "
                        + "fraction, e.g. unigram+lexical:0.2, unigram+semantic:0.2:band=3-50, "
                        + "unigram+lexical:0.1+semantic:0.1. Options: lexical d=1 max=50 min=4; "
                        + "semantic band=3-50 pool=10000 every=WORDS (default: ${DEFAULT-VALUE}).")
        String negatives;

        @Option(names = "--exclude-classes", paramLabel = "FILE",
                description = "Equivalence classes, one per line (synonyms, homophones, inflections): a word of the "
                        + "positive's class is never its negative.")
        Path excludeClasses;

        @Option(names = "--sampler-report", paramLabel = "FILE",
                description = "Write per-epoch sampler figures as JSON: draws/s, hardness of the negatives, what "
                        + "each guard rejected.")
        Path samplerReport;

        @Option(names = "--min-count", defaultValue = "5", description = "Ignore rarer words (default: ${DEFAULT-VALUE}).")
        int minCount;

        @Option(names = "--max-vocab", defaultValue = "2147483647", paramLabel = "N",
                description = "Keep at most the N most frequent words (default: no cap).")
        int maxVocab;

        @Option(names = "--sample", defaultValue = "1e-3",
                description = "Subsampling threshold for frequent words, 0 to disable (default: ${DEFAULT-VALUE}).")
        double sample;

        @Option(names = "--epochs", defaultValue = "5", description = "Passes over the corpus (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--alpha", description = "Starting learning rate (default: 0.025 skip-gram, 0.05 CBOW).")
        Float alpha;

        @Option(names = "--min-alpha", paramLabel = "RATE",
                description = "Learning rate at the end; it decays linearly from --alpha (default: alpha x 1e-4, as word2vec.c).")
        Float minAlpha;

        @Option(names = "--threads", description = "Worker threads (default: the number of CPUs).")
        Integer threads;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the run's figures as JSON.")
        Path metricsOut;

        @Option(names = "--quiet", description = "No progress display.")
        boolean quiet;

        @Override
        public Integer call() throws IOException {
            Word2VecFormat.Encoding encoding = VectorFiles.encoding(format);
            requireWritableFolder(output, "--output");
            if (metricsOut != null) {
                requireWritableFolder(metricsOut, "--metrics-out");
            }
            if (samplerReport != null) {
                requireWritableFolder(samplerReport, "--sampler-report");
            }
            if (excludeClasses != null && !Files.isReadable(excludeClasses)) {
                throw new InvalidInputException("--exclude-classes: cannot read " + excludeClasses);
            }
            Word2VecNegatives.Recipe recipe = new Word2VecNegatives.Recipe(SamplerSpec.parse(negatives), excludeClasses);
            float startAlpha = alpha != null ? alpha : Word2VecConfig.defaultAlpha(cbow);
            Word2VecConfig config = new Word2VecConfig(cbow, dim, window, negative, nsExponent, sample, epochs,
                    startAlpha, minAlpha != null ? minAlpha : Word2VecConfig.defaultMinAlpha(startAlpha),
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(), seed);
            long start = System.nanoTime();
            Vocabulary vocabulary = new VocabularyBuilder(minCount, maxVocab).build(input);
            double vocabSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "vocabulary: %,d words (min-count %d) from %,d tokens in %.1f s%n",
                    vocabulary.size(), minCount, vocabulary.corpusTokens(), vocabSeconds);
            boolean terminal = ProgressReporter.stdoutIsTerminal();
            Word2Vec.Result result = Word2Vec.train(input, vocabulary, config, recipe, samplerReport != null,
                    progress -> quiet
                    ? () -> { }
                    : new ProgressReporter(progress, System.out, "words", terminal, 10).start());
            System.out.printf(Locale.ROOT, "trained %s in %.1f s: %,.0f words/s, mean loss %.4f (kernels %s)%n",
                    cbow ? "CBOW" : "skip-gram", result.seconds(), result.wordsPerSecond(), result.meanLoss(),
                    result.kernels());
            long saveStart = System.nanoTime();
            Word2VecFormat.write(new WordVectors(vocabulary.words(), result.vectors()), output, encoding);
            double saveSeconds = (System.nanoTime() - saveStart) / 1e9;
            System.out.printf(Locale.ROOT, "wrote %,d vectors of dim %d to %s (%s)%n",
                    vocabulary.size(), dim, output, encoding == Word2VecFormat.Encoding.BINARY ? "binary" : "text");
            if (samplerReport != null) {
                result.samplerReport().toMetrics().write(samplerReport);
            }
            if (metricsOut != null) {
                Metrics metrics = new Metrics()
                        .put("command", "word2vec train")
                        .put("model", cbow ? "cbow" : "skipgram")
                        .put("input", input.toString())
                        .put("output", output.toString());
                metrics.section("parameters")
                        .put("dim", dim).put("window", window).put("negative", negative)
                        .put("ns_exponent", nsExponent).put("min_count", minCount).put("sample", sample)
                        .put("epochs", epochs).put("alpha", config.alpha()).put("min_alpha", config.minAlpha()).put("threads", config.threads())
                        .put("seed", seed).put("negatives", recipe.spec().text())
                        .put("exclude_classes", excludeClasses == null ? null : excludeClasses.toString());
                metrics.put("vocabulary_size", vocabulary.size())
                        .put("corpus_tokens", vocabulary.corpusTokens())
                        .put("tokens_processed", result.tokensProcessed())
                        .put("vocabulary_seconds", vocabSeconds)
                        .put("train_seconds", result.seconds())
                        .put("save_seconds", saveSeconds)
                        .put("total_seconds", (System.nanoTime() - start) / 1e9)
                        .put("words_per_second", result.wordsPerSecond())
                        .put("mean_loss", result.meanLoss())
                        .put("sampler_build_seconds", result.samplerBuildSeconds())
                        .put("kernels", result.kernels());
                metrics.write(metricsOut);
            }
            return 0;
        }

        /** Fails before hours of training, not after, when an output cannot be written. */
        static void requireWritableFolder(Path file, String flag) {
            Path folder = file.toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                throw new InvalidInputException(flag + " folder does not exist: " + folder);
            }
            if (!Files.isWritable(folder)) {
                throw new InvalidInputException(flag + " folder is not writable: " + folder);
            }
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(flag + " is a directory: " + file);
            }
        }
    }
}
