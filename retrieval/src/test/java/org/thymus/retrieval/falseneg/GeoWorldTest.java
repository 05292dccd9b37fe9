package org.thymus.retrieval.falseneg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.thymus.core.sampler.NeighborLists;

class GeoWorldTest {
    private static final GeoWorld.Settings SETTINGS = new GeoWorld.Settings(3, 4, 6, 0.08, 400, 30, 2, 0.8, 0.7);

    @Test
    void sameSeedGivesTheSameWorldAndAnotherSeedAnother() {
        GeoWorld a = GeoWorld.generate(SETTINGS, 5);
        GeoWorld b = GeoWorld.generate(SETTINGS, 5);
        GeoWorld c = GeoWorld.generate(SETTINGS, 6);
        assertArrayEquals(a.x, b.x);
        assertArrayEquals(a.y, b.y);
        assertArrayEquals(a.home, b.home);
        assertTrue(Arrays.deepEquals(a.visits, b.visits));
        assertFalse(Arrays.equals(a.x, c.x));
        assertFalse(Arrays.deepEquals(a.visits, c.visits));
    }

    @Test
    void categoryAndNeighbourhoodAreIndependentByConstruction() {
        GeoWorld w = GeoWorld.generate(SETTINGS, 1);
        int[][] table = new int[SETTINGS.neighbourhoods()][SETTINGS.categories()];
        for (int p = 0; p < w.places(); p++) {
            table[w.neighbourhood[p]][w.category[p]]++;
        }
        // Every cell of the contingency table holds the same count: the joint is the product of the margins.
        for (int[] row : table) {
            for (int count : row) {
                assertEquals(SETTINGS.placesPerStreet(), count);
            }
        }
    }

    @Test
    void placesLieInTheirNeighbourhoodAndClusterAlongTheirStreet() {
        GeoWorld w = GeoWorld.generate(SETTINGS, 2);
        double cell = 1.0 / SETTINGS.gridSide();
        for (int p = 0; p < w.places(); p++) {
            int h = w.neighbourhood[p];
            assertEquals(h % SETTINGS.gridSide(), (int) (w.x[p] / cell));
            assertEquals(h / SETTINGS.gridSide(), (int) (w.y[p] / cell));
        }
        // The nearest places are of the anchor's category far more often than the base rate 1 / categories.
        NeighborLists nearest = w.nearestPlaces(5);
        int same = 0;
        for (int p = 0; p < w.places(); p++) {
            for (int r = 0; r < 5; r++) {
                int q = nearest.neighbor(p, r);
                assertTrue(q != p);
                if (r > 0) {
                    assertTrue(w.distance(p, nearest.neighbor(p, r - 1)) <= w.distance(p, q));
                }
                same += w.category[q] == w.category[p] ? 1 : 0;
            }
        }
        assertTrue(same / (5.0 * w.places()) > 2.0 / SETTINGS.categories(), "same-category share " + same);
    }

    @Test
    void visitsFollowTheDocumentedRates() {
        GeoWorld w = GeoWorld.generate(SETTINGS, 3);
        int visits = 0;
        int atHome = 0;
        int preferred = 0;
        for (int u = 0; u < SETTINGS.users(); u++) {
            int[] adjacent = GeoWorld.adjacent(w.home[u], SETTINGS.gridSide());
            for (int place : w.visits[u]) {
                visits++;
                int h = w.neighbourhood[place];
                if (h == w.home[u]) {
                    atHome++;
                } else {
                    assertTrue(Arrays.stream(adjacent).anyMatch(a -> a == h), "a visit away from home is next door");
                }
                int c = w.category[place];
                preferred += Arrays.stream(w.preferred[u]).anyMatch(q -> q == c) ? 1 : 0;
            }
        }
        double expectedPreferred = SETTINGS.preferenceRate()
                + (1 - SETTINGS.preferenceRate()) * SETTINGS.preferredCategories() / SETTINGS.categories();
        assertWithinBinomial(atHome, visits, SETTINGS.homeRate());
        assertWithinBinomial(preferred, visits, expectedPreferred);
    }

    /** Within 5 standard deviations of the binomial mean. */
    static void assertWithinBinomial(long hits, long n, double p) {
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(hits - n * p) < 5 * sd, hits + " of " + n + " against p = " + p);
    }
}
