package org.thymus.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code thymus bench}: benchmarks with planted truth that the tool reproduces end to end. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks reproduced end to end by the tool (generated data, every arm, every seed).",
        subcommands = {FalseNegativesCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
