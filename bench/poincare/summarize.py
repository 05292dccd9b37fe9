#!/usr/bin/env python3
"""Summarise a bench/poincare/run.sh result folder into summary.json and summary.md."""
import glob
import json
import os
import re
import sys


# Table columns: gensim; Thymus with gensim's sampler (by count), by degree^0.75, with the paper's
# (uniform after the burn-in); flat space.
PEERS = ("gensim", "thymus", "smoothed", "paper", "euclidean")
LABELS = {"gensim": "gensim", "thymus": "Thymus", "smoothed": "Thymus degree^X",
          "paper": "Thymus paper's sampler", "euclidean": "Euclidean"}


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def main(out):
    runs = {}
    for path in sorted(glob.glob(os.path.join(out, "*-train.json"))):
        m = re.match(r"(\w+)-d(\d+)-s(\d+)-(\w+)-train\.json", os.path.basename(path))
        if not m:
            continue
        dataset, dim, seed, peer = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
        train = load(path)
        ev = load(path.replace("-train.json", "-eval.json"))
        if peer == "smoothed":
            LABELS[peer] = "Thymus degree^{:g}".format(train["parameters"]["degree_exponent"])
        row = runs.setdefault((dataset, dim), {"set": dataset, "dim": dim})
        seeds = row.setdefault(peer, {"seeds": []})["seeds"]
        seeds.append({
            "seed": seed,
            "relations_per_second": train["relations_per_second"],
            "train_seconds": train.get("train_seconds"),
            "map": ev["reconstruction"]["map"] if ev else None,
            "mean_rank": ev["reconstruction"]["mean_rank"] if ev else None,
        })
        if "hardness_by_depth" in train and seed == min(s["seed"] for s in seeds):
            row[peer]["hardness_by_depth"] = train["hardness_by_depth"]
    for row in runs.values():
        for peer, r in row.items():
            if not isinstance(r, dict):
                continue
            for key in ("map", "mean_rank", "relations_per_second"):
                values = [s[key] for s in r["seeds"] if s[key] is not None]
                if values:
                    r[key] = sum(values) / len(values)
                    r[key + "_range"] = [min(values), max(values)]
    rows = [runs[k] for k in sorted(runs, key=lambda k: (k[0] != "mammals", k[1]))]
    for r in rows:
        for peer in ("thymus", "smoothed", "paper"):
            if peer in r and "gensim" in r:
                r[peer]["speed_ratio"] = r[peer]["relations_per_second"] / r["gensim"]["relations_per_second"]
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(rows, f, indent=2)

    def cell(r, peer, key, fmt):
        v = r.get(peer, {}).get(key)
        if v is None:
            return "—"
        text = fmt.format(v)
        lo, hi = r[peer].get(key + "_range", (v, v))
        return text + (" ({}–{})".format(fmt.format(lo), fmt.format(hi)) if len(r[peer]["seeds"]) > 1 else "")

    def mean(r, peer, key, fmt):
        v = r.get(peer, {}).get(key)
        return "—" if v is None else fmt.format(v)

    present = [p for p in PEERS if any(p in r for r in rows)]
    timed = [p for p in present if p != "euclidean"]
    faster = [p for p in timed if p != "gensim"]
    lines = ["| set | dim | seeds | " + " | ".join(LABELS[p] + " MAP / mean rank" for p in present) + " | "
             + " | ".join(LABELS[p] + " rel/s" for p in timed) + " | "
             + " | ".join(LABELS[p] + " speed" for p in faster) + " |",
             "|---|---:|---:|" + "---:|" * (len(present) + len(timed) + len(faster))]
    for r in rows:
        seeds = max(len(v["seeds"]) for v in r.values() if isinstance(v, dict))
        lines.append("| {} | {} | {} | {} |".format(r["set"], r["dim"], seeds, " | ".join(
            [cell(r, p, "map", "{:.4f}") + " / " + mean(r, p, "mean_rank", "{:.1f}") for p in present]
            + [cell(r, p, "relations_per_second", "{:,.0f}") for p in timed]
            + ["{:.1f}x".format(r[p]["speed_ratio"]) if "speed_ratio" in r.get(p, {}) else "—"
               for p in faster])))
    hard = [(r, p) for r in rows for p in ("thymus", "smoothed", "paper", "euclidean") if "hardness_by_depth" in r.get(p, {})]
    if hard:
        lines += ["", "Hardness of the drawn negatives by depth (number of ancestors of u): model distance d and "
                  "straight-line distance e of u to its positive and to its negatives, share of negatives nearer "
                  "than the positive (violations).", "",
                  "| set | dim | space | depth | anchors | norm of u | d(u,v+) | d(u,v-) | e(u,v+) | e(u,v-) | violations |",
                  "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        for r, p in hard:
            for b in r[p]["hardness_by_depth"]:
                lines.append("| {} | {} | {} | {} | {} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.4f} |".format(
                    r["set"], r["dim"], {"thymus": "poincare", "smoothed": "poincare, " + LABELS[p][len("Thymus "):],
                    "paper": "poincare, paper's sampler"}.get(p, p), b["depth"], b["anchors"], b["anchor_norm"],
                    b["positive_distance"], b["negative_distance"], b["positive_euclidean"], b["negative_euclidean"],
                    b["violation_rate"]))
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines[:len(rows) + 2]))


if __name__ == "__main__":
    main(sys.argv[1])
