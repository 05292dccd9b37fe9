package org.thymus.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.thymus.core.eval.NearestNeighbors.Neighbor;
import org.thymus.core.vectors.TestVectors;
import org.thymus.core.vectors.WordVectors;

class NearestNeighborsTest {
    private final WordVectors vectors = TestVectors.of(
            new String[] {"cat", "dog", "kitten", "car", "anti-cat", "big-cat"},
            new float[][] {{1, 0, 0}, {0.6f, 0.8f, 0}, {0.8f, 0.6f, 0}, {0, 0, 1}, {-1, 0, 0}, {5, 0, 0}});

    private static List<String> words(List<Neighbor> neighbors) {
        return neighbors.stream().map(Neighbor::word).toList();
    }

    @Test
    void ranksByCosineAndLeavesOutTheWordItself() {
        List<Neighbor> nearest = new NearestNeighbors(vectors).nearest("cat", 4);
        assertEquals(List.of("big-cat", "kitten", "dog", "car"), words(nearest));
        assertEquals(1f, nearest.get(0).similarity(), 1e-6f, "length does not matter, only direction");
        assertEquals(0.8f, nearest.get(1).similarity(), 1e-6f);
        assertEquals(0.6f, nearest.get(2).similarity(), 1e-6f);
        assertEquals(0f, nearest.get(3).similarity(), 1e-6f);
    }

    @Test
    void queryVectorWithExclusionsAndKLargerThanTheVocabulary() {
        List<Neighbor> nearest = new NearestNeighbors(vectors)
                .nearest(new float[] {-2, 0, 0}, 10, Set.of("car", "not-a-word"));
        assertEquals(List.of("anti-cat", "dog", "kitten", "cat", "big-cat"), words(nearest));
        assertEquals(-1f, nearest.get(4).similarity(), 1e-6f);
    }

    @Test
    void equalScoresKeepTheEarlierRowFirst() {
        WordVectors twins = TestVectors.of(new String[] {"q", "first", "second", "third"},
                new float[][] {{1, 0}, {0, 1}, {0, 2}, {0, 3}});
        assertEquals(List.of("first", "second"), words(new NearestNeighbors(twins).nearest("q", 2)));
    }

    @Test
    void unknownWordAndBadArgumentsAreRejected() {
        NearestNeighbors search = new NearestNeighbors(vectors);
        assertThrows(NoSuchElementException.class, () -> search.nearest("zebra", 3));
        assertThrows(IllegalArgumentException.class, () -> search.nearest("cat", 0));
        assertThrows(IllegalArgumentException.class, () -> search.nearest(new float[2], 3, Set.of()));
    }

    @Test
    void agreesWithABruteForceSortOnRandomVectors() {
        int rows = 3000;
        WordVectors random = TestVectors.uniform(rows, 50, 7);
        List<String> words = random.words();
        NearestNeighbors search = new NearestNeighbors(random);
        Random pick = new Random(8);
        for (int trial = 0; trial < 5; trial++) {
            String query = words.get(pick.nextInt(rows));
            float[] q = random.get(query);
            List<String> expected = IntStream.range(0, rows)
                    .filter(r -> r != random.row(query))
                    .boxed()
                    .sorted(Comparator.comparingDouble(r -> -cosine(q, random.get(words.get(r)))))
                    .limit(20)
                    .map(words::get)
                    .toList();
            assertEquals(expected, words(search.nearest(query, 20)));
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
