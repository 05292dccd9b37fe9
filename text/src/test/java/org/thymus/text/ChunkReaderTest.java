package org.thymus.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.io.InputFiles;
import org.thymus.core.skipgram.SequenceChunk;

class ChunkReaderTest {
    @TempDir
    Path dir;

    /** Sentences of a whole run, as lists of words. */
    private static List<List<String>> sentences(ChunkReader reader, Vocabulary v, long[] tokens) throws IOException {
        List<List<String>> out = new ArrayList<>();
        SequenceChunk chunk;
        while ((chunk = reader.next()) != null) {
            tokens[0] += chunk.units();
            int from = 0;
            for (int s = 0; s < chunk.sequences(); s++) {
                List<String> sentence = new ArrayList<>();
                for (int i = from; i < chunk.sequenceEnd(s); i++) {
                    sentence.add(v.word(chunk.id(i)));
                }
                out.add(sentence);
                from = chunk.sequenceEnd(s);
            }
        }
        return out;
    }

    @Test
    void linesAreSentencesOutOfVocabularyWordsAreDroppedButCounted() throws IOException {
        Path corpus = dir.resolve("c.txt");
        Files.writeString(corpus, "a b rare a\n\nb a\nodd\na b");
        Vocabulary v = new VocabularyBuilder(2, Integer.MAX_VALUE).build(corpus);
        long[] tokens = new long[1];
        try (ChunkReader reader = new ChunkReader(corpus, v, 2, 1000)) {
            List<List<String>> got = sentences(reader, v, tokens);
            List<List<String>> epoch = List.of(List.of("a", "b", "a"), List.of("b", "a"), List.of("a", "b"));
            List<List<String>> expected = new ArrayList<>(epoch);
            expected.addAll(epoch);
            assertEquals(expected, got);
            assertNull(reader.next(), "stays exhausted");
        }
        assertEquals(2 * 9, tokens[0]);
    }

    @Test
    void aReaderOfAPartReadsOnlyItsLinesEveryEpoch() throws IOException {
        Path corpus = dir.resolve("parts.txt");
        Files.writeString(corpus, "a b\nb a a\nb b\na\n");
        Vocabulary v = new VocabularyBuilder(1, Integer.MAX_VALUE).build(corpus);
        long[] bounds = InputFiles.lineAlignedParts(corpus, 2, "corpus");
        List<List<String>> first = new ArrayList<>();
        List<List<String>> second = new ArrayList<>();
        try (ChunkReader a = new ChunkReader(corpus, bounds[0], bounds[1], v, 2, 1000);
             ChunkReader b = new ChunkReader(corpus, bounds[1], bounds[2], v, 2, 1000)) {
            first.addAll(sentences(a, v, new long[1]));
            second.addAll(sentences(b, v, new long[1]));
        }
        // The cut (byte 8 of 16) falls in the second line, so the first part is lines 1-2.
        assertEquals(List.of(List.of("a", "b"), List.of("b", "a", "a"), List.of("a", "b"), List.of("b", "a", "a")),
                first);
        assertEquals(List.of(List.of("b", "b"), List.of("a"), List.of("b", "b"), List.of("a")), second);
    }

    @Test
    void longLinesAreCutIntoSentencesOfTheMaximumLength() throws IOException {
        Path corpus = dir.resolve("one-line.txt");
        String[] words = new String[25];
        Arrays.fill(words, "w");
        Files.writeString(corpus, String.join(" ", words));
        Vocabulary v = new VocabularyBuilder(1, Integer.MAX_VALUE).build(corpus);
        try (ChunkReader reader = new ChunkReader(corpus, v, 1, 10)) {
            List<Integer> lengths = sentences(reader, v, new long[1]).stream().map(List::size).toList();
            assertEquals(List.of(10, 10, 5), lengths);
        }
    }
}
