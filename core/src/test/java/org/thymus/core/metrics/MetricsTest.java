package org.thymus.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {

    private static String json(Object value) {
        StringBuilder out = new StringBuilder();
        Metrics.JsonWriter.writeValue(value, out, 0);
        return out.toString();
    }

    @Test
    void escapesStrings() {
        assertEquals("\"plain café 日本\"", json("plain café 日本"));
        assertEquals("\"q\\\"b\\\\s/\"", json("q\"b\\s/"));
        assertEquals("\"\\n\\r\\t\\b\\f\\u0000\\u001f\\u2028\\u2029\"", json("\n\r\t\b\f\u0000\u001f\u2028\u2029"));
        assertEquals("\"\uD83D\uDE00\"", json("\uD83D\uDE00"), "a surrogate pair stays as it is");
        assertEquals("\"\\ud83d x \\ude00\"", json("\uD83D x \uDE00"), "lone surrogates are escaped");
    }

    @Test
    void writesNumbersAndNonFiniteAsNull() {
        assertEquals("[1, -2, 3, 0.25, 1.0E-5, 2.5, null, null, null, true, null, 12345678901234567890]",
                json(new Object[] {1, -2L, (short) 3, 0.25f, 1e-5, new BigDecimal("2.5"),
                    Double.NaN, Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, true,
                    null, new BigInteger("12345678901234567890")}));
    }

    @Test
    void prettyPrintsNestedFiguresInOrder() {
        Metrics metrics = new Metrics()
                .put("zeta", "first")
                .put("alpha", 0.5)
                .put("sections", List.of(Map.of("name", "a"), new Metrics().put("name", "b")))
                .put("losses", new double[] {1.5, 0.75})
                .put("empty", Map.of())
                .put("none", List.of());
        metrics.section("timing").put("wall_seconds", 2.0);
        metrics.put("zeta", "replaced");
        assertEquals("""
                {
                  "zeta": "replaced",
                  "alpha": 0.5,
                  "sections": [
                    {
                      "name": "a"
                    },
                    {
                      "name": "b"
                    }
                  ],
                  "losses": [1.5, 0.75],
                  "empty": {},
                  "none": [],
                  "timing": {
                    "wall_seconds": 2.0
                  }
                }
                """, metrics.toJson());
    }

    @Test
    void sectionReturnsTheSameNestedFigures() {
        Metrics metrics = new Metrics();
        assertSame(metrics.section("a"), metrics.section("a"));
        assertEquals(List.of("a"), List.copyOf(metrics.asMap().keySet()));
    }

    @Test
    void escapesKeys() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a\"b", 1);
        assertEquals("{\n  \"a\\\"b\": 1\n}", json(map));
    }

    @Test
    void rejectsValuesJsonCannotHold() {
        Metrics metrics = new Metrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.put("thread", Thread.currentThread()));
        assertThrows(IllegalArgumentException.class, () -> metrics.put("nested", List.of(new Object())));
        assertThrows(IllegalArgumentException.class, () -> metrics.put("keys", Map.of(1, 2)));
        assertEquals(0, metrics.asMap().size());
    }

    @Test
    void writesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.json");
        new Metrics().put("accuracy", 0.75).put("word", "naïve").write(file);
        assertEquals("{\n  \"accuracy\": 0.75,\n  \"word\": \"naïve\"\n}\n", Files.readString(file));
    }
}
