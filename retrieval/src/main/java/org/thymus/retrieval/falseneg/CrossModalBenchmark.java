package org.thymus.retrieval.falseneg;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.EquivalenceClasses;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.retrieval.Batching;
import org.thymus.retrieval.FeatureSpec;
import org.thymus.retrieval.NegativeSpec;
import org.thymus.retrieval.PairData;
import org.thymus.retrieval.TwoTowerConfig;
import org.thymus.retrieval.TwoTowerModel;
import org.thymus.retrieval.TwoTowerTrainer;

/**
 * Setting 1 of the false-negative benchmarks: a word's spelling retrieves its pronunciation. A
 * spelling tower (character n-grams of the word) and a pronunciation tower (phoneme n-grams) of
 * the two-tower engine ({@link TwoTowerTrainer}) learn from (word, pronunciation) pairs with
 * in-batch InfoNCE. An item is a pronunciation's phoneme string, so homophones (to / too / two:
 * {@code T UW1}) share one item, and in a batch that holds both (to, T UW1) and (too, T UW1), the
 * second column is a false negative for "to": its own positive, scored as a negative.
 *
 * <p>Arms, each with stress digits kept and dropped: {@code inbatch} (no guard),
 * {@code inbatch+class-guard} (the trainer's classes guard: any in-batch column whose item is
 * the positive's, i.e. an identical pronunciation, leaves the softmax) and {@code inbatch+debiased}
 * (the debiased contrastive loss with tau+ estimated from the training pairs: the chance that a
 * random other pair of the batch has the anchor's pronunciation).
 *
 * <p>The split is by words, seeded: held-out words are never trained on, and every pronunciation
 * of the dictionary (theirs included) is a candidate item. A held-out word is right at k when one
 * of its pronunciations ranks in the top k of the whole corpus; a homophone's identical
 * pronunciation is that same item, so it counts as right. Ties count against the word.
 *
 * <p>With {@link Items#ENTRIES} an item is a dictionary entry instead, as a production two-tower
 * would index it: each (word, pronunciation) of a training word is its own item, whose bag holds
 * the pronunciation's phoneme n-grams plus an item-id feature (a row of its own). "too"'s entry
 * is then a distinct vector from "to"'s, with the same sound: in a batch it is pushed away from
 * "to"'s query. The classes guard masks every column whose entry has the positive's pronunciation
 * (an {@link EquivalenceClasses} over the entries, by pronunciation). Ids exist only for training
 * entries: the entries of every other word (held-out words' included) are indexed with their
 * phoneme n-grams alone, as a new entry is before any training sees its id. A held-out word
 * ranks distinct pronunciations, each scored by its best entry: it is right at k when one of its
 * pronunciations is among the k best, so any homophone's entry counts as right.
 *
 * <p>Batches are random, or with {@code batching} "sorted" grouped by pronunciation (the trainer's
 * grouped batches, keyed by the rank of the pair's phoneme string): homophones' pairs share a batch
 * except where a boundary falls between them, and pronunciations that begin alike are nearby, so
 * the in-batch negatives are hard and the homophones' false negatives frequent. "sorted:K" makes a
 * batch of K such runs from random places of the sorted order: the homophones still meet, and each
 * batch also holds pronunciations that begin otherwise.
 */
final class CrossModalBenchmark {
    private static final Kernels KERNELS = Kernels.get();

    /** The arms: the guard or loss, and whether the pronunciation keeps its stress digits. */
    enum Arm {
        INBATCH("inbatch", false, false, true), CLASS_GUARD("inbatch+class-guard", true, false, true),
        DEBIASED("inbatch+debiased", false, true, true),
        INBATCH_NO_STRESS("inbatch, stress dropped", false, false, false),
        CLASS_GUARD_NO_STRESS("inbatch+class-guard, stress dropped", true, false, false),
        DEBIASED_NO_STRESS("inbatch+debiased, stress dropped", false, true, false);

