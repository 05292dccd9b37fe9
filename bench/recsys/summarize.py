#!/usr/bin/env python3
"""Markdown table of `thymus recsys eval` metrics files (bench/recsys/ml100k.sh writes them).

    python3 bench/recsys/summarize.py DIR_OR_FILES...

One row per run (model, split, settings), then, where every fold u1..u5 of a model and its settings
is present, a row with their mean. Columns: Recall@10, Recall@20, NDCG@10, MRR, tail Recall@10 (the
least popular third of the training interactions), training interactions per second.
"""
import json
import pathlib
import sys
from collections import defaultdict

FOLDS = ["u1", "u2", "u3", "u4", "u5"]
MODEL_ORDER = ["popularity", "itemknn", "bpr"]  # the baselines first, any other model after them


def model_rank(model):
    return MODEL_ORDER.index(model) if model in MODEL_ORDER else len(MODEL_ORDER)
COLUMNS = ["recall_at_10", "recall_at_20", "ndcg_at_10", "mrr", "tail_recall_at_10", "interactions_per_second"]


def settings(training):
    """The model's settings as a short string (what tells two runs of a model apart)."""
    model = training["model"]
    if model == "itemknn":
        return f"k={training['neighbours']}"
    if model == "bpr":
        return (f"{training['optimizer']} dim={training['dim']} lr={training['learning_rate']:g} "
                f"reg={training['reg']:g} epochs={training['epochs']}")
    keys = [k for k in ("dim", "epochs", "negatives", "batch") if k in training]
    return " ".join(f"{k}={training[k]}" for k in keys)


def row(metrics):
    ranking, training = metrics["ranking"], metrics["training"]
    tail = ranking["recall_at_10_by_popularity"]["tail"]["recall_at_10"]
    return {
        "model": training["model"],
        "settings": settings(training),
        "split": metrics["split"]["name"],
        "recall_at_10": ranking["recall_at_10"],
        "recall_at_20": ranking["recall_at_20"],
        "ndcg_at_10": ranking["ndcg_at_10"],
        "mrr": ranking["mrr"],
        "tail_recall_at_10": tail if tail is not None else float("nan"),
        "interactions_per_second": training.get("interactions_per_second") or float("nan"),
    }


def fmt(value, column):
    if column == "interactions_per_second":
        return f"{value:,.0f}"
    return f"{value:.4f}"


def main(args):
    files = []
    for arg in args or ["."]:
        path = pathlib.Path(arg)
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    rows = [row(json.loads(f.read_text())) for f in files]
    rows.sort(key=lambda r: (r["split"], model_rank(r["model"]), r["model"], r["settings"]))
    folds = defaultdict(dict)
    for r in rows:
        if r["split"] in FOLDS:
            folds[(r["model"], r["settings"])][r["split"]] = r
    for (model, setting), by_fold in sorted(folds.items(), key=lambda kv: (model_rank(kv[0][0]), kv[0])):
        if len(by_fold) == len(FOLDS):
            mean = {c: sum(by_fold[f][c] for f in FOLDS) / len(FOLDS) for c in COLUMNS}
            rows.append({"model": model, "settings": setting, "split": "u1..u5 mean", **mean})
    print("| model | settings | split | Recall@10 | Recall@20 | NDCG@10 | MRR | tail Recall@10 | train interactions/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        cells = " | ".join(fmt(r[c], c) for c in COLUMNS)
        print(f"| {r['model']} | {r['settings']} | {r['split']} | {cells} |")


if __name__ == "__main__":
    main(sys.argv[1:])
