package org.thymus.retrieval.recsys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;

class MovieLensTest {

    static Path tinyDataset() {
        try {
            return Path.of(MovieLensTest.class.getResource("/movielens-tiny/u.data").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsCataloguesWithSideInformation() {
        MovieLens ml = MovieLens.open(tinyDataset());
        assertEquals(4, ml.itemCount());
        assertEquals(3, ml.userCount());
        assertEquals(19, ml.genres().size());

        MovieLens.Item toyStory = ml.items().get(0);
        assertEquals(10, toyStory.rawId());
        assertEquals(1995, toyStory.releaseYear());
        assertEquals(List.of("Animation", "Children's", "Comedy"), toyStory.genres());

        MovieLens.Item miserables = ml.items().get(1);
        assertEquals("Misérables, Les (1995)", miserables.title(), "u.item is ISO-8859-1");
        assertEquals(1995, miserables.releaseYear(), "no release date: the year comes from the title");
        assertEquals(List.of("Drama", "War"), miserables.genres());

        assertEquals(0, ml.items().get(2).releaseYear(), "no date and no year in the title: unknown");

        MovieLens.User canadian = ml.users().get(2);
        assertEquals(23, canadian.age());
        assertEquals("M", canadian.gender());
        assertEquals("writer", canadian.occupation());
        assertEquals("T8H", canadian.zipPrefix());
    }

    @Test
    void ratingsBecomeInteractionsOverCatalogueIds() {
        MovieLens ml = MovieLens.open(tinyDataset());
        Interactions ratings = ml.ratings();
        assertEquals(6, ratings.size());
        // line 4: user 2 (dense 1), item 40 (dense 3), timestamp 150
        assertEquals(1, ratings.user(3));
        assertEquals(3, ratings.item(3));
        assertEquals(150, ratings.timestamp(3));
        assertArrayEquals(new int[] {2, 1, 1, 2}, ratings.itemCounts());
    }

    @Test
    void malformedLinesNameFileAndLine(@TempDir Path dir) throws IOException {
        copyTiny(dir);
        MovieLens ml = MovieLens.open(dir);

        Path bad = dir.resolve("bad.data");
        Files.writeString(bad, "1\t10\t5\t100\n1\t20\t3\n");
        InvalidInputException shortLine = assertThrows(InvalidInputException.class, () -> ml.readRatings(bad));
        assertTrue(shortLine.getMessage().contains("bad.data line 2"), shortLine.getMessage());
        assertTrue(shortLine.getMessage().contains("got 3"), shortLine.getMessage());

        Files.writeString(bad, "1\t10\t5\t100\n\n1\t99\t3\t7\n");
        InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> ml.readRatings(bad));
        assertTrue(unknown.getMessage().contains("line 3: item 99 is not in u.item"), unknown.getMessage());

        Files.writeString(bad, "1\t10\tfive\t100\n");
        InvalidInputException notNumber = assertThrows(InvalidInputException.class, () -> ml.readRatings(bad));
        assertTrue(notNumber.getMessage().contains("rating 'five'"), notNumber.getMessage());

        Files.writeString(dir.resolve("u.user"), "1|24|M|technician|85711\n2|53|X|other|94043\n");
        InvalidInputException gender = assertThrows(InvalidInputException.class, () -> MovieLens.open(dir));
        assertTrue(gender.getMessage().contains("u.user line 2"), gender.getMessage());

        Files.writeString(dir.resolve("u.item"), "10|Toy Story (1995)|01-Jan-1995||url|0|1\n");
        InvalidInputException flags = assertThrows(InvalidInputException.class, () -> MovieLens.open(dir));
        assertTrue(flags.getMessage().contains("u.item line 1: expected 24"), flags.getMessage());
    }

    @Test
    void namedSplitsFromFilePairs(@TempDir Path dir) throws IOException {
        copyTiny(dir);
        Files.createDirectories(dir.resolve("splits"));
        Files.writeString(dir.resolve("splits/u2.base"), "1\t10\t5\t100\n2\t10\t4\t150\n");
        Files.writeString(dir.resolve("u2.test"), "1\t20\t3\t200\n");
        MovieLens ml = MovieLens.open(dir);
        RecsysSplit u2 = ml.split("u2");
        assertEquals(2, u2.training().size());
        assertArrayEquals(new int[] {1}, u2.testItems(0));
        assertEquals(1, u2.coldTestPairs());
        assertEquals("leave-last-out", ml.split("leave-last-out").name());
        // validation: leave-last-out again on leave-last-out's training (user 1: items 2 at t=120, 0 at t=150)
        RecsysSplit validation = ml.split("leave-last-out-valid");
        assertArrayEquals(new int[] {0}, validation.testItems(1));
        assertArrayEquals(new int[] {2}, validation.trainingMatrix().row(1));
        assertEquals(1, validation.testUsers(), "users 0 and 2 have a single training interaction left");
        assertEquals(3, validation.training().size());
        // a fold's validation split reads only its base file (u2.test is not needed) and holds out a part of it
        Files.delete(dir.resolve("u2.test"));
        RecsysSplit u2valid = ml.split("u2-valid");
        assertEquals("u2-valid", u2valid.name());
        assertEquals(2, u2valid.training().size() + u2valid.testPairs() + u2valid.testPairsAlreadyInTraining());
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> ml.split("u3"));
        assertTrue(missing.getMessage().contains("u3.base not found"), missing.getMessage());
        assertThrows(InvalidInputException.class, () -> ml.split("u9"));
    }

    @Test
    void missingDirectoryIsAClearError(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MovieLens.open(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
        InvalidInputException noItems = assertThrows(InvalidInputException.class, () -> MovieLens.open(dir));
        assertTrue(noItems.getMessage().contains("u.item"), noItems.getMessage());
    }

    private static void copyTiny(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(tinyDataset())) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }
}
