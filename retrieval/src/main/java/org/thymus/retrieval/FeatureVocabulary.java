package org.thymus.retrieval;

import java.util.List;
import org.thymus.core.token.SymbolTable;

/**
 * The features of one side that have a row in its tower: every feature of the training texts seen
 * at least {@code minCount} times, numbered in order of first sight. A feature outside it (rare, or
 * first seen at query time) has no row and is left out of the bag.
 */
public final class FeatureVocabulary {
    private final SymbolTable symbols;

    private FeatureVocabulary(SymbolTable symbols) {
        this.symbols = symbols;
    }

    /** The vocabulary of {@code texts} under {@code spec}: features seen at least {@code minCount} times. */
    public static FeatureVocabulary build(List<String> texts, FeatureSpec spec, int minCount) {
        SymbolTable all = new SymbolTable();
        int[][] counts = {new int[1024]};
        for (String text : texts) {
            spec.extract(text, (feature, weight) -> {
                int id = all.add(feature);
                if (id >= counts[0].length) {
                    counts[0] = java.util.Arrays.copyOf(counts[0], counts[0].length * 2);
                }
                counts[0][id]++;
            });
        }
        if (minCount <= 1) {
            return new FeatureVocabulary(all);
        }
        SymbolTable kept = new SymbolTable(all.size());
        for (int id = 0; id < all.size(); id++) {
            if (counts[0][id] >= minCount) {
                kept.add(all.symbol(id));
            }
        }
        return new FeatureVocabulary(kept);
    }

    /** A vocabulary of exactly these features, in this order (a loaded model's). */
    public static FeatureVocabulary of(List<String> features) {
        SymbolTable symbols = new SymbolTable(features.size());
        for (String f : features) {
            symbols.add(f);
        }
        return new FeatureVocabulary(symbols);
    }

    /** The row of {@code feature}, or -1. */
    public int row(String feature) {
        return symbols.find(feature);
    }

    /** The feature of {@code row}. */
    public String feature(int row) {
        return symbols.symbol(row);
    }

    public int size() {
        return symbols.size();
    }
}
