package org.thymus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.Word2VecFormat;
import org.thymus.core.io.Word2VecFormat.Loaded;
import org.thymus.core.metrics.Metrics;

/** Loading a vector file for a command, saying what was read; the {@code --format} of a written one. */
final class VectorFiles {
    private VectorFiles() {
    }

    /** The encoding a {@code --format} value names: bin (binary) or text (txt). */
    static Word2VecFormat.Encoding encoding(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "bin", "binary" -> Word2VecFormat.Encoding.BINARY;
            case "text", "txt" -> Word2VecFormat.Encoding.TEXT;
            default -> throw new InvalidInputException("--format must be bin or text, got " + format);
        };
    }

    /** Reads the first {@code limit} vectors of {@code file} and says so on {@code err} (stdout keeps the results). */
    static Loaded load(Path file, int limit, PrintWriter err) throws IOException {
        long start = System.nanoTime();
        Loaded loaded = Word2VecFormat.load(file, limit);
        err.printf(Locale.ROOT, "read %,d vectors of dim %d (%s) from %s in %.2f s%s%n",
                loaded.vectors().size(), loaded.vectors().dim(), encodingName(loaded), file,
                (System.nanoTime() - start) / 1e9, loaded.duplicatesSkipped() == 0 ? ""
                        : String.format(Locale.ROOT, "; %,d repeated words skipped (the first row kept)",
                                loaded.duplicatesSkipped()));
        return loaded;
    }

    /** Records what was read from {@code file} in {@code metrics}. */
    static void describe(Metrics metrics, Path file, Loaded loaded) {
        metrics.put("vectors", file.toString())
                .put("vectors_read", loaded.vectors().size())
                .put("dim", loaded.vectors().dim())
                .put("vectors_encoding", encodingName(loaded))
                .put("duplicate_words_skipped", loaded.duplicatesSkipped());
    }

    private static String encodingName(Loaded loaded) {
        return loaded.encoding().name().toLowerCase(Locale.ROOT);
    }
}
