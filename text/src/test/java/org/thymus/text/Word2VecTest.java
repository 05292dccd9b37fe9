package org.thymus.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.thymus.core.InvalidInputException;

/** word2vec end to end on the planted topics of {@link TopicsCorpus}. */
class Word2VecTest {
    private static Path corpus;
    private static Vocabulary vocabulary;

    @BeforeAll
    static void corpus() {
        corpus = TopicsCorpus.path();
        vocabulary = TopicsCorpus.vocabulary();
    }

    private static Word2VecConfig config(boolean cbow, int threads, int epochs) {
        float alpha = Word2VecConfig.defaultAlpha(cbow);
        return new Word2VecConfig(cbow, 24, 5, 5, 0.75, 1e-3, epochs, alpha,
                Word2VecConfig.defaultMinAlpha(alpha), threads, 7);
    }

    @Test
    void skipGramRecoversPlantedTopics() {
        Word2Vec.Result result = Word2Vec.train(corpus, vocabulary, config(false, 2, 3), p -> () -> { });
        double precision = TopicsCorpus.topicPrecision(result.vectors());
        assertTrue(precision > 0.9, "skip-gram topic precision@5 " + precision);
        assertEquals(vocabulary.corpusTokens() * 3, result.tokensProcessed());
        assertTrue(result.meanLoss() > 0 && result.meanLoss() < 3, "mean loss " + result.meanLoss());
    }

    @Test
    void cbowRecoversPlantedTopics() {
        Word2Vec.Result result = Word2Vec.train(corpus, vocabulary, config(true, 2, 3), p -> () -> { });
        double precision = TopicsCorpus.topicPrecision(result.vectors());
        assertTrue(precision > 0.9, "CBOW topic precision@5 " + precision);
    }

    @Test
    void untrainedVectorsAreNearChance() {
        // The baseline the two tests above beat: random vectors put ~1/8 of neighbours in the topic.
        Word2Vec.Result result = Word2Vec.train(corpus, vocabulary,
                new Word2VecConfig(false, 24, 5, 5, 0.75, 1e-3, 1, 1e-9f, 0f, 1, 7), p -> () -> { });
        assertTrue(TopicsCorpus.topicPrecision(result.vectors()) < 0.4);
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
