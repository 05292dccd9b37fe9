package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;
import org.thymus.core.table.EmbeddingTable;

class NodeClassificationTest {
    @TempDir
    Path dir;

    @Test
    void labelsAreReadPerNodeAndUnknownNodesCounted() throws IOException {
        Graph graph = Graph.undirected().addEdge("a", "b").addEdge("b", "c").build();
        Path file = Files.writeString(dir.resolve("labels.tsv"), "# node label\na\tx\nb,y\na x\na z\nzz y\n");
        NodeClassification.Labels labels = NodeClassification.Labels.read(file, graph);
        assertArrayEquals(new String[] {"x", "y", "z"}, labels.names());
        assertArrayEquals(new int[] {0, 2}, labels.labels()[graph.node("a")], "a repeated line counts once");
        assertArrayEquals(new int[] {1}, labels.labels()[graph.node("b")]);
        assertArrayEquals(new int[0], labels.labels()[graph.node("c")]);
        assertEquals(1, labels.unknownNodes());
        assertEquals(5, labels.lines());

        Path bad = Files.writeString(dir.resolve("bad.tsv"), "a x\nb y extra\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NodeClassification.Labels.read(bad, graph));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Path none = Files.writeString(dir.resolve("none.tsv"), "q x\n");
        assertThrows(InvalidInputException.class, () -> NodeClassification.Labels.read(none, graph));
    }

    @Test
    void eachTestNodeTakesAsManyLabelsAsItHasAndF1IsPooledOrAveraged() {
        // Three labels; node 0 has {0, 1}, node 1 has {2}. Scores put labels 0 and 2 first for node 0
        // (one right, one wrong) and label 2 first for node 1 (right).
        int[][] truth = {{0, 1}, {2}};
        NodeClassification.Labels labels = new NodeClassification.Labels(truth, new String[] {"a", "b", "c"}, 0, 3);
        double[][] scores = {{0.9, 0.1, 0.5}, {0.2, 0.1, 0.7}};
        NodeClassification.Result r = NodeClassification.score(scores, new int[] {0, 1}, labels, 5);
        // Pooled: tp 2 (node 0 label 0, node 1 label 2), fp 1 (node 0 label 2), fn 1 (node 0 label 1).
        assertEquals(2.0 * 2 / (2 * 2 + 1 + 1), r.microF1(), 1e-12);
        // Per label: a F1 1, b F1 0, c tp 1 fp 1 -> 2/3.
        assertEquals((1 + 0 + 2.0 / 3) / 3, r.macroF1(), 1e-12);
        assertEquals(2, r.testNodes());
    }

    @Test
    void trainedVectorsRecoverPlantedCommunities() {
        Graph graph = TestGraphs.plantedPartition(4, 100, 0.1, 0.005, 21);
        int[][] truth = new int[graph.nodeCount()][];
        for (int v = 0; v < truth.length; v++) {
            truth[v] = new int[] {Integer.parseInt(graph.name(v)) / 100};
        }
        NodeClassification.Labels labels = new NodeClassification.Labels(truth, new String[] {"0", "1", "2", "3"}, 0,
                truth.length);
        WalkEmbedding.Result trained = WalkEmbedding.train(graph,
                new WalkEmbedding.Config(32, 5, 5, 1e-3, 5, 20, 1, 1, 0.025f, 0.0001f, 1, 3), null, p -> () -> { });
        NodeClassification.Result r = NodeClassification.evaluate(trained.vectors(), labels, 0.5, 1, 2);
        assertTrue(r.microF1() > 0.9, "micro-F1 " + r.microF1());
        EmbeddingTable noise = new EmbeddingTable(graph.nodeCount(), 32);
        noise.fillUniform(5, -1, 1);
        NodeClassification.Result chance = NodeClassification.evaluate(noise, labels, 0.5, 1, 2);
        assertTrue(chance.microF1() < 0.45, "random vectors are near a quarter: " + chance.microF1());
        assertEquals(200, r.trainNodes());
        assertThrows(IllegalArgumentException.class, () -> NodeClassification.evaluate(noise, labels, 1.0, 1, 1));
    }
}
