package org.thymus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import org.thymus.core.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code thymus} command. */
@Command(name = "thymus", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Embeddings learned by contrast, with negative sampling.",
        subcommands = {
            CommandLine.HelpCommand.class,
            Word2VecCommand.class,
            EvalCommand.class, NeighborsCommand.class,
            AnnCommand.class, MineCommand.class,
            PoincareCommand.class, GraphCommand.class, KgCommand.class, RecsysCommand.class,
            TwoTowerCommand.class, RetrieveCommand.class,
            DemoCommand.class,
            BenchCommand.class,
        })
public final class Main implements Runnable {
    /** Exit code for bad input: a missing file, a malformed vector file, an absurd flag. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String message = describe(ex);
            if (message == null) {
                throw ex;
            }
            commandLine.getErr().println("thymus: " + message);
            return EXIT_BAD_INPUT;
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("thymus: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_BAD_INPUT;
        });
        return cli.execute(args);
    }

    /** One line for a user-caused failure, or null for a bug (which keeps its stack trace). */
    static String describe(Throwable ex) {
        if (ex instanceof InvalidInputException) {
            return ex.getMessage();
        }
        if (ex instanceof UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (ex instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (ex instanceof AccessDeniedException e) {
            return "cannot read or write (permission denied): " + e.getFile();
        }
        if (ex instanceof IOException e) {
            return "I/O error: " + e.getMessage();
        }
        return null;
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"thymus " + (v == null ? "(development build)" : v)};
        }
    }
}
