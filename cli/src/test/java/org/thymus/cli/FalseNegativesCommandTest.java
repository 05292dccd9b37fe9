package org.thymus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FalseNegativesCommandTest {
    @TempDir
    Path dir;

    @Test
    void smallDomainRunWritesTheTableAndTheFigures() throws IOException {
        Path metrics = dir.resolve("m.json");
        Path markdown = dir.resolve("t.md");
        CliRun run = CliRun.of("bench", "false-negatives", "--setting", "domain", "--seeds", "1", "--small",
                "--metrics-out", metrics.toString(), "--markdown-out", markdown.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("| hospital+debiased |"), run.out());
        assertTrue(run.out().contains(Files.readString(markdown).strip()), "the file holds the printed tables");
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"command\": \"bench false-negatives\"") && json.contains("\"cross_hospital_ndcg10\""),
                json);
    }

    /** A dictionary of a dozen words (homophones to / too / two, tea / tee, ...) run with --small. */
    @Test
    void crossmodalRunsOnTheGivenDictionary() throws IOException {
        Path cmudict = Files.createDirectories(dir.resolve("cmudict"));
        Files.writeString(cmudict.resolve("cmudict.tsv"), String.join("\n", "to\tT UW1", "to\tT AH0", "too\tT UW1",
                "two\tT UW1", "tea\tT IY1", "tee\tT IY1", "cat\tK AE1 T", "kat\tK AE1 T", "dog\tD AO1 G",
                "dot\tD AA1 T", "tot\tT AA1 T", "toe\tT OW1", "tow\tT OW1") + "\n");
        Path metrics = dir.resolve("m.json");
        CliRun run = CliRun.of("bench", "false-negatives", "--setting", "crossmodal", "--seeds", "2", "--small",
                "--batch", "4", "--cmudict", cmudict.toString(), "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("| inbatch+class-guard |"), run.out());
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"homophone_top1\"") && json.contains("\"homophoneGroupsStressKept\": 4"), json);
        assertTrue(json.contains("\"batch\": 4"), json);
        assertTrue(json.contains("\"batching\": \"random\""), json);

        CliRun sorted = CliRun.of("bench", "false-negatives", "--setting", "crossmodal", "--seeds", "1", "--small",
                "--batch", "4", "--batching", "sorted", "--stress", "kept", "--cmudict", cmudict.toString(),
                "--metrics-out", metrics.toString());
        assertEquals(0, sorted.exitCode(), sorted.err());
        assertTrue(sorted.out().contains("(batches sorted by pronunciation)"), sorted.out());
        assertTrue(Files.readString(metrics).contains("\"batching\": \"sorted\""));
        CliRun unknown = CliRun.of("bench", "false-negatives", "--setting", "crossmodal", "--batching", "topic",
                "--cmudict", cmudict.toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("--batching 'topic'"), unknown.err());
    }

    @Test
    void aMissingDictionaryIsOneLineAndExitCode2() {
        CliRun run = CliRun.of("bench", "false-negatives", "--setting", "crossmodal", "--cmudict", dir.resolve("none").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--cmudict"), run.err());
    }

    @Test
    void anUnknownSettingIsOneLineAndExitCode2() {
        CliRun run = CliRun.of("bench", "false-negatives", "--setting", "cross");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--setting 'cross'"), run.err());
        CliRun seeds = CliRun.of("bench", "false-negatives", "--seeds", "0");
        assertEquals(2, seeds.exitCode());
        assertTrue(seeds.err().contains("--seeds"), seeds.err());
    }
}
