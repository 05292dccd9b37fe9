package org.thymus.retrieval.falseneg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.thymus.core.InvalidInputException;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.metrics.Metrics;
import org.thymus.retrieval.Batching;

/**
 * The false-negative benchmarks of issue 9: every setting's arms, each trained once per seed on
 * that seed's generated world, summarised as mean ± standard deviation over the seeds, as JSON
 * ({@link Metrics}) and as markdown tables. An untrained row (the arms' common random start) is
 * the floor every arm must rise above.
 *
 * <p>Settings: {@code crossmodal} (spelling vs pronunciation on CMUdict, homophones as in-batch
 * false negatives of the two towers: {@link CrossModalBenchmark}), {@code geo} (places, nearby
 * negatives, confounding neighbourhoods: {@link GeoBenchmark}) and {@code domain} (patients in
 * hospitals, stratified negatives, hidden conditions: {@link ClinicBenchmark}).
 */
public final class FalseNegativeBench {

    /** A benchmark setting, by its command-line name. */
    public enum Setting {
        CROSSMODAL("crossmodal"), GEO("geo"), DOMAIN("domain");

        private final String label;

        Setting(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** "crossmodal", "geo", "domain" or "all". */
        public static List<Setting> parse(String name) {
            if (name.equals("all")) {
                return List.of(values());
            }
            for (Setting s : values()) {
                if (s.label.equals(name)) {
                    return List.of(s);
                }
            }
            throw new InvalidInputException("unknown --setting '" + name + "' (crossmodal, geo, domain or all)");
        }
    }

    /**
     * What to run.
     *
     * @param seeds     runs per arm, seeds {@code firstSeed .. firstSeed + seeds - 1}
     * @param threads   runs at a time (each run is single-threaded, so reproducible)
     * @param small       a small world and short training, for a smoke test (not the published tables)
     * @param temperature null, or the temperature every arm trains with instead of the setting's own
     * @param negatives   null, or the negatives per example instead of the setting's own (geo, domain)
     * @param batch       null, or the batch size instead of the setting's own (crossmodal: the in-batch
     *                    negatives, so the false negatives a batch holds grow with it)
     * @param cmudict     the CMUdict directory (its {@code cmudict.tsv}), read by {@code crossmodal}
     * @param items       crossmodal: "pronunciations" (an item is a phoneme string, homophones share it;
     *                    the default) or "entries" (an item is a dictionary entry with an id feature)
     * @param trainWords  crossmodal: null (its own, 30,000), or the training words; 0 for every word not held out
     * @param epochs      crossmodal: null (its own, 5), or the epochs
     * @param stress      crossmodal: "both" (the default), "kept" or "dropped": which stress modes' arms run
     * @param recipe      crossmodal: null ("inbatch"), or the two towers' negatives recipe, e.g.
     *                    "inbatch+ann:0.25:band=1-10" (hard negatives mined from the item tower)
     * @param batching    crossmodal: null ("random"), or "sorted": batches grouped by pronunciation, so
     *                    homophones share them; "sorted:K": a batch of K such runs
     */
    public record Options(List<Setting> settings, int seeds, long firstSeed, int threads, boolean small,
                          Float temperature, Integer negatives, Integer batch, Path cmudict, String items,
                          Integer trainWords, Integer epochs, String stress, String recipe, String batching) {
        /** The settings' own temperature, number of negatives and batch size; the default CMUdict directory. */
        public Options(List<Setting> settings, int seeds, long firstSeed, int threads, boolean small) {
            this(settings, seeds, firstSeed, threads, small, null, null, null, DEFAULT_CMUDICT);
        }

        /** Crossmodal with its own items, training words, epochs, both stress modes and random batches. */
        public Options(List<Setting> settings, int seeds, long firstSeed, int threads, boolean small,
                       Float temperature, Integer negatives, Integer batch, Path cmudict) {
            this(settings, seeds, firstSeed, threads, small, temperature, negatives, batch, cmudict, null, null, null, null,
                    null, null);
        }

        public Options {
            settings = List.copyOf(settings);
            if (settings.isEmpty()) {
                throw new InvalidInputException("no setting to run");
            }
            if (seeds < 1) {
                throw new InvalidInputException("--seeds must be at least 1, got " + seeds);
            }
            if (threads < 1) {
                throw new InvalidInputException("--threads must be at least 1, got " + threads);
            }
            if (temperature != null && !(temperature > 0 && Float.isFinite(temperature))) {
                throw new InvalidInputException("--temperature must be a positive number, got " + temperature);
            }
            if (negatives != null && negatives < 1) {
                throw new InvalidInputException("--negatives must be at least 1, got " + negatives);
            }
            if (batch != null && batch < 2) {
                throw new InvalidInputException("--batch must be at least 2, got " + batch);
            }
            if (cmudict == null) {
                cmudict = DEFAULT_CMUDICT;
            }
            if (items == null) {
                items = "pronunciations";
            }
            CrossModalBenchmark.Items.parse(items);
            if (trainWords != null && trainWords < 0) {
                throw new InvalidInputException("--train-words must be at least 1 (or 0 / all: every word not held out), got "
                        + trainWords);
            }
            if (epochs != null && epochs < 1) {
                throw new InvalidInputException("--epochs must be at least 1, got " + epochs);
            }
            if (stress == null) {
                stress = "both";
            }
            if (!List.of("both", "kept", "dropped").contains(stress)) {
                throw new InvalidInputException("unknown --stress '" + stress + "' (both, kept or dropped)");
            }
            if (recipe == null) {
                recipe = "inbatch";
            }
            org.thymus.retrieval.NegativeSpec.parse(recipe);
            if (batching == null) {
                batching = "random";
            }
            Batching.sortedRuns(batching);
        }
    }

