package org.thymus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.Word2VecFormat;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.vectors.WordVectors;
import org.thymus.kg.AdversarialGenerator;
import org.thymus.kg.Corruption;
import org.thymus.kg.FilteredRanking;
import org.thymus.kg.KgModel;
import org.thymus.kg.Triples;
import org.thymus.kg.LinkPrediction;
import org.thymus.kg.KgModelFile;
import org.thymus.kg.EarlyStopping;
import org.thymus.kg.KgModels;
import org.thymus.kg.KgTrainer;
import org.thymus.kg.KgTrainingConfig;
import org.thymus.kg.KnowledgeGraph;
import org.thymus.kg.KnownTriples;
import org.thymus.kg.Regularization;
import org.thymus.kg.RateSteps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thymus kg}: knowledge-graph embeddings trained on corrupted triples. */
@Command(name = "kg", mixinStandardHelpOptions = true,
        description = "Knowledge-graph embeddings: train on (head, relation, tail) triples with corrupted-triple "
                + "negatives, rank the test triples (filtered MRR, Hits@1/3/10), predict missing heads or tails.",
        subcommands = {KgCommand.Train.class, KgCommand.Eval.class, KgCommand.Predict.class})
final class KgCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train a model on DIR/train.txt (head<TAB>relation<TAB>tail lines, plain or .gz) with "
                    + "corrupted-triple negatives, optionally stopping early on validation MRR, then rank every test "
                    + "triple against all entities, both directions, filtered by train, valid and test.",
                "Writes the model file (for kg eval and kg predict) and, if asked, the entity vectors (ComplEx, "
                    + "RotatE: the real parts, then the imaginary parts) and relation vectors (RotatE: the phases) in "
                    + "word2vec text format."})
    static final class Train implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "train.txt, valid.txt, test.txt.")
        Path dataset;

        @Option(names = "--entities", defaultValue = "train", paramLabel = "train|all",
                description = "train: valid/test triples naming an entity training lacks are left out and counted; all: "
                        + "every entity of the three splits gets a row and those triples are ranked, as the published "
                        + "RotatE and ComplEx code does (default: ${DEFAULT-VALUE}).")
        String entities;

        @Option(names = "--model", defaultValue = "rotate", paramLabel = "transe|transe-l2|distmult|complex|rotate",
                description = "Scoring function (default: ${DEFAULT-VALUE}; transe is the L1 distance).")
        String model;

        @Option(names = "--dim", defaultValue = "100", description = "Dimensions (ComplEx, RotatE: complex ones; default: ${DEFAULT-VALUE}).")
        int dim;

        @Option(names = "--negatives", defaultValue = "64", description = "Corrupted triples per positive (default: ${DEFAULT-VALUE}).")
        int negatives;

        @Option(names = "--sampler", defaultValue = "uniform",
                paramLabel = "uniform|bernoulli|filtered|bernoulli+filtered|generator|generator+filtered",
                description = "Which side a negative replaces (uniform: either half the time; bernoulli: by the relation's "
                        + "tails per head and heads per tail) and whether corruptions that are training triples are "
                        + "redrawn (filtered); generator: KBGAN, negatives drawn from a small generator model's softmax "
                        + "over --generator-candidates uniform corruptions, the generator trained by REINFORCE on the "
                        + "model's scores of its draws; generator+filtered: the candidates are filtered "
                        + "(default: ${DEFAULT-VALUE}).")
        String sampler;

        @Option(names = "--generator-model", defaultValue = "distmult", paramLabel = "transe|distmult|complex|rotate",
                description = "With --sampler generator: the generator's scoring function (default: ${DEFAULT-VALUE}).")
        String generatorModel;

        @Option(names = "--generator-dim", defaultValue = "16", paramLabel = "D",
                description = "With --sampler generator: the generator's dimensions (default: ${DEFAULT-VALUE}).")
        int generatorDim;

        @Option(names = "--generator-candidates", defaultValue = "32", paramLabel = "C",
                description = "With --sampler generator: uniform corruptions the generator scores per positive "
                        + "(default: ${DEFAULT-VALUE}).")
        int generatorCandidates;

        @Option(names = "--generator-learning-rate", defaultValue = "0.005", paramLabel = "RATE",
                description = "With --sampler generator: the generator's Adagrad rate (default: ${DEFAULT-VALUE}).")
        float generatorRate;

        @Option(names = "--generator-pretrain-epochs", defaultValue = "0", paramLabel = "N",
                description = "With --sampler generator: epochs the generator first trains on its own, on uniform "
                        + "negatives (default: ${DEFAULT-VALUE}).")
        int generatorPretrainEpochs;

        @Option(names = "--adversarial-temperature", defaultValue = "1.0", paramLabel = "ALPHA",
                description = "Self-adversarial weights softmax(ALPHA x score); 0 weighs negatives equally (default: ${DEFAULT-VALUE}).")
        float temperature;

        @Option(names = "--margin", paramLabel = "GAMMA",
                description = "The loss's margin gamma (default: 6 for transe and rotate; distmult and complex: 0, or 1 with "
                        + "--loss margin).")
        Float margin;

        @Option(names = "--learning-rate", paramLabel = "RATE", description = "The optimiser's rate (default: adagrad 0.1, distmult and complex 0.05; adam 0.001). Wide "
                        + "rows want less with Adagrad: RotatE at dim 500 trains on WN18RR at 0.03, not at 0.1.")
        Float learningRate;

        @Option(names = "--learning-rate-after", paramLabel = "EPOCHS:RATE[,EPOCHS:RATE...]",
                description = "A step schedule: after EPOCHS epochs of the run the rate becomes RATE (e.g. 130:0.01, "
                        + "the FB15k-237 recipe). Epochs count the whole run, so a resumed run given the same "
                        + "schedule follows it.")
        String learningRateAfter;

        @Option(names = "--loss", defaultValue = "self-adversarial", paramLabel = "self-adversarial|margin|logistic",
                description = "self-adversarial: -log sigmoid(gamma + s+) - sum w_i log sigmoid(-s_i - gamma), w = "
                        + "softmax(ALPHA s); margin: sum max(0, gamma - s+ + s_i); logistic: softplus(-(s+ + gamma)) + "
                        + "sum softplus(s_i + gamma) (default: ${DEFAULT-VALUE}).")
        String loss;

        @Option(names = "--optimizer", defaultValue = "adagrad", paramLabel = "adagrad|adam",
                description = "Sparse optimiser: only the rows an example touched move (adam: lazy, per-row moments and "
                        + "step counts; default: ${DEFAULT-VALUE}).")
        String optimizer;

        @Option(names = "--regularization", defaultValue = "none", paramLabel = "none|l2|n3",
                description = "Penalty on the positive's rows: l2 = W sum x^2, n3 = W sum |x|^3 (Lacroix et al. 2018; "
                        + "complex and distmult only; default: ${DEFAULT-VALUE}).")
        String regularization;

        @Option(names = "--reg-weight", defaultValue = "0", paramLabel = "W",
                description = "Weight of the penalty (default: ${DEFAULT-VALUE}).")
        float regWeight;

        @Option(names = "--frequency-weights", description = "Weigh each positive's loss by 1 / sqrt(n(h, r) + "
                + "n(r, t) + 6), over the mean: the counts of its head with its relation and of the relation with its "
                + "tail in training (the RotatE authors' subsampling weight; default: every positive counts once).")
        boolean frequencyWeights;

        @Option(names = "--shared-negatives", description = "One draw of the k corrupting entities serves a chunk of "
                + "--chunk-size positives (PyTorch-BigGraph); their scores are one matrix product and each row steps "
                + "once per chunk.")
        boolean sharedNegatives;

        @Option(names = "--chunk-size", defaultValue = "32", paramLabel = "B",
                description = "Positives per chunk with --shared-negatives (default: ${DEFAULT-VALUE}).")
        int chunkSize;

        @Option(names = "--epochs", defaultValue = "50", description = "Epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--init-range", paramLabel = "R",
                description = "Entity (and TransE, DistMult and ComplEx relation) values start uniform in [-R, R] (default: 8 / dim, "
                        + "Sun et al.'s (gamma + 2) / dim with gamma 6).")
        Float initRange;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of CPUs).")
        Integer threads;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--eval-every", defaultValue = "0", paramLabel = "N",
                description = "Rank the validation triples (filtered) every N epochs, keep the best model's rows and "
                        + "test and save that one (0: off, the last epoch's model; default: ${DEFAULT-VALUE}).")
        int evalEvery;

        @Option(names = "--patience", defaultValue = "0", paramLabel = "P",
                description = "With --eval-every: stop after P evaluations in a row without a better validation MRR "
                        + "(0: run every epoch; default: ${DEFAULT-VALUE}).")
        int patience;

        @Option(names = "--valid-sample", defaultValue = "0", paramLabel = "S",
                description = "With --eval-every: rank a fixed sample of S validation triples (0: all; default: "
                        + "${DEFAULT-VALUE}).")
        int validSample;

        @Option(names = "--output", required = true, paramLabel = "MODEL",
                description = "The model file: type, dim, names, training triples, vectors (for kg eval and kg predict).")
        Path output;

        @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "N",
                description = "Every N epochs, and after the last, write the current model with its training state "
                        + "(optimiser, validation curve, best rows) to MODEL.checkpoint, so a crash loses at most N "
                        + "epochs (0: none; default: ${DEFAULT-VALUE}).")
        int checkpointEvery;

        @Option(names = "--resume", paramLabel = "CHECKPOINT",
                description = "Go on from a checkpoint of the same dataset, model and dim: its rows and optimiser "
                        + "state, its epochs counted in --epochs (the total). With the same flags and one thread "
                        + "the result is the uninterrupted run's, bit for bit.")
        Path resume;

        @Option(names = "--vectors-output", paramLabel = "FILE", description = "Also write the entity vectors "
                + "(word2vec text).")
        Path vectorsOutput;

        @Option(names = "--relations-output", paramLabel = "FILE",
                description = "With --vectors-output: the relation vectors (default: FILE.relations.txt).")
        Path relationsOutput;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the run's figures as JSON.")
        Path metricsOut;

        @Override
        public Integer call() throws IOException {
            if (dim < 1) {
                throw new InvalidInputException("--dim must be at least 1, got " + dim);
            }
            int threadCount = AnnCommand.threadCount(threads);
            boolean filtered = sampler.endsWith("filtered");
            boolean useGenerator = sampler.startsWith("generator");
            Corruption corruption = switch (sampler) {
                case "uniform", "filtered", "generator", "generator+filtered" -> Corruption.UNIFORM;
                case "bernoulli", "bernoulli+filtered" -> Corruption.BERNOULLI;
                default -> throw new InvalidInputException("unknown --sampler '" + sampler
                        + "' (uniform, bernoulli, filtered, bernoulli+filtered, generator or generator+filtered)");
            };
            if (useGenerator && sharedNegatives) {
                throw new InvalidInputException("--sampler generator proposes negatives per positive: not with "
                        + "--shared-negatives");
            }
            if (useGenerator && (generatorDim < 1 || generatorCandidates < 1 || generatorPretrainEpochs < 0
                    || !(generatorRate > 0) || Float.isInfinite(generatorRate))) {
                throw new InvalidInputException("--generator-dim and --generator-candidates must be >= 1, "
                        + "--generator-pretrain-epochs >= 0, --generator-learning-rate a positive number");
            }
            if (useGenerator && !KgModels.NAMES.contains(generatorModel)) {
                throw new InvalidInputException("unknown --generator-model '" + generatorModel + "' ("
                        + String.join(", ", KgModels.NAMES) + ")");
            }
            if (!KgModels.NAMES.contains(model)) {
                throw new InvalidInputException("unknown --model '" + model + "' (" + String.join(", ", KgModels.NAMES) + ")");
            }
            boolean bilinear = KgModels.isBilinear(model);
            KgTrainingConfig.Loss lossKind = switch (loss) {
                case "self-adversarial" -> KgTrainingConfig.Loss.SELF_ADVERSARIAL;
                case "margin" -> KgTrainingConfig.Loss.MARGIN;
                case "logistic" -> KgTrainingConfig.Loss.LOGISTIC;
                default -> throw new InvalidInputException("unknown --loss '" + loss
                        + "' (self-adversarial, margin or logistic)");
            };
            KgTrainingConfig.Optimizer optimizerKind = switch (optimizer) {
                case "adagrad" -> KgTrainingConfig.Optimizer.ADAGRAD;
                case "adam" -> KgTrainingConfig.Optimizer.ADAM;
                default -> throw new InvalidInputException("unknown --optimizer '" + optimizer + "' (adagrad or adam)");
            };
            Regularization regularizationKind = switch (regularization) {
                case "none" -> Regularization.NONE;
                case "l2" -> Regularization.L2;
                case "n3" -> Regularization.N3;
                default -> throw new InvalidInputException("unknown --regularization '" + regularization
                        + "' (none, l2 or n3)");
            };
            if (sharedNegatives && chunkSize < 1) {
                throw new InvalidInputException("--chunk-size must be at least 1, got " + chunkSize);
            }
            // A bilinear model's scores need no offset; a margin-ranking loss still needs a gap to enforce.
            float gamma = margin != null ? margin
                    : !bilinear ? 6f : lossKind == KgTrainingConfig.Loss.MARGIN ? 1f : 0f;
            float rate = learningRate != null ? learningRate
                    : optimizerKind == KgTrainingConfig.Optimizer.ADAM ? 0.001f : bilinear ? 0.05f : 0.1f;
            float range = initRange != null ? initRange : 8f / dim;
            if (!(range > 0) || Float.isInfinite(range)) {
                throw new InvalidInputException("--init-range must be a positive number, got " + range);
            }
            KgTrainingConfig config = new KgTrainingConfig(epochs, negatives, rate, gamma, temperature, corruption,
                    filtered, threadCount, seed, lossKind, optimizerKind, regularizationKind, regWeight,
                    sharedNegatives ? chunkSize : 0, frequencyWeights, RateSteps.parse(learningRateAfter));
            if (evalEvery < 0 || patience < 0 || validSample < 0) {
                throw new InvalidInputException("--eval-every, --patience and --valid-sample must be >= 0");
            }
            if (patience > 0 && evalEvery == 0) {
                throw new InvalidInputException("--patience needs --eval-every");
            }
            if (checkpointEvery < 0) {
                throw new InvalidInputException("--checkpoint-every must be >= 0, got " + checkpointEvery);
            }
            if (useGenerator && (checkpointEvery > 0 || resume != null)) {
                throw new InvalidInputException("checkpoints do not hold the KBGAN generator: --checkpoint-every and "
                        + "--resume are not for --sampler generator");
            }
            Path checkpointFile = Path.of(output + ".checkpoint");
            if (relationsOutput != null && vectorsOutput == null) {
                throw new InvalidInputException("--relations-output needs --vectors-output");
            }
            Path relationsFile = vectorsOutput == null ? null
                    : relationsOutput != null ? relationsOutput : Path.of(vectorsOutput + ".relations.txt");
            AnnCommand.requireWritable(output, "--output");
            if (checkpointEvery > 0) {
                AnnCommand.requireWritable(checkpointFile, "--checkpoint-every's MODEL.checkpoint");
            }
            if (vectorsOutput != null) {
                AnnCommand.requireWritable(vectorsOutput, "--vectors-output");
                AnnCommand.requireWritable(relationsFile, "--relations-output");
            }
            if (metricsOut != null) {
                AnnCommand.requireWritable(metricsOut, "--metrics-out");
            }
            PrintWriter out = spec.commandLine().getOut();
            boolean allEntities = switch (entities) {
                case "train" -> false;
                case "all" -> true;
                default -> throw new InvalidInputException("unknown --entities '" + entities + "' (train or all)");
            };
            long readStart = System.nanoTime();
            KnowledgeGraph g = KnowledgeGraph.read(dataset, allEntities);
            out.printf(Locale.ROOT, "read %,d entities, %,d relations; %,d train, %,d valid, %,d test triples in %.1f s%n",
                    g.entityCount(), g.relationCount(), g.train().size(), g.valid().size(), g.test().size(),
                    (System.nanoTime() - readStart) / 1e9);
            if (g.entityCount() > g.trainEntityCount()) {
                out.printf(Locale.ROOT, "%,d entities occur only in valid or test: their triples are ranked%n",
                        g.entityCount() - g.trainEntityCount());
            }
            if (g.unknownValid() + g.unknownTest() > 0) {
                out.printf(Locale.ROOT, "left out %,d valid and %,d test triples naming an entity or relation "
                        + "training lacks%n", g.unknownValid(), g.unknownTest());
            }
            KgModelFile.Loaded checkpoint = resume == null ? null : resumable(KgModelFile.read(resume), g);
            KgModel m = checkpoint != null ? checkpoint.model()
                    : KgModels.create(model, g.entityCount(), g.relationCount(), dim, range, seed);
            // Corruptions are filtered by training triples only: valid and test are what we measure.
            KnownTriples training = new KnownTriples(g.entityCount(), g.relationCount(), g.train());
            KnownTriples all = new KnownTriples(g.entityCount(), g.relationCount(), g.train(), g.valid(), g.test());
            EarlyStopping stopping = evalEvery == 0 ? null : new EarlyStopping(m,
                    validSample == 0 ? g.valid() : g.valid().sample(validSample, seed), all, threadCount, evalEvery,
                    patience);
            AdversarialGenerator generator = null;
            if (useGenerator) {
                float generatorRange = 8f / generatorDim;
                generator = new AdversarialGenerator(KgModels.create(generatorModel, g.entityCount(), g.relationCount(),
                        generatorDim, generatorRange, seed + 7), generatorCandidates, generatorRate, 0.99f);
                if (generatorPretrainEpochs > 0) {
                    boolean generatorBilinear = KgModels.isBilinear(generatorModel);
                    KgTrainer.Report pre = generator.pretrain(g.train(), training, new KgTrainingConfig(
                            generatorPretrainEpochs, negatives, generatorRate, generatorBilinear ? 0f : 6f, 1f,
                            Corruption.UNIFORM, false, threadCount, seed + 7));
                    out.printf(Locale.ROOT, "pretrained the %s generator (dim %d) for %d epochs in %.1f s (loss %.4f)%n",
                            generatorModel, generatorDim, pre.epochs(), pre.seconds(), pre.lastEpochLoss());
                }
            }
            KgTrainer trainer = new KgTrainer(m, g.train(), training, config, generator);
            int epochsDone = 0;
            if (checkpoint != null) {
                int[] done = new int[1];
                KgModelFile.readTrainingState(resume, checkpoint, in -> {
                    done[0] = in.readInt();
                    trainer.readState(in);
                    if (in.readBoolean()) {
                        if (stopping == null) {
                            throw new InvalidInputException(resume + " holds a validation curve: resume with "
                                    + "--eval-every, as it was trained");
                        }
                        stopping.readState(in);
                    }
                });
                epochsDone = done[0];
                if (epochsDone >= epochs) {
                    throw new InvalidInputException(resume + " has trained " + epochsDone + " epochs: --epochs (the "
                            + "total) must be more to go on");
                }
                out.printf(Locale.ROOT, "resumed from %s after epoch %d%n", resume, epochsDone);
            }
            for (RateSteps.Step step : config.rateSteps().steps()) {
                out.printf(Locale.ROOT, "learning rate %s from epoch %d%n", step.rate(), step.after() + 1);
            }
            int[] lastCheckpoint = {epochsDone};
            KgModelFile.StateWriter state = o -> {
                o.writeInt(lastCheckpoint[0]);
                trainer.writeState(o);
                o.writeBoolean(stopping != null);
                if (stopping != null) {
                    stopping.writeState(o);
                }
            };
            List<Map<String, Object>> epochLog = new ArrayList<>();
            KgTrainer.Report report = trainer.train(g.train(), epochsDone, (epoch, loss) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("epoch", epoch);
                row.put("loss", loss);
                epochLog.add(row);
                out.printf(Locale.ROOT, "epoch %d: loss %.4f%n", epoch, loss);
                boolean goOn = true;
                if (stopping != null) {
                    goOn = stopping.epochDone(epoch);
                    List<EarlyStopping.Point> curve = stopping.curve();
                    if (!curve.isEmpty() && curve.get(curve.size() - 1).epoch() == epoch) {
                        out.printf(Locale.ROOT, "  valid MRR %.4f (best %.4f at epoch %d)%s%n",
                                curve.get(curve.size() - 1).metrics().mrr(), stopping.best().metrics().mrr(),
                                stopping.best().epoch(), goOn ? "" : ": stopping");
                    }
                }
                if (checkpointEvery > 0 && (epoch % checkpointEvery == 0 || !goOn || epoch == epochs)) {
                    lastCheckpoint[0] = epoch;
                    try {
                        KgModelFile.write(checkpointFile, m, dim, g.entityNames(), g.relationNames(), g.train(), state);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write the checkpoint " + checkpointFile, e);
                    }
                    out.printf(Locale.ROOT, "  checkpoint %s%n", checkpointFile);
                }
                out.flush();
                return goOn;
            });
            double triplesPerSecond = (double) g.train().size() * report.epochs() / report.seconds();
            out.printf(Locale.ROOT, "trained %s dim %d in %.1f s, %d epochs (%,.0f triples/s x %d negatives); corruptions: "
                            + "%,d drawn, %,d known triples (%s), %,d dropped%n", m.name(), dim, report.seconds(),
                    report.epochs(), triplesPerSecond, negatives, report.negativesDrawn(), report.knownCorruptions(),
                    filtered ? "redrawn" : "kept", report.droppedNegatives());
            KgTrainer.GeneratorReport gen = report.generator();
            if (gen != null) {
                out.printf(Locale.ROOT, "generator, last epoch: %,d negatives, %.2f%% known triples, mean score %.4f; "
                                + "its uniform candidates: %.2f%% known, mean score %.4f%n", gen.negatives(),
                        100 * gen.knownNegativeShare(), gen.meanNegativeScore(), 100 * gen.knownCandidateShare(),
                        gen.meanCandidateScore());
            }
            if (stopping != null && stopping.best() != null) {
                stopping.restoreBest();
                out.printf(Locale.ROOT, "kept the model of epoch %d (valid MRR %.4f)%n", stopping.best().epoch(),
                        stopping.best().metrics().mrr());
            }

            KgModelFile.write(output, m, dim, g.entityNames(), g.relationNames(), g.train());
            out.printf(Locale.ROOT, "wrote the model to %s%n", output);
            if (vectorsOutput != null) {
                write(vectorsOutput, g.entityNames().toArray(String[]::new), m.entities());
                write(relationsFile, g.relationNames().toArray(String[]::new), m.relations());
                out.printf(Locale.ROOT, "wrote entity vectors to %s, relation vectors to %s%n", vectorsOutput,
                        relationsFile);
            }

            long evalStart = System.nanoTime();
            FilteredRanking.Result r = FilteredRanking.evaluate(m, g.test(), all, threadCount);
            double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
            printRanking(out, "test", r, evalSeconds);

            if (metricsOut != null) {
                Metrics metrics = new Metrics().put("command", "kg train").put("dataset", dataset.toString())
                        .put("entities", g.entityCount()).put("train_entities", g.trainEntityCount()).put("relations", g.relationCount())
                        .put("train_triples", g.train().size()).put("valid_triples", g.valid().size())
                        .put("test_triples", g.test().size()).put("valid_unknown", g.unknownValid())
                        .put("test_unknown", g.unknownTest());
                metrics.section("parameters").put("entities", entities).put("model", m.name()).put("dim", dim).put("negatives", negatives)
                        .put("sampler", sampler).put("loss", loss).put("adversarial_temperature", temperature)
                        .put("margin", gamma).put("optimizer", optimizer).put("regularization", regularization)
                        .put("reg_weight", regWeight).put("shared_negatives_chunk", sharedNegatives ? chunkSize : 0)
                        .put("frequency_weights", frequencyWeights)
                        .put("learning_rate", rate).put("learning_rate_after", config.rateSteps().toString())
                        .put("epochs", epochs).put("init_range", range)
                        .put("eval_every", evalEvery).put("patience", patience).put("valid_sample", validSample)
                        .put("threads", threadCount).put("seed", seed);
                if (useGenerator) {
                    metrics.section("parameters").put("generator_model", generatorModel)
                            .put("generator_dim", generatorDim).put("generator_candidates", generatorCandidates)
                            .put("generator_learning_rate", generatorRate)
                            .put("generator_pretrain_epochs", generatorPretrainEpochs);
                    metrics.section("generator_last_epoch").put("negatives", gen.negatives())
                            .put("known_negatives", gen.knownNegatives())
                            .put("known_negative_share", gen.knownNegativeShare())
                            .put("mean_negative_score", gen.meanNegativeScore())
                            .put("candidates", gen.candidates()).put("known_candidates", gen.knownCandidates())
                            .put("known_candidate_share", gen.knownCandidateShare())
                            .put("mean_candidate_score", gen.meanCandidateScore());
                }
                metrics.put("epochs_run", report.epochs());
                if (checkpoint != null) {
                    metrics.put("resumed_from", resume.toString()).put("resumed_after_epoch", epochsDone);
                }
                if (checkpointEvery > 0) {
                    metrics.put("checkpoint", checkpointFile.toString());
                }
                if (stopping != null) {
                    List<Map<String, Object>> curve = new ArrayList<>();
                    for (EarlyStopping.Point p : stopping.curve()) {
                        Map<String, Object> point = new LinkedHashMap<>();
                        point.put("epoch", p.epoch());
                        point.put("mrr", p.metrics().mrr());
                        point.put("hits_at_10", p.metrics().hits10());
                        curve.add(point);
                    }
                    metrics.put("validation_curve", curve);
                    if (stopping.best() != null) {
                        metrics.put("valid_triples_ranked", stopping.best().metrics().queries() / 2)
                                .put("best_epoch", stopping.best().epoch())
                                .put("best_valid_mrr", stopping.best().metrics().mrr());
                    }
                }
                metrics.put("train_seconds", report.seconds()).put("triples_per_second", triplesPerSecond)
                        .put("negatives_drawn", report.negativesDrawn())
                        .put("known_corruptions", report.knownCorruptions())
                        .put("dropped_negatives", report.droppedNegatives()).put("epoch_log", epochLog);
                putRanking(metrics, "test", r);
                metrics.put("eval_seconds", evalSeconds);
                metrics.write(metricsOut);
            }
            return 0;
        }

        private static void write(Path file, String[] names, EmbeddingTable table) throws IOException {
            Word2VecFormat.write(new WordVectors(names, table), file, Word2VecFormat.Encoding.TEXT);
        }

        /** {@code loaded} if it is a checkpoint of this run's model on this graph; otherwise a clear error. */
        private KgModelFile.Loaded resumable(KgModelFile.Loaded loaded, KnowledgeGraph g) {
            String what = null;
            if (!loaded.isCheckpoint()) {
                what = "is a model without training state (a checkpoint is written by --checkpoint-every)";
            } else if (!loaded.model().name().equals(model) || loaded.dim() != dim) {
                what = "holds " + loaded.model().name() + " dim " + loaded.dim() + ", this run " + model + " dim " + dim;
            } else if (!loaded.entities().equals(g.entityNames()) || !loaded.relations().equals(g.relationNames())
                    || loaded.train().size() != g.train().size()) {
                what = "was trained on another graph (its entities, relations or training triples differ from "
                        + dataset + " with --entities " + entities + ")";
            }
            if (what != null) {
                throw new InvalidInputException("--resume " + resume + " " + what);
            }
            return loaded;
        }
    }

    static void printRanking(PrintWriter out, String split, FilteredRanking.Result r, double seconds) {
        out.printf(Locale.ROOT, "%s (filtered, both directions, %,d queries): MRR %.4f, MR %.1f, Hits@1 %.4f, "
                        + "Hits@3 %.4f, Hits@10 %.4f; raw MRR %.4f (%.1f s)%n", split, r.filtered().queries(),
                r.filtered().mrr(), r.filtered().meanRank(), r.filtered().hits1(), r.filtered().hits3(),
                r.filtered().hits10(), r.raw().mrr(), seconds);
    }

    static void putRanking(Metrics metrics, String split, FilteredRanking.Result r) {
        put(metrics.section(split + "_filtered"), r.filtered());
        put(metrics.section(split + "_raw"), r.raw());
        put(metrics.section(split + "_filtered_tails"), r.filteredTails());
        put(metrics.section(split + "_filtered_heads"), r.filteredHeads());
    }

    private static void put(Metrics section, FilteredRanking.Metrics m) {
        section.put("mrr", m.mrr()).put("mean_rank", m.meanRank()).put("hits_at_1", m.hits1())
                .put("hits_at_3", m.hits3()).put("hits_at_10", m.hits10()).put("queries", m.queries());
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Rank a split of a dataset with a saved model (kg train --output): every triple as a tail "
                    + "and a head query against all entities, filtered by the dataset's train, valid and test triples. "
                    + "Triples naming an entity or relation the model lacks are left out and counted.")
    static final class Eval implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model file.")
        Path modelFile;

        @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "train.txt, valid.txt, test.txt.")
        Path dataset;

        @Option(names = "--split", defaultValue = "test", paramLabel = "test|valid",
                description = "Which split to rank (default: ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of CPUs).")
        Integer threads;

        @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the figures as JSON.")
        Path metricsOut;

        @Override
        public Integer call() throws IOException {
            if (!split.equals("test") && !split.equals("valid")) {
                throw new InvalidInputException("unknown --split '" + split + "' (test or valid)");
            }
            int threadCount = AnnCommand.threadCount(threads);
            if (metricsOut != null) {
                AnnCommand.requireWritable(metricsOut, "--metrics-out");
            }
            PrintWriter out = spec.commandLine().getOut();
            KgModelFile.Loaded loaded = KgModelFile.read(modelFile);
            KgModel m = loaded.model();
            KnowledgeGraph g = KnowledgeGraph.read(dataset, loaded.entities(), loaded.relations());
            Triples ranked = split.equals("test") ? g.test() : g.valid();
            int unknown = split.equals("test") ? g.unknownTest() : g.unknownValid();
            out.printf(Locale.ROOT, "model %s dim %d: %,d entities, %,d relations; %,d %s triples", m.name(), loaded.dim(),
                    g.entityCount(), g.relationCount(), ranked.size(), split);
            out.printf(Locale.ROOT, unknown > 0 ? ", %,d left out (an entity or relation the model lacks)%n" : "%n",
                    unknown);
            KnownTriples all = new KnownTriples(g.entityCount(), g.relationCount(), g.train(), g.valid(), g.test());
            long start = System.nanoTime();
            FilteredRanking.Result r = FilteredRanking.evaluate(m, ranked, all, threadCount);
            double seconds = (System.nanoTime() - start) / 1e9;
            printRanking(out, split, r, seconds);
            if (metricsOut != null) {
                Metrics metrics = new Metrics().put("command", "kg eval").put("model_file", modelFile.toString())
                        .put("model", m.name()).put("dim", loaded.dim()).put("dataset", dataset.toString())
                        .put("split", split).put("entities", g.entityCount()).put("relations", g.relationCount())
                        .put(split + "_triples", ranked.size()).put(split + "_unknown", unknown)
                        .put("threads", threadCount);
                putRanking(metrics, split, r);
                metrics.put("eval_seconds", seconds);
                metrics.write(metricsOut);
            }
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The best tails of (HEAD, RELATION, ?) or heads of (?, RELATION, TAIL) by a saved model's "
                    + "scores, with each answer's score and whether it is a known triple (the model's training "
                    + "triples, and the dataset's splits with --dataset).",
                "Output: rank<TAB>entity<TAB>score<TAB>known|new."})
    static final class Predict implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model file.")
        Path modelFile;

        @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
        Given given;

        static final class Given {
            @Option(names = "--head", paramLabel = "ENTITY", description = "Predict tails of (ENTITY, RELATION, ?).")
            String head;

            @Option(names = "--tail", paramLabel = "ENTITY", description = "Predict heads of (?, RELATION, ENTITY).")
            String tail;
        }

        @Option(names = "--relation", required = true, paramLabel = "RELATION", description = "The relation.")
        String relation;

        @Option(names = "--top", defaultValue = "10", paramLabel = "K", description = "Answers (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--exclude-known", description = "Leave out answers that are known triples (the filtered view).")
        boolean excludeKnown;

        @Option(names = "--dataset", paramLabel = "DIR",
                description = "Also mark the triples of this dataset's train, valid and test splits as known.")
        Path dataset;

        @Override
        public Integer call() {
            if (top < 1) {
                throw new InvalidInputException("--top must be at least 1, got " + top);
            }
            PrintWriter out = spec.commandLine().getOut();
            KgModelFile.Loaded loaded = KgModelFile.read(modelFile);
            boolean tails = given.head != null;
            String name = tails ? given.head : given.tail;
            int entity = loaded.entities().indexOf(name);
            if (entity < 0) {
                throw new InvalidInputException("unknown entity '" + name + "': the model has no row for it");
            }
            int r = loaded.relations().indexOf(relation);
            if (r < 0) {
                throw new InvalidInputException("unknown relation '" + relation + "' (the model has "
                        + loaded.relations().size() + ")");
            }
            int entityCount = loaded.entities().size();
            int relationCount = loaded.relations().size();
            KnownTriples known;
            if (dataset != null) {
                KnowledgeGraph g = KnowledgeGraph.read(dataset, loaded.entities(), loaded.relations());
                known = new KnownTriples(entityCount, relationCount, loaded.train(), g.train(), g.valid(), g.test());
            } else {
                known = new KnownTriples(entityCount, relationCount, loaded.train());
            }
            List<LinkPrediction.Answer> answers = LinkPrediction.top(loaded.model(), known, entity, r, tails, top,
                    excludeKnown);
            int rank = 0;
            for (LinkPrediction.Answer a : answers) {
                out.printf(Locale.ROOT, "%d\t%s\t%.4f\t%s%n", ++rank, loaded.entities().get(a.entity()), a.score(),
                        a.known() ? "known" : "new");
            }
            return 0;
        }
    }
}
