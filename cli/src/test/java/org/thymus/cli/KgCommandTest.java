package org.thymus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KgCommandTest {
    private static final Path NATIONS = Path.of("../../shared/data/kg/small/nations");

    @TempDir
    Path dir;

    private static double testMrr(String out) {
        Matcher m = Pattern.compile("test \\(filtered.*?MRR ([0-9.]+)").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void trainsNationsAndWritesModelVectorsAndMetrics() throws IOException {
        Path model = dir.resolve("nations.model");
        Path vectors = dir.resolve("e.txt");
        Path metrics = dir.resolve("m.json");
        CliRun run = CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--model", "distmult", "--dim", "32",
                "--negatives", "16", "--epochs", "30", "--sampler", "bernoulli", "--threads", "1",
                "--output", model.toString(), "--vectors-output", vectors.toString(), "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        // Untrained about 0.38 on 14 entities; 30 epochs measured 0.74.
        double trained = testMrr(run.out());
        assertTrue(trained > 0.6, run.out());
        assertEquals("14 32", Files.readAllLines(vectors).get(0));
        assertEquals("55 32", Files.readAllLines(Path.of(vectors + ".relations.txt")).get(0));
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"test_filtered\"") && json.contains("\"hits_at_10\""), json);

        // The saved model ranks the test split exactly as the training run did.
        Path evalMetrics = dir.resolve("eval.json");
        CliRun eval = CliRun.of("kg", "eval", "--model", model.toString(), "--dataset", NATIONS.toString(),
                "--threads", "1", "--metrics-out", evalMetrics.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertEquals(trained, testMrr(eval.out()), 0.0, eval.out());
        assertTrue(Files.readString(evalMetrics).contains("\"command\": \"kg eval\""), Files.readString(evalMetrics));
        CliRun valid = CliRun.of("kg", "eval", "--model", model.toString(), "--dataset", NATIONS.toString(),
                "--split", "valid");
        assertEquals(0, valid.exitCode(), valid.err());
        assertTrue(valid.out().contains("valid (filtered"), valid.out());
    }

    @Test
    void predictNamesTheBestTailsAndHeadsAndMarksKnownTriples() throws IOException {
        Path model = dir.resolve("n.model");
        assertEquals(0, CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--model", "complex", "--dim", "16",
                "--epochs", "20", "--threads", "1", "--output", model.toString()).exitCode());
        String[] first = Files.readAllLines(NATIONS.resolve("train.txt")).get(0).split("\t");
        CliRun tails = CliRun.of("kg", "predict", "--model", model.toString(), "--head", first[0], "--relation", first[1],
                "--top", "14");
        assertEquals(0, tails.exitCode(), tails.err());
        List<String> lines = tails.out().strip().lines().toList();
        assertEquals(14, lines.size(), tails.out());
        double previous = Double.POSITIVE_INFINITY;
        boolean trainTailMarked = false;
        for (String line : lines) {
            String[] f = line.split("\t");
            double score = Double.parseDouble(f[2]);
            assertTrue(score <= previous, "best first: " + tails.out());
            previous = score;
            trainTailMarked |= f[1].equals(first[2]) && f[3].equals("known");
        }
        assertTrue(trainTailMarked, tails.out());
        CliRun unknownOnly = CliRun.of("kg", "predict", "--model", model.toString(), "--tail", first[2], "--relation",
                first[1], "--top", "14", "--exclude-known", "--dataset", NATIONS.toString());
        assertEquals(0, unknownOnly.exitCode(), unknownOnly.err());
        assertTrue(!unknownOnly.out().contains("known") && !unknownOnly.out().contains("\t" + first[0] + "\t"),
                unknownOnly.out());

        CliRun badEntity = CliRun.of("kg", "predict", "--model", model.toString(), "--head", "atlantis", "--relation",
                first[1]);
        assertEquals(2, badEntity.exitCode());
        assertTrue(badEntity.err().contains("atlantis"), badEntity.err());
        CliRun both = CliRun.of("kg", "predict", "--model", model.toString(), "--head", first[0], "--tail", first[2],
                "--relation", first[1]);
        assertEquals(2, both.exitCode());
        CliRun notAModel = CliRun.of("kg", "eval", "--model", NATIONS.resolve("train.txt").toString(), "--dataset",
                NATIONS.toString());
        assertEquals(2, notAModel.exitCode());
        assertTrue(notAModel.err().contains("not a knowledge-graph model file"), notAModel.err());
    }

    @Test
    void earlyStoppingRecordsTheValidationCurveAndKeepsTheBest() throws IOException {
        Path metrics = dir.resolve("m.json");
        CliRun run = CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--model", "distmult", "--dim", "16",
                "--epochs", "12", "--eval-every", "3", "--patience", "2", "--valid-sample", "100", "--threads", "1",
                "--output", dir.resolve("m.model").toString(), "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("kept the model of epoch"), run.out());
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"validation_curve\"") && json.contains("\"best_epoch\"")
                && json.contains("\"valid_triples_ranked\": 100"), json);
        CliRun noEval = CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--patience", "2",
                "--output", dir.resolve("x.model").toString());
        assertEquals(2, noEval.exitCode());
        assertTrue(noEval.err().contains("--eval-every"), noEval.err());
    }

    /**
     * Three epochs, then three more from the checkpoint, end in the very model of six epochs straight:
     * the rows, the optimiser's history and the validation curve (best rows included) carry over.
     */
    @Test
    void aRunResumedFromItsCheckpointEndsAsTheUninterruptedRunDoes() throws IOException {
        List<String> common = List.of("kg", "train", "--dataset", NATIONS.toString(), "--model", "rotate", "--dim", "16",
                "--negatives", "8", "--eval-every", "2", "--valid-sample", "100", "--threads", "1");
        Path straight = dir.resolve("straight.model");
        CliRun whole = run(common, "--epochs", "6", "--output", straight.toString());
        assertEquals(0, whole.exitCode(), whole.err());

        Path first = dir.resolve("first.model");
        CliRun part = run(common, "--epochs", "3", "--checkpoint-every", "2", "--output", first.toString());
        assertEquals(0, part.exitCode(), part.err());
        Path checkpoint = Path.of(first + ".checkpoint");
        assertTrue(part.out().contains("checkpoint " + checkpoint), part.out());
        Path resumed = dir.resolve("resumed.model");
        Path metrics = dir.resolve("resumed.json");
        CliRun rest = run(common, "--epochs", "6", "--resume", checkpoint.toString(), "--output", resumed.toString(),
                "--metrics-out", metrics.toString());
        assertEquals(0, rest.exitCode(), rest.err());
        assertTrue(rest.out().contains("resumed from " + checkpoint + " after epoch 3"), rest.out());
        assertTrue(!rest.out().contains("epoch 3: loss") && rest.out().contains("epoch 4: loss"), rest.out());
        assertEquals(testMrr(whole.out()), testMrr(rest.out()), 0.0);
        assertEquals(-1, Files.mismatch(straight, resumed), "the same model file, byte for byte");
        assertTrue(Files.readString(metrics).contains("\"resumed_after_epoch\": 3"), Files.readString(metrics));

        // A checkpoint ranks as a model does.
        CliRun eval = CliRun.of("kg", "eval", "--model", checkpoint.toString(), "--dataset", NATIONS.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        // What cannot be resumed says why.
        CliRun plain = run(common, "--epochs", "6", "--resume", straight.toString(), "--output", resumed.toString());
        assertEquals(2, plain.exitCode());
        assertTrue(plain.err().contains("without training state"), plain.err());
        CliRun otherDim = run(List.of("kg", "train", "--dataset", NATIONS.toString(), "--model", "rotate", "--dim", "8"),
                "--epochs", "6", "--resume", checkpoint.toString(), "--output", resumed.toString());
        assertEquals(2, otherDim.exitCode());
        assertTrue(otherDim.err().contains("rotate dim 16, this run rotate dim 8"), otherDim.err());
        CliRun done = run(common, "--epochs", "3", "--resume", checkpoint.toString(), "--output", resumed.toString());
        assertEquals(2, done.exitCode());
        assertTrue(done.err().contains("has trained 3 epochs"), done.err());
        CliRun noCurve = run(List.of("kg", "train", "--dataset", NATIONS.toString(), "--model", "rotate", "--dim", "16"),
                "--epochs", "6", "--resume", checkpoint.toString(), "--output", resumed.toString());
        assertEquals(2, noCurve.exitCode());
        assertTrue(noCurve.err().contains("resume with --eval-every"), noCurve.err());
    }

    /**
     * A rate step inside one run does what a resume at the lower rate did by hand (the FB15k-237
     * recipe): the same model file, byte for byte, and not the model of a constant rate.
     */
    @Test
    void aRateStepInsideTheRunEqualsAResumeAtTheLowerRate() throws IOException {
        List<String> common = List.of("kg", "train", "--dataset", NATIONS.toString(), "--model", "rotate", "--dim", "16",
                "--negatives", "8", "--threads", "1");
        Path first = dir.resolve("first.model");
        CliRun part = run(common, "--epochs", "3", "--learning-rate", "0.1", "--checkpoint-every", "3",
                "--output", first.toString());
        assertEquals(0, part.exitCode(), part.err());
        Path byHand = dir.resolve("by-hand.model");
        CliRun rest = run(common, "--epochs", "5", "--learning-rate", "0.02", "--resume", first + ".checkpoint",
                "--output", byHand.toString());
        assertEquals(0, rest.exitCode(), rest.err());

        Path scheduled = dir.resolve("scheduled.model");
        Path metrics = dir.resolve("scheduled.json");
        CliRun stepped = run(common, "--epochs", "5", "--learning-rate", "0.1", "--learning-rate-after", "3:0.02",
                "--output", scheduled.toString(), "--metrics-out", metrics.toString());
        assertEquals(0, stepped.exitCode(), stepped.err());
        assertTrue(stepped.out().contains("learning rate 0.02 from epoch 4"), stepped.out());
        assertEquals(-1, Files.mismatch(byHand, scheduled), "the same model file, byte for byte");
        assertTrue(Files.readString(metrics).contains("\"learning_rate_after\": \"3:0.02\""), Files.readString(metrics));
        Path constant = dir.resolve("constant.model");
        CliRun flat = run(common, "--epochs", "5", "--learning-rate", "0.1", "--output", constant.toString());
        assertEquals(0, flat.exitCode(), flat.err());
        assertTrue(Files.mismatch(constant, scheduled) >= 0, "the step changed the training");

        CliRun late = run(common, "--epochs", "5", "--learning-rate-after", "5:0.01", "--output", constant.toString());
        assertEquals(2, late.exitCode());
        assertTrue(late.err().contains("never reached"), late.err());
        CliRun malformed = run(common, "--epochs", "5", "--learning-rate-after", "3=0.01", "--output", constant.toString());
        assertEquals(2, malformed.exitCode());
        assertTrue(malformed.err().contains("EPOCHS:RATE"), malformed.err());
    }

    private static CliRun run(List<String> common, String... more) {
        List<String> args = new java.util.ArrayList<>(common);
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void unseenTestEntitiesAreLeftOutOrRankedWithEntitiesAll() throws IOException {
        Files.writeString(dir.resolve("train.txt"), "a\tr\tb\nb\tr\tc\n");
        Files.writeString(dir.resolve("valid.txt"), "a\tr\tb\n");
        Files.writeString(dir.resolve("test.txt"), "a\tr\tz\n");
        Path out = dir.resolve("o.txt");
        CliRun left = CliRun.of("kg", "train", "--dataset", dir.toString(), "--epochs", "1", "--dim", "4",
                "--threads", "1", "--output", out.toString());
        assertEquals(2, left.exitCode());
        assertTrue(left.err().contains("test.txt") && left.err().contains("1 unknown"), left.err());
        CliRun all = CliRun.of("kg", "train", "--dataset", dir.toString(), "--entities", "all", "--epochs", "1",
                "--dim", "4", "--threads", "1", "--output", out.toString());
        assertEquals(0, all.exitCode(), all.err());
        assertTrue(all.out().contains("1 entities occur only in valid or test"), all.out());
        assertTrue(all.out().contains("2 queries"), all.out());
        CliRun bogus = CliRun.of("kg", "train", "--dataset", dir.toString(), "--entities", "some",
                "--output", out.toString());
        assertEquals(2, bogus.exitCode());
        assertTrue(bogus.err().contains("--entities"), bogus.err());
    }

    @Test
    void generatorSamplerTrainsAndReportsItsNegatives() throws IOException {
        Path metrics = dir.resolve("gen.json");
        CliRun run = CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--model", "distmult", "--dim", "16",
                "--negatives", "8", "--epochs", "15", "--sampler", "generator", "--generator-candidates", "16",
                "--generator-pretrain-epochs", "1", "--threads", "1", "--output", dir.resolve("g.model").toString(),
                "--metrics-out", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("pretrained the distmult generator"), run.out());
        assertTrue(run.out().contains("generator, last epoch:"), run.out());
        // Untrained about 0.38 on Nations' 14 entities.
        assertTrue(testMrr(run.out()) > 0.5, run.out());
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"generator_last_epoch\"") && json.contains("\"known_negative_share\""), json);
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws IOException {
        Files.writeString(dir.resolve("train.txt"), "a\tr\tb\n");
        Files.writeString(dir.resolve("valid.txt"), "a\tr\tb\n");
        Files.writeString(dir.resolve("test.txt"), "a\tr\n");
        Path out = dir.resolve("o.txt");
        CliRun malformed = CliRun.of("kg", "train", "--dataset", dir.toString(), "--output", out.toString());
        assertEquals(2, malformed.exitCode());
        assertTrue(malformed.err().contains("test.txt line 1"), malformed.err());
        assertEquals(1, malformed.err().strip().lines().count(), malformed.err());

        CliRun model = CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--model", "holE",
                "--output", out.toString());
        assertEquals(2, model.exitCode());
        assertTrue(model.err().contains("--model"), model.err());
        CliRun sampler = CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--sampler", "gan",
                "--output", out.toString());
        assertEquals(2, sampler.exitCode());
        assertTrue(sampler.err().contains("--sampler"), sampler.err());
        CliRun sharedGenerator = CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--sampler", "generator",
                "--shared-negatives", "--output", out.toString());
        assertEquals(2, sharedGenerator.exitCode());
        assertTrue(sharedGenerator.err().contains("--shared-negatives"), sharedGenerator.err());
        CliRun epochs = CliRun.of("kg", "train", "--dataset", NATIONS.toString(), "--epochs", "0",
                "--output", out.toString());
        assertEquals(2, epochs.exitCode());
        assertTrue(epochs.err().contains("epochs"), epochs.err());
    }
}
