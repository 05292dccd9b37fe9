package org.thymus.core.eval;

/**
 * Keeps the {@code k} best rows offered so far. Higher score is better; on equal scores the earlier
 * row (the more frequent word, the smaller id) is better. A min-heap: the worst kept row is at the
 * root. Not thread-safe: one per thread.
 */
public final class TopK {
    private final float[] scores;
    private final int[] rows;
    private int size;

    public TopK(int k) {
        scores = new float[k];
        rows = new int[k];
    }

    /** Offers a row; a NaN score is ignored. */
    public void offer(int row, float score) {
        if (Float.isNaN(score)) {
            return;
        }
        if (size < scores.length) {
            scores[size] = score;
            rows[size] = row;
            siftUp(size++);
        } else if (size > 0 && ranksBelow(scores[0], rows[0], score, row)) {
            scores[0] = score;
            rows[0] = row;
            siftDown(0);
        }
    }

    /** The kept rows, best first. Empties the heap. */
    public int[] drainBestFirst() {
        int[] best = new int[size];
        while (size > 0) {
            best[size - 1] = rows[0];
            size--;
            swap(0, size);
            siftDown(0);
        }
        return best;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!worse(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int worst = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < size && worse(left, worst)) {
                worst = left;
            }
            if (right < size && worse(right, worst)) {
                worst = right;
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private boolean worse(int i, int j) {
        return ranksBelow(scores[i], rows[i], scores[j], rows[j]);
    }

    private static boolean ranksBelow(float score, int row, float otherScore, int otherRow) {
        return score < otherScore || (score == otherScore && row > otherRow);
    }

    private void swap(int i, int j) {
        float score = scores[i];
        scores[i] = scores[j];
        scores[j] = score;
        int row = rows[i];
        rows[i] = rows[j];
        rows[j] = row;
    }
}
