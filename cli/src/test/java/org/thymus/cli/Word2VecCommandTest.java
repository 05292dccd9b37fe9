package org.thymus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.thymus.core.io.Word2VecFormat;
import org.thymus.core.vectors.WordVectors;

class Word2VecCommandTest {
    @TempDir
    Path dir;
    Path corpus;

    @BeforeEach
    void writeCorpus() throws IOException {
        corpus = dir.resolve("corpus.txt");
        Random random = new Random(3);
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 400; line++) {
            for (int i = 0; i < 10; i++) {
                text.append('w').append(random.nextInt(50)).append(' ');
            }
            text.append('\n');
        }
        Files.writeString(corpus, text);
    }

    @Test
    void trainsWritesVectorsAndMetrics() throws IOException {
        Path vectors = dir.resolve("v.txt");
        Path metrics = dir.resolve("m.json");
        CliRun run = CliRun.of("word2vec", "train", "--input", corpus.toString(), "--output", vectors.toString(),
                "--format", "text", "--dim", "8", "--epochs", "2", "--threads", "2", "--min-count", "1",
                "--quiet", "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        WordVectors read = Word2VecFormat.read(vectors);
        assertEquals(50, read.size());
        assertEquals(8, read.dim());
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"words_per_second\""), json);
        assertTrue(json.contains("\"corpus_tokens\": 4000"), json);
        assertTrue(json.contains("\"vocabulary_size\": 50"), json);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void hardNegativesWithAGuardWriteASamplerReport() throws IOException {
        Path vectors = dir.resolve("v.bin");
        Path report = dir.resolve("sampler.json");
        Path classes = dir.resolve("classes.txt");
        Files.writeString(classes, "w1 w2 w3\nw4 w40\n");
        CliRun run = CliRun.of("word2vec", "train", "--input", corpus.toString(), "--output", vectors.toString(),
                "--dim", "8", "--epochs", "2", "--threads", "1", "--min-count", "1", "--quiet",
                "--negatives", "unigram+lexical:0.2:min=2+semantic:0.2:band=1-10:pool=40:every=1000",
                "--exclude-classes", classes.toString(), "--sampler-report", report.toString());
        assertEquals(0, run.exitCode(), run.err());
        String json = Files.readString(report);
        for (String key : new String[] {"\"epoch\": 2", "\"mean_hardness\"", "\"lexical\"", "\"semantic\"",
            "\"false_negative_rate_without_guard\"", "\"refreshes\""}) {
            assertTrue(json.contains(key), key + " missing from " + json);
        }
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("missing corpus", new String[] {"--input", "@/nope.txt"}, "nope.txt"),
                Arguments.of("empty corpus", new String[] {"--input", "@/empty.txt"}, "empty"),
                Arguments.of("invalid UTF-8", new String[] {"--input", "@/latin1.txt"}, "UTF-8"),
                Arguments.of("nothing reaches min-count", new String[] {"--min-count", "1000000"}, "--min-count"),
                Arguments.of("dim 0", new String[] {"--dim", "0"}, "--dim"),
                Arguments.of("threads 0", new String[] {"--threads", "0"}, "--threads"),
                Arguments.of("window 0", new String[] {"--window", "0"}, "--window"),
                Arguments.of("negative sample rate", new String[] {"--sample", "-1"}, "--sample"),
                Arguments.of("unknown format", new String[] {"--format", "xml"}, "--format"),
                Arguments.of("not a number", new String[] {"--dim", "ten"}, "--dim"),
                Arguments.of("output folder missing", new String[] {"--output", "@/no/such/folder/v.bin"}, "folder"),
                Arguments.of("unknown sampler", new String[] {"--negatives", "unigram+psychic:0.2"}, "psychic"),
                Arguments.of("fractions over 1", new String[] {"--negatives", "unigram+lexical:0.7+semantic:0.7"},
                        "more than 1"),
                Arguments.of("bad band", new String[] {"--negatives", "unigram+semantic:0.2:band=50-3"}, "band"),
                Arguments.of("missing class file", new String[] {"--exclude-classes", "@/nope.classes"}, "nope.classes"),
                Arguments.of("report folder missing", new String[] {"--sampler-report", "@/no/such/r.json"},
                        "--sampler-report"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsOneClearLineAndExitCodeTwo(String what, String[] override, String mention) throws IOException {
        Files.writeString(dir.resolve("empty.txt"), "  \n");
        Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        Path output = dir.resolve("out.bin");
        String[] args = {"word2vec", "train", "--input", corpus.toString(), "--output", output.toString(),
            "--dim", "8", "--epochs", "1", "--threads", "1", "--min-count", "1", "--quiet"};
        for (int i = 0; i < override.length; i += 2) {
            String value = override[i + 1].replace("@", dir.toString());
            boolean replaced = false;
            for (int j = 2; j < args.length; j += 2) {
                if (args[j].equals(override[i])) {
                    args[j + 1] = value;
                    replaced = true;
                }
            }
            if (!replaced) {
                String[] longer = java.util.Arrays.copyOf(args, args.length + 2);
                longer[args.length] = override[i];
                longer[args.length + 1] = value;
                args = longer;
            }
        }
        CliRun run = CliRun.of(args);
        assertEquals(2, run.exitCode(), what + ": " + run.err());
        String firstLine = run.err().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith("thymus: ") && firstLine.contains(mention), what + ": " + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), what + ": " + run.err());
        assertFalse(Files.exists(output), what + ": no output written");
    }
}
