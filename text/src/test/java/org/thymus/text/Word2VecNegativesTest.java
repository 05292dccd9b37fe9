package org.thymus.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.sampler.SamplerSpec;

/**
 * word2vec with hard negatives and guards, end to end on the planted-topics corpus of
 * {@link TopicsCorpus}: words {@code k<topic>w<i>} of one topic share contexts.
 */
class Word2VecNegativesTest {
    @TempDir
    Path dir;

    private static Word2VecConfig config() {
        return new Word2VecConfig(false, 24, 5, 5, 0.75, 1e-3, 3, 0.025f, 0.025e-4f, 1, 7);
    }

    private static Word2Vec.Result train(String spec, Path classes) {
        return Word2Vec.train(TopicsCorpus.path(), TopicsCorpus.vocabulary(), config(),
                new Word2VecNegatives.Recipe(SamplerSpec.parse(spec), classes), true, p -> () -> { });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastEpoch(Word2Vec.Result result) {
        List<Object> epochs = (List<Object>) result.samplerReport().toMetrics().get("epochs");
        assertEquals(3, epochs.size(), "one report entry per epoch");
        return ((Metrics) epochs.get(2)).asMap();
    }

    @Test
    void unigramNegativesHaveMedianHardness() {
        Word2Vec.Result result = train("unigram", null);
        double hardness = (double) lastEpoch(result).get("mean_hardness");
        // Drawn from the reference distribution itself: the percentile is uniform, mean 1/2.
        assertTrue(Math.abs(hardness - 0.5) < 0.05, "unigram hardness " + hardness);
        assertTrue(TopicsCorpus.topicPrecision(result.vectors()) > 0.9);
    }

    @Test
    void semanticNegativesAreHarderAndRefreshed() {
        long words = TopicsCorpus.vocabulary().corpusTokens();
        // Inline refreshes: the lists are in place from half-way through the first epoch, whatever the machine's load.
        Word2Vec.Result result = train("unigram+semantic:1.0:band=1-10:pool=100:refresh=inline:every=" + words / 2, null);
        Map<String, Object> last = lastEpoch(result);
        double hardness = (double) last.get("mean_hardness");
        // Unigram probes average 0.50 +- 0.006 over these ~2,600 probes.
        assertTrue(hardness > 0.55, "semantic negatives should outscore unigram ones, hardness " + hardness);
        Metrics semantic = (Metrics) result.samplerReport().toMetrics().get("semantic");
        assertEquals(5, (int) semantic.get("refreshes"), "refreshed every half epoch: " + semantic.toJson());
        Metrics served = (Metrics) ((Metrics) last.get("components")).get("semantic");
        double fraction = (double) served.get("fraction_of_draws");
        // Every pool word has its list from the first refresh on; positives outside the 100-word pool fall
        // back to unigram (0.81 of the draws are semantic with this seed).
        assertTrue(fraction > 0.75, "pool words take every draw: " + fraction);
    }

    @Test
    void lexicalNegativesAreSpellingNeighbours() {
        Word2Vec.Result result = train("unigram+lexical:0.2:min=3", null);
        Map<String, Object> last = lastEpoch(result);
        Metrics served = (Metrics) ((Metrics) last.get("components")).get("lexical");
        assertTrue((long) served.get("served") > 0, served.toJson());
        assertTrue(TopicsCorpus.topicPrecision(result.vectors()) > 0.8);
    }

    @Test
    void classGuardCountsTheFalseNegativesItPrevents() throws IOException {
        // One class per topic: a topic word is never the negative of a word of its own topic.
        StringBuilder classes = new StringBuilder("# topics\n");
        for (int t = 0; t < 8; t++) {
            for (int i = 0; i < 15; i++) {
                classes.append("k").append(t).append("w").append(i).append(' ');
            }
            classes.append('\n');
        }
        Path file = dir.resolve("topics.classes");
        Files.writeString(file, classes);
        Word2Vec.Result result = train("unigram+semantic:0.3:band=0-10:pool=60:refresh=inline:every="
                + TopicsCorpus.vocabulary().corpusTokens() / 2, file);
        Metrics guard = (Metrics) ((Metrics) lastEpoch(result).get("guards")).get("classes");
        double rate = (double) guard.get("false_negative_rate_without_guard");
        // Semantic neighbours of a topic word are its topic-mates: most of them would be false negatives.
        assertTrue(rate > 0.1, "false-negative rate without the guard " + rate);
        assertTrue(TopicsCorpus.topicPrecision(result.vectors()) > 0.9);
    }

    @Test
    void badRecipesAreClearErrors() {
        assertThrows(InvalidInputException.class, () -> train("unigram+semantic:0.2:pool=5:band=3-50", null));
        assertThrows(InvalidInputException.class, () -> train("unigram+lexical:0.2:d=9", null));
        assertThrows(InvalidInputException.class,
                () -> new Word2VecNegatives.Recipe(SamplerSpec.parse("unigram+topological:0.2"), null));
    }
}
