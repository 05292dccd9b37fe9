package org.thymus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.thymus.core.InvalidInputException;
import org.thymus.core.metrics.Metrics;
import org.thymus.retrieval.recsys.BprMatrixFactorization;
import org.thymus.retrieval.recsys.ItemKnn;
import org.thymus.retrieval.recsys.MovieLens;
import org.thymus.retrieval.recsys.PopularityRecommender;
import org.thymus.retrieval.recsys.PopularityTerciles;
import org.thymus.retrieval.recsys.RankingResult;
import org.thymus.retrieval.recsys.Recommender;
import org.thymus.retrieval.recsys.RecsysEvaluation;
import org.thymus.retrieval.recsys.RecsysSplit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thymus recsys}: recommendation from implicit feedback, evaluated by full ranking. */
@Command(name = "recsys", mixinStandardHelpOptions = true,
        description = "Recommendation from implicit feedback (every rating is an interaction): train a model on a "
                + "split of MovieLens and rank all items for each test user.",
        subcommands = {RecsysCommand.Eval.class})
final class RecsysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train a model on the split's training interactions, then rank, for every test user, all "
                    + "items except the user's training items (ties against the model). Reports Recall@10, "
                    + "Recall@20, NDCG@10, MRR and Recall@10 by item-popularity tercile (head, torso, tail: a third "
                    + "of the training interactions each)."})
    static final class Eval implements Callable<Integer> {
        /** The models {@code --model} accepts: add the name here and a case in {@link #recommender}. */
        static final String MODELS = "popularity, itemknn, bpr or twotower";

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--dataset", required = true, paramLabel = "DIR",
                description = "A MovieLens-100K directory: u.data, u.item, u.user (and u1..u5 .base/.test, there or in splits/).")
        Path dataset;

        @Option(names = "--split", defaultValue = MovieLens.LEAVE_LAST_OUT,
                paramLabel = "leave-last-out|leave-last-out-valid|u1..u5|u1-valid..u5-valid",
                description = "leave-last-out: each user's latest interaction is the test item (ties in time: the "
                        + "larger item id); leave-last-out-valid: the same cut of leave-last-out's training (the "
                        + "second-to-last interaction; the split to tune on); u1..u5 (ua, ub): the MovieLens "
                        + "base/test files; u1-valid..u5-valid: a random quarter of that fold's base file held "
                        + "out (fixed seed; the folds' split to tune on) (default: ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--model", defaultValue = "bpr", paramLabel = "popularity|itemknn|bpr|twotower",
                description = "popularity; itemknn (cosine on the binary interaction matrix); bpr (matrix "
                        + "factorisation, BPR loss, uniform negatives never a known positive); twotower (user and item "
                        + "towers over side features, softmax over --negatives) (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--neighbours", defaultValue = "10", paramLabel = "K",
                description = "itemknn: neighbours kept per item, 0 for all (default: ${DEFAULT-VALUE}).")
        int neighbours;

        @Option(names = "--dim", defaultValue = "64", description = "bpr: factors; twotower: dimensions (default: ${DEFAULT-VALUE}).")
        int dim;

        @Option(names = "--epochs", defaultValue = "30",
                description = "bpr: epochs, each as many draws as training pairs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--learning-rate", defaultValue = "0.05", paramLabel = "RATE",
                description = "bpr: SGD step or Adagrad base step (default: ${DEFAULT-VALUE}).")
        float learningRate;

        @Option(names = "--reg", defaultValue = "0.001", paramLabel = "LAMBDA",
                description = "bpr: L2 regularisation (default: ${DEFAULT-VALUE}).")
        float reg;

        @Option(names = "--optimizer", defaultValue = "adagrad", paramLabel = "sgd|adagrad",
                description = "bpr: update rule (default: ${DEFAULT-VALUE}).")
        String optimizer;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        /** --model twotower's own options (--dim, --epochs, --learning-rate, --seed, --threads as above). */
        @CommandLine.Mixin
        TwoTowerRecsysOptions twoTower;

        @Option(names = "--threads", paramLabel = "N",
                description = "Worker threads for training and ranking (default: the number of CPUs; bpr with 1 is "
                        + "reproducible).")
        Integer threads;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the run's figures as JSON.")
        Path metricsOut;

        @Override
        public Integer call() throws IOException {
            int threadCount = AnnCommand.threadCount(threads);
            if (metricsOut != null) {
                AnnCommand.requireWritable(metricsOut, "--metrics-out");
            }
            PrintWriter out = spec.commandLine().getOut();
            Recommender recommender = recommender(threadCount, out);
            long readStart = System.nanoTime();
            MovieLens movieLens = MovieLens.open(dataset);
            RecsysSplit data = movieLens.split(split);
            out.printf(Locale.ROOT, "read %,d users, %,d items; split %s: %,d training interactions, %,d test items of "
                            + "%,d users (%,d never seen in training, kept as candidates) in %.1f s%n",
                    data.userCount(), data.itemCount(), data.name(), data.training().size(), data.testPairs(),
                    data.testUsers(), data.coldTestPairs(), (System.nanoTime() - readStart) / 1e9);
            if (data.testPairsAlreadyInTraining() > 0) {
                out.printf(Locale.ROOT, "left out %,d test items the user already has in training%n",
                        data.testPairsAlreadyInTraining());
            }
            if (data.usersKeptInTrainingOnly() > 0) {
                out.printf(Locale.ROOT, "%,d users with a single interaction stay in training, untested%n",
                        data.usersKeptInTrainingOnly());
            }
            out.flush();

            RecsysEvaluation.Outcome outcome = RecsysEvaluation.run(data, recommender, threadCount);
            Metrics training = (Metrics) outcome.metrics().get("training");
            out.printf(Locale.ROOT, "trained %s in %.1f s (%,.0f training interactions/s)%n", model,
                    ((Number) training.get("seconds")).doubleValue(),
                    training.get("interactions_per_second") instanceof Number n ? n.doubleValue() : Double.NaN);
            RankingResult r = outcome.ranking();
            out.printf(Locale.ROOT, "%,d test users, %,d test items: Recall@10 %.4f, Recall@20 %.4f, NDCG@10 %.4f, "
                            + "MRR %.4f (%.1f s)%n", r.users(), r.testPairs(), r.recallAt10(), r.recallAt20(),
                    r.ndcgAt10(), r.mrr(), r.seconds());
            StringBuilder groups = new StringBuilder("Recall@10 by popularity:");
            for (int g = 0; g < 3; g++) {
                groups.append(String.format(Locale.ROOT, " %s %.4f (%,d test items, %,d items)%s",
                        PopularityTerciles.NAMES.get(g), r.groupRecallAt10()[g], r.groupTestPairs()[g],
                        r.groupItems()[g], g < 2 ? ";" : ""));
            }
            out.println(groups);
            StringBuilder among = new StringBuilder("Recall@10 among the group's items only:");
            for (int g = 0; g < 3; g++) {
                among.append(String.format(Locale.ROOT, " %s %.4f%s", PopularityTerciles.NAMES.get(g),
                        r.groupOnlyRecallAt10()[g], g < 2 ? ";" : ""));
            }
            out.println(among);
            if (r.nanScores() > 0) {
                out.printf(Locale.ROOT, "warning: %,d NaN scores (ranked last)%n", r.nanScores());
            }

            if (metricsOut != null) {
                Metrics metrics = new Metrics().put("command", "recsys eval").put("dataset", dataset.toString())
                        .put("model", model).put("threads", threadCount);
                outcome.metrics().asMap().forEach(metrics::put);
                metrics.write(metricsOut);
            }
            return 0;
        }

        /** The model named by {@code --model}, with its options checked; progress lines go to {@code out}. */
        Recommender recommender(int threadCount, PrintWriter out) {
            return switch (model) {
                case "popularity" -> new PopularityRecommender();
                case "itemknn" -> {
                    if (neighbours < 0) {
                        throw new InvalidInputException("--neighbours must be 0 (all) or more, got " + neighbours);
                    }
                    yield new ItemKnn(neighbours, threadCount);
                }
                case "bpr" -> new BprMatrixFactorization(bprConfig(threadCount), (epoch, loss) -> {
                    out.printf(Locale.ROOT, "epoch %d: loss %.4f%n", epoch, loss);
                    out.flush();
                });
                case "twotower" -> twoTower.recommender(MovieLens.open(dataset), dim, epochs, learningRate, seed, threadCount);
                default -> throw new InvalidInputException("unknown --model '" + model + "' (" + MODELS + ")");
            };
        }

        private BprMatrixFactorization.Config bprConfig(int threadCount) {
            if (dim < 1) {
                throw new InvalidInputException("--dim must be at least 1, got " + dim);
            }
            if (epochs < 0) {
                throw new InvalidInputException("--epochs must be 0 or more, got " + epochs);
            }
            if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
                throw new InvalidInputException("--learning-rate must be a positive number, got " + learningRate);
            }
            if (!(reg >= 0) || Float.isInfinite(reg)) {
                throw new InvalidInputException("--reg must be 0 or a positive number, got " + reg);
            }
            BprMatrixFactorization.Optimizer rule = switch (optimizer) {
                case "sgd" -> BprMatrixFactorization.Optimizer.SGD;
                case "adagrad" -> BprMatrixFactorization.Optimizer.ADAGRAD;
                default -> throw new InvalidInputException("unknown --optimizer '" + optimizer + "' (sgd or adagrad)");
            };
            return new BprMatrixFactorization.Config(dim, epochs, learningRate, reg, rule, seed, threadCount);
        }
    }
}
