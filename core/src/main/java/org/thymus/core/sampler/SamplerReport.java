package org.thymus.core.sampler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.thymus.core.metrics.Metrics;

/**
 * What a run's negative sampler did, epoch by epoch: draws and draws per second, how hard the
 * drawn negatives were, how often each mixed-in component served, what each guard rejected (for
 * an equivalence-class guard, the false-negative rate the run would have had without it) and the
 * age of the semantic lists. Workers add their counts once per chunk; the counters of the
 * samplers themselves are cumulative, so the report snapshots them when an epoch's first chunk
 * is seen. With several threads an epoch's edges blur by the chunks in flight, one per thread.
 *
 * <p>Hardness is the percentile of a negative's score among the scores of a reference set drawn
 * from the base distribution for the same anchor: 0.5 for negatives drawn from the base itself,
 * towards 1 for negatives the model already scores as likely positives.
 */
public final class SamplerReport {
    private final String spec;
    private final MixtureSampler mixture;
    private final List<String> componentNames;
    private final GuardedSampler guarded;
    private final SemanticNeighbors semantic;
    private final Epoch[] epochs;
    private final AtomicInteger lastSeen = new AtomicInteger(-1);
    private final long startNanos = System.nanoTime();
    private volatile long[] finalCounters;
    private volatile long endNanos;

    private static final class Epoch {
        final LongAdder draws = new LongAdder();
        final DoubleAdder hardness = new DoubleAdder();
        final LongAdder probes = new LongAdder();
        volatile long startNanos;
        volatile long[] startCounters;
    }

    /**
     * @param spec           the recipe, for the report
     * @param mixture        the mixture of components, or null for a base-only sampler
     * @param componentNames the names of the mixture's components, in order
     * @param guarded        the guard wrapper, or null without guards
     * @param semantic       the semantic lists, or null without semantic negatives
     */
    public SamplerReport(String spec, int epochs, MixtureSampler mixture, List<String> componentNames,
                         GuardedSampler guarded, SemanticNeighbors semantic) {
        this.spec = spec;
        this.mixture = mixture;
        this.componentNames = List.copyOf(componentNames);
        this.guarded = guarded;
        this.semantic = semantic;
        this.epochs = new Epoch[epochs];
        for (int e = 0; e < epochs; e++) {
            this.epochs[e] = new Epoch();
        }
    }

    /** A worker starts a chunk of {@code epoch}: the first to do so marks the epoch's start. */
    public void epochSeen(int epoch) {
        int last = lastSeen.get();
        while (epoch > last) {
            if (lastSeen.compareAndSet(last, epoch)) {
                for (int e = last + 1; e <= epoch; e++) {
                    epochs[e].startCounters = counters();
                    epochs[e].startNanos = System.nanoTime();
                }
                return;
            }
            last = lastSeen.get();
        }
    }

    /** Adds a worker's counts for one chunk of {@code epoch}. */
    public void record(int epoch, long draws, double hardnessSum, long probes) {
        Epoch e = epochs[epoch];
        e.draws.add(draws);
        if (probes > 0) {
            e.hardness.add(hardnessSum);
            e.probes.add(probes);
        }
    }

    /** Training has ended: closes the last epoch. */
    public void finish() {
        finalCounters = counters();
        endNanos = System.nanoTime();
    }

    /**
     * The percentile of {@code score} among {@code references[0..n)}: the fraction below it, ties
     * counting half.
     */
    public static double percentile(float score, float[] references, int n) {
        double below = 0;
        for (int i = 0; i < n; i++) {
            if (references[i] < score) {
                below += 1;
            } else if (references[i] == score) {
                below += 0.5;
            }
        }
        return below / n;
    }

    /** Mixture components served/fell back, then guards' rejections, candidates and exhausted draws. */
    private long[] counters() {
        int components = mixture == null ? 0 : mixture.componentCount();
        int guards = guarded == null ? 0 : guarded.guards().size();
        long[] c = new long[2 * components + guards + 2];
        for (int i = 0; i < components; i++) {
            c[2 * i] = mixture.served(i);
            c[2 * i + 1] = mixture.fellBack(i);
        }
        for (int g = 0; g < guards; g++) {
            c[2 * components + g] = guarded.rejected(g);
        }
        if (guarded != null) {
            c[c.length - 2] = guarded.candidates();
            c[c.length - 1] = guarded.exhausted();
        }
        return c;
    }

