package org.thymus.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.thymus.core.InvalidInputException;

/** Opens input files for streaming, decompressing gzip transparently (detected by its magic bytes). */
public final class InputFiles {
    private static final int BUFFER = 1 << 16;

    private InputFiles() {
    }

    /**
     * Opens {@code path} for reading; a gzip file (any name) is decompressed on the fly. A missing,
     * unreadable or directory path is an {@link InvalidInputException} that names it and
     * {@code what} it was meant to be (e.g. "--input corpus").
     */
    public static InputStream open(Path path, String what) {
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(what + " is a directory, not a file: " + path);
        }
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(path), BUFFER);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
            }
            return raw;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " does not exist: " + path);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(what + " cannot be read (permission denied): " + path);
        } catch (IOException e) {
            throw new InvalidInputException(what + " cannot be read: " + path + " (" + e.getMessage() + ")", e);
        }
    }
}
