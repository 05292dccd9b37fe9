package org.thymus.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.thymus.core.InvalidInputException;
import org.thymus.core.sampler.BandSampler;
import org.thymus.core.sampler.GuardedSampler;
import org.thymus.core.sampler.MixtureSampler;
import org.thymus.core.sampler.NegativeGuard;
import org.thymus.core.sampler.NegativeSampler;
import org.thymus.core.sampler.SamplerReport;
import org.thymus.core.sampler.SamplerSpec;
import org.thymus.core.sampler.UniformSampler;

/**
 * The negative sampler of a graph run, built from a {@code --negatives} recipe: a base distribution,
 * hard negatives mixed in by fraction (core's {@link SamplerSpec} and {@link MixtureSampler}), and
 * always the {@link EdgeGuard} around them (core's {@link GuardedSampler}), so no draw is u, the
 * positive, or a neighbour of u in the training graph.
 * <ul>
 *   <li>base {@code degree[:α]}: degree^α ({@link DegreeSampler}, α = 0.75 by default); {@code uniform}:
 *       every node alike; {@code hubs[:t]}: a log2 degree bucket, then a node in it ({@link HubSampler},
 *       t = 0 equal shares per bucket, t = 1 uniform over the nodes with an edge);</li>
 *   <li>{@code twohop:F[:by=cn|aa][:top=50][:skip=0][:budget=10000]}: a fraction F of the draws among
 *       the anchor's nodes at distance 2, ranks [skip, top) of its list ranked by common neighbours
 *       ({@code cn}) or Adamic–Adar ({@code aa}), each list built reading at most {@code budget}
 *       neighbour-list entries ({@link TwoHopNeighbours}); an anchor with no such node falls back to
 *       the base;</li>
 *   <li>{@code hubs:F[:t=0]}: a fraction F from the bucket sampler, mixed into another base.</li>
 * </ul>
 * E.g. {@code degree}, {@code degree:0.5}, {@code uniform}, {@code hubs}, {@code degree+twohop:0.2:by=aa:top=50},
 * {@code degree+hubs:0.3}. A recipe error is an {@link InvalidInputException} that quotes the recipe.
 */
public final class GraphNegatives {
    static final Set<String> BASES = Set.of("degree", "uniform", "hubs");
    static final Map<String, Set<String>> COMPONENTS = Map.of(
            "twohop", Set.of("by", "top", "skip", "budget"),
            "hubs", Set.of("t"));
    /**
     * Candidates a draw may try before it gives up (the negative is then skipped). More than
     * word2vec's 16: a hub's neighbours can hold most of the degree^0.75 mass.
     */
    static final int GUARD_TRIES = 32;

    private final String recipe;
    private final GuardedSampler sampler;
    private final MixtureSampler mixture;
    private final List<String> componentNames;
    private final List<TwoHopNeighbours> twoHopLists;

    private GraphNegatives(String recipe, GuardedSampler sampler, MixtureSampler mixture, List<String> componentNames,
                           List<TwoHopNeighbours> twoHopLists) {
        this.recipe = recipe;
        this.sampler = sampler;
        this.mixture = mixture;
        this.componentNames = List.copyOf(componentNames);
        this.twoHopLists = List.copyOf(twoHopLists);
    }

