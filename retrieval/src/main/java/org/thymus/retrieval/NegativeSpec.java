package org.thymus.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.thymus.core.InvalidInputException;

/**
 * Which candidates each query of a batch is contrasted with, parsed from a recipe such as
 * {@code inbatch+logq}, {@code mixed:0.5}, {@code inbatch+ann:0.2:band=5-50:every=100}:
 * <ul>
 *   <li>{@code inbatch}: the other positives of the batch (the batch's B x B score matrix);</li>
 *   <li>{@code uniform}: only items drawn uniformly from the item corpus, B of them a batch;</li>
 *   <li>{@code full}: every item of the corpus, the exact softmax over the catalogue (each query's
 *       positive against all other items; B x N scores a batch, so for catalogues of up to a
 *       few tens of thousands of items): the reference the sampled recipes estimate, and what the
 *       logQ correction aims to restore;</li>
 *   <li>{@code mixed:F}: in-batch plus round(F x B) uniform corpus items a batch (mixed negative
 *       sampling, Yang et al. 2020), shared by every query of the batch;</li>
 *   <li>{@code ann:F[:band=LO-HI][:every=N]}: plus round(F x B) hard negatives a batch, each the
 *       neighbour at a random rank in [LO, HI) of one query of the batch in an HNSW index over the
 *       item tower, rebuilt every N batches (ANCE, Xiong et al. 2021);</li>
 *   <li>{@code logq}: the logQ correction (Yi et al. 2019): each candidate's logit minus the log of
 *       its expected count among the candidates, B·p̂(item) + U/N, with p̂ the streaming estimate of
 *       the item's share of positives and U/N the uniform share; {@code logq:W} subtracts W times
 *       that (W = 1 is the correction, 0 none, in between a dial from popularity-debiased to fully
 *       corrected).</li>
 * </ul>
 *
 * @param full            every corpus item is a candidate (the exact softmax); alone, or with a guard
 * @param inBatch         the batch's other positives are negatives
 * @param logQ            apply the logQ correction
 * @param logQWeight      W of {@code logq:W}: the correction's weight (1 unless given)
 * @param uniformFraction uniform corpus items a batch, as a fraction of the batch size
 * @param annFraction     ANN hard negatives a batch, as a fraction of the batch size
 * @param bandLow         first rank of the hard-negative band (0 = nearest)
 * @param bandHigh        end of the band (exclusive)
 * @param refreshEvery    batches between rebuilds of the item index
 */
public record NegativeSpec(boolean full, boolean inBatch, boolean logQ, double logQWeight, double uniformFraction,
                           double annFraction, int bandLow, int bandHigh, int refreshEvery) {
    public NegativeSpec {
        if (!(logQWeight >= 0 && logQWeight <= 4)) {
            throw new InvalidInputException("logq:W needs W in [0, 4], got " + logQWeight);
        }
        if (!(uniformFraction >= 0) || !(annFraction >= 0) || uniformFraction > 64 || annFraction > 64) {
            throw new InvalidInputException("negative fractions must be in [0, 64], got " + uniformFraction + " and " + annFraction);
        }
        if (full && (inBatch || logQ || uniformFraction > 0 || annFraction > 0)) {
            throw new InvalidInputException("full is the exact softmax over every item: it takes no other negatives and no "
                    + "logq (its candidates are not sampled)");
        }
        if (!full && !inBatch && uniformFraction == 0 && annFraction == 0) {
            throw new InvalidInputException("no negatives: use inbatch, uniform, mixed:F, ann:F or full");
        }
        if (bandLow < 0 || bandHigh <= bandLow) {
            throw new InvalidInputException("the hard-negative band needs 0 <= LO < HI, got " + bandLow + "-" + bandHigh);
        }
        if (refreshEvery < 1) {
            throw new InvalidInputException("every=N needs N >= 1, got " + refreshEvery);
        }
    }

    /** Parses a recipe (terms joined by {@code +}; see the class comment). */
    public static NegativeSpec parse(String recipe) {
        boolean full = false;
        boolean inBatch = false;
        boolean logQ = false;
        double logQWeight = 1;
        boolean uniformOnly = false;
        double uniform = 0;
        double ann = 0;
        int low = 1;
        int high = 50;
        int every = 100;
        for (String term : recipe.toLowerCase(Locale.ROOT).split("\\+")) {
            String[] parts = term.trim().split(":");
            try {
                switch (parts[0]) {
                    case "inbatch" -> inBatch = true;
                    case "full" -> full = true;
                    case "logq" -> {
                        logQ = true;
                        logQWeight = parts.length > 1 ? Double.parseDouble(parts[1]) : 1.0;
                    }
                    case "uniform" -> {
                        uniformOnly = true;
                        uniform = parts.length > 1 ? Double.parseDouble(parts[1]) : 1.0;
                    }
                    case "mixed" -> {
                        inBatch = true;
                        uniform = parts.length > 1 ? Double.parseDouble(parts[1]) : 0.5;
                    }
                    case "ann" -> {
                        ann = parts.length > 1 ? Double.parseDouble(parts[1]) : 0.2;
                        for (int i = 2; i < parts.length; i++) {
                            String[] kv = parts[i].split("=", 2);
                            if (kv.length == 2 && kv[0].equals("band")) {
                                String[] range = kv[1].split("-");
                                low = Integer.parseInt(range[0]);
                                high = Integer.parseInt(range[1]);
                            } else if (kv.length == 2 && kv[0].equals("every")) {
                                every = Integer.parseInt(kv[1]);
                            } else {
                                throw new InvalidInputException("--negatives '" + recipe + "': unknown ann option '" + parts[i]
                                        + "' (band=LO-HI, every=N)");
                            }
                        }
                    }
                    default -> throw new InvalidInputException("--negatives '" + recipe + "': unknown term '" + term.trim()
                            + "' (inbatch, uniform, mixed:F, ann:F, logq, full)");
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new InvalidInputException("--negatives '" + recipe + "': malformed term '" + term.trim() + "'");
            }
        }
        if (uniformOnly && inBatch) {
            throw new InvalidInputException("--negatives '" + recipe + "': uniform alone, or mixed:F for in-batch plus uniform");
        }
        return new NegativeSpec(full, inBatch, logQ, logQWeight, uniform, ann, low, high, every);
    }

    /** Uniform corpus items added to a batch of {@code batch} pairs. */
    public int uniformCount(int batch) {
        return (int) Math.round(uniformFraction * batch);
    }

    /** Hard negatives added to a batch of {@code batch} pairs. */
    public int annCount(int batch) {
        return (int) Math.round(annFraction * batch);
    }

    @Override
    public String toString() {
        List<String> terms = new ArrayList<>();
        if (full) {
            terms.add("full");
        } else if (inBatch && uniformFraction > 0) {
            terms.add("mixed:" + uniformFraction);
        } else if (inBatch) {
            terms.add("inbatch");
        } else if (uniformFraction > 0) {
            terms.add("uniform:" + uniformFraction);
        }
        if (logQ) {
            terms.add(logQWeight == 1 ? "logq" : "logq:" + logQWeight);
        }
        if (annFraction > 0) {
            terms.add("ann:" + annFraction + ":band=" + bandLow + "-" + bandHigh + ":every=" + refreshEvery);
        }
        return String.join("+", terms);
    }
}