    public Metrics toMetrics() {
        Metrics report = new Metrics().put("spec", spec);
        List<Metrics> perEpoch = new ArrayList<>();
        for (int e = 0; e < epochs.length; e++) {
            Epoch epoch = epochs[e];
            if (epoch.startCounters == null) {
                break;
            }
            boolean last = e + 1 == epochs.length || epochs[e + 1].startCounters == null;
            long[] end = last ? finalCounters : epochs[e + 1].startCounters;
            long endTime = last ? endNanos : epochs[e + 1].startNanos;
            if (end == null) {
                break; // still running
            }
            perEpoch.add(epochMetrics(e, epoch, end, (endTime - epoch.startNanos) / 1e9));
        }
        report.put("epochs", perEpoch);
        if (semantic != null) {
            List<Metrics> refreshes = new ArrayList<>();
            for (SemanticNeighbors.Refresh r : semantic.refreshes()) {
                refreshes.add(new Metrics()
                        .put("snapshot_step", r.snapshotStep())
                        .put("published_step", r.publishedStep())
                        .put("seconds", r.seconds())
                        .put("search_seconds", r.searchSeconds())
                        .put("overlap_with_exact", r.overlap())
                        .put("band_tv_to_exact", r.bandTv())
                        .put("stale_steps", r.staleSteps())
                        .put("stale_overlap_with_exact", r.staleOverlap())
                        .put("stale_band_tv_to_exact", r.staleBandTv()));
            }
            report.section("semantic")
                    .put("search", semantic.search().name().toLowerCase(java.util.Locale.ROOT))
                    .put("pool", semantic.poolSize())
                    .put("depth", semantic.depth())
                    .put("refresh_every", semantic.refreshEvery())
                    .put("refreshes", refreshes.size())
                    .put("refresh_seconds", semantic.refreshSeconds())
                    .put("refresh_log", refreshes);
        }
        report.put("total_seconds", ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9);
        return report;
    }

    private Metrics epochMetrics(int e, Epoch epoch, long[] end, double seconds) {
        long[] start = epoch.startCounters;
        long draws = epoch.draws.sum();
        long probes = epoch.probes.sum();
        Metrics m = new Metrics()
                .put("epoch", e + 1)
                .put("seconds", seconds)
                .put("draws", draws)
                .put("draws_per_second", seconds > 0 ? draws / seconds : Double.NaN)
                .put("mean_hardness", probes > 0 ? epoch.hardness.sum() / probes : Double.NaN)
                .put("hardness_probes", probes);
        int components = mixture == null ? 0 : mixture.componentCount();
        Metrics served = m.section("components");
        for (int i = 0; i < components; i++) {
            long s = end[2 * i] - start[2 * i];
            long fell = end[2 * i + 1] - start[2 * i + 1];
            served.section(componentNames.get(i))
                    .put("served", s)
                    .put("fell_back", fell)
                    .put("fraction_of_draws", draws > 0 ? s / (double) draws : Double.NaN);
        }
        if (guarded != null) {
            long candidates = end[end.length - 2] - start[start.length - 2];
            Metrics guards = m.section("guards");
            guards.put("candidates", candidates)
                    .put("exhausted", end[end.length - 1] - start[start.length - 1]);
            for (int g = 0; g < guarded.guards().size(); g++) {
                long rejected = end[2 * components + g] - start[2 * components + g];
                double rate = candidates > 0 ? rejected / (double) candidates : Double.NaN;
                Metrics guard = guards.section(guarded.guards().get(g).name())
                        .put("rejected", rejected)
                        .put("fraction_rejected", rate);
                if (guarded.guards().get(g) instanceof EquivalenceClassGuard) {
                    // Every rejected candidate shared the positive's class: without the guard it
                    // would have been trained as a negative.
                    guard.put("false_negative_rate_without_guard", rate);
                }
            }
        }
        return m;
    }
}
