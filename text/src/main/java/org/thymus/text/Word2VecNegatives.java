package org.thymus.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.thymus.core.InvalidInputException;
import org.thymus.core.sampler.BandSampler;
import org.thymus.core.sampler.EquivalenceClassGuard;
import org.thymus.core.sampler.EquivalenceClasses;
import org.thymus.core.sampler.GuardedSampler;
import org.thymus.core.sampler.LexicalNeighbors;
import org.thymus.core.sampler.MixtureSampler;
import org.thymus.core.sampler.NegativeGuard;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.sampler.SamplerReport;
import org.thymus.core.sampler.SamplerSpec;
import org.thymus.core.sampler.SemanticNeighbors;
import org.thymus.core.sampler.UniformSampler;
import org.thymus.core.sampler.UnigramSampler;
import org.thymus.core.skipgram.SkipGramWorker;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.train.TrainingProgress;

/**
 * The negative sampler of a word2vec run, built from a {@link SamplerSpec} ({@code --negatives}):
 * <ul>
 *   <li>base {@code unigram} (count^ns-exponent, word2vec's) or {@code uniform};</li>
 *   <li>{@code lexical:F[:d=1][:max=50][:min=4]}: words within Levenshtein distance d of the
 *       positive (cat: cot, cut, cats), up to max of them, for words of at least min characters;</li>
 *   <li>{@code semantic:F[:band=3-50][:pool=10000][:every=N][:refresh=background|inline][:space=in|out]
 *       [:search=exact|hnsw][:m=16][:efc=100][:ef=E][:probes=P]}: the positive's cosine neighbours at ranks [lo, hi) in the
 *       current word vectors (space=in) or output vectors (space=out, whose neighbours score
 *       like the positive against the same context),
 *       for the pool most frequent words, recomputed in the background (or, inline, by the worker
 *       that reaches the deadline) every N words of training (default: a tenth of the run) by exact search or through an HNSW index built on a
 *       snapshot; with probes, P pool words' lists are checked against exact search at each
 *       refresh (the bias of the approximation and of the staleness);</li>
 * </ul>
 * and, with {@code --exclude-classes}, a guard that never lets a word of the positive's class
 * (synonyms, homophones, inflections: one class per line of the file) be its negative.
 */
public final class Word2VecNegatives implements AutoCloseable {
    static final Set<String> BASES = Set.of("unigram", "uniform");
    static final Map<String, Set<String>> COMPONENTS = Map.of(
            "lexical", Set.of("d", "max", "min"),
            "semantic", Set.of("band", "pool", "every", "search", "m", "efc", "ef", "probes", "space", "refresh"));
    /** Redraws before a guarded draw gives up on a pair (the negative is then skipped). */
    static final int GUARD_TRIES = 16;

    private final NegativeSampler sampler;
    private final NegativeSampler base;
    private final SemanticNeighbors semantic;
    private final SamplerReport report;
    private final long buildNanos;

    /** What the recipe asks for, with the class file of the guard (null for none). */
    public record Recipe(SamplerSpec spec, Path classes) {
        public static Recipe unigram() {
            return new Recipe(SamplerSpec.parse("unigram"), null);
        }

        public Recipe {
            spec.requireKnown(BASES, COMPONENTS);
        }
    }

    Word2VecNegatives(Recipe recipe, Vocabulary vocabulary, Word2VecConfig config, EmbeddingTable input,
                      EmbeddingTable output, TrainingProgress progress, boolean withReport) {
        long start = System.nanoTime();
        SamplerSpec spec = recipe.spec();
        base = spec.base().equals("uniform") ? new UniformSampler(vocabulary.size())
                : new UnigramSampler(vocabulary.counts(), config.nsExponent());
        SemanticNeighbors semanticLists = null;
        List<NegativeSampler> components = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[] fractions = new double[spec.components().size()];
        for (int i = 0; i < fractions.length; i++) {
            SamplerSpec.Component c = spec.components().get(i);
            fractions[i] = c.fraction();
            names.add(c.name());
            switch (c.name()) {
                case "lexical" -> components.add(lexical(c, vocabulary, config.threads()));
                case "semantic" -> {
                    if (semanticLists != null) {
                        throw new InvalidInputException("--negatives '" + spec.text() + "': semantic given twice");
                    }
                    semanticLists = semantic(c, vocabulary, input, output, progress, config.seed());
                    components.add(new BandSampler(semanticLists, c.bandOption("band", 3, 50)[0], semanticLists.depth()));
                }
                default -> throw new IllegalStateException("unchecked sampler name " + c.name());
            }
        }
        MixtureSampler mixture = components.isEmpty() ? null : new MixtureSampler(base, components, fractions);
        NegativeSampler drawn = mixture == null ? base : mixture;
        GuardedSampler guarded = null;
        if (recipe.classes() != null) {
            EquivalenceClasses classes = readClasses(recipe.classes(), vocabulary);
            guarded = new GuardedSampler(drawn, List.<NegativeGuard>of(new EquivalenceClassGuard(classes)), GUARD_TRIES);
            drawn = guarded;
        }
        this.sampler = drawn;
        this.semantic = semanticLists;
        this.report = withReport
                ? new SamplerReport(spec.text(), config.epochs(), mixture, names, guarded, semanticLists) : null;
        this.buildNanos = System.nanoTime() - start;
    }

