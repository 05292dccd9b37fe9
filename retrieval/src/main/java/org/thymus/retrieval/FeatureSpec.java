package org.thymus.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.thymus.core.InvalidInputException;

/**
 * How the text of one side (a query or an item) becomes a bag of sparse features, StarSpace style.
 * The text is split at ASCII whitespace into tokens (ids such as {@code user=12}, words, categories
 * such as {@code genre=Comedy}); from each token come, as declared:
 * <ul>
 *   <li>{@code tokens}: the token itself;</li>
 *   <li>{@code char=MIN-MAX}: its character n-grams, MIN ≤ n ≤ MAX, of the token wrapped in
 *       {@code <} and {@code >} as fastText does (so "to" gives {@code <t}, {@code to}, {@code o>},
 *       {@code <to}, ...), which lets unseen spellings share rows with seen ones;</li>
 *   <li>{@code ngrams=N}: n-grams of 2 to N consecutive tokens (phoneme bigrams of a pronunciation).</li>
 * </ul>
 * With {@code weights}, a token {@code name:value} has weight value (a finite number) and feature
 * name; a token without a colon weighs 1, and anything after the last colon that is not a number is
 * an error. Without {@code weights} a colon is an ordinary character. The three kinds live in
 * separate namespaces, so the token {@code ab} and the character bigram {@code ab} are two rows.
 *
 * <p>The spec is written as a comma-separated list, e.g. {@code tokens,char=3-5,weights}.
 *
 * @param tokens       each token is a feature
 * @param charMin      smallest character n-gram (0: none)
 * @param charMax      largest character n-gram
 * @param tokenNgrams  longest token n-gram (0 or 1: none)
 * @param weights      tokens may carry {@code :weight}
 */
public record FeatureSpec(boolean tokens, int charMin, int charMax, int tokenNgrams, boolean weights) {
    /** Prefix of character n-gram features (never the first character of a token feature's key). */
    static final char CHAR_NAMESPACE = '\u0001';
    /** Separator of the tokens of a token n-gram (tokens never contain a space). */
    static final char NGRAM_SEPARATOR = ' ';

    public FeatureSpec {
        if (charMin < 0 || (charMin > 0 && charMax < charMin)) {
            throw new InvalidInputException("character n-grams need 1 <= MIN <= MAX, got " + charMin + "-" + charMax);
        }
        if (tokenNgrams < 0) {
            throw new InvalidInputException("ngrams must be >= 0, got " + tokenNgrams);
        }
        if (!tokens && charMin == 0 && tokenNgrams < 2) {
            throw new InvalidInputException("a feature spec must produce something: tokens, char=MIN-MAX or ngrams=N");
        }
    }

    /** Whole tokens only: ids, words and categories. */
    public static FeatureSpec tokensOnly() {
        return new FeatureSpec(true, 0, 0, 0, false);
    }

    /** Parses {@code tokens,char=3-5,ngrams=2,weights} (any subset, any order). */
    public static FeatureSpec parse(String text) {
        boolean tokens = false;
        boolean weights = false;
        int charMin = 0;
        int charMax = 0;
        int ngrams = 0;
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            try {
                if (p.equals("tokens")) {
                    tokens = true;
                } else if (p.equals("weights")) {
                    weights = true;
                } else if (p.startsWith("char=")) {
                    String[] range = p.substring(5).split("-", -1);
                    charMin = Integer.parseInt(range[0]);
                    charMax = range.length > 1 ? Integer.parseInt(range[1]) : charMin;
                    if (charMin < 1) {
                        throw new InvalidInputException("feature spec '" + text + "': char n-grams need MIN >= 1");
                    }
                } else if (p.startsWith("ngrams=")) {
                    ngrams = Integer.parseInt(p.substring(7));
                } else {
                    throw new InvalidInputException("feature spec '" + text + "': unknown part '" + part.trim()
                            + "' (tokens, char=MIN-MAX, ngrams=N, weights)");
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException("feature spec '" + text + "': '" + part.trim() + "' needs whole numbers");
            }
        }
        return new FeatureSpec(tokens, charMin, charMax, ngrams, weights);
    }

    /** The spec in the form {@link #parse} reads. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (tokens) {
            parts.add("tokens");
        }
        if (charMin > 0) {
            parts.add("char=" + charMin + "-" + charMax);
        }
        if (tokenNgrams >= 2) {
            parts.add("ngrams=" + tokenNgrams);
        }
        if (weights) {
            parts.add("weights");
        }
        return String.join(",", parts);
    }

    /** Receives the features of a side's text, one call a feature (repeats are separate calls). */
    @FunctionalInterface
    public interface FeatureSink {
        void accept(String feature, float weight);
    }

    /**
     * Splits {@code text} and hands every feature with its weight to {@code sink}.
     *
     * @throws InvalidInputException for a malformed weight; the message names the token, the
     *     caller adds the file and line
     */
    public void extract(String text, FeatureSink sink) {
        List<String> names = new ArrayList<>();
        for (String token : split(text)) {
            String name = token;
            float weight = 1;
            if (weights) {
                int colon = token.lastIndexOf(':');
                if (colon >= 0) {
                    name = token.substring(0, colon);
                    weight = parseWeight(token, token.substring(colon + 1));
                    if (name.isEmpty()) {
                        throw new InvalidInputException("feature '" + token + "' has a weight but no name");
                    }
                }
            }
            names.add(name);
            if (tokens) {
                sink.accept(name, weight);
            }
            if (charMin > 0) {
                String wrapped = "<" + name + ">";
                int[] cps = wrapped.codePoints().toArray();
                for (int len = charMin; len <= charMax; len++) {
                    for (int s = 0; s + len <= cps.length; s++) {
                        if (len == 1 && (s == 0 || s == cps.length - 1)) {
                            continue; // the markers alone say nothing
                        }
                        sink.accept(CHAR_NAMESPACE + new String(cps, s, len), weight);
                    }
                }
            }
        }
        for (int len = 2; len <= tokenNgrams; len++) {
            for (int s = 0; s + len <= names.size(); s++) {
                sink.accept(String.join(String.valueOf(NGRAM_SEPARATOR), names.subList(s, s + len)), 1f);
            }
        }
    }

    private static float parseWeight(String token, String value) {
        float w;
        try {
            w = Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("malformed weight in feature '" + token + "': '" + value
                    + "' is not a number (write name:weight, or turn weights off)");
        }
        if (!Float.isFinite(w)) {
            throw new InvalidInputException("malformed weight in feature '" + token + "': it must be finite");
        }
        return w;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** The tokens of {@code text}: its runs of non-whitespace characters. */
    static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (true) {
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            if (i == n) {
                return tokens;
            }
            int start = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            tokens.add(text.substring(start, i));
        }
    }

    /** The tokens of {@code text} joined by single spaces: the identity of a query or an item. */
    public static String normalize(String text) {
        return String.join(" ", split(text));
    }
}
