package org.thymus.core.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps byte strings (UTF-8 tokens, node names) to dense ids 0, 1, 2, ... in insertion order, with
 * an open-addressing hash table over one byte arena: no object per entry, and lookups straight
 * from a scanner's buffer without building a String.
 */
public final class SymbolTable {
    private byte[] arena = new byte[1 << 16];
    private int arenaUsed;
    private int[] offsets = new int[1024];
    private int[] lengths = new int[1024];
    private int[] hashes = new int[1024];
    private int size;
    private int[] slots; // id + 1, or 0 for empty
    private int mask;

    public SymbolTable() {
        this(1024);
    }

    public SymbolTable(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1;
        slots = new int[capacity];
        mask = capacity - 1;
    }

    public int size() {
        return size;
    }

    /** The id of the symbol, or -1. {@code hash} must be {@link TokenScanner#hashOf} of the bytes. */
    public int find(byte[] bytes, int off, int len, int hash) {
        int slot = mix(hash) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int id = entry - 1;
            if (hashes[id] == hash && lengths[id] == len
                    && Arrays.equals(arena, offsets[id], offsets[id] + len, bytes, off, off + len)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    public int find(String symbol) {
        byte[] b = symbol.getBytes(StandardCharsets.UTF_8);
        return find(b, 0, b.length, TokenScanner.hashOf(b, 0, b.length));
    }

    /** The id of the symbol, adding it with the next id if absent. */
    public int add(byte[] bytes, int off, int len, int hash) {
        int slot = mix(hash) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                break;
            }
            int id = entry - 1;
            if (hashes[id] == hash && lengths[id] == len
                    && Arrays.equals(arena, offsets[id], offsets[id] + len, bytes, off, off + len)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        int id = size++;
        if (id == offsets.length) {
            int n = offsets.length * 2;
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            hashes = Arrays.copyOf(hashes, n);
        }
        if (arenaUsed + len > arena.length) {
            long n = Math.max((long) arena.length * 2, (long) arenaUsed + len);
            if (n > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("symbol table exceeds 2 GB of text");
            }
            arena = Arrays.copyOf(arena, (int) n);
        }
        System.arraycopy(bytes, off, arena, arenaUsed, len);
        offsets[id] = arenaUsed;
        lengths[id] = len;
        hashes[id] = hash;
        arenaUsed += len;
        slots[slot] = id + 1;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return id;
    }

    public int add(String symbol) {
        byte[] b = symbol.getBytes(StandardCharsets.UTF_8);
        return add(b, 0, b.length, TokenScanner.hashOf(b, 0, b.length));
    }

    /** The symbol with this id, decoded from UTF-8. */
    public String symbol(int id) {
        return new String(arena, offsets[id], lengths[id], StandardCharsets.UTF_8);
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            int slot = mix(hashes[id]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }

    private static int mix(int h) {
        // The scanner's polynomial hash has weak low bits for short tokens; spread them.
        return (h * 0x9E3779B9) ^ ((h * 0x9E3779B9) >>> 16);
    }
}
