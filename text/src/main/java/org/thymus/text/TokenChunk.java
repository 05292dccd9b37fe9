package org.thymus.text;

import java.util.Arrays;

/**
 * A piece of corpus ready for training: vocabulary ids of consecutive in-vocabulary tokens, cut
 * into sentences. Out-of-vocabulary tokens are already dropped (as word2vec.c and gensim do, so
 * windows reach across them), but counted in {@link #tokens} for progress and learning rate.
 */
final class TokenChunk {
    final int[] ids;
    int size;
    /** sentenceEnds[s] is one past the last id of sentence s. */
    int[] sentenceEnds = new int[16];
    int sentences;
    /** Corpus tokens read for this chunk, in vocabulary or not. */
    long tokens;
    /** The epoch (from 0) this chunk belongs to: an epoch never shares a chunk with the next. */
    int epoch;

    TokenChunk(int capacity) {
        ids = new int[capacity];
    }

    void endSentence() {
        if (sentences > 0 ? sentenceEnds[sentences - 1] == size : size == 0) {
            return; // empty sentence
        }
        if (sentences == sentenceEnds.length) {
            sentenceEnds = Arrays.copyOf(sentenceEnds, sentences * 2);
        }
        sentenceEnds[sentences++] = size;
    }
}
