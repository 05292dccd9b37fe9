package org.thymus.text;

import org.thymus.core.token.SymbolTable;

/**
 * The words kept for training, most frequent first (id 0 is the most frequent word), with their
 * corpus counts. Lookups go straight from a {@link org.thymus.core.token.TokenScanner}'s bytes.
 */
public final class Vocabulary {
    private final SymbolTable symbols;
    private final long[] counts;
    private final long corpusTokens;

    /**
     * @param symbols      the words, inserted in id order
     * @param counts       count of each word, by id
     * @param corpusTokens every token of the corpus, including words not kept
     */
    Vocabulary(SymbolTable symbols, long[] counts, long corpusTokens) {
        if (symbols.size() != counts.length) {
            throw new IllegalArgumentException("symbols and counts differ in size");
        }
        this.symbols = symbols;
        this.counts = counts;
        this.corpusTokens = corpusTokens;
    }

    public int size() {
        return counts.length;
    }

    public String word(int id) {
        return symbols.symbol(id);
    }

    public long count(int id) {
        return counts[id];
    }

    /** A copy of the counts, by id. */
    public long[] counts() {
        return counts.clone();
    }

    /** The id of a word, or -1 if it is not in the vocabulary. */
    public int id(String word) {
        return symbols.find(word);
    }

    /** The id of the word in {@code bytes[off..off+len)} whose scanner hash is {@code hash}, or -1. */
    public int id(byte[] bytes, int off, int len, int hash) {
        return symbols.find(bytes, off, len, hash);
    }

    /** Tokens in the corpus, kept or not. */
    public long corpusTokens() {
        return corpusTokens;
    }

    /** Tokens of kept words (the sum of the counts). */
    public long keptTokens() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** All words, by id. */
    public String[] words() {
        String[] words = new String[size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = word(i);
        }
        return words;
    }
}
