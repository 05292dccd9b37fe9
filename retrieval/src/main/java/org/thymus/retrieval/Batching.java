package org.thymus.retrieval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.thymus.core.InvalidInputException;

/**
 * The {@code --batching} values of the commands that train two towers: "random" batches, or
 * grouped batches of pairs sorted by a key (see {@link TwoTowerTrainer}): "sorted" (a batch is one
 * run of consecutive keys) or "sorted:K" (K runs of B / K pairs from different places of the order).
 */
public final class Batching {
    private Batching() {
    }

    /**
     * As {@link #sortedRuns(String)}, for batches of {@code batch} pairs: a batch cannot be made of
     * more runs than it has pairs.
     */
    public static int sortedRuns(String batching, int batch) {
        int runs = sortedRuns(batching);
        if (runs > batch) {
            throw new InvalidInputException("--batching " + batching + ": more runs than the batch's " + batch + " pairs");
        }
        return runs;
    }

    /** The runs of sorted pairs a batch is made of: 0 for "random", 1 for "sorted", K for "sorted:K". */
    public static int sortedRuns(String batching) {
        if (batching.equals("random")) {
            return 0;
        }
        if (batching.equals("sorted")) {
            return 1;
        }
        String runs = batching.startsWith("sorted:") ? batching.substring("sorted:".length()) : "";
        if (runs.matches("[1-9][0-9]{0,5}")) {
            return Integer.parseInt(runs);
        }
        throw new InvalidInputException("unknown --batching '" + batching + "' (random, sorted or sorted:K, K >= 1)");
    }

    /**
     * Per pair of {@code data}, the rank of its item's text in string order: pairs whose items read
     * alike get nearby keys, pairs of one item the same key.
     */
    public static long[] itemTextOrder(PairData data) {
        return textOrder(data.items(), data.pairCount(), data::item);
    }

    /**
     * Per pair (0 .. pairs - 1), the rank in string order of its text {@code texts.get(textOfPair(p))}:
     * the keys of batches sorted by that text.
     */
    public static long[] textOrder(List<String> texts, int pairs, IntUnaryOperator textOfPair) {
        Integer[] byText = new Integer[texts.size()];
        Arrays.setAll(byText, i -> i);
        Arrays.sort(byText, Comparator.comparing(texts::get));
        long[] rank = new long[texts.size()];
        for (int r = 0; r < byText.length; r++) {
            rank[byText[r]] = r;
        }
        long[] keys = new long[pairs];
        Arrays.setAll(keys, p -> rank[textOfPair.applyAsInt(p)]);
        return keys;
    }
}
