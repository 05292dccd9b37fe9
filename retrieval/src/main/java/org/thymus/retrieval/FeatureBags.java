package org.thymus.retrieval;

import java.util.Arrays;
import java.util.List;

/**
 * Bags of weighted feature rows, one bag a text, stored flat (compressed sparse rows): bag
 * {@code b} holds rows {@code rows[start(b) .. end(b))} with their weights. Features the vocabulary
 * lacks are left out; a bag left with none is empty, and {@link #emptyBags()} counts them.
 */
public final class FeatureBags {
    private final int[] starts;
    private final int[] rows;
    private final float[] weights;
    private final int emptyBags;
    private final long unknownFeatures;

    private FeatureBags(int[] starts, int[] rows, float[] weights, int emptyBags, long unknownFeatures) {
        this.starts = starts;
        this.rows = rows;
        this.weights = weights;
        this.emptyBags = emptyBags;
        this.unknownFeatures = unknownFeatures;
    }

    /** The bags of {@code texts} under {@code spec}, with rows from {@code vocabulary}. */
    public static FeatureBags encode(List<String> texts, FeatureSpec spec, FeatureVocabulary vocabulary) {
        int[] starts = new int[texts.size() + 1];
        int[][] rows = {new int[Math.max(16, texts.size() * 4)]};
        float[][] weights = {new float[rows[0].length]};
        int[] size = {0};
        long[] unknown = {0};
        int empty = 0;
        for (int b = 0; b < texts.size(); b++) {
            spec.extract(texts.get(b), (feature, weight) -> {
                int row = vocabulary.row(feature);
                if (row < 0) {
                    unknown[0]++;
                    return;
                }
                if (size[0] == rows[0].length) {
                    rows[0] = Arrays.copyOf(rows[0], size[0] * 2);
                    weights[0] = Arrays.copyOf(weights[0], size[0] * 2);
                }
                rows[0][size[0]] = row;
                weights[0][size[0]++] = weight;
            });
            starts[b + 1] = size[0];
            if (starts[b + 1] == starts[b]) {
                empty++;
            }
        }
        return new FeatureBags(starts, Arrays.copyOf(rows[0], size[0]), Arrays.copyOf(weights[0], size[0]), empty,
                unknown[0]);
    }

    public int size() {
        return starts.length - 1;
    }

    public int start(int bag) {
        return starts[bag];
    }

    public int end(int bag) {
        return starts[bag + 1];
    }

    public boolean isEmpty(int bag) {
        return starts[bag + 1] == starts[bag];
    }

    public int row(int i) {
        return rows[i];
    }

    public float weight(int i) {
        return weights[i];
    }

    /** Bags with no feature the vocabulary knows. */
    public int emptyBags() {
        return emptyBags;
    }

    /** Feature occurrences left out because the vocabulary lacks them. */
    public long unknownFeatures() {
        return unknownFeatures;
    }
}
