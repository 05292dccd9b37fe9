package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.random.FastRandom;

class GuardedSamplerTest {
    private static final int ITEMS = 300;
    private static final int DRAWS = 200_000;
    private static final int ANCHOR = 3;
    private static final int POSITIVE = 7;

    @TempDir
    Path dir;

    private static final long[] COUNTS = UnigramSamplerTest.zipfCounts(ITEMS);
    private static final UnigramSampler BASE = new UnigramSampler(COUNTS, 0.75);
    private static final double[] BASE_WEIGHTS = UnigramSamplerTest.powered(COUNTS, 0.75);

    /** The base weights with every candidate some guard rejects for (ANCHOR, POSITIVE) set to zero. */
    private static double[] allowedWeights(List<NegativeGuard> guards) {
        double[] w = BASE_WEIGHTS.clone();
        for (int c = 0; c < ITEMS; c++) {
            for (NegativeGuard g : guards) {
                if (g.rejects(ANCHOR, POSITIVE, c)) {
                    w[c] = 0;
                }
            }
        }
        return w;
    }

    /**
     * Draws through a GuardedSampler and checks: no draw is guarded, the draws fit the base
     * distribution renormalised over the allowed candidates, and every counter equals a count made
     * independently by replaying the same random stream through the base sampler.
     */
    private static void checkGuards(List<NegativeGuard> guards, int maxTries, long seed) {
        GuardedSampler sampler = new GuardedSampler(BASE, guards, maxTries);
        FastRandom rng = new FastRandom(seed);
        long[] counts = new long[ITEMS];
        long none = 0;
        for (int i = 0; i < DRAWS; i++) {
            int c = sampler.sample(ANCHOR, POSITIVE, rng);
            if (c == GuardedSampler.NONE) {
                none++;
                continue;
            }
            for (NegativeGuard g : guards) {
                assertTrue(!g.rejects(ANCHOR, POSITIVE, c), g.name() + " candidate " + c + " was returned");
            }
            counts[c]++;
        }
        Statistics.assertFits(counts, allowedWeights(guards), "guarded by " + guards);

        // Independent replay: the same stream through the base sampler, each guard counted on its own.
        FastRandom replay = new FastRandom(seed);
        long candidates = 0;
        long exhausted = 0;
        long[] rejected = new long[guards.size()];
        for (int i = 0; i < DRAWS; i++) {
            boolean found = false;
            for (int t = 0; t < maxTries && !found; t++) {
                int c = BASE.sample(replay);
                candidates++;
                found = true;
                for (int g = 0; g < guards.size(); g++) {
                    if (guards.get(g).rejects(ANCHOR, POSITIVE, c)) {
                        rejected[g]++;
                        found = false;
                    }
                }
            }
            if (!found) {
                exhausted++;
            }
        }
        assertEquals(candidates, sampler.candidates());
        assertEquals(exhausted, sampler.exhausted());
        assertEquals(none, exhausted);
        for (int g = 0; g < guards.size(); g++) {
            assertEquals(rejected[g], sampler.rejected(g), guards.get(g).name());
        }
    }

    private static PairSet knownPairs() {
        PairSet known = new PairSet(0);
        // The three most frequent items and every fifth one are known partners of the anchor, plus
        // pairs of other anchors that must not matter.
        for (int c : new int[] {0, 1, 2}) {
            known.add(ANCHOR, c);
        }
        for (int c = 5; c < ITEMS; c += 5) {
            known.add(ANCHOR, c);
            known.add(ANCHOR + 1, c + 1);
        }
        known.add(4, 3);
        return known;
    }

    private EquivalenceClasses classes() throws IOException {
        Path file = dir.resolve("classes.txt");
        // POSITIVE (7) is linked to 11 and 0 directly, and to 42 and 150 through 11.
        Files.writeString(file, "# synonyms\n7 11 0\n11 42\n150 42\n8 9\nunknown 12\n", StandardCharsets.UTF_8);
        return EquivalenceClasses.read(file, w -> w.equals("unknown") ? -1 : Integer.parseInt(w), ITEMS);
    }

    @Test
    void knownPairsGuardNeverReturnsAKnownPartner() {
        checkGuards(List.of(new KnownPairsGuard(knownPairs())), 50, 1);
    }

    @Test
    void classGuardNeverReturnsAMemberOfThePositivesClass() throws IOException {
        EquivalenceClassGuard guard = new EquivalenceClassGuard(classes());
        for (int c : new int[] {7, 11, 0, 42, 150}) {
            assertTrue(guard.rejects(ANCHOR, POSITIVE, c), "class member " + c);
        }
        for (int c : new int[] {8, 9, 12, 1, 3}) {
            assertTrue(!guard.rejects(ANCHOR, POSITIVE, c), "not in the class " + c);
        }
        assertTrue(!guard.rejects(ANCHOR, 3, 3), "a positive in no class is no class-mate of itself");
        checkGuards(List.of(guard), 50, 2);
    }

