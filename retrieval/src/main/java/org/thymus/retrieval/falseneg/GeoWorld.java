package org.thymus.retrieval.falseneg;

import java.util.Arrays;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.NeighborLists;

/**
 * The geography benchmark's semi-synthetic world, generated from a seed: places on a unit-square
 * map, each with a category (the truth: what makes two places alike) and a neighbourhood (the
 * confounder: it decides who comes by), and the visit sequences of users who prefer a few
 * categories but stay near home.
 *
 * <p>The generator, step by step (parameters in {@link Settings}):
 * <ol>
 *   <li>The map is cut into {@code gridSide × gridSide} square neighbourhoods.</li>
 *   <li>In every neighbourhood, every category has one street: a centre drawn uniformly in the
 *       middle 70 % of the cell, and {@code placesPerStreet} places around it, each coordinate
 *       Gaussian with standard deviation {@code streetSpread × cell side} (redrawn until inside the
 *       cell). So every neighbourhood holds exactly the same number of places of each category:
 *       category and neighbourhood are independent by construction. Places of one category do
 *       cluster along their street, as shops do, which is why the nearest places of a place are
 *       often of its own category.</li>
 *   <li>A user has a home neighbourhood (uniform) and {@code preferredCategories} distinct
 *       preferred categories (uniform). Each of the user's {@code visitsPerUser} visits, in order,
 *       is in the home neighbourhood with probability {@code homeRate}, otherwise in one of its
 *       (up to 8) adjacent neighbourhoods, uniformly; its category is a preferred one (uniformly)
 *       with probability {@code preferenceRate}, otherwise any category (uniformly); the place is
 *       uniform among that street's places.</li>
 * </ol>
 * Two consecutive visits of a user therefore share the neighbourhood far more often than the
 * category: co-visits confound the truth with the map.
 */
final class GeoWorld {

    /** The generator's parameters; {@link #defaults()} is the benchmark's. */
    record Settings(int gridSide, int categories, int placesPerStreet, double streetSpread, int users,
                    int visitsPerUser, int preferredCategories, double preferenceRate, double homeRate) {
        Settings {
            if (gridSide < 2 || categories < 2 || placesPerStreet < 2 || users < 1 || visitsPerUser < 2) {
                throw new IllegalArgumentException("need a 2x2 grid, 2 categories, 2 places a street, a user and 2 visits");
            }
            if (preferredCategories < 1 || preferredCategories > categories) {
                throw new IllegalArgumentException("preferredCategories must be in [1, categories]");
            }
            if (!(streetSpread > 0) || !(preferenceRate >= 0 && preferenceRate <= 1) || !(homeRate >= 0 && homeRate <= 1)) {
                throw new IllegalArgumentException("streetSpread must be > 0 and the rates in [0, 1]");
            }
        }

        /** 16 neighbourhoods, 8 categories, 1,280 places; 1,500 users of 20 visits. */
        static Settings defaults() {
            return new Settings(4, 8, 10, 0.08, 1500, 20, 2, 0.8, 0.7);
        }

        /** A 3x3 grid, 4 categories, 216 places; 300 users of 15 visits: for tests and smoke runs. */
        static Settings small() {
            return new Settings(3, 4, 6, 0.08, 300, 15, 2, 0.8, 0.7);
        }

        int neighbourhoods() {
            return gridSide * gridSide;
        }

        int places() {
            return neighbourhoods() * categories * placesPerStreet;
        }
    }

    final Settings settings;
    final double[] x;
    final double[] y;
    final int[] category;
    final int[] neighbourhood;
    final int[] home;
    final int[][] preferred;
    final int[][] visits;

    private GeoWorld(Settings settings, double[] x, double[] y, int[] category, int[] neighbourhood, int[] home,
                     int[][] preferred, int[][] visits) {
        this.settings = settings;
        this.x = x;
        this.y = y;
        this.category = category;
        this.neighbourhood = neighbourhood;
        this.home = home;
        this.preferred = preferred;
        this.visits = visits;
    }

