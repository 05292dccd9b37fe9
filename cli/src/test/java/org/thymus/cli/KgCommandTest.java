package org.thymus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KgCommandTest {
    private static final Path NATIONS = Path.of("../../shared/data/kg/small/nations");

    @TempDir
    Path dir;

    @Test
    void trainsNationsAndWritesVectorsAndMetrics() throws IOException {
        Path vectors = dir.resolve("e.txt");
        Path metrics = dir.resolve("m.json");
        CliRun run = CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--model", "distmult", "--dim", "32",
                "--negatives", "16", "--epochs", "30", "--sampler", "bernoulli", "--threads", "1",
                "--output", vectors.toString(), "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        Matcher m = Pattern.compile("MRR ([0-9.]+)").matcher(run.out());
        assertTrue(m.find(), run.out());
        // Untrained about 0.38 on 14 entities; 30 epochs measured 0.74.
        assertTrue(Double.parseDouble(m.group(1)) > 0.6, run.out());
        assertEquals("14 32", Files.readAllLines(vectors).get(0));
        assertEquals("55 32", Files.readAllLines(Path.of(vectors + ".relations.txt")).get(0));
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"test_filtered\"") && json.contains("\"hits_at_10\""), json);
    }

    @Test
    void unseenTestEntitiesAreLeftOutOrRankedWithEntitiesAll() throws IOException {
        Files.writeString(dir.resolve("train.txt"), "a\tr\tb\nb\tr\tc\n");
        Files.writeString(dir.resolve("valid.txt"), "a\tr\tb\n");
        Files.writeString(dir.resolve("test.txt"), "a\tr\tz\n");
        Path out = dir.resolve("o.txt");
        CliRun left = CliRun.of("kg", "train", "--dataset", dir.toString(), "--epochs", "1", "--dim", "4",
                "--threads", "1", "--output", out.toString());
        assertEquals(2, left.exitCode());
        assertTrue(left.err().contains("test.txt") && left.err().contains("1 unknown"), left.err());
        CliRun all = CliRun.of("kg", "train", "--dataset", dir.toString(), "--entities", "all", "--epochs", "1",
                "--dim", "4", "--threads", "1", "--output", out.toString());
        assertEquals(0, all.exitCode(), all.err());
        assertTrue(all.out().contains("1 entities occur only in valid or test"), all.out());
        assertTrue(all.out().contains("2 queries"), all.out());
        CliRun bogus = CliRun.of("kg", "train", "--dataset", dir.toString(), "--entities", "some",
                "--output", out.toString());
        assertEquals(2, bogus.exitCode());
        assertTrue(bogus.err().contains("--entities"), bogus.err());
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws IOException {
        Files.writeString(dir.resolve("train.txt"), "a\tr\tb\n");
        Files.writeString(dir.resolve("valid.txt"), "a\tr\tb\n");
        Files.writeString(dir.resolve("test.txt"), "a\tr\n");
        Path out = dir.resolve("o.txt");
        CliRun malformed = CliRun.of("kg", "train", "--dataset", dir.toString(), "--output", out.toString());
        assertEquals(2, malformed.exitCode());
        assertTrue(malformed.err().contains("test.txt line 1"), malformed.err());
        assertEquals(1, malformed.err().strip().lines().count(), malformed.err());

        CliRun model = CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--model", "holE",
                "--output", out.toString());
        assertEquals(2, model.exitCode());
        assertTrue(model.err().contains("--model"), model.err());
        CliRun sampler = CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--sampler", "generator",
                "--output", out.toString());
        assertEquals(2, sampler.exitCode());
        CliRun epochs = CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--epochs", "0",
                "--output", out.toString());
        assertEquals(2, epochs.exitCode());
        assertTrue(epochs.err().contains("epochs"), epochs.err());
    }
}
