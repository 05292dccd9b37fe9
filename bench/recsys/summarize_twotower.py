#!/usr/bin/env python3
"""The table of bench/recsys/twotower.sh: one row per model (runs NAME.seedS.json, or NAME.foldK.json
with --folds, grouped by NAME), mean and standard deviation over the seeds (folds) of each figure.
python3 stdlib only."""
import json
import math
import os
import re
import statistics
import sys
from collections import OrderedDict

ORDER = ["popularity", "itemknn", "bpr", "bpr-100", "twotower-uniform", "twotower-inbatch", "twotower-inbatch+logq", "twotower-inbatch+logq0.5",
         "twotower-mixed", "twotower-ann", "twotower-ann+guard", "twotower-full"]


def figures(run):
    r = run["ranking"]
    p = r["recall_at_10_by_popularity"]
    t = run.get("training", {})
    return OrderedDict([
        ("Recall@10", r["recall_at_10"]), ("NDCG@10", r["ndcg_at_10"]), ("MRR", r["mrr"]),
        ("head R@10", p["head"]["recall_at_10"]), ("torso R@10", p["torso"]["recall_at_10"]),
        ("tail R@10", p["tail"]["recall_at_10"]),
        # Runs from before the figure existed have no "among the tail" recall: NaN, printed as a dash.
        ("tail R@10 among tail", p["tail"].get("recall_at_10_among_group", float("nan"))),
        ("interactions/s", t.get("interactions_per_second") or 0.0),
    ])


def cell(values, name):
    if any(math.isnan(v) for v in values):
        return "—"
    digits = 0 if name == "interactions/s" else 4
    mean = statistics.mean(values)
    if len(values) == 1:
        return f"{mean:.{digits}f}"
    return f"{mean:.{digits}f} ± {statistics.stdev(values):.{digits}f}"


def main(folder):
    groups = {}
    repeats = set()
    for f in sorted(os.listdir(folder)):
        m = re.match(r"(.+)\.(seed|fold)(\d+)\.json$", f)
        if m:
            repeats.add(m.group(2))
            with open(os.path.join(folder, f)) as fh:
                groups.setdefault(m.group(1), []).append(figures(json.load(fh)))
    names = [n for n in ORDER if n in groups] + sorted(n for n in groups if n not in ORDER)
    if not names:
        sys.exit(f"no runs in {folder}")
    columns = list(next(iter(groups.values()))[0].keys())
    if len(repeats) > 1:
        sys.exit(f"{folder} mixes seeds and folds: one table each")
    print(f"| model | {repeats.pop()}s | " + " | ".join(columns) + " |")
    print("|---|---:|" + "---:|" * len(columns))
    for n in names:
        runs = groups[n]
        print(f"| {n} | {len(runs)} | " + " | ".join(cell([r[c] for r in runs], c) for c in columns) + " |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
