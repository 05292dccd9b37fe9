package org.thymus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.io.Word2VecFormat;
import org.thymus.core.vectors.WordVectors;

class TwoTowerCommandTest {
    @TempDir
    Path dir;

    /** Users of four tastes, each with six items of its taste; the seventh goes to the test file. */
    private void writePairs() throws IOException {
        StringBuilder train = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int u = 0; u < 120; u++) {
            int taste = u % 4;
            for (int k = 0; k < 7; k++) {
                int item = taste * 20 + (u * 3 + k * 7) % 20;
                String line = "user=" + u + " taste:1\titem=" + item + " kind=" + taste + "\n";
                (k == 6 ? test : train).append(line);
            }
        }
        Files.writeString(dir.resolve("train.tsv"), train);
        Files.writeString(dir.resolve("test.tsv"), test);
    }

    @Test
    void trainsExportsAndRetrieves() throws IOException {
        writePairs();
        Path model = dir.resolve("m.tower");
        Path metrics = dir.resolve("m.json");
        Path vectors = dir.resolve("items.vec");
        Path index = dir.resolve("items.hnsw");
        CliRun train = CliRun.of("twotower", "train", "--train", dir.resolve("train.tsv").toString(),
                "--test", dir.resolve("test.tsv").toString(), "--query-features", "tokens,weights",
                "--negatives", "mixed:0.5+logq", "--guard", "known", "--dim", "16", "--epochs", "15", "--batch", "64",
                "--learning-rate", "0.1", "--threads", "1", "--output", model.toString(), "--vectors-out", vectors.toString(),
                "--index-out", index.toString(), "--metrics-out", metrics.toString());
        assertEquals(0, train.exitCode(), train.err() + train.out());
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"recall_at_10\"") && json.contains("\"masked_per_batch\"")
                && json.contains("\"known_positives_met_per_batch\""), json);
        // 80 items, 13 of a taste not yet seen by the user: a model that learnt the tastes is far above 10 / 74.
        double recall = Double.parseDouble(json.replaceAll("(?s).*\"test\".*?\"recall_at_10\": ([0-9.E-]+).*", "$1"));
        assertTrue(recall > 0.4, json);
        WordVectors items = Word2VecFormat.read(vectors);
        assertEquals(80, items.size());
        assertTrue(items.contains("item=5_kind=0"));
        assertTrue(Files.size(index) > 0);

        CliRun retrieve = CliRun.of("retrieve", "--model", model.toString(), "--query", "user=2 taste:1", "--top", "5");
        assertEquals(0, retrieve.exitCode(), retrieve.err());
        String[] lines = retrieve.out().strip().split("\n");
        assertEquals(6, lines.length, retrieve.out());
        for (int r = 1; r < lines.length; r++) {
            assertTrue(lines[r].startsWith(r + "\t") && lines[r].endsWith("kind=2"), retrieve.out()); // user 2's taste
        }

        CliRun export = CliRun.of("twotower", "export", "--model", model.toString(), "--vectors-out",
                dir.resolve("again.vec").toString());
        assertEquals(0, export.exitCode(), export.err());
        assertEquals(Files.readString(vectors), Files.readString(dir.resolve("again.vec")));
    }

    @Test
    void sortedBatchesGroupPairsByItemText() throws IOException {
        writePairs();
        Path metrics = dir.resolve("sorted.json");
        CliRun train = CliRun.of("twotower", "train", "--train", dir.resolve("train.tsv").toString(),
                "--query-features", "tokens,weights", "--batching", "sorted:2", "--guard", "known", "--dim", "16",
                "--epochs", "3", "--batch", "64", "--threads", "1", "--output", dir.resolve("s.tower").toString(),
                "--metrics-out", metrics.toString());
        assertEquals(0, train.exitCode(), train.err() + train.out());
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"batching\": \"sorted:2\""), json);
        // Items sorted by text put each item's pairs (one user of a taste each) in a run: a batch of two
        // runs holds far more pairs whose item another row already has than a random batch of 64 does.
        double sortedKnown = knownMet(json);
        CliRun random = CliRun.of("twotower", "train", "--train", dir.resolve("train.tsv").toString(),
                "--query-features", "tokens,weights", "--guard", "known", "--dim", "16", "--epochs", "3", "--batch", "64",
                "--threads", "1", "--output", dir.resolve("r.tower").toString(), "--metrics-out",
                dir.resolve("random.json").toString());
        assertEquals(0, random.exitCode(), random.err());
        String randomJson = Files.readString(dir.resolve("random.json"));
        assertTrue(randomJson.contains("\"batching\": \"random\""), randomJson);
        assertTrue(sortedKnown > 2 * knownMet(randomJson), sortedKnown + " vs " + knownMet(randomJson));

        CliRun bad = CliRun.of("twotower", "train", "--train", dir.resolve("train.tsv").toString(),
                "--batching", "clustered", "--output", dir.resolve("b.tower").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("unknown --batching 'clustered'"), bad.err());
        CliRun tooMany = CliRun.of("twotower", "train", "--train", dir.resolve("train.tsv").toString(),
                "--batching", "sorted:65", "--batch", "64", "--output", dir.resolve("b.tower").toString());
        assertEquals(2, tooMany.exitCode());
        assertTrue(tooMany.err().contains("--batching sorted:65: more runs than the batch's 64 pairs"), tooMany.err());
    }

    private static double knownMet(String json) {
        return Double.parseDouble(json.replaceAll("(?s).*\"known_positives_met_per_batch\": ([0-9.E-]+).*", "$1"));
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws IOException {
        Files.writeString(dir.resolve("bad.tsv"), "a\tb\nc d:oops\te\n");
        CliRun weight = CliRun.of("twotower", "train", "--train", dir.resolve("bad.tsv").toString(),
                "--query-features", "tokens,weights", "--output", dir.resolve("m").toString());
        assertEquals(2, weight.exitCode());
        assertTrue(weight.err().contains("bad.tsv: line 2: malformed weight"), weight.err());

        CliRun negatives = CliRun.of("twotower", "train", "--train", dir.resolve("bad.tsv").toString(),
                "--negatives", "inbatch+hard", "--output", dir.resolve("m").toString());
        assertEquals(2, negatives.exitCode());
        assertTrue(negatives.err().contains("unknown term 'hard'"), negatives.err());

        CliRun model = CliRun.of("retrieve", "--model", dir.resolve("bad.tsv").toString(), "--query", "a");
        assertEquals(2, model.exitCode());
        assertTrue(model.err().contains("is not a two-tower model"), model.err());
    }
}
