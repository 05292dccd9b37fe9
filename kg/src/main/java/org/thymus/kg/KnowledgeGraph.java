package org.thymus.kg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.InputFiles;

/**
 * A knowledge-graph dataset: the train, valid and test splits of {@code head<TAB>relation<TAB>tail}
 * lines (the layout of WN18RR, FB15k-237 and the small Kinship and Nations sets), with entities and
 * relations given dense ids in their order of first appearance in the training split.
 *
 * <p>A valid or test triple naming an entity or relation that training never saw cannot be scored
 * meaningfully by a model trained on it: by default it is left out of the split and counted
 * ({@link #unknownValid()}, {@link #unknownTest()}) so a report can say how many were skipped.
 * Published results (RotatE's and ComplEx's code) instead give every entity of the three splits a
 * row and rank such triples, which then rank near the bottom; {@link #read(Path, boolean)} with
 * {@code allEntities} does that for entities (ids after the training ones). A relation training
 * never saw is left out and counted either way: it has no trained row at all.
 */
public final class KnowledgeGraph {
    private final List<String> entities;
    private final List<String> relations;
    private final int trainEntities;
    private final Triples train;
    private final Triples valid;
    private final Triples test;
    private final int unknownValid;
    private final int unknownTest;

    private KnowledgeGraph(List<String> entities, List<String> relations, int trainEntities, Triples train,
                           Triples valid, Triples test, int unknownValid, int unknownTest) {
        this.entities = List.copyOf(entities);
        this.relations = List.copyOf(relations);
        this.trainEntities = trainEntities;
        this.train = train;
        this.valid = valid;
        this.test = test;
        this.unknownValid = unknownValid;
        this.unknownTest = unknownTest;
    }

    /**
     * Reads {@code dir}/train.txt, valid.txt and test.txt (each may also be a {@code .gz}). Blank
     * lines are skipped; any other line that is not three non-empty tab-separated fields is an
     * {@link InvalidInputException} naming the file and line, and so is a split with no triple (or
     * none whose names training knows).
     */
    public static KnowledgeGraph read(Path dir) {
        return read(dir, false);
    }

    /**
     * Like {@link #read(Path)}; with {@code allEntities}, entities first seen in valid or test get ids
     * too (after the training ones) and their triples are kept.
     */
    public static KnowledgeGraph read(Path dir, boolean allEntities) {
        checkDirectory(dir);
        Map<String, Integer> entityIds = new HashMap<>();
        Map<String, Integer> relationIds = new HashMap<>();
        List<String> entities = new ArrayList<>();
        List<String> relations = new ArrayList<>();
        Split train = readSplit(split(dir, "train"), entityIds, relationIds, entities, relations, true, true);
        int trainEntities = entities.size();
        Split valid = readSplit(split(dir, "valid"), entityIds, relationIds, entities, relations, allEntities, false);
        Split test = readSplit(split(dir, "test"), entityIds, relationIds, entities, relations, allEntities, false);
        return new KnowledgeGraph(entities, relations, trainEntities, train.triples, valid.triples, test.triples,
                valid.unknown, test.unknown);
    }

    /**
     * Reads the three splits with the ids of a trained model's names ({@code entities} and
     * {@code relations} in id order): a triple of any split naming something the model lacks is
     * left out and counted, as unseen valid or test triples are by {@link #read(Path)}. This is
     * how a saved model is evaluated on a dataset, whatever order the dataset's files are in.
     */
    public static KnowledgeGraph read(Path dir, List<String> entities, List<String> relations) {
        checkDirectory(dir);
        Map<String, Integer> entityIds = index(entities);
        Map<String, Integer> relationIds = index(relations);
        List<String> e = new ArrayList<>(entities);
        List<String> r = new ArrayList<>(relations);
        Split train = readSplit(split(dir, "train"), entityIds, relationIds, e, r, false, false);
        Split valid = readSplit(split(dir, "valid"), entityIds, relationIds, e, r, false, false);
        Split test = readSplit(split(dir, "test"), entityIds, relationIds, e, r, false, false);
        return new KnowledgeGraph(e, r, e.size(), train.triples, valid.triples, test.triples, valid.unknown,
                test.unknown);
    }