    /** Where the shared data lives beside a checkout of the repository. */
    public static final Path DEFAULT_CMUDICT = Path.of("..", "shared", "data", "cmudict");

    /** The figures (JSON) and the tables (markdown) of a run. */
    public record Result(Metrics metrics, String markdown) {
    }

    /** One column of a markdown table: the figure, its heading and its number format. */
    private record Column(String figure, String heading, String format) {
    }

    /**
     * A setting made runnable: its rows (untrained first), one run of a row on a seed, its table;
     * {@code paired}: (row, baseline row) couples whose per-seed differences on {@code pairedFigures}
     * get a table of their own (mean, min and max of row − baseline over the seeds).
     */
    private record Runner(String title, List<String> rows, BiFunction<String, Long, Map<String, Double>> run,
                          Record generator, Record training, List<Column> columns, List<String[]> paired,
                          List<Column> pairedFigures) {
        Runner(String title, List<String> rows, BiFunction<String, Long, Map<String, Double>> run, Record generator,
               Record training, List<Column> columns) {
            this(title, rows, run, generator, training, columns, List.of(), List.of());
        }
    }

    /** The row of the arms' common, untrained start. */
    private static final String UNTRAINED = "untrained";

    private FalseNegativeBench() {
    }

    /** Runs every (setting, row, seed), {@code threads} at a time; {@code log} hears of each finished run. */
    public static Result run(Options options, Consumer<String> log) {
        record Job(Setting setting, Runner runner, String row, long seed) {
        }
        Map<Setting, Runner> runners = new LinkedHashMap<>();
        List<Job> jobs = new ArrayList<>();
        for (Setting setting : options.settings()) {
            Runner runner = runner(setting, options);
            runners.put(setting, runner);
            for (long seed = options.firstSeed(); seed < options.firstSeed() + options.seeds(); seed++) {
                for (String row : runner.rows()) {
                    jobs.add(new Job(setting, runner, row, seed));
                }
            }
        }
        List<Map<String, Double>> results = new ArrayList<>(java.util.Collections.nCopies(jobs.size(), null));
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        Parallel.run(Math.min(options.threads(), jobs.size()), worker -> {
            for (int j = next.getAndIncrement(); j < jobs.size(); j = next.getAndIncrement()) {
                Job job = jobs.get(j);
                Map<String, Double> figures = job.runner().run().apply(job.row(), job.seed());
                synchronized (results) {
                    results.set(j, figures);
                    log.accept(String.format(Locale.ROOT, "%s %s seed %d: %s", job.setting().label(), job.row(),
                            job.seed(), summary(figures, job.runner().columns())));
                }
            }
        });
        Metrics metrics = new Metrics().put("command", "bench false-negatives");
        metrics.section("parameters").put("settings", options.settings().stream().map(Setting::label).toList())
                .put("seeds", options.seeds()).put("first_seed", options.firstSeed())
                .put("threads", options.threads()).put("small", options.small())
                .put("temperature", options.temperature()).put("negatives", options.negatives())
                .put("batch", options.batch()).put("items", options.items()).put("train_words", options.trainWords())
                .put("epochs", options.epochs()).put("stress", options.stress()).put("recipe", options.recipe())
                .put("batching", options.batching());
        StringBuilder markdown = new StringBuilder();
        for (Map.Entry<Setting, Runner> entry : runners.entrySet()) {
            Setting setting = entry.getKey();
            Runner runner = entry.getValue();
            Metrics section = metrics.section(setting.label());
            section.put("title", runner.title());
            section.put("generator", fields(runner.generator())).put("training", fields(runner.training()));
            Map<String, Map<String, SeedSpread>> table = new LinkedHashMap<>();
            Metrics rows = section.section("rows");
            for (String row : runner.rows()) {
                Map<String, double[]> perFigure = new LinkedHashMap<>();
                int s = 0;
                for (int j = 0; j < jobs.size(); j++) {
                    Job job = jobs.get(j);
                    if (job.setting() != setting || !job.row().equals(row)) {
                        continue;
                    }
                    for (Map.Entry<String, Double> f : results.get(j).entrySet()) {
                        perFigure.computeIfAbsent(f.getKey(), k -> new double[options.seeds()])[s] = f.getValue();
                    }
                    s++;
                }
                Map<String, SeedSpread> spreads = new LinkedHashMap<>();
                Metrics rowMetrics = rows.section(row);
                perFigure.forEach((figure, values) -> {
                    SeedSpread spread = SeedSpread.of(values);
                    spreads.put(figure, spread);
                    rowMetrics.put(figure, spread.toMetrics());
                });
                table.put(row, spreads);
            }
            markdown.append(table(runner, table, options.seeds())).append('\n');
            if (!runner.paired().isEmpty()) {
                Metrics pairedMetrics = section.section("paired_differences");
                markdown.append(pairedTable(runner, table, options.seeds(), pairedMetrics)).append('\n');
            }
        }
        metrics.put("seconds", (System.nanoTime() - start) / 1e9);
        return new Result(metrics, markdown.toString());
    }

