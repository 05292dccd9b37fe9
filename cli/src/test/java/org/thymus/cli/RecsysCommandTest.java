package org.thymus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecsysCommandTest {
    private static final int USERS = 60;
    private static final int ITEMS = 30;

    @TempDir
    Path dir;

    /**
     * A MovieLens-format directory with two taste clusters: users of cluster c rate items of
     * cluster c (items 0..14 or 15..29), the most popular of the cluster first in time.
     */
    @BeforeEach
    void writeDataset() throws IOException {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= ITEMS; i++) {
            items.append(i).append("|Movie ").append(i).append(" (1990)|01-Jan-1990||url|")
                    .append("0|".repeat(18)).append("1\n");
        }
        StringBuilder users = new StringBuilder();
        StringBuilder ratings = new StringBuilder();
        for (int u = 1; u <= USERS; u++) {
            users.append(u).append("|30|F|writer|12345\n");
            int cluster = u % 2;
            int count = 4 + u % 6;
            for (int k = 0; k < count; k++) {
                int item = cluster * 15 + (k * 7 + u) % 15 + 1;
                ratings.append(u).append('\t').append(item).append("\t4\t").append(1000 + k).append('\n');
            }
        }
        Files.writeString(dir.resolve("u.item"), items);
        Files.writeString(dir.resolve("u.user"), users);
        Files.writeString(dir.resolve("u.data"), ratings);
    }

    private static double figure(String out, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + " ([0-9.]+)").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void evaluatesEachModelAndWritesMetrics() throws IOException {
        Path metrics = dir.resolve("m.json");
        CliRun popularity = CliRun.of("recsys", "eval", "--dataset", dir.toString(), "--model", "popularity",
                "--threads", "1", "--metrics-out", metrics.toString());
        assertEquals(0, popularity.exitCode(), popularity.err());
        assertTrue(popularity.out().contains("60 test users"), popularity.out());
        assertTrue(popularity.out().contains("Recall@10 among the group's items only: head"), popularity.out());
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"recall_at_10_by_popularity\"") && json.contains("\"recall_at_10_among_group\"")
                && json.contains("\"ndcg_at_10\"")
                && json.contains("\"interactions_per_second\"") && json.contains("\"cold_test_pairs\""), json);

        CliRun knn = CliRun.of("recsys", "eval", "--dataset", dir.toString(), "--model", "itemknn",
                "--neighbours", "10", "--threads", "2");
        assertEquals(0, knn.exitCode(), knn.err());
        CliRun bpr = CliRun.of("recsys", "eval", "--dataset", dir.toString(), "--model", "bpr", "--dim", "8",
                "--epochs", "40", "--learning-rate", "0.1", "--threads", "1");
        assertEquals(0, bpr.exitCode(), bpr.err());
        // Popularity ranks the other cluster's items too; the personalised models keep to the user's cluster.
        double popularityNdcg = figure(popularity.out(), "NDCG@10");
        assertTrue(figure(knn.out(), "NDCG@10") > popularityNdcg, knn.out() + popularity.out());
        assertTrue(figure(bpr.out(), "NDCG@10") > popularityNdcg, bpr.out() + popularity.out());
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws IOException {
        CliRun model = CliRun.of("recsys", "eval", "--dataset", dir.toString(), "--model", "svd");
        assertEquals(2, model.exitCode());
        assertTrue(model.err().contains("unknown --model 'svd'"), model.err());

        CliRun split = CliRun.of("recsys", "eval", "--dataset", dir.toString(), "--split", "u1");
        assertEquals(2, split.exitCode());
        assertTrue(split.err().contains("u1.base not found"), split.err());

        Files.writeString(dir.resolve("u.data"), "1\t1\t4\t1000\n1\t2\t4\n");
        CliRun malformed = CliRun.of("recsys", "eval", "--dataset", dir.toString(), "--model", "popularity");
        assertEquals(2, malformed.exitCode());
        assertTrue(malformed.err().contains("u.data line 2"), malformed.err());
    }
}
