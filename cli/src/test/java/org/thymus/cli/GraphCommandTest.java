package org.thymus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
    @TempDir
    Path dir;

    /**
     * Four communities of 25 nodes: two nodes of one community are linked with probability 0.5, of
     * two communities with probability 0.01. A held-out edge is almost always inside a community, where
     * the two ends share neighbours; most non-edges join two communities and share none.
     */
    private Path communities() throws IOException {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>(List.of("# planted partition"));
        int communities = 4;
        int size = 25;
        for (int u = 0; u < communities * size; u++) {
            for (int v = u + 1; v < communities * size; v++) {
                boolean sameCommunity = u / size == v / size;
                if (random.nextDouble() < (sameCommunity ? 0.5 : 0.01)) {
                    lines.add(name(u, size) + (u % 2 == 0 ? "\t" : ",") + name(v, size));
                }
            }
        }
        lines.add(name(0, size) + " " + name(0, size)); // a self-loop, skipped
        return Files.write(dir.resolve("communities.tsv"), lines);
    }

    private static String name(int node, int size) {
        return "c" + node / size + "-n" + node % size;
    }

    @Test
    void neighbourhoodHeuristicsPredictLinksInsideCommunities() throws IOException {
        Path metrics = dir.resolve("m.json");
        CliRun run = CliRun.of("graph", "linkpred", "--edges", communities().toString(), "--seed", "3",
                "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        double adamicAdar = number(run.out(), "adamic-adar +AUC ([0-9.]+)");
        assertTrue(adamicAdar > 0.75, run.out()); // a graph without communities scores about 0.5
        assertTrue(number(run.out(), "common-neighbours +AUC ([0-9.]+)") > 0.75, run.out());
        assertTrue(run.out().contains("skipped: 1 self-loops"), run.out());
        String json = Files.readString(metrics);
        for (String key : new String[] {"\"nodes\": 100", "\"self_loops_skipped\": 1", "\"held_out\"",
                "\"negatives\"", "\"residual_edges\"", "\"common_neighbours\"", "\"jaccard\"",
                "\"preferential_attachment\""}) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        assertEquals(adamicAdar, number(json, "\"adamic_adar\": ([0-9.]+)"), 1e-4);

        CliRun again = CliRun.of("graph", "linkpred", "--edges", communities().toString(), "--seed", "3");
        assertEquals(run.out().replaceAll("in [0-9.]+ s", ""), again.out().replaceAll("in [0-9.]+ s", ""),
                "a seed gives one split");
    }

    @Test
    void badInputGetsAClearMessage() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.tsv"), "a b\nb c d e\n");
        CliRun run = CliRun.of("graph", "linkpred", "--edges", bad.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("line 2"), run.err());

        run = CliRun.of("graph", "linkpred", "--edges", communities().toString(), "--holdout", "1.5");
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("held-out fraction"), run.err());
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return Double.parseDouble(m.group(1));
    }
}