    private static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (ids.putIfAbsent(names.get(i), i) != null) {
                throw new InvalidInputException("name '" + names.get(i) + "' occurs twice");
            }
        }
        return ids;
    }

    private static void checkDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("dataset is not a directory: " + dir);
        }
    }

    /** {@code name}.txt, or {@code name}.txt.gz when only that exists. */
    private static Path split(Path dir, String name) {
        Path plain = dir.resolve(name + ".txt");
        Path gz = dir.resolve(name + ".txt.gz");
        return !Files.exists(plain) && Files.exists(gz) ? gz : plain;
    }

    private record Split(Triples triples, int unknown) {
    }

    private static Split readSplit(Path file, Map<String, Integer> entityIds, Map<String, Integer> relationIds,
                                   List<String> entities, List<String> relations, boolean newEntities,
                                   boolean newRelations) {
        IntList heads = new IntList();
        IntList rels = new IntList();
        IntList tails = new IntList();
        int unknown = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                InputFiles.open(file, "knowledge-graph split"), StandardCharsets.UTF_8))) {
            String line;
            long lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 3 || f[0].isEmpty() || f[1].isEmpty() || f[2].isEmpty()) {
                    throw new InvalidInputException(file + " line " + lineNumber
                            + ": expected head<TAB>relation<TAB>tail, got \"" + abbreviate(line) + "\"");
                }
                int r = newRelations ? id(f[1], relationIds, relations) : relationIds.getOrDefault(f[1], -1);
                // An unknown relation leaves the triple out before its entities could get ids.
                int h = r < 0 ? -1 : newEntities ? id(f[0], entityIds, entities) : entityIds.getOrDefault(f[0], -1);
                int t = h < 0 ? -1 : newEntities ? id(f[2], entityIds, entities) : entityIds.getOrDefault(f[2], -1);
                if (t < 0) {
                    unknown++;
                    continue;
                }
                heads.add(h);
                rels.add(r);
                tails.add(t);
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + " cannot be read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(file + " cannot be read: " + e.getCause().getMessage(), e);
        }
        if (heads.size() == 0) {
            throw new InvalidInputException(unknown == 0 ? "no triples in " + file
                    : "no triple of " + file + " has its entities and relation in training (" + unknown
                    + " unknown)");
        }
        return new Split(new Triples(heads.toArray(), rels.toArray(), tails.toArray()), unknown);
    }

    private static int id(String name, Map<String, Integer> ids, List<String> names) {
        Integer id = ids.get(name);
        if (id == null) {
            id = names.size();
            ids.put(name, id);
            names.add(name);
        }
        return id;
    }

    private static String abbreviate(String line) {
        String shown = line.replace("\t", "\\t");
        return shown.length() <= 80 ? shown : shown.substring(0, 77) + "...";
    }

    public int entityCount() {
        return entities.size();
    }

    /** Entities that occur in training: ids {@code [0, trainEntityCount())}. */
    public int trainEntityCount() {
        return trainEntities;
    }

    public int relationCount() {
        return relations.size();
    }

    public String entity(int id) {
        return entities.get(id);
    }

    /** Entity names in id order. */
    public List<String> entityNames() {
        return entities;
    }

    /** Relation names in id order. */
    public List<String> relationNames() {
        return relations;
    }

    public String relation(int id) {
        return relations.get(id);
    }

    public Triples train() {
        return train;
    }

    /** The validation triples whose entities and relation all occur in training. */
    public Triples valid() {
        return valid;
    }

    /** The test triples whose entities and relation all occur in training. */
    public Triples test() {
        return test;
    }

    /** Validation triples left out because training never saw one of their names (only the relation with allEntities). */
    public int unknownValid() {
        return unknownValid;
    }

    /** Test triples left out because training never saw one of their names (only the relation with allEntities). */
    public int unknownTest() {
        return unknownTest;
    }

    /** A growable int array: splits are read once and may hold hundreds of thousands of triples. */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
