package org.thymus.core.skipgram;

import java.util.Arrays;

/**
 * A piece of training input for {@link SkipGramWorker}: ids cut into sequences (the sentences of a
 * corpus, the walks on a graph). Windows never cross a sequence end. {@link #units} is the work
 * the chunk stands for, which drives progress and the learning rate: for a corpus, the tokens read
 * (out-of-vocabulary tokens are dropped from the ids, as word2vec.c and gensim do, so windows reach
 * across them, but they still count); for walks, the nodes visited.
 */
public final class SequenceChunk {
    final int[] ids;
    int size;
    /** sequenceEnds[s] is one past the last id of sequence s. */
    int[] sequenceEnds = new int[16];
    int sequences;
    long units;
    int epoch;

    public SequenceChunk(int capacity) {
        ids = new int[capacity];
    }

    public int capacity() {
        return ids.length;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == ids.length;
    }

    /** Appends an id to the open sequence; the chunk must not be full. */
    public void add(int id) {
        ids[size++] = id;
    }

    public int id(int i) {
        return ids[i];
    }

    /** Closes the open sequence (an empty one is not recorded). */
    public void endSequence() {
        if (sequences > 0 ? sequenceEnds[sequences - 1] == size : size == 0) {
            return;
        }
        if (sequences == sequenceEnds.length) {
            sequenceEnds = Arrays.copyOf(sequenceEnds, sequences * 2);
        }
        sequenceEnds[sequences++] = size;
    }

    public int sequences() {
        return sequences;
    }

    /** One past the last id of sequence {@code s}. */
    public int sequenceEnd(int s) {
        return sequenceEnds[s];
    }

    public long units() {
        return units;
    }

    public void addUnits(long n) {
        units += n;
    }

    /** The epoch (from 0) of the chunk: an epoch never shares a chunk with the next. */
    public int epoch() {
        return epoch;
    }

    public void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    /** Empties the chunk for reuse. */
    public void clear() {
        size = 0;
        sequences = 0;
        units = 0;
    }
}
