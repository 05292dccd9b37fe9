package org.thymus.core.sampler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.thymus.core.InvalidInputException;

/**
 * A negative-sampler recipe as written on the command line ({@code --negatives}): a base
 * distribution and hard-negative components mixed in by fractions, e.g.
 * {@code unigram}, {@code unigram+lexical:0.2}, {@code unigram+semantic:0.2:band=3-50},
 * {@code unigram+lexical:0.1+semantic:0.1}. Each component is {@code name:fraction} followed by
 * {@code :key=value} options. The parser checks the syntax; each front end says which names and
 * options it knows ({@link #requireKnown}) and builds the samplers.
 */
public record SamplerSpec(String text, String base, List<Component> components) {

    /** One mixed-in component: its name, the fraction of draws it serves, and its options. */
    public record Component(String spec, String name, double fraction, Map<String, String> options) {

        public String option(String key, String fallback) {
            return options.getOrDefault(key, fallback);
        }

        public int intOption(String key, int fallback) {
            String value = options.get(key);
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw bad(spec, name + ": option " + key + " must be an integer, got '" + value + "'");
            }
        }

        public long longOption(String key, long fallback) {
            String value = options.get(key);
            if (value == null) {
                return fallback;
            }
            try {
                return Math.round(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw bad(spec, name + ": option " + key + " must be a number, got '" + value + "'");
            }
        }

        /** A rank band {@code lo-hi} (lo included, hi excluded), or the fallback. */
        public int[] bandOption(String key, int fallbackLo, int fallbackHi) {
            String value = options.get(key);
            if (value == null) {
                return new int[] {fallbackLo, fallbackHi};
            }
            int dash = value.indexOf('-');
            try {
                int lo = Integer.parseInt(value.substring(0, dash));
                int hi = Integer.parseInt(value.substring(dash + 1));
                if (lo < 0 || hi <= lo) {
                    throw bad(spec, name + ": band must be lo-hi with 0 <= lo < hi, got '" + value + "'");
                }
                return new int[] {lo, hi};
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw bad(spec, name + ": band must be lo-hi (e.g. 3-50), got '" + value + "'");
            }
        }
    }

    /** Parses a recipe; syntax errors are {@link InvalidInputException}s that quote it. */
    public static SamplerSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw bad(String.valueOf(text), "empty");
        }
        String[] terms = text.strip().split("\\+", -1);
        String base = terms[0].strip();
        if (base.isEmpty() || base.contains(":")) {
            throw bad(text, "it must start with a base distribution (e.g. unigram), got '" + base + "'");
        }
        List<Component> components = new ArrayList<>();
        double total = 0;
        for (int i = 1; i < terms.length; i++) {
            String[] parts = terms[i].strip().split(":", -1);
            String name = parts[0].strip();
            if (name.isEmpty() || parts.length < 2) {
                throw bad(text, "a mixed-in sampler is name:fraction, got '" + terms[i] + "'");
            }
            double fraction;
            try {
                fraction = Double.parseDouble(parts[1].strip());
            } catch (NumberFormatException e) {
                throw bad(text, name + ": fraction must be a number, got '" + parts[1] + "'");
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw bad(text, name + ": fraction must be in (0, 1], got " + parts[1]);
            }
            total += fraction;
            Map<String, String> options = new LinkedHashMap<>();
            for (int p = 2; p < parts.length; p++) {
                int eq = parts[p].indexOf('=');
                if (eq <= 0 || eq == parts[p].length() - 1) {
                    throw bad(text, name + ": options are key=value, got '" + parts[p] + "'");
                }
                String key = parts[p].substring(0, eq).strip();
                if (options.put(key, parts[p].substring(eq + 1).strip()) != null) {
                    throw bad(text, name + ": option " + key + " given twice");
                }
            }
            components.add(new Component(text, name, fraction, Collections.unmodifiableMap(options)));
        }
        if (total > 1 + 1e-9) {
            throw bad(text, "the fractions add up to " + total + ", more than 1");
        }
        return new SamplerSpec(text.strip(), base, List.copyOf(components));
    }

    /**
     * Checks every name against what a front end knows: {@code bases} for the base, and for each
     * component name the option keys it accepts.
     */
    public SamplerSpec requireKnown(Set<String> bases, Map<String, Set<String>> componentOptions) {
        if (!bases.contains(base)) {
            throw bad(text, "unknown base distribution '" + base + "' (known: " + String.join(", ", bases) + ")");
        }
        for (Component c : components) {
            Set<String> keys = componentOptions.get(c.name());
            if (keys == null) {
                throw bad(text, "unknown sampler '" + c.name() + "' (known: "
                        + String.join(", ", componentOptions.keySet()) + ")");
            }
            for (String key : c.options().keySet()) {
                if (!keys.contains(key)) {
                    throw bad(text, c.name() + ": unknown option '" + key + "'"
                            + (keys.isEmpty() ? " (it takes none)" : " (known: " + String.join(", ", keys) + ")"));
                }
            }
        }
        return this;
    }

    /** True when the recipe is the base distribution alone. */
    public boolean isBaseOnly() {
        return components.isEmpty();
    }

    private static InvalidInputException bad(String spec, String why) {
        return new InvalidInputException("--negatives '" + spec + "': " + why);
    }
}
