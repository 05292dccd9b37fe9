package org.thymus.core.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.InputFiles;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.vectors.WordVectors;

/**
 * Word-similarity evaluation (WordSim-353, SimLex-999, MEN, ...): how well the cosine of two words'
 * vectors ranks pairs the way people scored them, as Spearman's rho. Pairs with a word that has no
 * vector are left out and counted.
 */
public final class SimilarityEvaluation {
    /** Two words and the similarity people gave them. */
    public record Pair(String first, String second, double gold) {
    }

    /**
     * The outcome on one pair file.
     *
     * @param pairs pairs in the file
     * @param found pairs whose two words both have vectors
     * @param spearman Spearman's rho between cosines and gold scores over the found pairs
     * @param pearson Pearson's r, likewise
     */
    public record Result(int pairs, int found, double spearman, double pearson) {
        /** Found pairs over all pairs; NaN if there are none. */
        public double coverage() {
            return pairs == 0 ? Double.NaN : (double) found / pairs;
        }
    }

    private final WordVectors vectors;
    private final WordLookup lookup;

    /**
     * Prepares to score pairs against {@code vectors}.
     *
     * @param ignoreCase match pair words to vocabulary words regardless of case
     */
    public SimilarityEvaluation(WordVectors vectors, boolean ignoreCase) {
        this.vectors = vectors;
        this.lookup = new WordLookup(vectors, vectors.size(), ignoreCase);
    }

    public Result evaluate(List<Pair> pairs) {
        List<Double> cosines = new ArrayList<>();
        List<Double> gold = new ArrayList<>();
        for (Pair pair : pairs) {
            int first = lookup.row(pair.first());
            int second = lookup.row(pair.second());
            if (first >= 0 && second >= 0) {
                cosines.add(cosine(vectors.table(), first, second));
                gold.add(pair.gold());
            }
        }
        double[] x = cosines.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = gold.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(pairs.size(), x.length, Correlation.spearman(x, y), Correlation.pearson(x, y));
    }

    /** The cosine of two rows; 0 if either is a zero vector. */
    static double cosine(EmbeddingTable table, int first, int second) {
        Kernels kernels = Kernels.get();
        float[] a = table.shard(first);
        int aOff = table.offset(first);
        float[] b = table.shard(second);
        int bOff = table.offset(second);
        int n = table.stride();
        double norms = Math.sqrt((double) kernels.dot(a, aOff, a, aOff, n) * kernels.dot(b, bOff, b, bOff, n));
        return norms == 0 ? 0 : kernels.dot(a, aOff, b, bOff, n) / norms;
    }

    /**
     * Reads a pair file: one pair a line, {@code word1 word2 score} separated by tabs or spaces.
     * Blank lines and lines starting with {@code #} are skipped, and so is a first line that is not
     * a pair (a column header, as in WordSim-353's {@code Word 1, Word 2, Human (mean)}).
     */
    public static List<Pair> readPairs(Path file) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                InputFiles.open(file, "word pairs file"), StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            boolean seenDataLine = false;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\\s+");
                String problem = fields.length != 3
                        ? "expected 'word1 word2 score', found " + fields.length + " fields"
                        : isFiniteNumber(fields[2]) ? null : "the score '" + fields[2] + "' is not a number";
                if (problem == null) {
                    pairs.add(new Pair(fields[0], fields[1], Double.parseDouble(fields[2])));
                } else if (seenDataLine) {
                    throw new InvalidInputException(file + ": line " + lineNumber + ": " + problem);
                }
                seenDataLine = true;
            }
        }
        if (pairs.isEmpty()) {
            throw new InvalidInputException(file + ": no word pairs in this file");
        }
        return pairs;
    }

    private static boolean isFiniteNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
