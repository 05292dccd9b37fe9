package org.thymus.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.InputFiles;
import org.thymus.core.token.SymbolTable;
import org.thymus.core.token.TokenScanner;
import org.thymus.core.token.Utf8;

/**
 * Counts the words of a corpus in one streaming pass and keeps those with at least
 * {@code minCount} occurrences, at most {@code maxVocab} of them, most frequent first.
 *
 * <p>Memory is bounded for any corpus: when the number of distinct words passes
 * {@code pruneThreshold}, the rarest are dropped, raising the bar each time, as word2vec.c does.
 * Counts of words that survive a prune can then be slightly low; with the default threshold
 * (20 M distinct words) that only happens on corpora far larger than usual benchmarks.
 */
public final class VocabularyBuilder {
    public static final int DEFAULT_PRUNE_THRESHOLD = 20_000_000;

    private final int minCount;
    private final int maxVocab;
    private final int pruneThreshold;

    private SymbolTable symbols = new SymbolTable(1 << 16);
    private long[] counts = new long[1 << 16];
    private long corpusTokens;
    private long pruneBelow = 1;

    public VocabularyBuilder(int minCount, int maxVocab) {
        this(minCount, maxVocab, DEFAULT_PRUNE_THRESHOLD);
    }

    VocabularyBuilder(int minCount, int maxVocab, int pruneThreshold) {
        if (minCount < 1) {
            throw new InvalidInputException("--min-count must be >= 1, got " + minCount);
        }
        if (maxVocab < 1) {
            throw new InvalidInputException("--max-vocab must be >= 1, got " + maxVocab);
        }
        this.minCount = minCount;
        this.maxVocab = maxVocab;
        this.pruneThreshold = pruneThreshold;
    }

    /** Reads the corpus at {@code path} (plain or gzip, UTF-8) and returns its vocabulary. */
    public Vocabulary build(Path path) {
        try (InputStream in = InputFiles.open(path, "corpus");
             TokenScanner scanner = new TokenScanner(in)) {
            count(scanner, path);
        } catch (ZipException e) {
            throw new InvalidInputException("corpus is not a valid gzip file (truncated or corrupt): " + path, e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read corpus " + path + ": " + e.getMessage(), e);
        }
        if (corpusTokens == 0) {
            throw new InvalidInputException("corpus is empty (no tokens): " + path);
        }
        Vocabulary vocabulary = keep();
        if (vocabulary.size() == 0) {
            throw new InvalidInputException("no word of the corpus occurs at least --min-count "
                    + minCount + " times (" + symbols.size() + " distinct words): " + path);
        }
        return vocabulary;
    }

    private void count(TokenScanner scanner, Path path) throws IOException {
        while (scanner.next()) {
            byte[] b = scanner.buffer();
            int off = scanner.start();
            int len = scanner.length();
            int id = symbols.find(b, off, len, scanner.hash());
            if (id < 0) {
                // Validate each distinct word once, when it is first seen.
                int bad = Utf8.firstInvalid(b, off, len);
                if (bad >= 0) {
                    throw new InvalidInputException("corpus is not valid UTF-8 at byte "
                            + (scanner.offset() + bad - off) + ": " + path);
                }
                id = symbols.add(b, off, len, scanner.hash());
                if (id == counts.length) {
                    counts = Arrays.copyOf(counts, counts.length * 2);
                }
            }
            counts[id]++;
            corpusTokens++;
            if (symbols.size() > pruneThreshold) {
                prune();
            }
        }
    }

    /** Drops the rarest words; each prune raises the bar by one, like word2vec.c's ReduceVocab. */
    private void prune() {
        SymbolTable kept = new SymbolTable(symbols.size() / 2);
        long[] keptCounts = new long[counts.length];
        for (int id = 0; id < symbols.size(); id++) {
            if (counts[id] > pruneBelow) {
                keptCounts[kept.add(symbols.symbol(id))] = counts[id];
            }
        }
        symbols = kept;
        counts = keptCounts;
        pruneBelow++;
    }

    private Vocabulary keep() {
        int n = symbols.size();
        Integer[] order = new Integer[n];
        int kept = 0;
        for (int id = 0; id < n; id++) {
            if (counts[id] >= minCount) {
                order[kept++] = id;
            }
        }
        // Most frequent first; ties keep first-seen order (the sort is stable), as gensim does.
        Arrays.sort(order, 0, kept, (a, b) -> Long.compare(counts[b], counts[a]));
        int size = Math.min(kept, maxVocab);
        SymbolTable words = new SymbolTable(size);
        long[] wordCounts = new long[size];
        for (int i = 0; i < size; i++) {
            words.add(symbols.symbol(order[i]));
            wordCounts[i] = counts[order[i]];
        }
        return new Vocabulary(words, wordCounts, corpusTokens);
    }
}
