#!/usr/bin/env python3
"""Joins the crossmodal rows of several `thymus bench false-negatives` JSON files (runs over
disjoint seeds with the same settings, e.g. seeds 1-3 and 4-5) into one table: per arm, mean ± sd
over all the seeds, and the paired differences arm − baseline (mean [min, max]) per seed.

    bench/false-negatives/combine.py DIR1/false-negatives.json DIR2/false-negatives.json

Refuses files whose crossmodal training settings differ, or that repeat a seed.
"""
import json
import statistics
import sys

FIGURES = [("top1", "top-1", "%.3f"), ("top10", "top-10", "%.3f"),
           ("homophone_top1", "top-1, homophone-group words", "%.3f"),
           ("homophone_top10", "top-10, homophone-group words", "%.3f"),
           ("class_mates_met_per_batch", "false negatives met / batch", "%.2f"),
           ("false_negatives_in_softmax_per_batch", "left in the softmax / batch", "%.2f"),
           ("hard_negatives_per_batch", "hard negatives / batch", "%.0f")]
PAIRED = FIGURES[:4]


def main(paths):
    runs = [json.load(open(p)) for p in paths]
    training = [r["crossmodal"]["training"] for r in runs]
    if any(t != training[0] for t in training):
        sys.exit("combine.py: the runs' training settings differ: %s" % training)
    seeds = []
    for r in runs:
        p = r["parameters"]
        seeds += range(p["first_seed"], p["first_seed"] + p["seeds"])
    if len(set(seeds)) != len(seeds):
        sys.exit("combine.py: a seed appears twice: %s" % seeds)
    rows = {}
    for r in runs:
        for row, figures in r["crossmodal"]["rows"].items():
            for f, spread in figures.items():
                rows.setdefault(row, {}).setdefault(f, []).extend(spread["values"])
    print("seeds %s; training %s\n" % (seeds, training[0]))
    print("| arm | " + " | ".join(h for _, h, _ in FIGURES) + " |")
    print("|---|" + "---:|" * len(FIGURES))
    for row, figures in rows.items():
        cells = []
        for f, _, fmt in FIGURES:
            v = [x for x in figures.get(f, []) if x is not None and x == x]  # null / NaN: a figure the row lacks
            cells.append("–" if not v else (fmt % statistics.mean(v)) + " ± " + (fmt % statistics.stdev(v)))
        print("| %s | %s |" % (row, " | ".join(cells)))
    print("\n| arm − baseline | " + " | ".join(h for _, h, _ in PAIRED) + " |")
    print("|---|" + "---:|" * len(PAIRED))
    base = {True: "inbatch", False: "inbatch, stress dropped"}
    for row in rows:
        if row == "untrained" or row in base.values():
            continue
        b = base["stress dropped" not in row]
        cells = []
        for f, _, _ in PAIRED:
            d = [x - y for x, y in zip(rows[row][f], rows[b][f])]
            cells.append("%+.4f [%+.4f, %+.4f]" % (statistics.mean(d), min(d), max(d)))
        print("| %s − %s | %s |" % (row, b, " | ".join(cells)))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
