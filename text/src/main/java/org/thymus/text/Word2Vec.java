package org.thymus.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.SamplerReport;
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
        try (sampling;
             AutoCloseable display = monitor.apply(progress);
             ChunkReader reader = new ChunkReader(corpus, vocabulary, config.epochs(),
                     Word2VecConfig.MAX_SENTENCE_LENGTH)) {
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
}
