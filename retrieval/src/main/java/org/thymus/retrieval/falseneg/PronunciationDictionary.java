package org.thymus.retrieval.falseneg;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.thymus.core.InvalidInputException;

/**
 * Words and their pronunciations (CMUdict's {@code cmudict.tsv}: {@code word<TAB>phonemes}, one
 * line a pronunciation, so a word with several has several lines), words in sorted order so a
 * seeded split does not depend on the file's order. Two distinct words with an identical phoneme
 * string are homophones; with the stress digits kept, CMUdict has 13,103 such groups.
 *
 * @param words          the distinct words, sorted
 * @param pronunciations each word's distinct pronunciations, in file order
 */
record PronunciationDictionary(List<String> words, List<List<String>> pronunciations) {

    PronunciationDictionary {
        words = List.copyOf(words);
        pronunciations = pronunciations.stream().map(List::copyOf).toList();
        if (words.size() != pronunciations.size()) {
            throw new IllegalArgumentException(words.size() + " words, " + pronunciations.size() + " pronunciation lists");
        }
    }

    /** Reads {@code word<TAB>phonemes} lines; a malformed line stops with the file and the line. */
    static PronunciationDictionary read(Path tsv) throws IOException {
        List<String[]> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 2 || fields[0].isBlank() || fields[1].isBlank()) {
                    throw new InvalidInputException(tsv + ": line " + number + ": expected 'word<TAB>phonemes'");
                }
                entries.add(fields);
            }
        }
        if (entries.isEmpty()) {
            throw new InvalidInputException(tsv + ": no pronunciation");
        }
        return of(entries);
    }

    /** The dictionary of (word, phonemes) entries. */
    static PronunciationDictionary of(List<String[]> entries) {
        TreeMap<String, LinkedHashSet<String>> byWord = new TreeMap<>();
        for (String[] e : entries) {
            byWord.computeIfAbsent(e[0].strip(), w -> new LinkedHashSet<>()).add(String.join(" ", e[1].strip().split("\\s+")));
        }
        return new PronunciationDictionary(new ArrayList<>(byWord.keySet()),
                byWord.values().stream().map(s -> (List<String>) new ArrayList<>(s)).toList());
    }

    /** The same words with ARPAbet stress digits dropped ({@code T UW1} → {@code T UW}); pronunciations that become equal merge. */
    PronunciationDictionary withoutStress() {
        List<List<String>> plain = new ArrayList<>();
        for (List<String> ps : pronunciations) {
            plain.add(new ArrayList<>(new LinkedHashSet<>(ps.stream().map(p -> p.replaceAll("[0-9]", "")).toList())));
        }
        return new PronunciationDictionary(words, plain);
    }

    int size() {
        return words.size();
    }

    /** How many words pronounce each pronunciation (a pronunciation of two or more words is a homophone group). */
    Map<String, Integer> wordsPerPronunciation() {
        Map<String, Integer> count = new HashMap<>();
        for (List<String> ps : pronunciations) {
            for (String p : ps) {
                count.merge(p, 1, Integer::sum);
            }
        }
        return count;
    }

    /** Per word: does it share a pronunciation with another word (is it in a homophone group)? */
    boolean[] inHomophoneGroup() {
        Map<String, Integer> count = wordsPerPronunciation();
        boolean[] in = new boolean[size()];
        for (int w = 0; w < size(); w++) {
            in[w] = pronunciations.get(w).stream().anyMatch(p -> count.get(p) > 1);
        }
        return in;
    }

    /** The number of homophone groups: pronunciations shared by two or more words. */
    int homophoneGroups() {
        return (int) wordsPerPronunciation().values().stream().filter(c -> c > 1).count();
    }
}