    /** Builds the sampler of {@code recipe} on the training graph, two-hop lists on {@code threads} threads. */
    public static GraphNegatives build(String recipe, Graph graph, int threads) {
        if (recipe == null || recipe.isBlank()) {
            throw new InvalidInputException("--negatives: empty recipe (e.g. degree, uniform, hubs, "
                    + "degree+twohop:0.2)");
        }
        // SamplerSpec takes a bare base name: the base's argument (degree:0.5) is split off here, so
        // SamplerSpec's own errors quote the recipe without it.
        int plus = recipe.indexOf('+');
        String baseTerm = (plus < 0 ? recipe : recipe.substring(0, plus)).strip();
        int colon = baseTerm.indexOf(':');
        String argument = colon < 0 ? null : baseTerm.substring(colon + 1).strip();
        String baseName = colon < 0 ? baseTerm : baseTerm.substring(0, colon).strip();
        SamplerSpec spec = SamplerSpec.parse(baseName + (plus < 0 ? "" : recipe.substring(plus)))
                .requireKnown(BASES, COMPONENTS);
        NegativeSampler base = switch (baseName) {
            case "degree" -> new DegreeSampler(graph, argument == null ? DegreeSampler.DEFAULT_EXPONENT
                    : number(recipe, "the degree exponent", argument));
            case "hubs" -> HubSampler.tempered(graph, argument == null ? HubSampler.DEFAULT_TEMPERING
                    : tempering(recipe, argument));
            case "uniform" -> {
                if (argument != null) {
                    throw bad(recipe, "uniform takes no argument, got '" + argument + "'");
                }
                yield new UniformSampler(graph.nodeCount());
            }
            default -> throw new IllegalStateException("unchecked base " + baseName);
        };
        List<NegativeSampler> components = new ArrayList<>();
        List<TwoHopNeighbours> twoHop = new ArrayList<>();
        for (SamplerSpec.Component c : spec.components()) {
            switch (c.name()) {
                case "twohop" -> {
                    TwoHopNeighbours lists = twoHopLists(recipe, c, graph, threads);
                    twoHop.add(lists);
                    components.add(BandSampler.ofAnchor(lists, c.intOption("skip", 0), lists.depth()));
                }
                case "hubs" -> components.add(HubSampler.tempered(graph, tempering(recipe, c.option("t", "0"))));
                default -> throw new IllegalStateException("unchecked sampler name " + c.name());
            }
        }
        List<String> names = spec.components().stream().map(SamplerSpec.Component::name).toList();
        double[] fractions = spec.components().stream().mapToDouble(SamplerSpec.Component::fraction).toArray();
        MixtureSampler mixture = components.isEmpty() ? null : new MixtureSampler(base, components, fractions);
        GuardedSampler guarded = new GuardedSampler(mixture == null ? base : mixture,
                List.<NegativeGuard>of(new EdgeGuard(graph)), GUARD_TRIES);
        return new GraphNegatives(recipe.strip(), guarded, mixture, names, twoHop);
    }

    /** The lists of a {@code twohop} component, its options checked. */
    private static TwoHopNeighbours twoHopLists(String recipe, SamplerSpec.Component c, Graph graph, int threads) {
        int top = c.intOption("top", TwoHopNeighbours.DEFAULT_DEPTH);
        int skip = c.intOption("skip", 0);
        int budget = c.intOption("budget", TwoHopNeighbours.DEFAULT_BUDGET);
        if (top < 1 || skip < 0 || skip >= top) {
            throw bad(recipe, "twohop needs top >= 1 and 0 <= skip < top, got top=" + top + " skip=" + skip);
        }
        if (budget < 1) {
            throw bad(recipe, "twohop budget must be >= 1, got " + budget);
        }
        if (graph.isDirected()) {
            throw bad(recipe, "twohop needs an undirected graph");
        }
        TwoHopNeighbours.Score by = switch (c.option("by", "cn")) {
            case "cn" -> TwoHopNeighbours.Score.COMMON_NEIGHBOURS;
            case "aa" -> TwoHopNeighbours.Score.ADAMIC_ADAR;
            default -> throw bad(recipe, "twohop by must be cn (common neighbours) or aa (Adamic-Adar), got '"
                    + c.option("by", "") + "'");
        };
        return TwoHopNeighbours.build(graph, by, top, budget, threads);
    }

    private static double tempering(String recipe, String text) {
        double t = number(recipe, "the hubs tempering", text);
        if (!(t >= 0 && t <= 1)) {
            throw bad(recipe, "the hubs tempering must be in [0, 1], got " + text);
        }
        return t;
    }

    private static double number(String recipe, String what, String text) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the recipe
        }
        throw bad(recipe, what + " must be a finite number, got '" + text + "'");
    }

    private static InvalidInputException bad(String recipe, String why) {
        return new InvalidInputException("--negatives '" + recipe + "': " + why);
    }

    /**
     * The sampler to draw from: the mixture inside the edge guard, with its counts of candidates,
     * rejections and exhausted draws ({@link NegativeSampler#NONE}: every try was rejected).
     */
    public GuardedSampler sampler() {
        return sampler;
    }

    /** The mixture with its counts of what each component served, or null for a base alone. */
    public MixtureSampler mixture() {
        return mixture;
    }

    /** The names of the mixed-in components, in the recipe's order. */
    public List<String> componentNames() {
        return componentNames;
    }

    /** The two-hop lists of the twohop components, in the recipe's order. */
    public List<TwoHopNeighbours> twoHopLists() {
        return twoHopLists;
    }

    /** A report for a run of {@code epochs} epochs: per epoch, what each component served, what the guard rejected. */
    public SamplerReport newReport(int epochs) {
        return new SamplerReport(recipe, epochs, mixture, componentNames, sampler, null);
    }
}
