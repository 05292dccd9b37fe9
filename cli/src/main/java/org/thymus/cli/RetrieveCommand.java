package org.thymus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.thymus.core.InvalidInputException;
import org.thymus.core.ann.ExactSearch;
import org.thymus.core.ann.Neighbors;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.retrieval.TwoTowerModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thymus retrieve}: the best items of a two-tower model's corpus for a query. */
@Command(name = "retrieve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Encode each --query with a two-tower model's query tower and print the --top items of its corpus "
                + "by the model's score (exact search): rank, score, item features.",
            "Query features the model never saw are left out and counted; a query with none is an error."})
final class RetrieveCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model from twotower train.")
    Path modelFile;

    @Option(names = "--query", required = true, paramLabel = "FEATURES",
            description = "Query features, space-separated, as on the query side of the training file (repeatable).")
    List<String> queries;

    @Option(names = "--top", defaultValue = "10", paramLabel = "K", description = "Items a query (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws IOException {
        if (top < 1) {
            throw new InvalidInputException("--top must be at least 1, got " + top);
        }
        TwoTowerModel model = TwoTowerModel.load(modelFile);
        EmbeddingTable items = model.itemVectors(1);
        EmbeddingTable query = new EmbeddingTable(1, model.dim());
        float[] q = new float[model.dim()];
        PrintWriter out = spec.commandLine().getOut();
        for (String text : queries) {
            int known = model.queryVector(text, q);
            if (known == 0) {
                throw new InvalidInputException("--query '" + text + "': the model knows none of its features");
            }
            query.setRow(0, q, 0);
            Neighbors best = ExactSearch.search(items, null, query, null, Math.min(top, items.rows()),
                    model.similarity(), false, 1);
            out.printf(Locale.ROOT, "# %s (%d known features)%n", text, known);
            for (int r = 0; r < best.count(0); r++) {
                out.printf(Locale.ROOT, "%d\t%.4f\t%s%n", r + 1, best.score(0, r), model.items().get(best.id(0, r)));
            }
        }
        return 0;
    }
}
