package org.thymus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.random.FastRandom;

class AnnCommandTest {
    @TempDir
    Path dir;
    private Path vectors;
    private Path queries;

    /** {@code rows} words "w0".. with vectors around 12 centres, as word2vec text. */
    static String clusteredVectors(int rows, int dim, long seed) {
        FastRandom rng = new FastRandom(seed);
        float[][] centres = new float[12][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = rng.nextFloat() * 2 - 1;
            }
        }
        StringBuilder text = new StringBuilder(rows + " " + dim + "\n");
        for (int r = 0; r < rows; r++) {
            text.append('w').append(r);
            float[] c = centres[rng.nextInt(centres.length)];
            for (int d = 0; d < dim; d++) {
                text.append(' ').append(String.format(Locale.ROOT, "%.5f", c[d] + 0.3f * (rng.nextFloat() - 0.5f)));
            }
            text.append('\n');
        }
        return text.toString();
    }

    @BeforeEach
    void writeFiles() throws IOException {
        vectors = Files.writeString(dir.resolve("v.txt"), clusteredVectors(600, 16, 1));
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < 600; i += 7) {
            q.append('w').append(i).append('\n');
        }
        queries = Files.writeString(dir.resolve("q.txt"), q);
    }

    private Path build(String... extra) {
        Path index = dir.resolve("v.hnsw");
        String[] args = {"ann", "build", "--vectors", vectors.toString(), "--out", index.toString(), "--threads", "2"};
        CliRun run = CliRun.of(concat(args, extra));
        assertEquals(0, run.exitCode(), run.err());
        return index;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void buildThenQueryWritesNeighboursRecallAndMetrics() throws IOException {
        Path buildMetrics = dir.resolve("build.json");
        Path index = build("--m", "8", "--ef-construction", "50", "--metrics-out", buildMetrics.toString());
        String json = Files.readString(buildMetrics);
        for (String key : List.of("\"build_seconds\"", "\"vectors\": 600", "\"dim\": 16", "\"m\": 8",
                "\"ef_construction\": 50", "\"threads\": 2", "\"metric\": \"cosine\"")) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        Path out = dir.resolve("nn.tsv");
        Path metrics = dir.resolve("query.json");
        CliRun run = CliRun.of("ann", "query", "--index", index.toString(), "--vectors", vectors.toString(),
                "--queries", queries.toString(), "--k", "5", "--ef", "32", "--recall", "--threads", "1",
                "--out", out.toString(), "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(86 * 5, lines.size());
        String[] first = lines.get(0).split("\t");
        assertEquals("w0", first[0]);
        assertEquals("1", first[2]);
        for (String line : lines) {
            String[] f = line.split("\t");
            assertEquals(4, f.length, line);
            assertFalse(f[0].equals(f[1]), "the query itself is left out: " + line);
            assertTrue(Float.parseFloat(f[3]) <= 1.0001f);
        }
        String q = Files.readString(metrics);
        assertTrue(q.contains("\"queries\": 86"), q);
        assertTrue(q.contains("\"k\": 5"), q);
        assertTrue(q.contains("\"ef\": 32"), q);
        assertTrue(q.contains("\"queries_per_second\""), q);
        double recall = Double.parseDouble(q.replaceAll("(?s).*\"recall_at_k\": ([0-9.]+).*", "$1"));
        assertTrue(recall >= 0.95, "recall " + recall);

        // Exact search through the same command: recall 1, same line count.
        Path exactOut = dir.resolve("exact.tsv");
        run = CliRun.of("ann", "query", "--exact", "--index", index.toString(), "--vectors", vectors.toString(),
                "--queries", queries.toString(), "--k", "5", "--recall", "--out", exactOut.toString(),
                "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.readString(metrics).contains("\"recall_at_k\": 1.0"));
        assertEquals(lines.size(), Files.readAllLines(exactOut).size());
    }

    @Test
    void exactSearchWithoutAnIndexTakesAMetric() throws IOException {
        Path out = dir.resolve("nn.tsv");
        CliRun run = CliRun.of("ann", "query", "--exact", "--metric", "l2", "--vectors", vectors.toString(),
                "--queries", queries.toString(), "--k", "3", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (String line : Files.readAllLines(out)) {
            assertTrue(Float.parseFloat(line.split("\t")[3]) <= 0, line); // -squared L2
        }
        run = CliRun.of("ann", "query", "--vectors", vectors.toString(), "--queries", queries.toString(),
                "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("give --index, or --exact"), run.err());
    }

    @Test
    void unknownQueryWordsAreNamedOrSkipped() throws IOException {
        Path index = build();
        Files.writeString(queries, "w1\nunicorn\nw2\ndragon\n");
        Path out = dir.resolve("nn.tsv");
        CliRun run = CliRun.of("ann", "query", "--index", index.toString(), "--vectors", vectors.toString(),
                "--queries", queries.toString(), "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("2 words are not in " + vectors + ": unicorn, dragon"), run.err());
        assertEquals(1, run.err().strip().lines().filter(l -> l.startsWith("thymus:")).count(), run.err());
        assertFalse(Files.exists(out));
        Path metrics = dir.resolve("m.json");
        run = CliRun.of("ann", "query", "--index", index.toString(), "--vectors", vectors.toString(),
                "--queries", queries.toString(), "--skip-unknown", "--k", "2", "--out", out.toString(),
                "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(4, Files.readAllLines(out).size());
        assertTrue(Files.readString(metrics).contains("\"unknown_queries_skipped\": 2"));
    }

    @Test
    void anIndexOfOtherVectorsIsRefused() throws IOException {
        Path index = build();
        Path out = dir.resolve("nn.tsv");
        Path fewer = Files.writeString(dir.resolve("fewer.txt"), clusteredVectors(500, 16, 1));
        Path otherDim = Files.writeString(dir.resolve("dim.txt"), clusteredVectors(600, 12, 1));
        Path otherValues = Files.writeString(dir.resolve("other.txt"), clusteredVectors(600, 16, 2));
        String[][] cases = {{fewer.toString(), "holds 600 vectors but"}, {otherDim.toString(), "dim 16 but"},
            {otherValues.toString(), "was not built from"}};
        for (String[] c : cases) {
            CliRun run = CliRun.of("ann", "query", "--index", index.toString(), "--vectors", c[0],
                    "--queries", queries.toString(), "--out", out.toString());
            assertEquals(2, run.exitCode(), c[0]);
            assertTrue(run.err().contains(c[1]), run.err());
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void aCorruptIndexIsOneLineAndExitTwo() throws IOException {
        Path index = build();
        byte[] bytes = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(bytes, bytes.length / 3));
        Path out = dir.resolve("nn.tsv");
        CliRun run = CliRun.of("ann", "query", "--index", index.toString(), "--vectors", vectors.toString(),
                "--queries", queries.toString(), "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("thymus: index file " + index), run.err());
        assertTrue(run.err().contains("truncated"), run.err());
        assertFalse(Files.exists(out));
        Files.writeString(index, "not an index, and long enough to be read as a header by the loader\n");
        run = CliRun.of("ann", "query", "--index", index.toString(), "--vectors", vectors.toString(),
                "--queries", queries.toString(), "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is not a Thymus HNSW index"), run.err());
    }

    @Test
    void badFlagsAreExitTwo() {
        Path out = dir.resolve("x");
        for (String[] args : new String[][] {
            {"ann", "build", "--vectors", vectors.toString(), "--out", out.toString(), "--m", "1"},
            {"ann", "build", "--vectors", vectors.toString(), "--out", out.toString(), "--metric", "manhattan"},
            {"ann", "build", "--vectors", vectors.toString(), "--out", dir.resolve("no/such/dir/i").toString()},
            {"ann", "query", "--exact", "--vectors", vectors.toString(), "--queries", queries.toString(),
                "--out", out.toString(), "--k", "0"},
        }) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + "\n" + run.err());
            assertFalse(Files.exists(out));
        }
    }
}
