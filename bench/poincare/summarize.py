#!/usr/bin/env python3
"""Summarise a bench/poincare/run.sh result folder into summary.json and summary.md."""
import glob
import json
import os
import re
import sys


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
        if "thymus" in r and "gensim" in r:
            r["speed_ratio"] = r["thymus"]["relations_per_second"] / r["gensim"]["relations_per_second"]
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(rows, f, indent=2)

    def cell(r, peer, key, fmt):
        v = r.get(peer, {}).get(key)
        if v is None:
            return "—"
        text = fmt.format(v)
        lo, hi = r[peer].get(key + "_range", (v, v))
        return text + (" ({}–{})".format(fmt.format(lo), fmt.format(hi)) if len(r[peer]["seeds"]) > 1 else "")

    lines = ["| set | dim | seeds | gensim MAP | Thymus MAP | Euclidean MAP | gensim rank | Thymus rank | Euclidean rank "
             "| gensim rel/s | Thymus rel/s | speed |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        seeds = max(len(v["seeds"]) for v in r.values() if isinstance(v, dict))
        lines.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
            r["set"], r["dim"], seeds, cell(r, "gensim", "map", "{:.3f}"), cell(r, "thymus", "map", "{:.3f}"),
            cell(r, "euclidean", "map", "{:.3f}"), cell(r, "gensim", "mean_rank", "{:.1f}"),
            cell(r, "thymus", "mean_rank", "{:.1f}"), cell(r, "euclidean", "mean_rank", "{:.1f}"),
            cell(r, "gensim", "relations_per_second", "{:,.0f}"), cell(r, "thymus", "relations_per_second", "{:,.0f}"),
            "{:.1f}x".format(r["speed_ratio"]) if "speed_ratio" in r else "—"))
    hard = [(r, p) for r in rows for p in ("thymus", "euclidean") if "hardness_by_depth" in r.get(p, {})]
    if hard:
        lines += ["", "Hardness of the drawn negatives by depth (number of ancestors of u): model distance d and "
                  "straight-line distance e of u to its positive and to its negatives, share of negatives nearer "
                  "than the positive (violations).", "",
                  "| set | dim | space | depth | anchors | norm of u | d(u,v+) | d(u,v-) | e(u,v+) | e(u,v-) | violations |",
                  "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        for r, p in hard:
            for b in r[p]["hardness_by_depth"]:
                lines.append("| {} | {} | {} | {} | {} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.4f} |".format(
                    r["set"], r["dim"], "poincare" if p == "thymus" else p, b["depth"], b["anchors"], b["anchor_norm"],
                    b["positive_distance"], b["negative_distance"], b["positive_euclidean"], b["negative_euclidean"],
                    b["violation_rate"]))
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines[:len(rows) + 2]))


if __name__ == "__main__":
    main(sys.argv[1])
