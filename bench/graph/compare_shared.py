#!/usr/bin/env python3
"""Per-pair against shared negatives, from bench/graph/linkpred.sh runs of several split seeds.

    bench/graph/compare_shared.py OUT_SEED1 OUT_SEED2 ...

Each OUT is a linkpred.sh --out directory whose methods come in pairs, one with --shared-negatives
(its run tag holds "shared_negatives_"). Prints, per graph and method, the Hadamard + LR ROC-AUC of
each seed in both modes and the mean (range) of shared minus per-pair, paired by seed.
"""
import collections
import glob
import json
import os
import statistics
import sys


def main(dirs):
    auc = collections.defaultdict(dict)
    for seed, out in enumerate(dirs, 1):
        for path in glob.glob(os.path.join(out, "runs", "*.json")):
            tag = os.path.basename(path)[:-len(".json")]
            with open(path) as f:
                m = json.load(f)
            method = m["embedding"]["parameters"]["method"]
            shared = "shared_negatives_" in tag
            auc[(tag.replace("shared_negatives_", ""), shared)][seed] = m["auc"][method + "_hadamard_lr"]
    print("| run | per pair | shared negatives | mean difference (range) |")
    print("|---|---|---|---|")
    for tag in sorted({t for t, _ in auc}):
        pair, shared = auc.get((tag, False), {}), auc.get((tag, True), {})
        seeds = sorted(set(pair) & set(shared))
        if not seeds:
            continue
        diffs = [shared[s] - pair[s] for s in seeds]
        cells = lambda r: " ".join(f"{r[s]:.4f}" for s in seeds)
        print(f"| {tag} | {cells(pair)} | {cells(shared)} | {statistics.mean(diffs):+.4f} "
              f"({min(diffs):+.4f} to {max(diffs):+.4f}) |")


if __name__ == "__main__":
    main(sys.argv[1:])