    private static String summary(Map<String, Double> figures, List<Column> columns) {
        StringBuilder out = new StringBuilder();
        for (Column c : columns) {
            Double v = figures.get(c.figure());
            if (v != null && Double.isFinite(v)) {
                out.append(out.isEmpty() ? "" : ", ").append(c.figure()).append(' ')
                        .append(String.format(Locale.ROOT, c.format(), v));
            }
        }
        return out.toString();
    }

    private static String table(Runner runner, Map<String, Map<String, SeedSpread>> rows, int seeds) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(runner.title()).append(" (mean ± sd over ").append(seeds)
                .append(seeds == 1 ? " seed)" : " seeds)").append("\n\n| arm |");
        for (Column c : runner.columns()) {
            out.append(' ').append(c.heading()).append(" |");
        }
        out.append("\n|---|");
        out.append("---:|".repeat(runner.columns().size()));
        out.append('\n');
        rows.forEach((row, spreads) -> {
            out.append("| ").append(row).append(" |");
            for (Column c : runner.columns()) {
                SeedSpread spread = spreads.get(c.figure());
                out.append(' ').append(spread == null ? "–" : spread.format(c.format())).append(" |");
            }
            out.append('\n');
        });
        return out.toString();
    }

    /**
     * Per (row, baseline) couple and figure, the per-seed differences row − baseline (the same
     * seed: the same split and start), their mean and range, as a table and into {@code metrics}.
     */
    private static String pairedTable(Runner runner, Map<String, Map<String, SeedSpread>> rows, int seeds,
                                      Metrics metrics) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(runner.title()).append(": paired differences, arm − baseline on the same seed (mean [min, max] over ")
                .append(seeds).append(seeds == 1 ? " seed)" : " seeds)").append("\n\n| arm − baseline |");
        for (Column c : runner.pairedFigures()) {
            out.append(' ').append(c.heading()).append(" |");
        }
        out.append("\n|---|").append("---:|".repeat(runner.pairedFigures().size())).append('\n');
        for (String[] couple : runner.paired()) {
            Map<String, SeedSpread> row = rows.get(couple[0]);
            Map<String, SeedSpread> base = rows.get(couple[1]);
            if (row == null || base == null) {
                continue;
            }
            Metrics m = metrics.section(couple[0] + " − " + couple[1]);
            out.append("| ").append(couple[0]).append(" − ").append(couple[1]).append(" |");
            for (Column c : runner.pairedFigures()) {
                double[] a = row.get(c.figure()).values();
                double[] b = base.get(c.figure()).values();
                double[] d = new double[a.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = a[i] - b[i];
                }
                SeedSpread spread = SeedSpread.of(d);
                m.put(c.figure(), spread.toMetrics());
                out.append(' ').append(String.format(Locale.ROOT, c.format() + " [" + c.format() + ", " + c.format() + "]",
                        spread.mean(), spread.min(), spread.max())).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A record's components as an ordered map, for the JSON. */
    private static Map<String, Object> fields(Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                out.put(c.getName(), c.getAccessor().invoke(r));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static Runner runner(Setting setting, Options options) {
        return switch (setting) {
            case CROSSMODAL -> crossmodal(options);
            case GEO -> geo(options);
            case DOMAIN -> domain(options);
        };
    }

    /** What the crossmodal table says about its data (the generator record of the JSON). */
    private record CmuData(String file, int words, int pronunciationsStressKept, int homophoneGroupsStressKept,
                           int wordsInHomophoneGroups, int homophoneGroupsStressDropped) {
    }

    private static Runner crossmodal(Options options) {
        Path tsv = options.cmudict().resolve("cmudict.tsv");
        if (!Files.isReadable(tsv)) {
            throw new InvalidInputException("crossmodal reads " + tsv + ": not found (give the CMUdict directory with --cmudict)");
        }
        PronunciationDictionary stressed;
        try {
            stressed = PronunciationDictionary.read(tsv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PronunciationDictionary plain = stressed.withoutStress();
        boolean[] inGroup = stressed.inHomophoneGroup();
        int grouped = 0;
        for (boolean g : inGroup) {
            grouped += g ? 1 : 0;
        }
        CmuData data = new CmuData(tsv.toString(), stressed.size(), stressed.wordsPerPronunciation().size(),
                stressed.homophoneGroups(), grouped, plain.homophoneGroups());
        Integer trainWords = options.trainWords() != null && options.trainWords() == 0
                ? Integer.valueOf(CrossModalBenchmark.Settings.ALL_WORDS) : options.trainWords();
        CrossModalBenchmark.Settings training = (options.small() ? CrossModalBenchmark.Settings.small()
                : CrossModalBenchmark.Settings.defaults()).with(options.temperature(), options.batch(), trainWords,
                options.epochs(), options.items(), options.recipe(), options.batching());
        CrossModalBenchmark.Arm[] arms = Arrays.stream(CrossModalBenchmark.Arm.values())
                .filter(a -> options.stress().equals("both") || a.stress == options.stress().equals("kept"))
                .toArray(CrossModalBenchmark.Arm[]::new);
        List<String[]> paired = new ArrayList<>();
        for (CrossModalBenchmark.Arm a : arms) {
            if (a.guard || a.debiased) {
                CrossModalBenchmark.Arm base = a.stress ? CrossModalBenchmark.Arm.INBATCH : CrossModalBenchmark.Arm.INBATCH_NO_STRESS;
                paired.add(new String[] {a.label, base.label});
            }
        }
        String title = "Cross-modal: spelling → pronunciation, homophones as in-batch false negatives"
                + (training.itemKind() == CrossModalBenchmark.Items.ENTRIES ? " (items: dictionary entries with an id feature)" : "")
                + (training.negatives().equals("inbatch") ? "" : " (negatives: " + training.negatives() + ")")
                + batchingTitle(Batching.sortedRuns(training.batching()));
        List<Column> accuracy = List.of(
                new Column("top1", "top-1", "%.3f"),
                new Column("top10", "top-10", "%.3f"),
                new Column("homophone_top1", "top-1, homophone-group words", "%.3f"),
                new Column("homophone_top10", "top-10, homophone-group words", "%.3f"));
        List<Column> columns = new ArrayList<>(accuracy);
        columns.addAll(List.of(
                new Column("class_mates_met_per_batch", "false negatives met / batch", "%.2f"),
                new Column("false_negatives_in_softmax_per_batch", "left in the softmax / batch", "%.2f"),
                new Column("tau_plus", "τ+", "%.1e"),
                new Column("train_seconds", "train s", "%.0f")));
        // The paired table: the accuracy columns again, as signed differences.
        List<Column> differences = accuracy.stream().map(c -> new Column(c.figure(), c.heading(), "%+.4f")).toList();
        return new Runner(title, rows(arms, a -> a.label), (row, seed) -> {
                    if (row.equals(UNTRAINED)) {
                        return CrossModalBenchmark.untrained(stressed, inGroup, training, seed);
                    }
                    CrossModalBenchmark.Arm arm = arm(arms, a -> a.label, row);
                    return CrossModalBenchmark.run(arm.stress ? stressed : plain, inGroup, arm, training, seed);
                }, data, training, columns, paired, differences);
    }

    /** The title's note on the batches: none for random ones. */
    private static String batchingTitle(int sortedRuns) {
        return switch (sortedRuns) {
            case 0 -> "";
            case 1 -> " (batches sorted by pronunciation)";
            default -> " (batches of " + sortedRuns + " runs sorted by pronunciation)";
        };
    }

    private static Runner geo(Options options) {
        GeoWorld.Settings world = options.small() ? GeoWorld.Settings.small() : GeoWorld.Settings.defaults();
        GeoBenchmark.Settings training = (options.small() ? GeoBenchmark.Settings.small() : GeoBenchmark.Settings.defaults())
                .with(options.temperature(), options.negatives());
        GeoBenchmark.Arm[] arms = GeoBenchmark.Arm.values();
        return new Runner("Geography: nearby places as hard negatives", rows(arms, a -> a.label), (row, seed) -> {
            GeoWorld w = GeoWorld.generate(world, seed);
            return row.equals(UNTRAINED) ? GeoBenchmark.untrained(w, training, seed)
                    : GeoBenchmark.run(w, arm(arms, a -> a.label, row), training, seed);
        }, world, training, List.of(
                new Column("category_ndcg10", "same-category NDCG@10", "%.3f"),
                new Column("category_ndcg10_cross_neighbourhood", "NDCG@10, other neighbourhoods", "%.3f"),
                new Column("category_accuracy", "category acc. (LR)", "%.3f"),
                new Column("neighbourhood_accuracy", "neighbourhood acc. (leak)", "%.3f"),
                new Column("distance_rho_same_category", "ρ(cos, dist) same cat.", "%.2f"),
                new Column("distance_rho_other_category", "ρ(cos, dist) other cat.", "%.2f"),
                new Column("false_negative_rate", "negatives of the anchor's category", "%.3f"),
                new Column("tau_plus", "τ+", "%.3f"),
                new Column("silenced_share", "examples with negatives silenced", "%.3f")));
    }

    private static Runner domain(Options options) {
        ClinicWorld.Settings world = options.small() ? ClinicWorld.Settings.small() : ClinicWorld.Settings.defaults();
        ClinicBenchmark.Settings training = (options.small() ? ClinicBenchmark.Settings.small()
                : ClinicBenchmark.Settings.defaults()).with(options.temperature(), options.negatives());
        ClinicBenchmark.Arm[] arms = ClinicBenchmark.Arm.values();
        String hospitalHeading = String.format(Locale.ROOT, "hospital acc. (shortcut; chance %.2f)", 1.0 / world.hospitals());
        return new Runner("Medicine: hospitals as domains, hidden shared conditions", rows(arms, a -> a.label),
                (row, seed) -> {
                    ClinicWorld w = ClinicWorld.generate(world, seed);
                    return row.equals(UNTRAINED) ? ClinicBenchmark.untrained(w, training, seed)
                            : ClinicBenchmark.run(w, arm(arms, a -> a.label, row), training, seed);
                }, world, training, List.of(
                new Column("cross_hospital_precision10", "cross-hospital P@10", "%.3f"),
                new Column("cross_hospital_ndcg10", "cross-hospital NDCG@10", "%.3f"),
                new Column("condition_accuracy", "condition acc. (LR)", "%.3f"),
                new Column("hospital_accuracy", hospitalHeading, "%.3f"),
                new Column("false_negative_rate_condition", "negatives sharing the condition", "%.3f"),
                new Column("false_negative_rate_comorbidity", "negatives sharing a hidden comorbidity", "%.3f"),
                new Column("tau_plus", "τ+", "%.3f"),
                new Column("silenced_share", "examples with negatives silenced", "%.3f")));
    }

    /** "untrained", then the arms' labels. */
    private static <A> List<String> rows(A[] arms, Function<A, String> label) {
        List<String> rows = new ArrayList<>(List.of(UNTRAINED));
        Arrays.stream(arms).map(label).forEach(rows::add);
        return rows;
    }

    private static <A> A arm(A[] arms, Function<A, String> label, String row) {
        return Arrays.stream(arms).filter(a -> label.apply(a).equals(row)).findFirst().orElseThrow();
    }
}
