#!/usr/bin/env python3
"""Table of bench/samplers/run.sh results: one row per --negatives recipe, medians over rounds."""
import glob
import json
import os
import re
import statistics
import sys

out = sys.argv[1]
runs = {}
for spec_file in sorted(glob.glob(os.path.join(out, "runs", "c*-r*.spec"))):
    tag = os.path.basename(spec_file)[:-5]
    config, rnd = re.match(r"c(\d+)-r(\d+)", tag).groups()
    load = lambda kind: json.load(open(os.path.join(out, "runs", f"{tag}.{kind}.json")))
    train, analogy, sim, sampler = load("train"), load("analogy"), load("similarity"), load("sampler")
    scores = {os.path.basename(p["file"]): p["spearman"] for p in sim["files"]}
    last = sampler["epochs"][-1]
    runs.setdefault(int(config), []).append({
        "spec": open(spec_file).read().strip(),
        "wps": train["words_per_second"],
        "total": analogy["total"]["accuracy"]["3cosadd"],
        "sem": analogy["semantic"]["accuracy"]["3cosadd"],
        "syn": analogy["syntactic"]["accuracy"]["3cosadd"],
        "ws353": scores.get("EN-WS-353-ALL.txt"),
        "simlex": scores.get("EN-SIMLEX-999.txt"),
        "men": scores.get("EN-MEN-TR-3k.txt"),
        "hardness": last["mean_hardness"],
        "refresh_s": sampler.get("semantic", {}).get("refresh_seconds", 0.0),
        "refresh_log": sampler.get("semantic", {}).get("refresh_log", []),
        "build_s": train.get("sampler_build_seconds", 0.0),
    })

def med(rows, key):
    return statistics.median(r[key] for r in rows)

def spread(rows, key, scale=1.0, fmt="{:.1f}"):
    vals = [r[key] * scale for r in rows]
    text = fmt.format(statistics.median(vals))
    return text if len(vals) == 1 else f"{text} ({fmt.format(min(vals))}–{fmt.format(max(vals))})"

base = runs.get(0)
print(f"Skip-gram, {len(base) if base else 0} round(s) per recipe (seeds 1..R); median (min–max). "
      "Analogy: 3CosAdd over the 30,000 most frequent words. Cost: words/s vs the first recipe.\n")
print("| --negatives | words/s | cost | analogy % | semantic % | syntactic % | WS353 | SimLex-999 | MEN "
      "| hardness (last epoch) | sampler build + refresh s |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
summary = []
for config in sorted(runs):
    rows = runs[config]
    cost = 1 - med(rows, "wps") / med(base, "wps") if base else float("nan")
    print(f"| `{rows[0]['spec']}` | {med(rows, 'wps') / 1e3:.0f} k | {cost * 100:+.0f} % "
          f"| {spread(rows, 'total', 100)} | {spread(rows, 'sem', 100)} | {spread(rows, 'syn', 100)} "
          f"| {spread(rows, 'ws353', 1, '{:.3f}')} | {spread(rows, 'simlex', 1, '{:.3f}')} "
          f"| {spread(rows, 'men', 1, '{:.3f}')} | {med(rows, 'hardness'):.3f} "
          f"| {med(rows, 'build_s'):.1f} + {med(rows, 'refresh_s'):.1f} |")
    summary.append({"spec": rows[0]["spec"], "rounds": rows})
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=1)

def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else float("nan")

probed = [c for c in sorted(runs) if any(r["refresh_log"] and r["refresh_log"][0].get("overlap_with_exact") is not None
                                         for r in runs[c])]
if probed:
    print("\nSemantic refreshes (means over refreshes and rounds). Fresh: the published lists against exact search on "
          "the same snapshot (the approximation alone). Stale: the previous lists against exact search on the next "
          "snapshot (approximation and staleness). Band TV: total variation between negatives drawn from the band of "
          "the list in use and of the exact list.\n")
    print("| --negatives | refreshes | s per refresh | search s | overlap fresh | band TV fresh | stale words "
          "| overlap stale | band TV stale |")
    print("|---|---|---|---|---|---|---|---|---|")
    for config in probed:
        logs = [e for r in runs[config] for e in r["refresh_log"]]
        stale = [e for e in logs if e["stale_steps"] >= 0]
        print(f"| `{runs[config][0]['spec']}` | {len(logs) / len(runs[config]):.0f} "
              f"| {mean(e['seconds'] for e in logs):.2f} | {mean(e['search_seconds'] for e in logs):.2f} "
              f"| {mean(e['overlap_with_exact'] for e in logs):.3f} | {mean(e['band_tv_to_exact'] for e in logs):.3f} "
              f"| {mean(e['stale_steps'] for e in stale) / 1e6:.1f} M "
              f"| {mean(e['stale_overlap_with_exact'] for e in stale):.3f} "
              f"| {mean(e['stale_band_tv_to_exact'] for e in stale):.3f} |")
