package org.thymus.core.token;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into whitespace-separated tokens without decoding them: the hot path of
 * reading a corpus is a byte loop and a hash, and a token becomes a String only when it enters a
 * vocabulary. Whitespace is ASCII space, tab, CR, LF, vertical tab and form feed; a line feed also
 * ends a sentence. Works on any stream length with a fixed buffer (grown only for a token longer
 * than the buffer).
 *
 * <p>Pull style: {@link #next()} advances; the token is then {@code buffer()[start() ..
 * start()+length())} with hash {@link #hash()}, valid until the next call.
 */
public final class TokenScanner implements Closeable {
    private static final int DEFAULT_BUFFER = 1 << 16;
    private static final boolean[] SPACE = new boolean[256];

    static {
        for (char c : new char[] {' ', '\t', '\r', '\n', 0x0B, '\f'}) {
            SPACE[c] = true;
        }
    }

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int limit;
    private long consumedBefore; // stream offset of buf[0]
    private boolean eof;
    private int start;
    private int length;
    private int hash;
    private boolean newlineSeen = true; // the start of the input counts as a line start
    private boolean startsLine;

    public TokenScanner(InputStream in) {
        this(in, DEFAULT_BUFFER);
    }

    TokenScanner(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[Math.max(16, bufferSize)];
    }

    /** Advances to the next token; returns false at the end of the stream. */
    public boolean next() throws IOException {
        boolean newline = false;
        // Skip whitespace, noting line ends.
        while (true) {
            if (pos == limit && !refill(pos)) {
                newlineSeen |= newline;
                return false;
            }
            int b = buf[pos] & 0xFF;
            if (!SPACE[b]) {
                break;
            }
            if (b == '\n') {
                newline = true;
            }
            pos++;
        }
        startsLine = newline || newlineSeen;
        newlineSeen = false;
        int tokenStart = pos;
        int h = 0;
        while (true) {
            if (pos == limit) {
                // Keep the partial token: move it to the front and read more.
                boolean more = refill(tokenStart);
                tokenStart = 0; // refill moved the partial token to the front
                if (!more) {
                    break;
                }
                continue;
            }
            int b = buf[pos] & 0xFF;
            if (SPACE[b]) {
                break;
            }
            h = 31 * h + b;
            pos++;
        }
        start = tokenStart;
        length = pos - tokenStart;
        hash = h;
        return true;
    }

    /**
     * Reads more input, keeping {@code buf[keepFrom..limit)} at the front. Returns false when the
     * stream is exhausted and nothing new was read.
     */
    private boolean refill(int keepFrom) throws IOException {
        int kept = limit - keepFrom;
        if (kept > 0 && keepFrom > 0) {
            System.arraycopy(buf, keepFrom, buf, 0, kept);
        }
        consumedBefore += keepFrom;
        if (kept == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        limit = kept;
        pos = kept;
        if (eof) {
            return false;
        }
        int n = in.read(buf, kept, buf.length - kept);
        if (n <= 0) {
            eof = true;
            return false;
        }
        limit = kept + n;
        return true;
    }

    public byte[] buffer() {
        return buf;
    }

    public int start() {
        return start;
    }

    public int length() {
        return length;
    }

    /** The token's hash: {@code h = 31*h + (b & 0xFF)} over its bytes ({@link #hashOf} computes the same). */
    public int hash() {
        return hash;
    }

    /** True when a line feed (or the start of the input) came before this token. */
    public boolean startsLine() {
        return startsLine;
    }

    /** Stream offset of the current token's first byte (for error messages). */
    public long offset() {
        return consumedBefore + start;
    }

    /** The hash {@link #hash()} gives for these bytes. */
    public static int hashOf(byte[] bytes, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + (bytes[i] & 0xFF);
        }
        return h;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