        final String label;
        final boolean guard;
        final boolean debiased;
        final boolean stress;

        Arm(String label, boolean guard, boolean debiased, boolean stress) {
            this.label = label;
            this.guard = guard;
            this.debiased = debiased;
            this.stress = stress;
        }
    }

    /** What an item of the corpus is. */
    enum Items {
        /** A distinct phoneme string: homophones share one item (one vector). */
        PRONUNCIATIONS("pronunciations"),
        /** A dictionary entry (word, pronunciation) with an item-id feature when trained: homophones are distinct items. */
        ENTRIES("entries");

        final String label;

        Items(String label) {
            this.label = label;
        }

        static Items parse(String name) {
            for (Items i : values()) {
                if (i.label.equals(name)) {
                    return i;
                }
            }
            throw new org.thymus.core.InvalidInputException("unknown --items '" + name + "' (pronunciations or entries)");
        }
    }

    /**
     * Training settings shared by every arm.
     *
     * @param trainWords            words whose pairs are trained on (a seeded sample)
     * @param testWords             held-out words evaluated (another part of the same sample)
     * @param spellingFeatures      the spelling tower's {@link FeatureSpec}
     * @param pronunciationFeatures the pronunciation tower's {@link FeatureSpec} (its phoneme n-grams; with
     *                              entries, plus the item id)
     * @param items                 "pronunciations" or "entries" ({@link Items})
     * @param negatives             the two towers' negatives recipe ({@link NegativeSpec}): "inbatch", or e.g.
     *                              "inbatch+ann:0.25:band=1-10" to add hard negatives mined from the item tower
     * @param batching              "random", "sorted" or "sorted:K" (batches grouped by pronunciation: {@link Batching#sortedRuns})
     */
    record Settings(int trainWords, int testWords, int dim, int epochs, int batch, float temperature,
                    float learningRate, String spellingFeatures, String pronunciationFeatures, String items,
                    String negatives, String batching) {
        /** Every word not held out is a training word. */
        static final int ALL_WORDS = Integer.MAX_VALUE;

        Settings {
            Items.parse(items);
            NegativeSpec.parse(negatives);
            Batching.sortedRuns(batching, batch);
        }

        /**
         * 30,000 training words, 3,000 held out; dim 64, 5 epochs, batch 256, cosine / 0.1, rate 0.05; pronunciations;
         * random batches.
         */
        static Settings defaults() {
            return new Settings(30_000, 3_000, 64, 5, 256, 0.1f, 0.05f, "tokens,char=1-4", "tokens,ngrams=3",
                    "pronunciations", "inbatch", "random");
        }

        /** 3,000 training words, 500 held out, 2 epochs: a smoke test. */
        static Settings small() {
            return new Settings(3_000, 500, 32, 2, 128, 0.1f, 0.05f, "tokens,char=1-4", "tokens,ngrams=3",
                    "pronunciations", "inbatch", "random");
        }

        /** These settings with another temperature and batch size (null keeps the value). */
        Settings with(Float newTemperature, Integer newBatch) {
            return with(newTemperature, newBatch, null, null, null, null, null);
        }

        /**
         * These settings with another temperature, batch size, number of training words
         * ({@link #ALL_WORDS}: every word not held out), epochs, item kind, negatives recipe and batching (null keeps
         * the value).
         */
        Settings with(Float newTemperature, Integer newBatch, Integer newTrainWords, Integer newEpochs, String newItems,
                      String newNegatives, String newBatching) {
            return new Settings(newTrainWords == null ? trainWords : newTrainWords, testWords, dim,
                    newEpochs == null ? epochs : newEpochs, newBatch == null ? batch : newBatch,
                    newTemperature == null ? temperature : newTemperature, learningRate, spellingFeatures,
                    pronunciationFeatures, newItems == null ? items : newItems,
                    newNegatives == null ? negatives : newNegatives, newBatching == null ? batching : newBatching);
        }

        Items itemKind() {
            return Items.parse(items);
        }
    }

