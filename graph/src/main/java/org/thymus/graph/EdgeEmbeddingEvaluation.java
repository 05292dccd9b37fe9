package org.thymus.graph;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.eval.LogisticRegression;
import org.thymus.core.table.EmbeddingTable;

/**
 * Link prediction from node embeddings, node2vec's way (Grover &amp; Leskovec 2016, section 4.4):
 * a pair (u, v) becomes an edge feature by a binary operator on the two vectors, a logistic
 * regression is fitted on edges of the residual graph against non-edges
 * ({@link LinkPredictionSplit#trainingPairs}), and it scores the held-out edges against the test
 * negatives: ROC-AUC. The plain dot product and cosine of the two vectors are reported beside it
 * (they need no classifier).
 */
public final class EdgeEmbeddingEvaluation {

    /** node2vec's edge features (its Table 3), element by element. */
    public enum Operator {
        AVERAGE, HADAMARD, WEIGHTED_L1, WEIGHTED_L2;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        float apply(float a, float b) {
            return switch (this) {
                case AVERAGE -> (a + b) / 2;
                case HADAMARD -> a * b;
                case WEIGHTED_L1 -> Math.abs(a - b);
                case WEIGHTED_L2 -> (a - b) * (a - b);
            };
        }
    }

    /** ROC-AUC of the dot product, of the cosine and of the classifier on each operator's features. */
    public record Result(double dotAuc, double cosineAuc, Map<Operator, Double> classifierAuc) {
    }

    private EdgeEmbeddingEvaluation() {
    }

    /** What the classifier is fitted on. */
    public enum Protocol {
        /** Residual edges against fresh non-edges ({@link LinkPredictionSplit#trainingPairs}); the test is untouched. */
        RESIDUAL,
        /** Two-fold cross-validation on the test pairs: fitted on one half, scored on the other, and back. */
        CROSS_VALIDATION
    }

    public static Result evaluate(LinkPredictionSplit split, Graph full, EmbeddingTable vectors, Protocol protocol,
                                  long seed, int threads) {
        NodePairs heldOut = split.heldOut();
        NodePairs negatives = split.negatives();
        LinkScorer dotScorer = LinkScorer.dot(vectors);
        LinkScorer cosineScorer = LinkScorer.cosine(vectors);
        double dot = RocAuc.of(scores(dotScorer, heldOut), scores(dotScorer, negatives));
        double cosine = RocAuc.of(scores(cosineScorer, heldOut), scores(cosineScorer, negatives));
        LinkPredictionSplit.Labelled train = protocol == Protocol.RESIDUAL ? split.trainingPairs(full, seed) : null;
        Operator[] operators = Operator.values();
        double[] aucs = new double[operators.length];
        Parallel.run(Math.min(threads, operators.length), worker -> {
            for (int o = worker; o < operators.length; o += Math.min(threads, operators.length)) {
                aucs[o] = protocol == Protocol.RESIDUAL
                        ? classifierAuc(operators[o], vectors, train, heldOut, negatives)
                        : crossValidatedAuc(operators[o], vectors, heldOut, negatives);
            }
        });
        Map<Operator, Double> byOperator = new EnumMap<>(Operator.class);
        for (int o = 0; o < operators.length; o++) {
            byOperator.put(operators[o], aucs[o]);
        }
        return new Result(dot, cosine, byOperator);
    }

    private static double classifierAuc(Operator operator, EmbeddingTable vectors, LinkPredictionSplit.Labelled train,
                                        NodePairs positives, NodePairs negatives) {
        LogisticRegression model = fit(operator, vectors, train);
        return RocAuc.of(scores(model, operator, vectors, positives), scores(model, operator, vectors, negatives));
    }

    private static LogisticRegression fit(Operator operator, EmbeddingTable vectors,
                                          LinkPredictionSplit.Labelled train) {
        int dim = vectors.dim();
        int p = train.positives().size();
        int rows = p + train.negatives().size();
        float[] x = new float[rows * dim];
        boolean[] labels = new boolean[rows];
        features(operator, vectors, train.positives(), x, 0);
        features(operator, vectors, train.negatives(), x, p * dim);
        for (int r = 0; r < p; r++) {
            labels[r] = true;
        }
        return LogisticRegression.fit(x, dim, labels, 1.0);
    }

    private static double crossValidatedAuc(Operator operator, EmbeddingTable vectors, NodePairs positives,
                                            NodePairs negatives) {
        NodePairs[] pos = halves(positives);
        NodePairs[] neg = halves(negatives);
        double[] posScores = new double[positives.size()];
        double[] negScores = new double[negatives.size()];
        for (int fold = 0; fold < 2; fold++) {
            int other = 1 - fold;
            LinkPredictionSplit.Labelled train = new LinkPredictionSplit.Labelled(pos[fold], neg[fold]);
            LogisticRegression model = fit(operator, vectors, train);
            double[] p = scores(model, operator, vectors, pos[other]);
            double[] n = scores(model, operator, vectors, neg[other]);
            System.arraycopy(p, 0, posScores, other == 0 ? 0 : pos[0].size(), p.length);
            System.arraycopy(n, 0, negScores, other == 0 ? 0 : neg[0].size(), n.length);
        }
        return RocAuc.of(posScores, negScores);
    }

    /** The pairs in two halves (the split's pairs are already in random order). */
    private static NodePairs[] halves(NodePairs pairs) {
        int h = pairs.size() / 2;
        int n = pairs.size();
        return new NodePairs[] {
            new NodePairs(Arrays.copyOfRange(pairs.from(), 0, h), Arrays.copyOfRange(pairs.to(), 0, h)),
            new NodePairs(Arrays.copyOfRange(pairs.from(), h, n), Arrays.copyOfRange(pairs.to(), h, n))};
    }

    private static double[] scores(LogisticRegression model, Operator operator, EmbeddingTable vectors,
                                   NodePairs pairs) {
        int dim = vectors.dim();
        float[] x = new float[pairs.size() * dim];
        features(operator, vectors, pairs, x, 0);
        double[] out = new double[pairs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = model.score(x, i * dim);
        }
        return out;
    }

    /** The operator's features of each pair, one row of dim floats a pair from {@code off}. */
    static void features(Operator operator, EmbeddingTable vectors, NodePairs pairs, float[] out, int off) {
        int dim = vectors.dim();
        float[] a = new float[dim];
        float[] b = new float[dim];
        for (int i = 0; i < pairs.size(); i++) {
            vectors.copyRow(pairs.from()[i], a, 0);
            vectors.copyRow(pairs.to()[i], b, 0);
            for (int j = 0; j < dim; j++) {
                out[off + i * dim + j] = operator.apply(a[j], b[j]);
            }
        }
    }

    /** The scorer's score of each pair. */
    static double[] scores(LinkScorer scorer, NodePairs pairs) {
        double[] out = new double[pairs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scorer.score(pairs.from()[i], pairs.to()[i]);
        }
        return out;
    }
}
