package org.thymus.core.metrics;

import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.thymus.core.io.AtomicOutput;

/**
 * Named figures of one run (accuracies, counts, timings, settings), kept in the order they were
 * put and written as pretty-printed JSON.
 *
 * <p>A value is {@code null}, a {@link Boolean}, a {@link Number}, a {@link CharSequence}, a nested
 * {@code Metrics}, a {@link Map} with string keys, an {@link Iterable}, or an array of any of these
 * or of primitives. A NaN or infinite number is written as {@code null}, since JSON has no such
 * numbers.
 */
public final class Metrics {
    private final Map<String, Object> figures = new LinkedHashMap<>();

    /**
     * Sets {@code name} to {@code value}, replacing any earlier value but keeping its place.
     *
     * @throws IllegalArgumentException if {@code value} (or something inside it) is of a type JSON
     *     cannot hold
     */
    public Metrics put(String name, Object value) {
        requireJsonValue(value);
        figures.put(name, value);
        return this;
    }

    /** The nested figures under {@code name}, created empty (at the end) if absent. */
    public Metrics section(String name) {
        Object existing = figures.get(name);
        if (existing instanceof Metrics nested) {
            return nested;
        }
        Metrics nested = new Metrics();
        figures.put(name, nested);
        return nested;
    }

    /** The value of {@code name}, or null if absent. */
    public Object get(String name) {
        return figures.get(name);
    }

    /** The figures in order, unmodifiable. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(figures);
    }

    /** Pretty-printed JSON, two spaces an indent, ending in a newline. */
    public String toJson() {
        StringBuilder out = new StringBuilder();
        JsonWriter.writeValue(this, out, 0);
        return out.append('\n').toString();
    }

    /** Replaces {@code file} with {@link #toJson()}, atomically. */
    public void write(Path file) throws IOException {
        AtomicOutput.writeString(file, toJson());
    }

    private static void requireJsonValue(Object value) {
        if (value == null || value instanceof Boolean || value instanceof CharSequence || value instanceof Metrics
                || value instanceof Number) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, got " + entry.getKey());
                }
                requireJsonValue(entry.getValue());
            }
        } else if (value instanceof Iterable<?> items) {
            items.forEach(Metrics::requireJsonValue);
        } else if (value instanceof Object[] items) {
            for (Object item : items) {
                requireJsonValue(item);
            }
        } else if (!value.getClass().isArray()) {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    /** Formats the values {@link #requireJsonValue} accepts. */
    static final class JsonWriter {
        private static final String INDENT = "  ";

        private JsonWriter() {
        }

        static void writeValue(Object value, StringBuilder out, int depth) {
            if (value == null || value instanceof Boolean) {
                out.append(value);
            } else if (value instanceof Number number) {
                writeNumber(number, out);
            } else if (value instanceof CharSequence text) {
                writeString(text, out);
            } else if (value instanceof Metrics metrics) {
                writeObject(metrics.figures, out, depth);
            } else if (value instanceof Map<?, ?> map) {
                writeObject(map, out, depth);
            } else if (value instanceof Iterable<?> items) {
                writeArray(items, out, depth);
            } else {
                writeArray(arrayElements(value), out, depth);
            }
        }

        private static Iterable<Object> arrayElements(Object array) {
            int length = Array.getLength(array);
            List<Object> items = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                items.add(Array.get(array, i));
            }
            return items;
        }

        private static void writeNumber(Number number, StringBuilder out) {
            if (number instanceof Integer || number instanceof Long || number instanceof Short
                    || number instanceof Byte || number instanceof BigInteger || number instanceof BigDecimal) {
                out.append(number);
            } else if (number instanceof Float f) {
                out.append(Float.isFinite(f) ? f.toString() : "null");
            } else {
                double d = number.doubleValue();
                out.append(Double.isFinite(d) ? Double.toString(d) : "null");
            }
        }

        private static void writeObject(Map<?, ?> map, StringBuilder out, int depth) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            String separator = "\n";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator);
                out.repeat(INDENT, depth + 1);
                writeString((String) entry.getKey(), out);
                out.append(": ");
                writeValue(entry.getValue(), out, depth + 1);
                separator = ",\n";
            }
            out.append('\n').repeat(INDENT, depth).append('}');
        }

        /** Arrays of plain values stay on one line; arrays holding objects or arrays get a line each. */
        private static void writeArray(Iterable<?> items, StringBuilder out, int depth) {
            boolean flat = true;
            for (Object item : items) {
                flat &= !(item instanceof Map || item instanceof Metrics || item instanceof Iterable
                        || (item != null && item.getClass().isArray()));
            }
            out.append('[');
            String separator = flat ? "" : "\n";
            boolean empty = true;
            for (Object item : items) {
                out.append(separator);
                if (!flat) {
                    out.repeat(INDENT, depth + 1);
                }
                writeValue(item, out, depth + 1);
                separator = flat ? ", " : ",\n";
                empty = false;
            }
            if (!flat && !empty) {
                out.append('\n').repeat(INDENT, depth);
            }
            out.append(']');
        }

        /** A JSON string literal: quotes, backslashes and control characters escaped. */
        static void writeString(CharSequence text, StringBuilder out) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                switch (ch) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        // Control characters must be escaped; U+2028/9 break JavaScript that embeds the
                        // JSON; a lone surrogate has no UTF-8 encoding, but its escape is valid JSON.
                        boolean loneSurrogate = Character.isSurrogate(ch) && !isPairedSurrogate(text, i);
                        if (ch < 0x20 || ch == '\u2028' || ch == '\u2029' || loneSurrogate) {
                            out.append(String.format("\\u%04x", (int) ch));
                        } else {
                            out.append(ch);
                        }
                    }
                }
            }
            out.append('"');
        }

        private static boolean isPairedSurrogate(CharSequence text, int i) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            }
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
    }
}