    /**
     * Top-1 and top-10 accuracy of held-out words, over all of them and over those in a homophone group.
     */
    record Accuracy(double top1, double top10, double homophoneTop1, double homophoneTop10, int words,
                    int homophoneWords) {
    }

    /** The seeded split: held-out words first, then training words, drawn from one permutation. */
    record Split(int[] train, int[] test) {
        static Split of(int words, Settings s, long seed) {
            int[] order = new FastRandom(seed * 0x9E3779B97F4A7C15L + 17).permutation(words);
            int test = Math.min(s.testWords(), words / 2);
            int train = (int) Math.min(s.trainWords(), (long) words - test);
            return new Split(Arrays.copyOfRange(order, test, test + train), Arrays.copyOfRange(order, 0, test));
        }
    }

    /**
     * One seed's problem: the pairs and corpus of an arm's stress mode, and the held-out words
     * (their ids in the dictionary, their spellings, their pronunciations as pronunciation ids).
     *
     * @param itemPronunciation per item, the id of its pronunciation (with pronunciations as items: the item id)
     * @param pronunciations    per pronunciation id, its phoneme string
     * @param targets           per held-out word, the ids of its pronunciations
     * @param classes           with entries, the entries grouped by pronunciation (the classes guard's
     *                          classes); null with pronunciations as items (an item is its own class)
     */
    record Problem(PairData data, int[] testWords, List<String> testSpellings, int[][] targets,
                   int[] itemPronunciation, List<String> pronunciations, EquivalenceClasses classes) {
    }

    private CrossModalBenchmark() {
    }

    /**
     * The training pairs of the split's training words (one a pronunciation), every pronunciation
     * of the dictionary in the corpus, and each held-out word's pronunciations as item ids.
     */
    static Problem problem(PronunciationDictionary dictionary, Split split) {
        return problem(dictionary, split, Items.PRONUNCIATIONS);
    }

    /** The problem with items of the given kind ({@link #entries} for {@link Items#ENTRIES}). */
    static Problem problem(PronunciationDictionary dictionary, Split split, Items items) {
        if (items == Items.ENTRIES) {
            return entries(dictionary, split);
        }
        PairData data = new PairData();
        for (int w : split.train()) {
            for (String p : dictionary.pronunciations().get(w)) {
                data.add(dictionary.words().get(w), p);
            }
        }
        for (List<String> ps : dictionary.pronunciations()) {
            ps.forEach(data::addItem);
        }
        int[][] targets = new int[split.test().length][];
        for (int t = 0; t < targets.length; t++) {
            targets[t] = dictionary.pronunciations().get(split.test()[t]).stream().mapToInt(data::itemId).toArray();
        }
        return new Problem(data, split.test(),
                Arrays.stream(split.test()).mapToObj(dictionary.words()::get).toList(), targets, identity(data.items().size()),
                List.copyOf(data.items()), null);
    }

    /** The item-id feature of training entry {@code k} of word {@code w} (phonemes never start with '#'). */
    static String entryId(int w, int k) {
        return "#entry=" + w + "." + k;
    }

    /**
     * A pronunciation's bag as whole tokens: the phonemes, their 2- and 3-grams joined by '_' (the
     * features {@code tokens,ngrams=3} gives, spelled out so an id token appended to the text makes
     * no n-gram with them), then the id token when given.
     */
    static String entryText(String pronunciation, String id) {
        String[] ph = pronunciation.split(" ");
        StringBuilder out = new StringBuilder(pronunciation);
        for (int len = 2; len <= 3; len++) {
            for (int s = 0; s + len <= ph.length; s++) {
                out.append(' ').append(String.join("_", Arrays.asList(ph).subList(s, s + len)));
            }
        }
        if (id != null) {
            out.append(' ').append(id);
        }
        return out.toString();
    }

