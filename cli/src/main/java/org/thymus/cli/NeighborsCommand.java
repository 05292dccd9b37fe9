package org.thymus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.thymus.core.InvalidInputException;
import org.thymus.core.eval.NearestNeighbors;
import org.thymus.core.eval.NearestNeighbors.Neighbor;
import org.thymus.core.vectors.WordVectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code thymus neighbors}: the nearest words by cosine similarity. */
@Command(name = "neighbors", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the words closest to each WORD by cosine similarity (exact search).")
final class NeighborsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--vectors", required = true, paramLabel = "FILE",
            description = "The word vectors (word2vec text or binary, fastText .vec; gzip allowed).")
    Path vectors;

    @Option(names = "--k", defaultValue = "10", description = "Neighbours per word (default: ${DEFAULT-VALUE}).")
    int k;

    @Parameters(arity = "1..*", paramLabel = "WORD", description = "Words to look up (case matters).")
    List<String> words;

    @Override
    public Integer call() throws IOException {
        if (k < 1) {
            throw new InvalidInputException("--k must be at least 1, got " + k);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WordVectors vectors = VectorFiles.load(this.vectors, Integer.MAX_VALUE, err).vectors();
        NearestNeighbors search = new NearestNeighbors(vectors);
        int known = 0;
        for (String word : words) {
            if (!vectors.contains(word)) {
                err.println("thymus: '" + word + "' is not in " + this.vectors);
                continue;
            }
            known++;
            out.println(word);
            List<Neighbor> nearest = search.nearest(word, k);
            int width = nearest.stream().mapToInt(n -> n.word().length()).max().orElse(0);
            for (int rank = 0; rank < nearest.size(); rank++) {
                Neighbor neighbor = nearest.get(rank);
                out.printf(Locale.ROOT, "%4d  %-" + width + "s  %7.4f%n", rank + 1, neighbor.word(),
                        neighbor.similarity());
            }
        }
        return known > 0 ? 0 : Main.EXIT_BAD_INPUT;
    }
}
