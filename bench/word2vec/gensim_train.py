#!/usr/bin/env python3
"""Train gensim Word2Vec in corpus_file mode and write word2vec-format vectors.

Run with the Debian interpreter (/usr/bin/python3), which is where python3-gensim lives.
Used by run.sh; the whole process is timed from outside (/usr/bin/time).
"""
import argparse
import logging
import sys
import time


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--corpus", required=True, help="plain uncompressed text, space-separated tokens")
    p.add_argument("--output", required=True, help="word2vec-format vectors to write")
    p.add_argument("--binary", type=int, default=1, help="1 = word2vec binary, 0 = text")
    p.add_argument("--sg", type=int, default=1, help="1 = skip-gram, 0 = CBOW")
    p.add_argument("--dim", type=int, default=100)
    p.add_argument("--window", type=int, default=5)
    p.add_argument("--negative", type=int, default=5)
    p.add_argument("--min-count", type=int, default=5)
    p.add_argument("--sample", type=float, default=1e-4)
    p.add_argument("--alpha", type=float, default=0.025)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--workers", type=int, default=2)
    a = p.parse_args(argv)

    logging.basicConfig(format="%(asctime)s %(levelname)s %(message)s", level=logging.INFO, stream=sys.stderr)
    import gensim
    from gensim.models import Word2Vec
    from gensim.models.word2vec_corpusfile import CORPUSFILE_VERSION  # fails if the Cython path is missing
    logging.info("gensim %s, corpus_file version %s", gensim.__version__, CORPUSFILE_VERSION)

    t0 = time.time()
    model = Word2Vec(corpus_file=a.corpus, sg=a.sg, vector_size=a.dim, window=a.window, negative=a.negative,
                     hs=0, min_count=a.min_count, sample=a.sample, alpha=a.alpha, epochs=a.epochs,
                     workers=a.workers)
    t1 = time.time()
    model.wv.save_word2vec_format(a.output, binary=bool(a.binary))
    t2 = time.time()
    logging.info("BENCH vocab=%d train+vocab_s=%.2f save_s=%.2f", len(model.wv), t1 - t0, t2 - t1)


if __name__ == "__main__":
    main()
