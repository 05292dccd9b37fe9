package org.thymus.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.InputFiles;
import org.thymus.core.token.TokenScanner;
import org.thymus.core.skipgram.SequenceChunk;
import org.thymus.core.train.HogwildTrainer;

/**
 * Streams the corpus {@code epochs} times as chunks of vocabulary ids. A line is a sentence; a
 * line longer than {@code maxSentenceLength} kept words is cut into pieces of that length (as
 * gensim does with 10,000), so a one-line corpus such as text8 still trains in sentences.
 */
final class ChunkReader implements HogwildTrainer.ChunkSource<SequenceChunk>, AutoCloseable {
    static final int CHUNK_WORDS = 10_000;

    private final Path path;
    private final long from;
    private final long to;
    private final Vocabulary vocabulary;
    private final int maxSentenceLength;
    private final int epochs;
    private int epochsLeft;
    private TokenScanner scanner;
    private int sentenceLength;

    ChunkReader(Path path, Vocabulary vocabulary, int epochs, int maxSentenceLength) {
        this(path, 0, -1, vocabulary, epochs, maxSentenceLength);
    }

    /** Reads only the bytes [from, to) of a plain corpus file ({@code to} < 0: the whole file, plain or gzip). */
    ChunkReader(Path path, long from, long to, Vocabulary vocabulary, int epochs, int maxSentenceLength) {
        this.from = from;
        this.to = to;
        this.path = path;
        this.vocabulary = vocabulary;
        this.epochs = epochs;
        this.epochsLeft = epochs;
        this.maxSentenceLength = maxSentenceLength;
    }

    @Override
    public SequenceChunk next() throws IOException {
        SequenceChunk chunk = new SequenceChunk(CHUNK_WORDS);
        sentenceLength = 0; // a sentence cut by a chunk boundary continues as a new one
        try {
            while (!chunk.isFull()) {
                if (scanner == null) {
                    if (epochsLeft == 0) {
                        break;
                    }
                    epochsLeft--;
                    scanner = new TokenScanner(to < 0 ? InputFiles.open(path, "corpus")
                            : InputFiles.openRange(path, from, to, "corpus"));
                }
                chunk.setEpoch(epochs - epochsLeft - 1);
                if (!scanner.next()) {
                    scanner.close();
                    scanner = null;
                    chunk.endSequence();
                    break; // an epoch never shares a chunk with the next one
                }
                chunk.addUnits(1);
                if (scanner.startsLine()) {
                    chunk.endSequence();
                    sentenceLength = 0;
                }
                int id = vocabulary.id(scanner.buffer(), scanner.start(), scanner.length(), scanner.hash());
                if (id >= 0) {
                    if (sentenceLength == maxSentenceLength) {
                        chunk.endSequence();
                        sentenceLength = 0;
                    }
                    chunk.add(id);
                    sentenceLength++;
                }
            }
        } catch (ZipException e) {
            throw new InvalidInputException("corpus is not a valid gzip file (truncated or corrupt): " + path, e);
        }
        chunk.endSequence();
        return chunk.units() == 0 && scanner == null && epochsLeft == 0 ? null : chunk;
    }

    @Override
    public void close() throws IOException {
        if (scanner != null) {
            scanner.close();
            scanner = null;
        }
    }
}
