#!/usr/bin/python3
"""Reference figures for the demo corpus, from gensim (Debian python3-gensim) as an independent trainer/judge.

  /usr/bin/python3 data/demo/reference_check.py                 # train gensim skip-gram on corpus.txt.gz, report
  /usr/bin/python3 data/demo/reference_check.py --vectors V     # judge any word2vec-format vectors (.bin or text)

Prints nearest neighbours of the probe words, 3CosAdd accuracy on demo-questions.txt (made for this corpus) and,
if shared/data is found, on the Google analogy set (30,000 most frequent words) and Spearman rho on
WS-353 / SimLex-999 / MEN. `thymus demo` should print neighbours of the same flavour and similar figures.
"""
import argparse
import gzip
import logging
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROBES = ["war", "peace", "president", "congress", "money", "tax", "god", "king", "jesus", "freedom", "ship", "water"]


def shared_data():
    for d in (os.environ.get("SHARED_DATA", ""), "/work/shared/data", os.path.join(HERE, "../../../shared/data")):
        if d and os.path.isfile(os.path.join(d, "analogy/questions-words.txt")):
            return os.path.abspath(d)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vectors", help="word2vec-format vectors to judge instead of training gensim")
    ap.add_argument("--corpus", default=os.path.join(HERE, "corpus.txt.gz"))
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--probes", default=",".join(PROBES))
    a = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    from gensim.models import KeyedVectors, Word2Vec

    if a.vectors:
        with open(a.vectors, "rb") as fh:
            head = fh.readline()
            binary = not all(32 <= b < 127 or b in (9, 10) for b in fh.read(4096))
        kv = KeyedVectors.load_word2vec_format(a.vectors, binary=binary)
        print(f"vectors {a.vectors}: {len(kv)} words x {kv.vector_size}")
    else:
        tmp = tempfile.mkdtemp(prefix="demo-ref-")
        try:
            plain = os.path.join(tmp, "corpus.txt")
            with gzip.open(a.corpus, "rb") as src, open(plain, "wb") as dst:
                shutil.copyfileobj(src, dst)
            t = time.time()
            m = Word2Vec(corpus_file=plain, sg=1, vector_size=100, window=5, negative=5, min_count=5, sample=1e-4,
                         alpha=0.025, epochs=a.epochs, workers=a.workers, seed=1)
            kv = m.wv
            print(f"gensim skip-gram on {a.corpus}: {len(kv)} words x 100, {a.epochs} epochs, "
                  f"{time.time() - t:.0f} s")
        finally:
            shutil.rmtree(tmp)

    print("\nnearest neighbours (cosine):")
    for w in a.probes.split(","):
        if w in kv.key_to_index:
            print(f"  {w:10s} " + ", ".join(f"{n} {s:.2f}" for n, s in kv.most_similar(w, topn=8)))
        else:
            print(f"  {w:10s} (not in vocabulary)")

    print("\nanalogies (3CosAdd):")
    for label, path, restrict in [("demo-questions.txt", os.path.join(HERE, "demo-questions.txt"), None)] + (
            [("Google questions-words, top 30k", os.path.join(shared_data(), "analogy/questions-words.txt"), 30000)]
            if shared_data() else []):
        total_q = sum(1 for l in open(path) if not l.startswith(":"))
        score, sections = kv.evaluate_word_analogies(path, restrict_vocab=restrict or len(kv))
        covered = sum(len(s["correct"]) + len(s["incorrect"]) for s in sections if s["section"] != "Total accuracy")
        per = ", ".join(f"{s['section']} {len(s['correct'])}/{len(s['correct']) + len(s['incorrect'])}"
                        for s in sections if s["section"] != "Total accuracy")
        print(f"  {label}: {100 * score:.1f} % of {covered} covered questions "
              f"({100 * covered / total_q:.1f} % of {total_q})")
        if label.startswith("demo"):
            print(f"    {per}")
    for w in (("king", "man", "woman"), ("france", "french", "spanish"), ("give", "gave", "took")):
        a_, b_, c_ = w
        if all(x in kv.key_to_index for x in w):
            # a - b + c: king - man + woman
            top = kv.most_similar(positive=[a_, c_], negative=[b_], topn=3)
            print(f"  {a_} - {b_} + {c_} = " + ", ".join(f"{n} {s:.2f}" for n, s in top))

    d = shared_data()
    if d:
        print("\nword similarity (Spearman rho, pairs found):")
        for f in ("EN-WS-353-ALL.txt", "EN-SIMLEX-999.txt", "EN-MEN-TR-3k.txt"):
            p = os.path.join(d, "similarity/faruqui", f)
            if os.path.isfile(p):
                pearson, spearman, oov = kv.evaluate_word_pairs(p, delimiter="\t", dummy4unknown=False)
                print(f"  {f:20s} {spearman.statistic if hasattr(spearman, 'statistic') else spearman[0]:.3f}"
                      f"  ({100 - oov:.0f} % of pairs)")
    else:
        print("\n(shared/data not found: Google analogy and similarity sets skipped)")


if __name__ == "__main__":
    sys.exit(main())
