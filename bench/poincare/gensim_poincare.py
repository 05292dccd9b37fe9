#!/usr/bin/env python3
"""Train gensim 4.2's PoincareModel (Debian python3-gensim) and write its vectors and timing.

    gensim_poincare.py --relations F.tsv[.gz] --dim 10 --negatives 10 --epochs 50 --burn-in 10 \
        --alpha 0.1 --burn-in-alpha 0.01 --regularization 1.0 --seed 1 --out V.txt --metrics M.json

The vectors go out in word2vec text format, so `thymus poincare eval` scores them with the same
evaluator as Thymus's. (gensim 4.2's own ReconstructionEvaluation fails with Debian 12's numpy, in
numpy.ma; it would also count each node as its own nearest negative.)
"""
import argparse
import json
import time

from gensim.models.poincare import PoincareModel, PoincareRelations


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--relations", required=True)
    p.add_argument("--dim", type=int, default=10)
    p.add_argument("--negatives", type=int, default=10)
    p.add_argument("--epochs", type=int, default=50)
    p.add_argument("--burn-in", type=int, default=10)
    p.add_argument("--alpha", type=float, default=0.1)
    p.add_argument("--burn-in-alpha", type=float, default=0.01)
    p.add_argument("--regularization", type=float, default=1.0)
    p.add_argument("--batch-size", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True)
    p.add_argument("--metrics", required=True)
    a = p.parse_args()

    start = time.perf_counter()
    model = PoincareModel(PoincareRelations(a.relations, delimiter="\t"), size=a.dim, alpha=a.alpha,
                          negative=a.negatives, workers=1, regularization_coeff=a.regularization,
                          burn_in=a.burn_in, burn_in_alpha=a.burn_in_alpha, seed=a.seed)
    load_seconds = time.perf_counter() - start
    relations = len(model.all_relations)
    start = time.perf_counter()
    model.train(epochs=a.epochs, batch_size=a.batch_size, print_every=10**9)
    train_seconds = time.perf_counter() - start
    model.kv.save_word2vec_format(a.out)
    metrics = {
        "tool": "gensim", "gensim_version": __import__("gensim").__version__,
        "relations_file": a.relations, "relations": relations, "nodes": len(model.kv),
        "parameters": {"dim": a.dim, "negatives": a.negatives, "epochs": a.epochs, "burn_in": a.burn_in,
                       "alpha": a.alpha, "burn_in_alpha": a.burn_in_alpha, "regularization": a.regularization,
                       "batch_size": a.batch_size, "seed": a.seed, "workers": 1},
        "load_seconds": load_seconds, "train_seconds": train_seconds,
        "relations_per_second": relations * (a.epochs + a.burn_in) / train_seconds,
    }
    with open(a.metrics, "w") as f:
        json.dump(metrics, f, indent=2)


if __name__ == "__main__":
    main()