    private static SemanticNeighbors semantic(SamplerSpec.Component c, Vocabulary vocabulary, EmbeddingTable input,
                                              EmbeddingTable output, TrainingProgress progress, long seed) {
        int[] band = c.bandOption("band", 3, 50);
        int pool = Math.min(c.intOption("pool", 10_000), vocabulary.size());
        if (band[1] >= pool) {
            throw bad(c, "semantic band end " + band[1] + " must be below the pool size " + pool);
        }
        long every = c.longOption("every", Math.max(1, progress.totalUnits() / 10));
        if (every < 1) {
            throw bad(c, "semantic every must be >= 1");
        }
        SemanticNeighbors.Search search = switch (c.option("search", "exact")) {
            case "exact" -> SemanticNeighbors.Search.EXACT;
            case "hnsw" -> SemanticNeighbors.Search.HNSW;
            default -> throw bad(c, "semantic search must be exact or hnsw, got " + c.option("search", ""));
        };
        SemanticNeighbors.HnswSettings defaults = SemanticNeighbors.HnswSettings.defaults(band[1]);
        SemanticNeighbors.HnswSettings hnsw = new SemanticNeighbors.HnswSettings(c.intOption("m", defaults.m()),
                c.intOption("efc", defaults.efConstruction()), c.intOption("ef", defaults.ef()));
        if (hnsw.m() < 2 || hnsw.efConstruction() < 1 || hnsw.ef() < 1) {
            throw bad(c, "semantic m must be >= 2, efc and ef >= 1");
        }
        EmbeddingTable space = switch (c.option("space", "in")) {
            case "in" -> input;
            case "out" -> output;
            default -> throw bad(c, "semantic space must be in (word vectors) or out (output vectors), got "
                    + c.option("space", ""));
        };
        boolean inline = switch (c.option("refresh", "background")) {
            case "background" -> false;
            case "inline" -> true;
            default -> throw bad(c, "semantic refresh must be background or inline, got " + c.option("refresh", ""));
        };
        int probes = c.intOption("probes", 0);
        if (probes < 0) {
            throw bad(c, "semantic probes must be >= 0");
        }
        return new SemanticNeighbors(space, SemanticNeighbors.firstIds(pool), band[1], band[0], every, inline, search, hnsw,
                1, probes, seed, progress::unitsDone);
    }

    private static InvalidInputException bad(SamplerSpec.Component c, String why) {
        return new InvalidInputException("--negatives '" + c.spec() + "': " + why);
    }

    private static NegativeSampler lexical(SamplerSpec.Component c, Vocabulary vocabulary, int threads) {
        int distance = c.intOption("d", 1);
        int max = c.intOption("max", 50);
        int minLength = c.intOption("min", 4);
        if (distance < 1 || distance > LexicalNeighbors.MAX_DISTANCE) {
            throw bad(c, "lexical d must be 1, 2 or 3, got " + distance);
        }
        if (max < 1) {
            throw bad(c, "lexical max must be >= 1, got " + max);
        }
        return new BandSampler(LexicalNeighbors.build(Arrays.asList(vocabulary.words()), distance, max, minLength,
                threads), 0, max);
    }

    private static EquivalenceClasses readClasses(Path file, Vocabulary vocabulary) {
        try {
            EquivalenceClasses classes = EquivalenceClasses.read(file, vocabulary::id, vocabulary.size());
            if (classes.classCount() == 0) {
                throw new InvalidInputException("--exclude-classes " + file
                        + ": no class has two words of the vocabulary, so the guard would do nothing");
            }
            return classes;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the training workers draw from, refresh and report to. */
    SkipGramWorker.Negatives forWorkers() {
        return new SkipGramWorker.Negatives(sampler, base, semantic, report);
    }

    /** Training has ended: waits for a refresh in flight and stops the refresh thread. */
    @Override
    public void close() {
        if (semantic != null) {
            semantic.close();
        }
        if (report != null) {
            report.finish();
        }
    }

    /** The report to fill, or null when none was asked for. */
    SamplerReport report() {
        return report;
    }

    /** Seconds spent building the samplers (the lexical index, the class file). */
    double buildSeconds() {
        return buildNanos / 1e9;
    }
}
