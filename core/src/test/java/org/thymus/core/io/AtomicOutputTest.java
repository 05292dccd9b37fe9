package org.thymus.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @TempDir
    Path dir;

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void writesANewFileAndReplacesAnOldOne() throws IOException {
        Path target = dir.resolve("out.json");
        AtomicOutput.writeString(target, "first");
        assertEquals("first", Files.readString(target));
        AtomicOutput.write(target, out -> {
            out.write("sec".getBytes(StandardCharsets.UTF_8));
            out.write('o');
            out.write("nd".getBytes(StandardCharsets.UTF_8), 0, 2);
            out.close(); // closing early must not lose the content
        });
        assertEquals("second", Files.readString(target));
        assertEquals(List.of(target), filesInDir(), "no temporary file is left behind");
    }

    @Test
    void failureLeavesTheTargetUntouchedAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        IOException failure = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicOutput.write(target, out -> {
            out.write(new byte[100_000]);
            throw failure;
        }));
        assertSame(failure, thrown);
        RuntimeException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> AtomicOutput.write(target, out -> {
            throw bug;
        })));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), filesInDir());
    }

    @Test
    void aMissingFolderIsAnError() {
        assertThrows(IOException.class, () -> AtomicOutput.writeString(dir.resolve("no/such/out.txt"), "x"));
    }

    @Test
    void outputGetsOrdinaryPermissionsNotTempFilePermissions() throws IOException {
        Path target = dir.resolve("vectors.txt");
        AtomicOutput.writeString(target, "x");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(target));
    }
}
