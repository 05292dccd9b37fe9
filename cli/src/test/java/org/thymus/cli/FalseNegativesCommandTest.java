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

    @Test
    void anUnknownSettingIsOneLineAndExitCode2() {
        CliRun run = CliRun.of("bench", "false-negatives", "--setting", "crossmodal");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--setting 'crossmodal'"), run.err());
        CliRun seeds = CliRun.of("bench", "false-negatives", "--seeds", "0");
        assertEquals(2, seeds.exitCode());
        assertTrue(seeds.err().contains("--seeds"), seeds.err());
    }
}