    /**
     * The problem with dictionary entries as items: one pair (word, its entry) per pronunciation of
     * a training word, the entry's bag its phoneme n-grams and its id; every other entry of the
     * dictionary in the corpus with its phoneme n-grams alone (no trained id: identical bags are one item).
     */
    static Problem entries(PronunciationDictionary dictionary, Split split) {
        PairData data = new PairData();
        Map<String, Integer> pronunciationIds = new LinkedHashMap<>();
        List<int[]> itemPron = new java.util.ArrayList<>();
        boolean[] trained = new boolean[dictionary.size()];
        for (int w : split.train()) {
            trained[w] = true;
            List<String> ps = dictionary.pronunciations().get(w);
            for (int k = 0; k < ps.size(); k++) {
                int pair = data.add(dictionary.words().get(w), entryText(ps.get(k), entryId(w, k)));
                note(itemPron, data.item(pair), pronunciationIds, ps.get(k));
            }
        }
        for (int w = 0; w < dictionary.size(); w++) {
            if (!trained[w]) {
                for (String p : dictionary.pronunciations().get(w)) {
                    note(itemPron, data.addItem(entryText(p, null)), pronunciationIds, p);
                }
            }
        }
        int[] itemPronunciation = itemPron.stream().mapToInt(a -> a[0]).toArray();
        int[][] targets = new int[split.test().length][];
        for (int t = 0; t < targets.length; t++) {
            targets[t] = dictionary.pronunciations().get(split.test()[t]).stream().mapToInt(pronunciationIds::get).toArray();
        }
        return new Problem(data, split.test(), Arrays.stream(split.test()).mapToObj(dictionary.words()::get).toList(),
                targets, itemPronunciation, List.copyOf(pronunciationIds.keySet()), EquivalenceClasses.ofLabels(itemPronunciation));
    }

    /** Records item {@code item}'s pronunciation id the first time the item is seen. */
    private static void note(List<int[]> itemPron, int item, Map<String, Integer> pronunciationIds, String p) {
        int id = pronunciationIds.computeIfAbsent(p, x -> pronunciationIds.size());
        if (item == itemPron.size()) {
            itemPron.add(new int[] {id});
        }
    }

    /**
     * Per training pair, the rank of its pronunciation's phoneme string in sorted order: the keys of
     * sorted batches (homophones equal; pronunciations that begin with the same phonemes nearby).
     */
    static long[] pronunciationOrder(Problem problem) {
        PairData data = problem.data();
        return Batching.textOrder(problem.pronunciations(), data.pairCount(), p -> problem.itemPronunciation()[data.item(p)]);
    }

    /**
     * The prior tau+ of the debiased loss, from the training pairs alone: the chance that another
     * pair drawn at random (an in-batch candidate) has the anchor's pronunciation,
     * Σ_i c_i (c_i − 1) / (N (N − 1)) with c_i the pairs of item i among N.
     */
    static double homophonePrior(PairData data) {
        return homophonePrior(data, identity(data.items().size()));
    }

    /** The same with c_i the pairs of pronunciation i, an item's pronunciation given by {@code itemPronunciation}. */
    static double homophonePrior(PairData data, int[] itemPronunciation) {
        long n = data.pairCount();
        long[] items = data.itemCounts();
        long[] counts = new long[Arrays.stream(itemPronunciation).max().orElse(-1) + 1];
        for (int i = 0; i < items.length; i++) {
            counts[itemPronunciation[i]] += items[i];
        }
        double same = 0;
        for (long c : counts) {
            same += (double) c * (c - 1);
        }
        return n < 2 ? 0 : same / ((double) n * (n - 1));
    }

    static TwoTowerConfig config(Settings s, long seed) {
        return TwoTowerConfig.defaults().withTraining(s.dim(), s.temperature(), s.batch(), s.epochs(), s.learningRate(), seed)
                .withNegatives(NegativeSpec.parse(s.negatives()));
    }

