package org.thymus.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {
    @Test
    void keepsTheBestRowsBestFirstWithEarlierRowsWinningTies() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(60);
            int k = 1 + random.nextInt(10);
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(8); // many ties
            }
            scores[random.nextInt(n)] = Float.NaN;
            TopK top = new TopK(k);
            for (int i = 0; i < n; i++) {
                top.offer(i, scores[i]);
            }
            int[] expected = IntStream.range(0, n)
                    .filter(i -> !Float.isNaN(scores[i]))
                    .boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                    .limit(k)
                    .mapToInt(Integer::intValue)
                    .toArray();
            assertArrayEquals(expected, top.drainBestFirst());
        }
    }
}
