package org.thymus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.io.Word2VecFormat;

class NeighborsCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheNearestWordsAndSkipsUnknownOnes() throws IOException {
        Path vectors = Files.writeString(dir.resolve("v.txt"), EvalCommandTest.royalVectors());
        CliRun run = CliRun.of("neighbors", "--vectors", vectors.toString(), "--k", "2", "king", "unicorn", "prince");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("king", "   1  prince   0.9975", "   2  man      0.5000",
                "prince", "   1  king   0.9975", "   2  man    0.5486"), run.out().lines().toList());
        assertTrue(run.err().contains("thymus: 'unicorn' is not in " + vectors), run.err());
    }

    @Test
    void noKnownWordIsExitTwo() throws IOException {
        Path vectors = Files.writeString(dir.resolve("v.txt"), EvalCommandTest.royalVectors());
        CliRun run = CliRun.of("neighbors", "--vectors", vectors.toString(), "unicorn");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
    }

    @Test
    void binaryVectorsAndABadKAreHandled() throws IOException {
        Path text = Files.writeString(dir.resolve("v.txt"), EvalCommandTest.royalVectors());
        Path binary = dir.resolve("v.bin");
        Word2VecFormat.write(Word2VecFormat.read(text), binary, Word2VecFormat.Encoding.BINARY);
        CliRun run = CliRun.of("neighbors", "--vectors", binary.toString(), "--k", "1", "woman");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("(binary)"), run.err());
        assertEquals(2, CliRun.of("neighbors", "--vectors", binary.toString(), "--k", "0", "woman").exitCode());
    }
}
