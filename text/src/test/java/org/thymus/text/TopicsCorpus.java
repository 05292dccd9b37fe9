package org.thymus.text;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.thymus.core.table.EmbeddingTable;

/**
 * A corpus with planted structure, written once per test JVM: words {@code k<topic>w<i>} belong
 * to topics, and a sentence mixes words of one topic with common function words. Training must
 * recover the topics: a word's nearest neighbours should be words of its own topic.
 */
final class TopicsCorpus {
    static final int TOPICS = 8;
    static final int WORDS_PER_TOPIC = 15;
    private static final int NEIGHBOURS = 5;
    private static Path path;
    private static Vocabulary vocabulary;

    private TopicsCorpus() {
    }

    static synchronized Path path() {
        if (path == null) {
            try {
                path = write();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return path;
    }

    static synchronized Vocabulary vocabulary() {
        if (vocabulary == null) {
            vocabulary = new VocabularyBuilder(1, Integer.MAX_VALUE).build(path());
        }
        return vocabulary;
    }

    private static Path write() throws IOException {
        Path corpus = Files.createTempFile("thymus-topics", ".txt");
        corpus.toFile().deleteOnExit();
        Random random = new Random(42);
        String[] common = {"the", "of", "and", "a", "to"};
        try (BufferedWriter out = Files.newBufferedWriter(corpus)) {
            for (int s = 0; s < 6000; s++) {
                int topic = random.nextInt(TOPICS);
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < 12; i++) {
                    if (random.nextInt(4) == 0) {
                        line.append(common[random.nextInt(common.length)]);
                    } else {
                        line.append("k").append(topic).append("w").append(random.nextInt(WORDS_PER_TOPIC));
                    }
                    line.append(' ');
                }
                out.write(line.toString());
                out.newLine();
            }
        }
        return corpus;
    }

    /** Mean fraction of each topic word's nearest topic-word neighbours that share its topic. */
    static double topicPrecision(EmbeddingTable vectors) {
        Vocabulary vocabulary = vocabulary();
        int n = vocabulary.size();
        double total = 0;
        int counted = 0;
        for (int a = 0; a < n; a++) {
            String wa = vocabulary.word(a);
            if (!wa.startsWith("k")) {
                continue;
            }
            double[] sims = new double[n];
            for (int b = 0; b < n; b++) {
                sims[b] = (b == a || !vocabulary.word(b).startsWith("k")) ? Double.NEGATIVE_INFINITY : cosine(vectors, a, b);
            }
            int same = 0;
            for (int k = 0; k < NEIGHBOURS; k++) {
                int best = 0;
                for (int b = 1; b < n; b++) {
                    if (sims[b] > sims[best]) {
                        best = b;
                    }
                }
                sims[best] = Double.NEGATIVE_INFINITY;
                if (topicOf(vocabulary.word(best)).equals(topicOf(wa))) {
                    same++;
                }
            }
            total += same / (double) NEIGHBOURS;
            counted++;
        }
        return total / counted;
    }

    private static String topicOf(String word) {
        return word.substring(0, word.indexOf('w'));
    }

    private static double cosine(EmbeddingTable t, int a, int b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int c = 0; c < t.dim(); c++) {
            double x = t.get(a, c);
            double y = t.get(b, c);
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return dot / Math.sqrt(na * nb);
    }
}
