package org.thymus.core.ann;

import java.util.Arrays;

/**
 * A binary min-heap of {@code long}s that grows as needed and is reused across searches (clear is
 * O(1)). Holding {@link ScoredIds} it keeps the worst entry at the root; holding their complements
 * ({@code ~packed}) it is a max-heap that pops the best entry first.
 */
final class LongHeap {
    private long[] heap;
    private int size;

    LongHeap(int initialCapacity) {
        heap = new long[Math.max(1, initialCapacity)];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** The smallest entry; undefined when empty. */
    long peek() {
        return heap[0];
    }

    void push(long value) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        long[] h = heap;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long p = h[parent];
            if (p <= value) {
                break;
            }
            h[i] = p;
            i = parent;
        }
        h[i] = value;
    }

    /** Removes and returns the smallest entry. */
    long pop() {
        long[] h = heap;
        long top = h[0];
        long last = h[--size];
        if (size > 0) {
            siftDownFromRoot(last);
        }
        return top;
    }

    /** Replaces the smallest entry with {@code value} (cheaper than pop then push). */
    void replaceTop(long value) {
        siftDownFromRoot(value);
    }

    private void siftDownFromRoot(long value) {
        long[] h = heap;
        int n = size;
        int i = 0;
        int half = n >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            long c = h[child];
            int right = child + 1;
            if (right < n && h[right] < c) {
                child = right;
                c = h[right];
            }
            if (value <= c) {
                break;
            }
            h[i] = c;
            i = child;
        }
        h[i] = value;
    }
}
