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

    @Test
    void embeddingsPredictLinksAndTrainWritesOneVectorANode() throws IOException {
        Path metrics = dir.resolve("e.json");
        CliRun run = CliRun.of("graph", "linkpred", "--edges", communities().toString(), "--seed", "3",
                "--method", "node2vec", "--dim", "16", "--walks-per-node", "20", "--walk-length", "40", "--threads", "1",
                "--ranking", "--quiet", "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(number(run.out(), "node2vec hadamard \\+ LR +AUC ([0-9.]+)") > 0.75, run.out());
        assertTrue(number(run.out(), "node2vec cosine +AUC ([0-9.]+)") > 0.75, run.out());
        // 100 nodes, about 75 candidates a source: a ranking at chance would give an MRR near 0.06.
        assertTrue(number(run.out(), "adamic-adar +MRR ([0-9.]+)") > 0.15, run.out());
        String json = Files.readString(metrics);
        for (String key : new String[] {"\"node2vec_hadamard_lr\"", "\"walk_tokens\": 80000", "\"walk_length\": 40",
                "\"classifier\": \"cross-validation\"", "\"node2vec_cosine\"", "\"adamic_adar\"", "\"hits_at_10\""}) {
            assertTrue(json.contains(key), key + " in " + json);
        }

        Path vectors = dir.resolve("v.txt");
        run = CliRun.of("graph", "train", "--edges", communities().toString(), "--method", "line", "--dim", "8",
                "--order", "first", "--samples-per-edge", "20", "--quiet", "--output", vectors.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(vectors);
        assertEquals("100 8", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("c3-n24 ")), "rows are named by the nodes");

        Path walks = dir.resolve("walks.txt");
        run = CliRun.of("graph", "walks", "--edges", communities().toString(), "--walks-per-node", "2",
                "--walk-length", "7", "--output", walks.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> written = Files.readAllLines(walks);
        assertEquals(200, written.size());
        assertTrue(written.stream().allMatch(l -> l.split(" ").length == 7), "no dead ends in this graph");
    }

    @Test
    void classifyPredictsTheCommunityOfEachNode() throws IOException {
        Path edges = communities();
        List<String> lines = new ArrayList<>();
        for (int u = 0; u < 100; u++) {
            lines.add(name(u, 25) + "\tcommunity" + u / 25);
        }
        lines.add("stranger\tcommunity0"); // not a node of the graph: counted, skipped
        Path labels = Files.write(dir.resolve("labels.tsv"), lines);
        Path metrics = dir.resolve("c.json");
        CliRun run = CliRun.of("graph", "classify", "--edges", edges.toString(), "--labels", labels.toString(),
                "--dim", "16", "--walks-per-node", "20", "--walk-length", "40", "--threads", "1", "--quiet",
                "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("1 lines name nodes the graph does not have"), run.out());
        assertTrue(number(run.out(), "Micro-F1 ([0-9.]+)") > 0.8, run.out()); // chance: about 0.25
        assertTrue(Files.readString(metrics).contains("\"label_lines_unknown_node\": 1"));
    }

    @Test
    void badEmbeddingFlagsAreRefusedBeforeReading() throws IOException {
        Path edges = communities();
        for (String[] flags : new String[][] {{"--method", "sgd"}, {"--method", "deepwalk", "--p", "2"},
                {"--method", "line", "--order", "third"}, {"--method", "node2vec", "--dim", "0"},
                {"--method", "node2vec", "--q", "0"}, {"--method", "line", "--shared-negatives"},
                {"--method", "node2vec", "--shared-negatives", "--negatives", "degree"}}) {
            List<String> args = new ArrayList<>(List.of("graph", "train", "--edges", edges.toString(), "--output",
                    dir.resolve("x.txt").toString()));
            args.addAll(List.of(flags));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), String.join(" ", flags) + ": " + run.err());
            assertTrue(run.err().lines().count() == 1, "one line: " + run.err());
        }
        assertTrue(Files.notExists(dir.resolve("x.txt")));
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return Double.parseDouble(m.group(1));
    }
}
