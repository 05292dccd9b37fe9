package org.thymus.retrieval.falseneg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;

class PronunciationDictionaryTest {
    @TempDir
    Path dir;

    @Test
    void readsSortedWordsWithEachDistinctPronunciation() throws IOException {
        Path tsv = dir.resolve("cmudict.tsv");
        Files.writeString(tsv, "two\tT UW1\nto\tT UW1\nto\tT  AH0\n\nto\tT UW1\nrecord\tR EH1 K ER0 D\nrecord\tR IH0 K AO1 R D\n");
        PronunciationDictionary d = PronunciationDictionary.read(tsv);
        assertEquals(List.of("record", "to", "two"), d.words());
        assertEquals(List.of("T UW1", "T AH0"), d.pronunciations().get(1), "spaces normalised, repeats once");
        assertArrayEquals(new boolean[] {false, true, true}, d.inHomophoneGroup());
        assertEquals(1, d.homophoneGroups());
    }

    @Test
    void droppingStressMergesPronunciationsAndMakesNewHomophones() {
        PronunciationDictionary d = PronunciationDictionary.of(List.of(new String[] {"a", "AH0"}, new String[] {"a", "AH1"},
                new String[] {"uh", "AH1"}, new String[] {"permit", "P ER0 M IH1 T"}, new String[] {"permit", "P ER1 M IH2 T"},
                new String[] {"bee", "B IY1"}));
        PronunciationDictionary plain = d.withoutStress();
        assertEquals(List.of("AH"), plain.pronunciations().get(0));
        assertEquals(List.of("P ER M IH T"), plain.pronunciations().get(2));
        assertEquals(1, d.homophoneGroups(), "a / uh share AH1 only");
        assertEquals(1, plain.homophoneGroups());
        assertTrue(plain.inHomophoneGroup()[3], "uh");
    }

    @Test
    void aMalformedLineNamesTheFileAndLine() throws IOException {
        Path tsv = dir.resolve("bad.tsv");
        Files.writeString(tsv, "to\tT UW1\nno tab here\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PronunciationDictionary.read(tsv));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
