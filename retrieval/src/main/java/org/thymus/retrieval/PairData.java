package org.thymus.retrieval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.InputFiles;
import org.thymus.core.sampler.PairSet;

/**
 * Positive (query, item) pairs, with the distinct queries and the distinct items (the item corpus)
 * each numbered once: a query or an item is its text with whitespace normalised, so two lines with
 * the same item side name one item. Read from TSV ({@code query features<TAB>item features}) or
 * built pair by pair (a front end that makes its own pairs, such as the recommender).
 */
public final class PairData {
    private final List<String> queries = new ArrayList<>();
    private final List<String> items = new ArrayList<>();
    private final Map<String, Integer> queryIds = new HashMap<>();
    private final Map<String, Integer> itemIds = new HashMap<>();
    private int[] pairQuery = new int[1024];
    private int[] pairItem = new int[1024];
    private int pairs;
    private long blankLines;

    /** Adds the pair (query text, item text) and returns its index. */
    public int add(String queryText, String itemText) {
        int q = queryIds.computeIfAbsent(FeatureSpec.normalize(queryText), text -> {
            queries.add(text);
            return queries.size() - 1;
        });
        int i = itemIds.computeIfAbsent(FeatureSpec.normalize(itemText), text -> {
            items.add(text);
            return items.size() - 1;
        });
        return add(q, i);
    }

    /** Adds a pair of a query and an item already added. */
    public int add(int query, int item) {
        if (pairs == pairQuery.length) {
            pairQuery = Arrays.copyOf(pairQuery, pairs * 2);
            pairItem = Arrays.copyOf(pairItem, pairs * 2);
        }
        pairQuery[pairs] = query;
        pairItem[pairs] = item;
        return pairs++;
    }

    /** Adds {@code text} to the item corpus without a pair (an item no training pair names) and returns its id. */
    public int addItem(String text) {
        return itemIds.computeIfAbsent(FeatureSpec.normalize(text), t -> {
            items.add(t);
            return items.size() - 1;
        });
    }

    /**
     * Reads a TSV of pairs. Each non-blank line is {@code query features<TAB>item features}; both
     * sides must hold at least one feature under their spec, and weights must be numbers.
     *
     * @throws InvalidInputException naming the file and line for a line without exactly one tab,
     *     an empty side, a malformed weight or invalid UTF-8; or for a file with no pair
     */
    public static PairData readTsv(Path file, FeatureSpec querySpec, FeatureSpec itemSpec) throws IOException {
        PairData data = new PairData();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long lineNumber = 0;
        int[] features = new int[1];
        try (BufferedReader in = new BufferedReader(new InputStreamReader(InputFiles.open(file, "--train pairs"), decoder))) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (FeatureSpec.normalize(line).isEmpty()) {
                    data.blankLines++;
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
                    throw new InvalidInputException(file + ": line " + lineNumber + ": expected 'query features<TAB>item "
                            + "features' (exactly one tab), got " + (tab < 0 ? "no tab" : "more than one"));
                }
                String query = line.substring(0, tab);
                String item = line.substring(tab + 1);
                for (int side = 0; side < 2; side++) {
                    FeatureSpec spec = side == 0 ? querySpec : itemSpec;
                    features[0] = 0;
                    try {
                        spec.extract(side == 0 ? query : item, (f, w) -> features[0]++);
                    } catch (InvalidInputException e) {
                        throw new InvalidInputException(file + ": line " + lineNumber + ": " + e.getMessage());
                    }
                    if (features[0] == 0) {
                        throw new InvalidInputException(file + ": line " + lineNumber + ": the " + (side == 0 ? "query" : "item")
                                + " side has no feature (an empty bag)");
                    }
                }
                data.add(query, item);
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": line " + (lineNumber + 1) + ": invalid UTF-8");
        }
        if (data.pairs == 0) {
            throw new InvalidInputException(file + ": no pairs (expected lines 'query features<TAB>item features')");
        }
        return data;
    }

    /**
     * Adds the items of {@code file} (one a line: item features; blank lines skipped) to the corpus
     * and returns how many lines named an item.
     *
     * @throws InvalidInputException naming the file and line for a malformed weight or invalid UTF-8
     */
    public long addItems(Path file, FeatureSpec itemSpec) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long lineNumber = 0;
        long named = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(InputFiles.open(file, "--items corpus"), decoder))) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (FeatureSpec.normalize(line).isEmpty()) {
                    continue;
                }
                try {
                    itemSpec.extract(line, (f, w) -> { });
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(file + ": line " + lineNumber + ": " + e.getMessage());
                }
                addItem(line);
                named++;
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": line " + (lineNumber + 1) + ": invalid UTF-8");
        }
        return named;
    }

    public int pairCount() {
        return pairs;
    }

    public int query(int pair) {
        return pairQuery[pair];
    }

    public int item(int pair) {
        return pairItem[pair];
    }

    /** The distinct query texts, by query id. */
    public List<String> queries() {
        return queries;
    }

    /** The distinct item texts (the item corpus), by item id. */
    public List<String> items() {
        return items;
    }

    /** The id of the item with this text, or -1. */
    public int itemId(String text) {
        return itemIds.getOrDefault(FeatureSpec.normalize(text), -1);
    }

    /** The id of the query with this text, or -1. */
    public int queryId(String text) {
        return queryIds.getOrDefault(FeatureSpec.normalize(text), -1);
    }

    /** Blank lines passed over while reading. */
    public long blankLines() {
        return blankLines;
    }

    /** Every (query, item) pair, for the known-positives guard. */
    public PairSet knownPairs() {
        PairSet set = new PairSet(pairs);
        for (int p = 0; p < pairs; p++) {
            set.add(pairQuery[p], pairItem[p]);
        }
        return set;
    }

    /** How many pairs name each item: the true popularity the streaming estimate approaches. */
    public long[] itemCounts() {
        long[] counts = new long[items.size()];
        for (int p = 0; p < pairs; p++) {
            counts[pairItem[p]]++;
        }
        return counts;
    }
}
