package org.thymus.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;

class EdgeListReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void fieldsAreSeparatedBySpacesTabsOrCommasAndCommentsAndBlankLinesAreSkipped() throws IOException {
        Path file = write("g.txt", "# a comment\n  # an indented one\nalice bob\r\n\nbob\tcarol\ncarol,  dave\n"
                + "\t\n dave ,alice\nalice alice\nbob alice\nzoë ✓");
        Graph g = EdgeListReader.read(file, false);
        assertEquals(6, g.nodeCount());
        assertEquals(5, g.edgeCount());
        assertEquals(1, g.selfLoopsSkipped());
        assertEquals(1, g.duplicatesSkipped());
        assertTrue(g.hasEdge(g.node("dave"), g.node("alice")));
        assertTrue(g.hasEdge(g.node("✓"), g.node("zoë")), "a last line without a newline is read");
        assertEquals(-1, g.node("#"));
    }

    @Test
    void readsGzipAndDirectedEdges() throws IOException {
        Path file = dir.resolve("g.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a b\nb a\nb c\n".getBytes(StandardCharsets.UTF_8));
        }
        Graph directed = EdgeListReader.read(file, true);
        assertEquals(3, directed.edgeCount());
        assertEquals(0, directed.duplicatesSkipped());
        Graph undirected = EdgeListReader.read(file, false);
        assertEquals(2, undirected.edgeCount());
        assertEquals(1, undirected.duplicatesSkipped());
    }

    @Test
    void aThirdColumnIsTheWeight() throws IOException {
        Graph g = EdgeListReader.read(write("w.csv", "a,b,2.5\nb,c,1e-3\n"), false);
        assertTrue(g.isWeighted());
        int b = g.node("b");
        assertEquals(2.5f, g.weightArray()[g.neighboursStart(b)]);
        assertEquals(1e-3f, g.weightArray()[g.neighboursStart(b) + 1]);
    }

    @Test
    void aLineLongerThanTheReadBufferIsReadWhole() throws IOException {
        String longName = "n".repeat(200_000);
        Graph g = EdgeListReader.read(write("long.txt", "a b\n" + longName + " a\nb c\n"), false);
        assertEquals(3, g.edgeCount());
        assertEquals(1, g.degree(g.node(longName)));
    }

    private String failure(String text) throws IOException {
        Path file = write("bad.txt", text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EdgeListReader.read(file, false));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void malformedLinesNameTheFileAndTheLine() throws IOException {
        assertTrue(failure("a b\n# c\nlonely\n").contains("line 3: expected 2 fields (u v) or 3 (u v weight), got 1"));
        assertTrue(failure("a b\na b c d\n").contains("line 2: expected 2 fields"));
        assertTrue(failure("a b 1\nb c\n").contains("line 2: 2 fields, but the first edge line has 3"));
        for (String weight : new String[] {"0", "-1", "NaN", "Infinity", "1e60", "heavy"}) {
            String message = failure("a b 1\nb c " + weight + "\n");
            assertTrue(message.contains("line 2: the weight '" + weight + "' is not a finite positive number"), message);
        }
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'a', ' ', (byte) 0xE9, '\n'});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EdgeListReader.read(latin1, false));
        assertTrue(e.getMessage().contains("line 1: node name 2 is not valid UTF-8"), e.getMessage());
    }

    @Test
    void aFileWithoutEdgesIsAnError() throws IOException {
        assertTrue(failure("# nothing\n\n").contains("no edges in"));
        assertTrue(failure("a a\n").contains("(only self-loops u u)"));
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> EdgeListReader.read(dir.resolve("absent.txt"), false));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