    static TwoTowerModel newModel(Problem problem, Settings s, long seed) {
        // With entries the item text already spells out its n-grams (entryText): whole tokens only.
        FeatureSpec itemSpec = s.itemKind() == Items.ENTRIES ? FeatureSpec.tokensOnly()
                : FeatureSpec.parse(s.pronunciationFeatures());
        return TwoTowerTrainer.newModel(problem.data(), FeatureSpec.parse(s.spellingFeatures()), itemSpec, 1, config(s, seed));
    }

    /** The untrained towers (every arm's common start, stress kept) measured: the floor. */
    static Map<String, Double> untrained(PronunciationDictionary dictionary, boolean[] inGroup, Settings s, long seed) {
        Problem problem = problem(dictionary, Split.of(dictionary.size(), s, seed), s.itemKind());
        Map<String, Double> figures = figures(accuracy(newModel(problem, s, seed), problem, inGroup));
        figures.put("class_mates_met_per_batch", Double.NaN);
        figures.put("false_negatives_in_softmax_per_batch", Double.NaN);
        figures.put("tau_plus", Double.NaN);
        figures.put("train_seconds", 0.0);
        return figures;
    }

    /**
     * Trains the arm on the seed's split and measures it.
     *
     * @param dictionary the dictionary in the arm's stress mode
     * @param inGroup    per word of the dictionary: in a homophone group (stress kept, for every arm)
     */
    static Map<String, Double> run(PronunciationDictionary dictionary, boolean[] inGroup, Arm arm, Settings s, long seed) {
        return run(problem(dictionary, Split.of(dictionary.size(), s, seed), s.itemKind()), inGroup, arm, s, seed);
    }

    /** Trains the arm on the problem's pairs and measures it on its held-out words. */
    static Map<String, Double> run(Problem problem, boolean[] inGroup, Arm arm, Settings s, long seed) {
        double tauPlus = homophonePrior(problem.data(), problem.itemPronunciation());
        TwoTowerConfig config = config(s, seed).withGuards(false, arm.guard).withLoss(arm.debiased ? (float) tauPlus : 0f);
        TwoTowerModel model = newModel(problem, s, seed);
        int runs = Batching.sortedRuns(s.batching());
        long[] batchKeys = runs > 0 ? pronunciationOrder(problem) : null;
        TwoTowerTrainer.Report report = new TwoTowerTrainer(model, problem.data(), config, problem.classes(), batchKeys,
                Math.max(1, runs)).train(null, null);
        Map<String, Double> figures = figures(accuracy(model, problem, inGroup));
        figures.put("class_mates_met_per_batch", report.classMetPerBatch());
        figures.put("false_negatives_in_softmax_per_batch", report.classMetPerBatch() - report.maskedPerBatch());
        figures.put("tau_plus", arm.debiased ? tauPlus : Double.NaN);
        figures.put("train_seconds", report.seconds());
        figures.put("final_loss", report.epochLosses()[report.epochLosses().length - 1]);
        figures.put("training_pairs", (double) problem.data().pairCount());
        figures.put("hard_negatives_per_batch", report.batches() == 0 ? 0 : report.hardDrawn() / (double) report.batches());
        return figures;
    }

