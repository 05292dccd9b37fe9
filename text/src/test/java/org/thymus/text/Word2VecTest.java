package org.thymus.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;
import org.thymus.core.table.EmbeddingTable;

/**
 * End to end on a corpus with planted structure: words belong to topics, and a sentence mixes
 * words of one topic with common function words. Training must recover the topics: a word's
 * nearest neighbours should be words of its own topic.
 */
class Word2VecTest {
    private static final int TOPICS = 8;
    private static final int WORDS_PER_TOPIC = 15;
    private static final int NEIGHBOURS = 5;

    @TempDir
    static Path dir;
    static Path corpus;
    static Vocabulary vocabulary;

    @BeforeAll
    static void writeCorpus() throws IOException {
        corpus = dir.resolve("topics.txt");
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
        vocabulary = new VocabularyBuilder(1, Integer.MAX_VALUE).build(corpus);
    }

    private static Word2VecConfig config(boolean cbow, int threads, int epochs) {
        float alpha = Word2VecConfig.defaultAlpha(cbow);
        return new Word2VecConfig(cbow, 24, 5, 5, 0.75, 1e-3, epochs, alpha,
                Word2VecConfig.defaultMinAlpha(alpha), threads, 7);
    }

    /** Mean fraction of each topic word's nearest topic-word neighbours that share its topic. */
    static double topicPrecision(EmbeddingTable vectors) {
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

    @Test
    void skipGramRecoversPlantedTopics() {
        Word2Vec.Result result = Word2Vec.train(corpus, vocabulary, config(false, 2, 3), p -> () -> { });
        double precision = topicPrecision(result.vectors());
        assertTrue(precision > 0.9, "skip-gram topic precision@5 " + precision);
        assertEquals(vocabulary.corpusTokens() * 3, result.tokensProcessed());
        assertTrue(result.meanLoss() > 0 && result.meanLoss() < 3, "mean loss " + result.meanLoss());
    }

    @Test
    void cbowRecoversPlantedTopics() {
        Word2Vec.Result result = Word2Vec.train(corpus, vocabulary, config(true, 2, 3), p -> () -> { });
        double precision = topicPrecision(result.vectors());
        assertTrue(precision > 0.9, "CBOW topic precision@5 " + precision);
    }

    @Test
    void untrainedVectorsAreNearChance() {
        // The baseline the two tests above beat: random vectors put ~1/8 of neighbours in the topic.
        Word2Vec.Result result = Word2Vec.train(corpus, vocabulary,
                new Word2VecConfig(false, 24, 5, 5, 0.75, 1e-3, 1, 1e-9f, 0f, 1, 7), p -> () -> { });
        assertTrue(topicPrecision(result.vectors()) < 0.4);
    }

    @Test
    void oneThreadWithAFixedSeedIsReproducible() {
        Word2Vec.Result a = Word2Vec.train(corpus, vocabulary, config(false, 1, 1), p -> () -> { });
        Word2Vec.Result b = Word2Vec.train(corpus, vocabulary, config(false, 1, 1), p -> () -> { });
        float[] rowA = new float[24];
        float[] rowB = new float[24];
        for (int r = 0; r < vocabulary.size(); r++) {
            a.vectors().copyRow(r, rowA, 0);
            b.vectors().copyRow(r, rowB, 0);
            assertArrayEquals(rowA, rowB);
        }
    }

    @Test
    void subsamplingFollowsWord2vecFormula() {
        float[] keep = Word2Vec.keepProbabilities(vocabulary, 1e-3);
        double t = 1e-3 * vocabulary.keptTokens();
        for (int i = 0; i < vocabulary.size(); i++) {
            double f = vocabulary.count(i);
            assertEquals(Math.min(1, (Math.sqrt(f / t) + 1) * t / f), keep[i], 1e-6);
        }
        assertTrue(keep[0] < 0.5, "the most frequent word is subsampled");
        float[] none = Word2Vec.keepProbabilities(vocabulary, 0);
        for (float k : none) {
            assertEquals(1f, k);
        }
    }

    @Test
    void absurdParametersAreRejectedWithTheFlagName() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Word2VecConfig(false, 0, 5, 5, 0.75, 1e-3, 1, 0.025f, 0f, 1, 1));
        assertTrue(e.getMessage().contains("--dim"));
        assertThrows(InvalidInputException.class, () -> new Word2VecConfig(false, 10, 0, 5, 0.75, 1e-3, 1, 0.025f, 0f, 1, 1));
        assertThrows(InvalidInputException.class, () -> new Word2VecConfig(false, 10, 5, 5, 0.75, 1e-3, 1, 0.025f, 0f, 0, 1));
        assertThrows(InvalidInputException.class, () -> new Word2VecConfig(false, 10, 5, 0, 0.75, 1e-3, 1, 0.025f, 0f, 1, 1));
        assertThrows(InvalidInputException.class, () -> new Word2VecConfig(false, 10, 5, 5, 0.75, -1, 1, 0.025f, 0f, 1, 1));
        assertThrows(InvalidInputException.class, () -> new Word2VecConfig(false, 10, 5, 5, 0.75, 1e-3, 0, 0.025f, 0f, 1, 1));
        assertThrows(InvalidInputException.class, () -> new Word2VecConfig(false, 10, 5, 5, 0.75, 1e-3, 1, 0f, 0f, 1, 1));
        assertThrows(InvalidInputException.class, () -> new Word2VecConfig(false, 10, 5, 5, 0.75, 1e-3, 1, 0.025f, 0.03f, 1, 1));
    }
}
