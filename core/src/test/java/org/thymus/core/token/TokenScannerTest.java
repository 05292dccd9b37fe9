package org.thymus.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenScannerTest {

    /** Tokens as "word" or "|word" when the token starts a line. */
    private static List<String> scan(String text, int bufferSize) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> tokens = new ArrayList<>();
        try (TokenScanner scanner = new TokenScanner(new ByteArrayInputStream(bytes), bufferSize)) {
            while (scanner.next()) {
                String word = new String(scanner.buffer(), scanner.start(), scanner.length(), StandardCharsets.UTF_8);
                assertEquals(TokenScanner.hashOf(scanner.buffer(), scanner.start(), scanner.length()), scanner.hash());
                assertEquals(word, new String(bytes, (int) scanner.offset(), scanner.length(), StandardCharsets.UTF_8),
                        "offset points at the token in the stream");
                tokens.add((scanner.startsLine() ? "|" : "") + word);
            }
        }
        return tokens;
    }

    @Test
    void splitsOnAsciiWhitespaceAndMarksLineStarts() throws IOException {
        String text = "the cat\tsat\r\non  the\u000Bmat\n\n\nend \f";
        assertEquals(List.of("|the", "cat", "sat", "|on", "the", "mat", "|end"), scan(text, 1 << 16));
    }

    @Test
    void tokensLongerThanTheBufferAndAcrossRefillsSurviveIntact() throws IOException {
        String longWord = "x".repeat(100);
        String text = "alpha " + longWord + " beta\ngamma délta " + longWord + "y";
        List<String> expected = List.of("|alpha", longWord, "beta", "|gamma", "délta", longWord + "y");
        for (int size : new int[] {16, 17, 31, 64, 1 << 16}) {
            assertEquals(expected, scan(text, size), "buffer " + size);
        }
    }

    @Test
    void emptyAndBlankInputsHaveNoTokens() throws IOException {
        assertEquals(List.of(), scan("", 16));
        assertEquals(List.of(), scan(" \n\t \n", 16));
    }

    @Test
    void utf8ValidatorAcceptsValidAndPointsAtTheFirstBadByte() {
        byte[] good = "naïve 日本 😀".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, Utf8.firstInvalid(good, 0, good.length));
        byte[] bad = {'a', 'b', (byte) 0xC3, 'c'}; // lead byte without continuation
        assertEquals(2, Utf8.firstInvalid(bad, 0, bad.length));
        byte[] overlong = {(byte) 0xC0, (byte) 0xAF};
        assertEquals(0, Utf8.firstInvalid(overlong, 0, 2));
        byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertEquals(0, Utf8.firstInvalid(surrogate, 0, 3));
        byte[] truncated = {'o', 'k', (byte) 0xE6, (byte) 0x97};
        assertEquals(2, Utf8.firstInvalid(truncated, 0, 4));
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9};
        assertEquals(3, Utf8.firstInvalid(latin1, 0, 4));
    }

    @Test
    void symbolTableGivesDenseIdsAndFindsThemFromBytes() {
        SymbolTable table = new SymbolTable(4);
        int n = 5000; // forces several rehashes
        for (int i = 0; i < n; i++) {
            assertEquals(i, table.add("w" + i));
        }
        assertEquals(n, table.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, table.find("w" + i));
            assertEquals("w" + i, table.symbol(i));
        }
        assertEquals(7, table.add("w7"), "adding a present symbol returns its id");
        assertEquals(-1, table.find("absent"));
        byte[] buf = "xx w42 yy".getBytes(StandardCharsets.UTF_8);
        assertEquals(42, table.find(buf, 3, 3, TokenScanner.hashOf(buf, 3, 3)));
        assertTrue(table.find("日本") < 0);
        int id = table.add("日本");
        assertEquals("日本", table.symbol(id));
        assertFalse(table.find("日本") < 0);
    }
}
