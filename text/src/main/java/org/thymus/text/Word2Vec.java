package org.thymus.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.thymus.core.io.InputFiles;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.SamplerReport;
import org.thymus.core.skipgram.SequenceChunk;
import org.thymus.core.skipgram.SkipGramWorker;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.train.HogwildTrainer;
import org.thymus.core.train.TrainingProgress;

/** Trains word2vec (skip-gram or CBOW, negative sampling) on a corpus file. */
public final class Word2Vec {

    private Word2Vec() {
    }

    /**
     * What a run produced: the input vectors (the word vectors) and its figures; the sampler
     * report is null unless one was asked for.
     */
    public record Result(Vocabulary vocabulary, EmbeddingTable vectors, EmbeddingTable outputVectors,
                         long tokensProcessed, double seconds, double meanLoss, String kernels,
                         double samplerBuildSeconds, SamplerReport samplerReport) {
        /** Corpus tokens processed per second of training (all epochs). */
        public double wordsPerSecond() {
            return seconds > 0 ? tokensProcessed / seconds : 0;
        }
    }

    /** Trains with word2vec's unigram negatives and no sampler report. */
    public static Result train(Path corpus, Vocabulary vocabulary, Word2VecConfig config,
                               Function<TrainingProgress, AutoCloseable> monitor) {
        return train(corpus, vocabulary, config, Word2VecNegatives.Recipe.unigram(), false, monitor);
    }

    /**
     * Trains on {@code corpus} with {@code vocabulary} (built from the same corpus).
     *
     * @param negatives  how negatives are drawn ({@code --negatives}, {@code --exclude-classes})
     * @param withReport keep a {@link SamplerReport} of what the sampler drew
     * @param monitor    called with the run's progress when training starts; what it returns is
     *                   closed when training ends (a progress display, or nothing)
     */
    public static Result train(Path corpus, Vocabulary vocabulary, Word2VecConfig config,
                               Word2VecNegatives.Recipe negatives, boolean withReport,
                               Function<TrainingProgress, AutoCloseable> monitor) {
        int dim = config.dim();
        EmbeddingTable input = new EmbeddingTable(vocabulary.size(), dim);
        // gensim 4's initialisation (word2vec.c uses half this width); output vectors start at zero.
        input.fillUniform(config.seed(), -1f / dim, 1f / dim);
        EmbeddingTable output = new EmbeddingTable(vocabulary.size(), dim);
        float[] keep = SkipGramWorker.keepProbabilities(vocabulary.counts(), config.sample());
        long total = vocabulary.corpusTokens() * config.epochs();
        // The clock starts before the samplers are built: their build is part of the training cost.
        TrainingProgress progress = new TrainingProgress(total, config.alpha(), config.minAlpha());
        Word2VecNegatives sampling = new Word2VecNegatives(negatives, vocabulary, config, input, output, progress,
                withReport);
        List<ChunkReader> parts = readers(corpus, vocabulary, config);
        try (sampling;
             AutoCloseable display = monitor.apply(progress);
             AutoCloseable closeParts = () -> closeAll(parts)) {
            HogwildTrainer.ChunkSource<SequenceChunk> reader = HogwildTrainer.roundRobin(parts);
            SkipGramWorker.Settings settings = new SkipGramWorker.Settings(input, output, config.cbow(),
                    config.window(), config.negative(), keep);
            SkipGramWorker.Negatives drawn = sampling.forWorkers();
            HogwildTrainer.run(config.threads(), reader, t -> new SkipGramWorker(settings, drawn, progress,
                    FastRandom.forWorker(config.seed(), t)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Result(vocabulary, input, output, progress.unitsDone(), progress.elapsedSeconds(),
                progress.meanLoss(), Kernels.get().name(), sampling.buildSeconds(), sampling.report());
    }

    /**
     * One reader per thread, each on its own part of the corpus (cut at line starts), taken in turn:
     * the parts advance together, as each thread of word2vec.c, fastText and gensim's corpus_file
     * mode reads its own part. Training order matters on a corpus whose topics drift from start to
     * end: read straight through, the last part of every epoch is the end of the corpus (with 2
     * threads, CBOW's WS-353 was 0.487 against gensim's 0.499; with parts 0.498-0.503 in three
     * single runs). A gzip corpus cannot be entered in the middle and is read straight through.
     */
    private static List<ChunkReader> readers(Path corpus, Vocabulary vocabulary, Word2VecConfig config) {
        long[] bounds = config.threads() > 1
                ? InputFiles.lineAlignedParts(corpus, config.threads(), "corpus") : null;
        List<ChunkReader> readers = new ArrayList<>();
        if (bounds == null) {
            readers.add(new ChunkReader(corpus, vocabulary, config.epochs(), Word2VecConfig.MAX_SENTENCE_LENGTH));
        } else {
            for (int k = 0; k + 1 < bounds.length; k++) {
                readers.add(new ChunkReader(corpus, bounds[k], bounds[k + 1], vocabulary, config.epochs(),
                        Word2VecConfig.MAX_SENTENCE_LENGTH));
            }
        }
        return readers;
    }

    private static void closeAll(List<ChunkReader> readers) throws IOException {
        IOException failure = null;
        for (ChunkReader reader : readers) {
            try {
                reader.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
