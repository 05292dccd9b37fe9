package org.thymus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    @TempDir
    Path dir;
    private Path vectors;
    private Path questions;
    private Path metrics;

    /** Axes: royal, male, female, person. king - man + woman is exactly queen. */
    static String royalVectors() {
        return """
                6 4
                man 0 1 0 1
                woman 0 0 1 1
                king 1 1 0 0
                queen 1 0 1 0
                prince 1 1 0 0.1
                apple 0 0 0 -1
                """;
    }

    @BeforeEach
    void writeFiles() throws IOException {
        vectors = Files.writeString(dir.resolve("vectors.txt"), royalVectors());
        questions = Files.writeString(dir.resolve("questions.txt"), """
                : family
                Man King Woman Queen
                man woman king apple
                : gram-royal
                woman queen man king
                man king woman empress
                """);
        metrics = dir.resolve("metrics.json");
    }

    @Test
    void analogyPrintsASectionTableAndWritesEveryFigure() throws IOException {
        CliRun run = CliRun.of("eval", "analogy", "--vectors", vectors.toString(), "--questions", questions.toString(),
                "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("section        3CosAdd   3CosMul  answered", lines.get(0));
        assertEquals("family          50.00%    50.00%  2/2", lines.get(1));
        assertEquals("gram-royal     100.00%   100.00%  1/2", lines.get(2));
        assertEquals("total           66.67%    66.67%  3/4", lines.get(5));
        assertTrue(run.out().contains("questions answered: 3 of 4 (75.0%)"), run.out());
        assertTrue(run.err().contains("read 6 vectors of dim 4 (text)"), run.err());

        String json = Files.readString(metrics);
        assertTrue(json.startsWith("{\n  \"command\": \"eval analogy\",\n  \"vectors\": \""), json);
        for (String figure : List.of("\"vectors_read\": 6", "\"top_n\": 30000", "\"ignore_case\": true",
                "\"methods\": [\"3cosadd\", \"3cosmul\"]", "\"questions_total\": 4", "\"questions_answered\": 3",
                "\"coverage\": 0.75", "\"wall_seconds\": ")) {
            assertTrue(json.contains(figure), figure + " in " + json);
        }
        String total = json.substring(json.indexOf("\"total\": {"), json.indexOf("\"semantic\": {"));
        assertTrue(total.contains("\"correct\": {\n      \"3cosadd\": 2,\n      \"3cosmul\": 2\n    }"), total);
        assertTrue(json.contains("\"name\": \"gram-royal\",\n      \"questions\": 2,\n      \"answered\": 1"), json);
    }

    @Test
    void analogyWithOneMethodTopNAndCaseKept() throws IOException {
        CliRun run = CliRun.of("eval", "analogy", "--vectors", vectors.toString(), "--questions", questions.toString(),
                "--method", "3cosmul", "--top-n", "4", "--no-ignore-case", "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.out().contains("3CosAdd"), run.out());
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"methods\": [\"3cosmul\"]"), json);
        assertTrue(json.contains("\"vectors_read\": 4"), json);
        assertTrue(json.contains("\"ignore_case\": false"), json);
        // Case kept: "Man King Woman Queen" is not asked; apple is beyond the top 4.
        assertTrue(json.contains("\"questions_answered\": 1"), json);
    }

    @Test
    void badMethodAndTopNAreExitTwo() {
        CliRun method = CliRun.of("eval", "analogy", "--vectors", vectors.toString(), "--questions",
                questions.toString(), "--method", "3cosdiv");
        assertEquals(2, method.exitCode());
        assertEquals("thymus: --method must be 3cosadd, 3cosmul or both, got 3cosdiv\n", method.err());
        CliRun topN = CliRun.of("eval", "analogy", "--vectors", vectors.toString(), "--questions",
                questions.toString(), "--top-n", "0");
        assertEquals(2, topN.exitCode());
    }

    @Test
    void malformedVectorFileIsExitTwoWithOneLine() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.txt"), "2 4\nman 0 1 0 1\nwoman 0 0 1\n");
        CliRun run = CliRun.of("eval", "analogy", "--vectors", broken.toString(), "--questions", questions.toString(),
                "--metrics-out", metrics.toString());
        assertEquals(2, run.exitCode());
        assertEquals("thymus: " + broken + ": line 3: expected 4 values after 'woman', found 3\n", run.err());
        assertFalse(Files.exists(metrics), "no metrics for a failed run");

        CliRun missing = CliRun.of("eval", "similarity", "--vectors", dir.resolve("nope.bin").toString(),
                "--pairs", questions.toString());
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("nope.bin"), missing.err());
    }

    @Test
    void similarityReportsEachPairFile() throws IOException {
        Path ordered = Files.writeString(dir.resolve("ordered.tsv"),
                "# gold follows the cosines\nking\tprince\t9.5\nking\tqueen\t5\nqueen\tman\t2\r\nman\tapple\t0\n");
        Path partial = Files.writeString(dir.resolve("partial.txt"), "KING QUEEN 1\nking prince 2\nking unicorn 3\n");
        CliRun run = CliRun.of("eval", "similarity", "--vectors", vectors.toString(), "--pairs", ordered.toString(),
                partial.toString(), "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        assertTrue(lines.get(1).matches("ordered\\.tsv\\s+1\\.0000\\s+\\S+\\s+4/4 \\(100\\.0%\\)"), lines.get(1));
        assertTrue(lines.get(2).matches("partial\\.txt\\s+1\\.0000\\s+1\\.0000\\s+2/3 \\(66\\.7%\\)"), lines.get(2));
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"command\": \"eval similarity\""), json);
        assertTrue(json.contains("\"pairs\": 4,\n      \"found\": 4,\n      \"coverage\": 1.0,\n      \"spearman\": 1.0"),
                json);
        assertTrue(json.contains("\"pairs\": 3,\n      \"found\": 2,\n      \"coverage\": 0.6666666666666666"), json);
    }

    @Test
    void similarityWithAMalformedPairFileIsExitTwo() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.tsv"), "king queen 1\nking prince high\n");
        CliRun run = CliRun.of("eval", "similarity", "--vectors", vectors.toString(), "--pairs", bad.toString());
        assertEquals(2, run.exitCode());
        assertEquals("thymus: " + bad + ": line 2: the score 'high' is not a number\n", run.err().lines()
                .filter(l -> l.startsWith("thymus:")).findFirst().orElse("") + "\n");
    }
}
