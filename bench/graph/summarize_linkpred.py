#!/usr/bin/env python3
"""Summarise bench/graph/linkpred.sh: one row a (graph, method, sampler), the heuristics of the split beside them."""
import glob
import json
import os
import sys

HEURISTICS = ["common_neighbours", "jaccard", "adamic_adar", "preferential_attachment"]


def graph_name(path):
    """ppi for .../ppi/edges.tsv, ca-GrQc for .../snap/ca-GrQc.txt."""
    base = os.path.basename(path)
    if base.startswith("edges"):
        return os.path.basename(os.path.dirname(path))
    return base.split(".")[0]


def main(out):
    rows, summary, baselines = [], [], {}
    for path in sorted(glob.glob(os.path.join(out, "runs", "*.json"))):
        with open(path) as f:
            m = json.load(f)
        name = graph_name(m["edges_file"])
        auc = m["auc"]
        e = m["embedding"]
        p = e["parameters"]
        method = p["method"]
        label = method + ("" if method != "node2vec" else f" p={p['p']:g} q={p['q']:g}") + \
            (f" w={p['window']}" if "window" in p and p["window"] != 10 else "")
        negatives = p.get("negatives") or "default"
        baselines[name] = {h: auc[h] for h in HEURISTICS}
        best_heuristic = max(baselines[name].values())
        had = auc[f"{method}_hadamard_lr"]
        rows.append((name, label, negatives, had, auc[f"{method}_dot"], auc[f"{method}_cosine"],
                     max(v for k, v in auc.items() if k.endswith("_lr")), best_heuristic))
        summary.append({"graph": name, "method": label, "negatives": negatives, "auc": auc,
                        "train_seconds": e.get("train_seconds"), "guard": e.get("guard")})
    print("| graph | method | negatives | Hadamard + LR | dot | cosine | best operator + LR | best heuristic | beats it? |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | `{r[2]}` | {r[3]:.4f} | {r[4]:.4f} | {r[5]:.4f} | {r[6]:.4f} | {r[7]:.4f} | "
              f"{'yes' if r[3] > r[7] else 'no: loses to a heuristic'} |")
    print()
    print("| graph | " + " | ".join(HEURISTICS) + " |")
    print("|---|" + "---|" * len(HEURISTICS))
    for g, b in baselines.items():
        print(f"| {g} | " + " | ".join(f"{b[h]:.4f}" for h in HEURISTICS) + " |")
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump({"runs": summary, "heuristics": baselines}, f, indent=2)


if __name__ == "__main__":
    main(sys.argv[1])