    /** Generates the world of {@code seed}: the same seed and settings give the same world. */
    static GeoWorld generate(Settings s, long seed) {
        FastRandom rng = new FastRandom(seed);
        int side = s.gridSide();
        double cell = 1.0 / side;
        int places = s.places();
        double[] x = new double[places];
        double[] y = new double[places];
        int[] category = new int[places];
        int[] neighbourhood = new int[places];
        int p = 0;
        for (int h = 0; h < s.neighbourhoods(); h++) {
            double left = (h % side) * cell;
            double bottom = (h / side) * cell;
            for (int c = 0; c < s.categories(); c++) {
                double cx = left + cell * (0.15 + 0.7 * rng.nextDouble());
                double cy = bottom + cell * (0.15 + 0.7 * rng.nextDouble());
                for (int i = 0; i < s.placesPerStreet(); i++, p++) {
                    x[p] = insideCell(cx, left, cell, s.streetSpread() * cell, rng);
                    y[p] = insideCell(cy, bottom, cell, s.streetSpread() * cell, rng);
                    category[p] = c;
                    neighbourhood[p] = h;
                }
            }
        }
        int[] home = new int[s.users()];
        int[][] preferred = new int[s.users()][];
        int[][] visits = new int[s.users()][s.visitsPerUser()];
        for (int u = 0; u < s.users(); u++) {
            home[u] = rng.nextInt(s.neighbourhoods());
            preferred[u] = distinct(s.preferredCategories(), s.categories(), rng);
            int[] adjacent = adjacent(home[u], side);
            for (int v = 0; v < s.visitsPerUser(); v++) {
                int h = rng.nextDouble() < s.homeRate() ? home[u] : adjacent[rng.nextInt(adjacent.length)];
                int c = rng.nextDouble() < s.preferenceRate() ? preferred[u][rng.nextInt(preferred[u].length)]
                        : rng.nextInt(s.categories());
                visits[u][v] = street(s, h, c) + rng.nextInt(s.placesPerStreet());
            }
        }
        return new GeoWorld(s, x, y, category, neighbourhood, home, preferred, visits);
    }

    /** The first place id of the street of category {@code c} in neighbourhood {@code h}. */
    static int street(Settings s, int h, int c) {
        return (h * s.categories() + c) * s.placesPerStreet();
    }

    private static double insideCell(double centre, double low, double width, double sd, FastRandom rng) {
        while (true) {
            double v = centre + sd * gaussian(rng);
            if (v >= low && v < low + width) {
                return v;
            }
        }
    }

    /** A standard normal draw (Box–Muller). */
    static double gaussian(FastRandom rng) {
        double u = 1 - rng.nextDouble(); // (0, 1]
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** {@code m} distinct values of [0, n), uniformly. */
    static int[] distinct(int m, int n, FastRandom rng) {
        int[] order = rng.permutation(n);
        return Arrays.copyOf(order, m);
    }

    /** The neighbourhoods that touch {@code h} by a side or a corner. */
    static int[] adjacent(int h, int side) {
        int row = h / side;
        int col = h % side;
        int[] out = new int[8];
        int n = 0;
        for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
                int r = row + dr;
                int c = col + dc;
                if ((dr != 0 || dc != 0) && r >= 0 && r < side && c >= 0 && c < side) {
                    out[n++] = r * side + c;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    int places() {
        return category.length;
    }

    double distance(int a, int b) {
        return Math.hypot(x[a] - x[b], y[a] - y[b]);
    }

    /** How often each place was visited. */
    long[] visitCounts() {
        long[] counts = new long[places()];
        for (int[] sequence : visits) {
            for (int place : sequence) {
                counts[place]++;
            }
        }
        return counts;
    }

    /** For each place, the {@code k} other places nearest on the map, nearest first. */
    NeighborLists nearestPlaces(int k) {
        int n = places();
        int kept = Math.min(k, n - 1);
        int[] lists = new int[n * kept];
        Integer[] others = new Integer[n - 1];
        for (int a = 0; a < n; a++) {
            int m = 0;
            for (int b = 0; b < n; b++) {
                if (b != a) {
                    others[m++] = b;
                }
            }
            int anchor = a;
            Arrays.sort(others, (p, q) -> Double.compare(distance(anchor, p), distance(anchor, q)));
            for (int r = 0; r < kept; r++) {
                lists[a * kept + r] = others[r];
            }
        }
        return new NeighborLists() {
            @Override
            public int count(int item) {
                return item >= 0 && item < n ? kept : 0;
            }

            @Override
            public int neighbor(int item, int rank) {
                return lists[item * kept + rank];
            }
        };
    }
}
