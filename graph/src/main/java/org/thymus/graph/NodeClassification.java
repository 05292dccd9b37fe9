package org.thymus.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.thymus.core.InvalidInputException;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.eval.LogisticRegression;
import org.thymus.core.io.InputFiles;
import org.thymus.core.random.FastRandom;
import org.thymus.core.table.EmbeddingTable;

/**
 * Multi-label node classification from node vectors, DeepWalk's and node2vec's protocol: a share
 * of the labelled nodes trains one logistic regression per label (one-vs-rest, core's
 * {@link LogisticRegression}), the others are predicted; a test node gets as many labels as it
 * truly has, its best-scored ones (the papers assume that count known); Micro-F1 pools every
 * (node, label) decision, Macro-F1 averages the F1 of the labels (a label with no true and no
 * predicted test node counts 0, as scikit-learn does).
 */
public final class NodeClassification {

    /** The labels of a graph's nodes: {@code labels[node]} is sorted, empty for an unlabelled node. */
    public record Labels(int[][] labels, String[] names, long unknownNodes, long lines) {
        public int labelCount() {
            return names.length;
        }

        /**
         * Reads {@code node label} lines (spaces, tabs or commas; '#' comments; a node on several
         * lines has several labels) for the nodes of {@code graph}. Lines naming a node the graph
         * does not have are counted in {@link #unknownNodes}, not dropped silently.
         */
        public static Labels read(Path file, Graph graph) throws IOException {
            Map<String, Integer> ids = new HashMap<>();
            List<String> names = new ArrayList<>();
            List<List<Integer>> byNode = new ArrayList<>();
            for (int v = 0; v < graph.nodeCount(); v++) {
                byNode.add(new ArrayList<>(2));
            }
            long unknown = 0;
            long lines = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(InputFiles.open(file, "labels"),
                    StandardCharsets.UTF_8))) {
                String line;
                long number = 0;
                while ((line = in.readLine()) != null) {
                    number++;
                    String trimmed = line.strip();
                    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                        continue;
                    }
                    String[] fields = trimmed.split("[\\s,]+");
                    if (fields.length != 2) {
                        throw new InvalidInputException(file + " line " + number + ": expected 'node label', got "
                                + fields.length + " fields");
                    }
                    lines++;
                    int node = graph.node(fields[0]);
                    if (node < 0) {
                        unknown++;
                        continue;
                    }
                    Integer label = ids.get(fields[1]);
                    if (label == null) {
                        label = names.size();
                        ids.put(fields[1], label);
                        names.add(fields[1]);
                    }
                    if (!byNode.get(node).contains(label)) {
                        byNode.get(node).add(label);
                    }
                }
            }
            if (names.isEmpty()) {
                throw new InvalidInputException("no label of a node of the graph in " + file
                        + (unknown > 0 ? " (" + unknown + " lines name nodes the graph does not have)" : ""));
            }
            int[][] labels = new int[graph.nodeCount()][];
            for (int v = 0; v < labels.length; v++) {
                labels[v] = byNode.get(v).stream().mapToInt(Integer::intValue).sorted().toArray();
            }
            return new Labels(labels, names.toArray(String[]::new), unknown, lines);
        }
    }

    /** F1 scores of one split, and its sizes. */
    public record Result(double microF1, double macroF1, int trainNodes, int testNodes, int labels) {
    }

    private NodeClassification() {
    }

    /**
     * Trains on {@code trainFraction} of the labelled nodes (drawn with {@code seed}) and scores the
     * rest.
     */
    public static Result evaluate(EmbeddingTable vectors, Labels labels, double trainFraction, long seed,
                                  int threads) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("the training fraction must be in (0, 1), got " + trainFraction);
        }
        int[] labelled = java.util.stream.IntStream.range(0, labels.labels().length)
                .filter(v -> labels.labels()[v].length > 0).toArray();
        FastRandom rng = new FastRandom(seed);
        for (int i = labelled.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = labelled[i];
            labelled[i] = labelled[j];
            labelled[j] = t;
        }
        int trainCount = (int) Math.round(trainFraction * labelled.length);
        if (trainCount == 0 || trainCount == labelled.length) {
            throw new IllegalArgumentException("too few labelled nodes (" + labelled.length + ") to split "
                    + trainFraction + " of them for training");
        }
        int[] train = Arrays.copyOf(labelled, trainCount);
        int[] test = Arrays.copyOfRange(labelled, trainCount, labelled.length);
        int dim = vectors.dim();
        float[] trainX = rows(vectors, train);
        float[] testX = rows(vectors, test);
        int labelCount = labels.labelCount();
        double[][] scores = new double[test.length][labelCount];
        Parallel.run(threads, worker -> {
            for (int label = worker; label < labelCount; label += threads) {
                boolean[] y = new boolean[train.length];
                boolean any = false;
                for (int i = 0; i < train.length; i++) {
                    y[i] = Arrays.binarySearch(labels.labels()[train[i]], label) >= 0;
                    any |= y[i];
                }
                LogisticRegression model = any ? LogisticRegression.fit(trainX, dim, y, 1.0) : null;
                for (int i = 0; i < test.length; i++) {
                    // A label no training node has is never predicted.
                    scores[i][label] = model != null ? model.score(testX, i * dim) : Double.NEGATIVE_INFINITY;
                }
            }
        });
        return score(scores, test, labels, train.length);
    }

    private static float[] rows(EmbeddingTable vectors, int[] nodes) {
        int dim = vectors.dim();
        float[] x = new float[nodes.length * dim];
        for (int i = 0; i < nodes.length; i++) {
            vectors.copyRow(nodes[i], x, i * dim);
        }
        return x;
    }

    /** The top-k decision for each test node (k its true label count), then micro and macro F1. */
    static Result score(double[][] scores, int[] test, Labels labels, int trainNodes) {
        int labelCount = labels.labelCount();
        long[] truePositives = new long[labelCount];
        long[] falsePositives = new long[labelCount];
        long[] falseNegatives = new long[labelCount];
        Integer[] order = new Integer[labelCount];
        for (int i = 0; i < test.length; i++) {
            int[] truth = labels.labels()[test[i]];
            double[] s = scores[i];
            for (int l = 0; l < labelCount; l++) {
                order[l] = l;
            }
            Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
            boolean[] predicted = new boolean[labelCount];
            for (int k = 0; k < truth.length; k++) {
                predicted[order[k]] = true;
            }
            for (int l = 0; l < labelCount; l++) {
                boolean actual = Arrays.binarySearch(truth, l) >= 0;
                if (predicted[l] && actual) {
                    truePositives[l]++;
                } else if (predicted[l]) {
                    falsePositives[l]++;
                } else if (actual) {
                    falseNegatives[l]++;
                }
            }
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        double macro = 0;
        for (int l = 0; l < labelCount; l++) {
            tp += truePositives[l];
            fp += falsePositives[l];
            fn += falseNegatives[l];
            macro += f1(truePositives[l], falsePositives[l], falseNegatives[l]);
        }
        return new Result(f1(tp, fp, fn), macro / labelCount, trainNodes, test.length, labelCount);
    }

    private static double f1(long tp, long fp, long fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
