package org.thymus.core.io;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
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

    /**
     * Splits a plain file into {@code parts} byte ranges that begin at line starts, as word2vec.c,
     * fastText and gensim's corpus_file workers split a corpus between their threads: part k is
     * {@code [bounds[k], bounds[k + 1])}. Null for a gzip file, which cannot be entered in the middle.
     * A part may be empty (a file of fewer lines than parts).
     */
    public static long[] lineAlignedParts(Path path, int parts, String what) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, got " + parts);
        }
        try {
            open(path, what).close(); // the same clear errors as open() for a missing or unreadable file
            if (isGzip(path)) {
                return null;
            }
            long size = Files.size(path);
            long[] bounds = new long[parts + 1];
            bounds[parts] = size;
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
                for (int k = 1; k < parts; k++) {
                    long at = Math.max(bounds[k - 1], size * k / parts);
                    if (at > 0 && at < size) {
                        file.seek(at - 1); // a part starts after a '\n': the byte before the cut decides
                        int c;
                        do {
                            c = file.read();
                        } while (c >= 0 && c != '\n');
                        at = file.getFilePointer();
                    }
                    bounds[k] = Math.min(at, size);
                }
            }
            return bounds;
        } catch (IOException e) {
            throw new InvalidInputException(what + " cannot be read: " + path + " (" + e.getMessage() + ")", e);
        }
    }

    /** The bytes {@code [from, to)} of a plain file, from {@link #lineAlignedParts}. */
    public static InputStream openRange(Path path, long from, long to, String what) {
        try {
            InputStream in = Files.newInputStream(path);
            in.skipNBytes(from);
            return new BufferedInputStream(new FilterInputStream(in) {
                private long left = to - from;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = super.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(buffer, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            }, BUFFER);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " does not exist: " + path);
        } catch (IOException e) {
            throw new InvalidInputException(what + " cannot be read: " + path + " (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isGzip(Path path) throws IOException {
        try (InputStream raw = Files.newInputStream(path)) {
            return raw.read() == 0x1f && raw.read() == 0x8b;
        }
    }
}
