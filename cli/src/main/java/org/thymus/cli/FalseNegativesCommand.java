package org.thymus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.thymus.core.io.AtomicOutput;
import org.thymus.retrieval.falseneg.FalseNegativeBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thymus bench false-negatives}: the false-negative benchmarks of issue 9 (docs/false-negatives.md). */
@Command(name = "false-negatives", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generates each setting's seeded world, trains every arm on it once per seed and prints the "
                + "tables (mean ± sd over the seeds): crossmodal (CMUdict spellings retrieve pronunciations with two "
                + "towers; in-batch negatives with or without the homophone class guard, or the debiased loss), "
                + "geo (places; random vs nearby hard negatives, with an exclusion "
                + "radius or the debiased loss) and domain (patients in hospitals; global vs within-hospital negatives, "
                + "with or without the positive-unlabeled correction). See docs/false-negatives.md."})
final class FalseNegativesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--setting", defaultValue = "all", paramLabel = "crossmodal|geo|domain|all",
            description = "Which setting (default: ${DEFAULT-VALUE}).")
    String setting;

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds per arm (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "The first seed (default: ${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(names = "--threads", defaultValue = "1",
            description = "Runs at a time; each run is single-threaded and reproducible (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--small", description = "A small world and short training: a smoke test, not the published tables.")
    boolean small;

    @Option(names = "--temperature", paramLabel = "T",
            description = "Train every arm at this temperature instead of the setting's own (crossmodal 0.1, geo 0.2, "
                    + "domain 0.5).")
    Float temperature;

    @Option(names = "--negatives", paramLabel = "K",
            description = "Negatives per example instead of the setting's own (geo and domain: 10).")
    Integer negatives;

    @Option(names = "--batch", paramLabel = "B",
            description = "crossmodal: pairs a batch instead of 256 (its in-batch negatives; false negatives grow with it).")
    Integer batch;

    @Option(names = "--cmudict", paramLabel = "DIR", defaultValue = "../shared/data/cmudict",
            description = "crossmodal: the CMUdict directory holding cmudict.tsv (default: ${DEFAULT-VALUE}).")
    Path cmudict;

    @Option(names = "--items", paramLabel = "pronunciations|entries", defaultValue = "pronunciations",
            description = "crossmodal: what an item is — a distinct pronunciation (homophones share one item) or a "
                    + "dictionary entry whose bag adds an item-id feature (homophones are distinct items; ids only for "
                    + "training entries) (default: ${DEFAULT-VALUE}).")
    String items;

    @Option(names = "--train-words", paramLabel = "N|all",
            description = "crossmodal: training words instead of 30,000; 'all' trains on every word not held out.")
    String trainWords;

    @Option(names = "--epochs", paramLabel = "E", description = "crossmodal: epochs instead of 5.")
    Integer epochs;

    @Option(names = "--stress", paramLabel = "both|kept|dropped", defaultValue = "both",
            description = "crossmodal: the arms of which stress mode to run (default: ${DEFAULT-VALUE}).")
    String stress;

    @Option(names = "--recipe", paramLabel = "RECIPE", defaultValue = "inbatch",
            description = "crossmodal: the two towers' negatives (a recipe as `thymus twotower train` reads), e.g. "
                    + "inbatch+ann:0.25:band=1-10 to add hard negatives mined from the item tower (default: ${DEFAULT-VALUE}).")
    String recipe;

    @Option(names = "--batching", paramLabel = "random|sorted|sorted:K", defaultValue = "random",
            description = "crossmodal: random batches, or batches of training pairs sorted by pronunciation so that "
                    + "homophones (and pronunciations that begin alike) share a batch; sorted:K makes a batch of K "
                    + "such runs from random places of the order (default: ${DEFAULT-VALUE}).")
    String batching;

    @Option(names = "--markdown-out", paramLabel = "FILE", description = "Write the tables as markdown.")
    Path markdownOut;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write every figure (per seed and spread) as JSON.")
    Path metricsOut;

    /** null (the setting's own), 0 for "all", else a whole number. */
    static Integer parseTrainWords(String text) {
        if (text == null) {
            return null;
        }
        if (text.equals("all")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new org.thymus.core.InvalidInputException("--train-words must be at least 1 or 'all', got " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new org.thymus.core.InvalidInputException("--train-words takes a whole number or 'all', got '" + text + "'");
        }
    }

    @Override
    public Integer call() throws IOException {
        FalseNegativeBench.Options options = new FalseNegativeBench.Options(FalseNegativeBench.Setting.parse(setting),
                seeds, firstSeed, threads, small, temperature, negatives, batch, cmudict, items, parseTrainWords(trainWords),
                epochs, stress, recipe, batching);
        if (metricsOut != null) {
            AnnCommand.requireWritable(metricsOut, "--metrics-out");
        }
        if (markdownOut != null) {
            AnnCommand.requireWritable(markdownOut, "--markdown-out");
        }
        PrintWriter out = spec.commandLine().getOut();
        FalseNegativeBench.Result result = FalseNegativeBench.run(options, line -> {
            out.println(line);
            out.flush();
        });
        out.println();
        out.print(result.markdown());
        out.printf(Locale.ROOT, "%.1f s%n", (Double) result.metrics().get("seconds"));
        if (markdownOut != null) {
            AtomicOutput.writeString(markdownOut, result.markdown());
        }
        if (metricsOut != null) {
            result.metrics().write(metricsOut);
        }
        return 0;
    }
}
