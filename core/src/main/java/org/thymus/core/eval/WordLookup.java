package org.thymus.core.eval;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.thymus.core.vectors.WordVectors;

/**
 * Finds the row of a test-set word among the first {@code limit} rows of a vector set, optionally
 * ignoring case as word2vec.c's compute-accuracy and gensim do: both sides are folded, and where
 * folding makes two words one ("Apple", "apple") the earlier, more frequent row wins.
 */
final class WordLookup {
    private final WordVectors vectors;
    private final int limit;
    private final Map<String, Integer> folded;

    WordLookup(WordVectors vectors, int limit, boolean ignoreCase) {
        this.vectors = vectors;
        this.limit = Math.min(limit, vectors.size());
        if (ignoreCase) {
            folded = HashMap.newHashMap(this.limit);
            for (int row = 0; row < this.limit; row++) {
                folded.putIfAbsent(fold(vectors.word(row)), row);
            }
        } else {
            folded = null;
        }
    }

    /** The row of {@code word}, or -1 if it is not among the first {@code limit} rows. */
    int row(String word) {
        if (folded != null) {
            return folded.getOrDefault(fold(word), -1);
        }
        int row = vectors.row(word);
        return row < limit ? row : -1;
    }

    private static String fold(String word) {
        return word.toLowerCase(Locale.ROOT);
    }
}
