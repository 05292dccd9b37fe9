package org.thymus.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;

class InputFilesTest {
    @TempDir
    Path dir;

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void partsStartAtLineStartsAndTogetherAreTheWholeFile() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            text.append("line ").append(i).append(" ").append("x".repeat(i % 7)).append('\n');
        }
        text.append("last line without a newline");
        Path file = Files.writeString(dir.resolve("c.txt"), text);
        for (int parts = 1; parts <= 6; parts++) {
            long[] bounds = InputFiles.lineAlignedParts(file, parts, "corpus");
            assertEquals(parts + 1, bounds.length);
            assertEquals(0, bounds[0]);
            assertEquals(Files.size(file), bounds[parts]);
            StringBuilder joined = new StringBuilder();
            for (int k = 0; k < parts; k++) {
                String part = read(InputFiles.openRange(file, bounds[k], bounds[k + 1], "corpus"));
                if (k > 0) {
                    assertEquals('\n', text.charAt((int) bounds[k] - 1), "part " + k + " starts a line");
                }
                assertTrue(part.length() > 0, "50 lines: no part is empty with " + parts + " parts");
                joined.append(part);
            }
            assertEquals(text.toString(), joined.toString());
        }
    }

    @Test
    void moreReadersThanLinesLeaveEmptyPartsAndGzipIsNotSplit() throws IOException {
        Path one = Files.writeString(dir.resolve("one.txt"), "a single line\n");
        long[] bounds = InputFiles.lineAlignedParts(one, 4, "corpus");
        assertArrayEquals(new long[] {0, 14, 14, 14, 14}, bounds);
        Path gz = dir.resolve("c.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a b\nc d\n".getBytes(StandardCharsets.UTF_8));
        }
        assertNull(InputFiles.lineAlignedParts(gz, 2, "corpus"), "a gzip stream cannot be entered in the middle");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> InputFiles.lineAlignedParts(dir.resolve("missing.txt"), 2, "--input corpus"));
        assertTrue(e.getMessage().contains("--input corpus does not exist"), e.getMessage());
    }
}