    @Test
    void exclusionGuardNeverReturnsAnExcludedCandidate() {
        ExclusionGuard radius = new ExclusionGuard("radius", (a, p, c) -> Math.abs(c - a) <= 10);
        assertEquals("radius", radius.name());
        checkGuards(List.of(radius), 50, 3);
    }

    @Test
    void overlappingGuardsAreEachCountedOnEveryCandidate() throws IOException {
        List<NegativeGuard> guards = List.of(
                new KnownPairsGuard(knownPairs()),
                new EquivalenceClassGuard(classes()),
                new ExclusionGuard("radius", (a, p, c) -> Math.abs(c - a) <= 10));
        checkGuards(guards, 50, 4);
    }

    @Test
    void fewTriesLeaveSomeDrawsWithoutANegative() {
        // Candidates 0..39 carry about half of the base mass: with 2 tries, about a quarter of the
        // draws are exhausted, and the returned ones still fit the renormalised distribution.
        checkGuards(List.of(new ExclusionGuard("head", (a, p, c) -> c < 40)), 2, 5);
    }

    @Test
    void everythingGuardedGivesNone() {
        GuardedSampler sampler = new GuardedSampler(BASE,
                List.of(new ExclusionGuard("all", (a, p, c) -> true), new ExclusionGuard("odd", (a, p, c) -> c % 2 == 1)),
                7);
        FastRandom rng = new FastRandom(6);
        int[] out = new int[5];
        for (int i = 0; i < 1000; i++) {
            sampler.sample(ANCHOR, POSITIVE, rng, out, out.length);
            for (int c : out) {
                assertEquals(GuardedSampler.NONE, c);
            }
        }
        assertEquals(5000, sampler.exhausted());
        assertEquals(5000 * 7, sampler.candidates());
        assertEquals(5000 * 7, sampler.rejected(0));
        long odd = sampler.rejected(1);
        assertTrue(odd > 0 && odd < 5000 * 7, "odd rejections counted although 'all' rejected too: " + odd);
    }

    @Test
    void noneFromTheInnerSamplerIsPassedOn() {
        GuardedSampler sampler = new GuardedSampler((a, p, rng) -> NegativeSampler.NONE,
                List.of(new ExclusionGuard("x", (a, p, c) -> false)), 5);
        assertEquals(GuardedSampler.NONE, sampler.sample(1, 2, new FastRandom(1)));
        assertEquals(0, sampler.candidates());
        assertEquals(1, sampler.exhausted());
        assertEquals(0, sampler.rejected(0));
    }

    @Test
    void countersAddUpAcrossThreads() throws InterruptedException {
        ExclusionGuard head = new ExclusionGuard("head", (a, p, c) -> c < 20);
        GuardedSampler sampler = new GuardedSampler(BASE, List.of(head), 3);
        int threads = 4;
        int draws = 50_000;
        long[] expectedCandidates = new long[threads];
        long[] expectedRejected = new long[threads];
        long[] expectedExhausted = new long[threads];
        for (int t = 0; t < threads; t++) {
            FastRandom replay = FastRandom.forWorker(9, t);
            for (int i = 0; i < draws; i++) {
                int tries = 0;
                boolean found = false;
                while (tries < 3 && !found) {
                    tries++;
                    found = BASE.sample(replay) >= 20;
                    if (!found) {
                        expectedRejected[t]++;
                    }
                }
                expectedCandidates[t] += tries;
                expectedExhausted[t] += found ? 0 : 1;
            }
        }
        List<Thread> workers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            FastRandom rng = FastRandom.forWorker(9, t);
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < draws; i++) {
                    int c = sampler.sample(ANCHOR, POSITIVE, rng);
                    if (c != GuardedSampler.NONE && c < 20) {
                        failure.compareAndSet(null, new AssertionError("guarded candidate " + c));
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(Arrays.stream(expectedCandidates).sum(), sampler.candidates());
        assertEquals(Arrays.stream(expectedRejected).sum(), sampler.rejected(0));
        assertEquals(Arrays.stream(expectedExhausted).sum(), sampler.exhausted());
    }

    @Test
    void guardsAreKeptInOrderAndArgumentsChecked() {
        NegativeGuard a = new ExclusionGuard("a", (x, y, z) -> false);
        NegativeGuard b = new KnownPairsGuard(new PairSet(1));
        GuardedSampler sampler = new GuardedSampler(BASE, List.of(a, b), 1);
        assertSame(a, sampler.guards().get(0));
        assertSame(b, sampler.guards().get(1));
        assertEquals("known-pairs", b.name());
        assertNotEquals(GuardedSampler.NONE, sampler.sample(0, 1, new FastRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new GuardedSampler(BASE, List.of(a), 0));
        assertThrows(NullPointerException.class, () -> new GuardedSampler(null, List.of(a), 1));
        assertThrows(IllegalArgumentException.class, () -> new ExclusionGuard(" ", (x, y, z) -> false));
    }
}
