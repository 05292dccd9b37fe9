package org.thymus.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;

class HierarchyTest {
    @TempDir
    Path dir;

    @Test
    void readsRelationsSkippingCommentsSelfRelationsAndRepeats() throws IOException {
        Path file = Files.writeString(dir.resolve("r.tsv"),
                "# a comment\ndog\tcanine\n\ndog\tmammal\ncanine\tmammal\ndog\tdog\ndog\tcanine\ncat mammal\n");
        Hierarchy h = Hierarchy.read(file);
        assertEquals(4, h.relationCount());
        assertEquals(4, h.nodeCount());
        assertEquals(1, h.selfRelationsSkipped());
        assertEquals(1, h.duplicatesSkipped());
        int dog = h.node("dog");
        int mammal = h.node("mammal");
        assertEquals(2, h.outDegree(dog));
        assertEquals(0, h.outDegree(mammal));
        assertTrue(h.isRelated(dog, mammal));
        assertFalse(h.isRelated(mammal, dog), "relations are ordered");
        assertEquals(3, h.occurrences()[mammal]);
        int[] targets = Arrays.copyOfRange(h.relatedArray(), h.relatedStart(dog), h.relatedEnd(dog));
        int[] sorted = targets.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, targets);
        assertEquals(-1, h.node("wolf"));
    }

    @Test
    void readsGzip() throws IOException {
        Path file = dir.resolve("r.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a\tb\nb\tc\na\tc\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(3, Hierarchy.read(file).relationCount());
    }

    @Test
    void malformedLinesAndEmptyFilesAreClearErrors() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.tsv"), "a\tb\na\tb\tc\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Hierarchy.read(bad));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.tsv"), "# nothing\n\n");
        assertThrows(InvalidInputException.class, () -> Hierarchy.read(empty));
        Path selfOnly = Files.writeString(dir.resolve("self.tsv"), "a\ta\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> Hierarchy.read(selfOnly)).getMessage()
                .contains("self"));
    }

    @Test
    void basicRelationsAreTheParentEdges() {
        Hierarchy h = Trees.closure(2, 3); // 15 nodes; each node has `depth` ancestors
        boolean[] basic = h.basicRelations();
        int parents = 0;
        for (int r = 0; r < h.relationCount(); r++) {
            String child = h.name(h.from(r));
            String ancestor = h.name(h.to(r));
            boolean isParent = child.substring(0, child.lastIndexOf('.')).equals(ancestor);
            assertEquals(isParent, basic[r], child + " -> " + ancestor);
            parents += basic[r] ? 1 : 0;
        }
        assertEquals(14, parents);
        assertEquals(2 * 1 + 4 * 2 + 8 * 3, h.relationCount());
    }
}