    private static Map<String, Double> figures(Accuracy a) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("top1", a.top1());
        f.put("top10", a.top10());
        f.put("homophone_top1", a.homophoneTop1());
        f.put("homophone_top10", a.homophoneTop10());
        f.put("test_words", (double) a.words());
        f.put("homophone_test_words", (double) a.homophoneWords());
        return f;
    }

    /** The model's accuracy on the problem's held-out words, each encoded by the spelling tower. */
    static Accuracy accuracy(TwoTowerModel model, Problem problem, boolean[] inGroup) {
        int n = problem.testWords().length;
        float[][] queries = new float[n][model.dim()];
        boolean[] grouped = new boolean[n];
        for (int t = 0; t < n; t++) {
            // A spelling no known n-gram covers keeps a zero vector: it ties every item, so it misses.
            model.queryVector(problem.testSpellings().get(t), queries[t]);
            grouped[t] = inGroup[problem.testWords()[t]];
        }
        return accuracy(queries, model.itemVectors(1), problem.targets(), problem.itemPronunciation(), grouped);
    }

    /** {@link #accuracy(float[][], EmbeddingTable, int[][], int[], boolean[])} with each item its own pronunciation. */
    static Accuracy accuracy(float[][] queries, EmbeddingTable items, int[][] targets, boolean[] inGroup) {
        return accuracy(queries, items, targets, identity(items.rows()), inGroup);
    }

    /**
     * Top-k accuracy over distinct pronunciations: a pronunciation scores as its best item, and
     * query t is right at k when its best-scoring target pronunciation ranks in the top k, counting
     * every other pronunciation with an item that scores at least as high (ties against the query).
     * Any item of a target pronunciation (a homophone's entry) is thus right.
     *
     * @param targets           per query, the pronunciation ids that are right (its pronunciations)
     * @param itemPronunciation per item, its pronunciation id
     * @param inGroup           per query, whether it also counts in the homophone-group figures
     */
    static Accuracy accuracy(float[][] queries, EmbeddingTable items, int[][] targets, int[] itemPronunciation,
                             boolean[] inGroup) {
        int dim = items.dim();
        int pronunciations = Arrays.stream(itemPronunciation).max().orElse(-1) + 1;
        // The items of each pronunciation (compressed rows), to find a target's best entry.
        int[] start = new int[pronunciations + 1];
        for (int p : itemPronunciation) {
            start[p + 1]++;
        }
        for (int p = 0; p < pronunciations; p++) {
            start[p + 1] += start[p];
        }
        int[] members = new int[itemPronunciation.length];
        int[] fill = Arrays.copyOf(start, pronunciations);
        for (int i = 0; i < itemPronunciation.length; i++) {
            members[fill[itemPronunciation[i]]++] = i;
        }
        int[] hits1 = new int[2];
        int[] hits10 = new int[2];
        int[] count = new int[2];
        int[] seen = new int[10];
        for (int t = 0; t < queries.length; t++) {
            float best = Float.NEGATIVE_INFINITY;
            for (int target : targets[t]) {
                for (int m = start[target]; m < start[target + 1]; m++) {
                    int i = members[m];
                    best = Math.max(best, KERNELS.dot(queries[t], 0, items.shard(i), items.offset(i), dim));
                }
            }
            int ahead = 0;
            for (int i = 0; i < items.rows() && ahead < 10; i++) {
                int p = itemPronunciation[i];
                if (!contains(targets[t], p) && !contains(seen, ahead, p)
                        && KERNELS.dot(queries[t], 0, items.shard(i), items.offset(i), dim) >= best) {
                    seen[ahead++] = p;
                }
            }
            for (int g = 0; g < (inGroup[t] ? 2 : 1); g++) {
                count[g]++;
                hits1[g] += ahead == 0 ? 1 : 0;
                hits10[g] += ahead < 10 ? 1 : 0;
            }
        }
        return new Accuracy(share(hits1[0], count[0]), share(hits10[0], count[0]), share(hits1[1], count[1]),
                share(hits10[1], count[1]), count[0], count[1]);
    }

    /** 0, 1, ..., n − 1: every item its own pronunciation. */
    private static int[] identity(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    private static boolean contains(int[] a, int x) {
        return contains(a, a.length, x);
    }

    private static boolean contains(int[] a, int n, int x) {
        for (int i = 0; i < n; i++) {
            int v = a[i];
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    private static double share(int hits, int count) {
        return count == 0 ? Double.NaN : hits / (double) count;
    }
}
