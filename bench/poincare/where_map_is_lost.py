#!/usr/bin/env python3
"""Where a Poincaré model's reconstruction MAP is lost, on a sample of nodes (numpy; Debian's python3).

    bench/poincare/where_map_is_lost.py VECTORS.txt RELATIONS.tsv[.gz] [--sample 2000] [--seed 0]

For each sampled node u with ancestors: its average precision (u's ancestors ranked by Poincaré
distance among all other nodes, u itself excluded, as `thymus poincare eval` ranks them), grouped by
how many descendants u has (leaves vs inner nodes) with the share of the MAP each group loses; for
leaves, the non-ancestors nearer than u's farthest ancestor ("intruders") by how many ancestors they
share with u, and the precision at each ancestor by that ancestor's depth (its number of ancestors).
"""
import argparse
import collections
import gzip

import numpy as np


def read_vectors(path):
    with open(path) as f:
        n, d = map(int, f.readline().split())
        names, rows = [], np.zeros((n, d))
        for i, line in enumerate(f):
            parts = line.rstrip().split(" ")
            names.append(parts[0])
            rows[i] = [float(x) for x in parts[1:]]
    return names, rows


def main():
    p = argparse.ArgumentParser()
    p.add_argument("vectors")
    p.add_argument("relations")
    p.add_argument("--sample", type=int, default=2000)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    names, x = read_vectors(a.vectors)
    index = {w: i for i, w in enumerate(names)}
    ancestors, descendants = collections.defaultdict(set), collections.Counter()
    with (gzip.open if a.relations.endswith(".gz") else open)(a.relations, "rt") as f:
        for line in f:
            u, v = line.rstrip("\n").split("\t")[:2]
            ancestors[index[u]].add(index[v])
            descendants[index[v]] += 1
    norm2 = (x * x).sum(1)
    rng = np.random.default_rng(a.seed)
    nodes = np.array(sorted(ancestors))
    sample = rng.choice(nodes, min(a.sample, len(nodes)), replace=False)
    groups = collections.defaultdict(list)
    shared, precision_at_depth, intruders_per_leaf = collections.Counter(), collections.defaultdict(list), []
    for u in sample:
        # arcosh is increasing: rank by the argument 1 + 2 |u - v|^2 / ((1 - |u|^2)(1 - |v|^2)).
        key = 1 + 2 * ((x - x[u]) ** 2).sum(1) / ((1 - norm2[u]) * (1 - norm2))
        key[u] = np.inf
        rank = np.empty(len(key), int)
        rank[np.argsort(key, kind="stable")] = np.arange(1, len(key) + 1)
        positives = sorted(ancestors[u], key=lambda v: rank[v])
        ap = np.mean([(i + 1) / rank[v] for i, v in enumerate(positives)])
        kind = "leaf" if descendants[u] == 0 else ("1-10 descendants" if descendants[u] <= 10
                                                   else ("11-100 descendants" if descendants[u] <= 100 else ">100 descendants"))
        groups[kind].append(ap)
        if kind == "leaf":
            for i, v in enumerate(positives):
                precision_at_depth[len(ancestors[v])].append((i + 1) / rank[v])
            far = max(key[v] for v in positives)
            closer = [c for c in np.where(key < far)[0] if c not in ancestors[u]]
            intruders_per_leaf.append(len(closer))
            for c in closer:
                shared[min(len(ancestors[u] & (ancestors[c] | {c})), 12)] += 1
    total = sum(len(g) for g in groups.values())
    print(f"MAP on {total} sampled nodes: {np.mean([ap for g in groups.values() for ap in g]):.4f}")
    for kind in ["leaf", "1-10 descendants", "11-100 descendants", ">100 descendants"]:
        g = groups.get(kind)
        if g:
            print(f"  {kind:20s} share {len(g) / total:.3f}  MAP {np.mean(g):.4f}  MAP lost {len(g) / total * (1 - np.mean(g)):.4f}")
    print(f"leaves: {np.mean(intruders_per_leaf):.1f} non-ancestors nearer than the farthest ancestor")
    n = sum(shared.values())
    print("  by ancestors shared with the leaf:", ", ".join(f"{k}: {v / n:.3f}" for k, v in sorted(shared.items())))
    print("  precision at an ancestor by its depth:",
          ", ".join(f"{k}: {np.mean(v):.2f}" for k, v in sorted(precision_at_depth.items()) if len(v) >= 20))


if __name__ == "__main__":
    main()
