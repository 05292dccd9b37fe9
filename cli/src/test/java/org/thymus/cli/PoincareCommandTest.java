package org.thymus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoincareCommandTest {
    @TempDir
    Path dir;
    private Path closure;

    /** The closure of a complete ternary tree of depth 4 (121 nodes, 426 relations). */
    @BeforeEach
    void writeClosure() throws IOException {
        List<String> lines = new ArrayList<>();
        grow("n", List.of(), 4, lines);
        closure = Files.write(dir.resolve("closure.tsv"), lines);
    }

    private static void grow(String node, List<String> ancestors, int depth, List<String> lines) {
        for (String a : ancestors) {
            lines.add(node + "\t" + a);
        }
        List<String> mine = new ArrayList<>(ancestors);
        mine.add(node);
        for (int c = 0; depth > 0 && c < 3; c++) {
            grow(node + "." + c, mine, depth - 1, lines);
        }
    }

    @Test
    void splitTrainAndEvalAgree() throws IOException {
        Path train = dir.resolve("train.tsv");
        Path test = dir.resolve("test.tsv");
        CliRun split = CliRun.of("poincare", "split", "--relations", closure.toString(), "--fraction", "0.1",
                "--train", train.toString(), "--test", test.toString());
        assertEquals(0, split.exitCode(), split.err());
        assertEquals(426, Files.readAllLines(train).size() + Files.readAllLines(test).size());
        assertEquals(43, Files.readAllLines(test).size());

        Path vectors = dir.resolve("v.txt");
        Path metrics = dir.resolve("m.json");
        CliRun run = CliRun.of("poincare", "train", "--relations", train.toString(), "--held-out", test.toString(),
                "--dim", "5", "--negatives", "10", "--epochs", "100", "--burn-in", "5", "--threads", "1",
                "--eval-every", "50", "--quiet", "--output", vectors.toString(), "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        double trainMap = number(run.out(), "reconstruction: MAP ([0-9.]+)");
        assertTrue(trainMap > 0.7, run.out()); // a random start scores below 0.3
        assertTrue(number(run.out(), "link prediction: MAP ([0-9.]+)") > 0.5, run.out());
        List<String> lines = Files.readAllLines(vectors);
        assertEquals("121 5", lines.get(0));
        List<String> norms = Files.readAllLines(Path.of(vectors + ".norms.tsv"));
        assertEquals(121, norms.size());
        assertTrue(norms.get(0).startsWith("n\t"), "the root is nearest the centre: " + norms.get(0));
        String json = Files.readString(metrics);
        for (String key : new String[] {"\"reconstruction\"", "\"link_prediction\"", "\"hardness_by_depth\"",
                "\"relations_per_second\"", "\"sample_map\"", "\"epoch_log\""}) {
            assertTrue(json.contains(key), key + " in " + json);
        }

        CliRun eval = CliRun.of("poincare", "eval", "--vectors", vectors.toString(), "--relations", train.toString(),
                "--held-out", test.toString(), "--threads", "2");
        assertEquals(0, eval.exitCode(), eval.err());
        assertEquals(trainMap, number(eval.out(), "reconstruction: MAP ([0-9.]+)"), 0.01);
    }

    @Test
    void aCheckpointedRunContinuesFromItsOutput() throws IOException {
        Path vectors = dir.resolve("v.txt");
        CliRun first = CliRun.of("poincare", "train", "--relations", closure.toString(), "--dim", "5", "--negatives",
                "10", "--epochs", "6", "--burn-in", "0", "--checkpoint-every", "3", "--threads", "1", "--quiet",
                "--output", vectors.toString(), "--metrics-out", dir.resolve("m.json").toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(Files.readString(dir.resolve("m.json")).contains("\"checkpoint\""));
        double before = number(first.out(), "reconstruction: MAP ([0-9.]+)");
        CliRun second = CliRun.of("poincare", "train", "--relations", closure.toString(), "--dim", "5", "--negatives",
                "10", "--epochs", "60", "--burn-in", "0", "--threads", "1", "--quiet", "--init", vectors.toString(),
                "--output", dir.resolve("v2.txt").toString());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("started 121 of 121 nodes"), second.out());
        assertTrue(number(second.out(), "reconstruction: MAP ([0-9.]+)") > before, second.out());

        CliRun wrongDim = CliRun.of("poincare", "train", "--relations", closure.toString(), "--dim", "4", "--init",
                vectors.toString(), "--quiet", "--output", dir.resolve("v3.txt").toString());
        assertEquals(Main.EXIT_BAD_INPUT, wrongDim.exitCode());
        assertTrue(wrongDim.err().contains("dim"), wrongDim.err());
    }

    @Test
    void badInputGetsAClearMessage() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.tsv"), "a\tb\nc\n");
        CliRun run = CliRun.of("poincare", "train", "--relations", bad.toString(), "--output",
                dir.resolve("v.txt").toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("line 2"), run.err());
        assertFalse(Files.exists(dir.resolve("v.txt")), "nothing written");

        run = CliRun.of("poincare", "train", "--relations", closure.toString(), "--geometry", "spherical",
                "--output", dir.resolve("v.txt").toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("unknown geometry"), run.err());

        // Held-out relations naming a node the training data never saw are counted, not dropped silently.
        Path held = Files.writeString(dir.resolve("held.tsv"), "n.0.0.0\tn\nstranger\tn\n");
        run = CliRun.of("poincare", "train", "--relations", closure.toString(), "--held-out", held.toString(),
                "--dim", "2", "--epochs", "1", "--burn-in", "0", "--quiet", "--output", dir.resolve("v.txt").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("1 with unknown nodes"), run.out());
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return Double.parseDouble(m.group(1));
    }
}
