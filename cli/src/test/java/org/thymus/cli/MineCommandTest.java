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

class MineCommandTest {
    @TempDir
    Path dir;
    private Path vectors;
    private Path pairs;

    /** Words p0 .. p29 at x = i^1.5 on a line: every neighbour order is known and tie-free. */
    @BeforeEach
    void writeFiles() throws IOException {
        StringBuilder text = new StringBuilder("30 2\n");
        for (int i = 0; i < 30; i++) {
            text.append('p').append(i).append(' ').append(Math.pow(i, 1.5)).append(" 0\n");
        }
        vectors = Files.writeString(dir.resolve("line.txt"), text);
        pairs = Files.writeString(dir.resolve("pairs.tsv"), "p11\tp10\np3\tp20\n");
    }

    @Test
    void negativesAreTheBandOfThePositivesNeighboursWithoutTheAnchor() throws IOException {
        Path out = dir.resolve("neg.tsv");
        Path metrics = dir.resolve("m.json");
        CliRun run = CliRun.of("mine", "--vectors", vectors.toString(), "--pairs", pairs.toString(), "--metric", "l2",
                "--k", "10", "--band", "1-5", "--out", out.toString(), "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        // Neighbours of p10 by distance: p9 (1), p11 (2, the anchor: left out), p8 (3), p12 (4).
        // Of p20: p19, p21, p18, p22.
        assertEquals(List.of("p11\tp10\tp9\t1", "p11\tp10\tp8\t3", "p11\tp10\tp12\t4",
                "p3\tp20\tp19\t1", "p3\tp20\tp21\t2", "p3\tp20\tp18\t3", "p3\tp20\tp22\t4"), Files.readAllLines(out));
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"negatives\": 7"), json);
        assertTrue(json.contains("\"distinct_positives\": 2"), json);

        // Through an index: the same answer on this easy set.
        Path index = dir.resolve("line.hnsw");
        assertEquals(0, CliRun.of("ann", "build", "--vectors", vectors.toString(), "--out", index.toString(),
                "--metric", "l2", "--m", "4", "--threads", "1").exitCode());
        Path viaIndex = dir.resolve("neg2.tsv");
        run = CliRun.of("mine", "--vectors", vectors.toString(), "--pairs", pairs.toString(), "--index",
                index.toString(), "--k", "10", "--band", "1-5", "--out", viaIndex.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Files.readAllLines(out), Files.readAllLines(viaIndex));
    }

    @Test
    void kBelowTheBandDrawsARandomSubsetInRankOrder() throws IOException {
        Path out = dir.resolve("neg.tsv");
        String[] args = {"mine", "--vectors", vectors.toString(), "--pairs", pairs.toString(), "--metric", "l2",
            "--k", "3", "--band", "2-12", "--seed", "5", "--out", out.toString()};
        assertEquals(0, CliRun.of(args).exitCode());
        List<String> first = Files.readAllLines(out);
        assertEquals(6, first.size());
        int previous = 0;
        for (String line : first.subList(0, 3)) {
            int rank = Integer.parseInt(line.split("\t")[3]);
            assertTrue(rank >= 2 && rank < 12 && rank > previous, line);
            assertFalse(line.split("\t")[2].equals("p11"), line);
            previous = rank;
        }
        assertEquals(0, CliRun.of(args).exitCode());
        assertEquals(first, Files.readAllLines(out), "same seed, same draw");
    }

    @Test
    void badInputIsOneLineAndExitTwoAndWritesNothing() throws IOException {
        Path out = dir.resolve("neg.tsv");
        Files.writeString(pairs, "p1\tp2\nunicorn\tp3\n");
        CliRun run = CliRun.of("mine", "--vectors", vectors.toString(), "--pairs", pairs.toString(),
                "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("1 pair has words not in " + vectors + ": unicorn"), run.err());
        assertFalse(Files.exists(out));
        run = CliRun.of("mine", "--vectors", vectors.toString(), "--pairs", pairs.toString(), "--skip-unknown",
                "--band", "1-3", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, Files.readAllLines(out).size());

        Files.writeString(pairs, "p1 p2 p3\n");
        run = CliRun.of("mine", "--vectors", vectors.toString(), "--pairs", pairs.toString(), "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("line 1: expected anchor<TAB>positive"), run.err());
        for (String band : new String[] {"5-5", "0-3", "x", "3-"}) {
            run = CliRun.of("mine", "--vectors", vectors.toString(), "--pairs", pairs.toString(), "--band", band,
                    "--out", out.toString());
            assertEquals(2, run.exitCode(), band);
            assertTrue(run.err().contains("--band must be LO-HI"), run.err());
        }
    }
}
