#!/usr/bin/env python3
"""Summarise bench/graph/throughput.sh: walk tokens/s of each tool, medians over rounds, ratios per round."""
import glob
import json
import os
import statistics
import sys


def read_time(path):
    with open(path) as f:
        wall, rss = f.read().split()[:2]
    return float(wall), int(rss)


# Thymus's runs: the tag in runs/<set>-<tag>-r<round>.json and the row's name.
VARIANTS = [("thymus", "Thymus"), ("shared", "Thymus, shared negatives")]


def main(out, work):
    sets = {}
    for path in sorted(glob.glob(os.path.join(out, "runs", "*-gensim-r*.time"))):
        name = os.path.basename(path)
        s, rnd = name.split("-gensim-r")
        rnd = rnd[:-len(".time")]
        w_wall, _ = read_time(os.path.join(out, "runs", f"{s}-walks-r{rnd}.time"))
        g_wall, g_rss = read_time(path)
        run = {"round": int(rnd), "walks_wall_s": w_wall, "gensim_wall_s": g_wall, "gensim_rss_kb": g_rss}
        for tag, _ in VARIANTS:
            metrics = os.path.join(out, "runs", f"{s}-{tag}-r{rnd}.json")
            if not os.path.exists(metrics):
                continue
            with open(metrics) as f:
                m = json.load(f)
            wall, rss = read_time(os.path.join(out, "runs", f"{s}-{tag}-r{rnd}.time"))
            run.update({"tokens": m["embedding"]["walk_tokens"], "nodes": m["nodes"], "edges": m["edges"]})
            run[tag] = {"wall_s": wall, "rss_kb": rss, "train_s": m["embedding"]["train_seconds"],
                        "mean_loss": m["embedding"]["mean_loss"]}
        sets.setdefault(s, []).append(run)
    rows = ["| graph | nodes | edges | walk tokens | run | Thymus tokens/s | gensim tokens/s (training alone) | "
            "pipeline tokens/s (walk file + gensim) | × gensim alone | × pipeline | Thymus RSS | gensim RSS |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    summary = {}
    rng = lambda xs: f"{statistics.median(xs) / 1e3:,.0f} k ({min(xs) / 1e3:,.0f}–{max(xs) / 1e3:,.0f} k)"
    for s, runs in sets.items():
        summary[s] = {"runs": runs}
        gensim = [r["tokens"] / r["gensim_wall_s"] for r in runs]
        pipeline = [r["tokens"] / (r["walks_wall_s"] + r["gensim_wall_s"]) for r in runs]
        for tag, label in VARIANTS:
            mine = [r for r in runs if tag in r]
            if len(mine) != len(runs):
                continue
            thymus = [r["tokens"] / r[tag]["wall_s"] for r in runs]
            alone_ratio = statistics.median(t / g for t, g in zip(thymus, gensim))
            pipe_ratio = statistics.median(t / p for t, p in zip(thymus, pipeline))
            rss = statistics.median(r[tag]["rss_kb"] for r in runs)
            rows.append(f"| {s} | {runs[0]['nodes']:,} | {runs[0]['edges']:,} | {runs[0]['tokens']:,} | {label} | "
                        f"{rng(thymus)} | {rng(gensim)} | {rng(pipeline)} | {alone_ratio:.2f}× | {pipe_ratio:.2f}× | "
                        f"{rss / 1024:.0f} MB | {statistics.median(r['gensim_rss_kb'] for r in runs) / 1024:.0f} MB |")
            summary[s][tag] = {"ratio_vs_gensim_alone": alone_ratio, "ratio_vs_pipeline": pipe_ratio}
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print("\n".join(rows))
    print(f"\n{len(next(iter(sets.values()), []))} rounds; whole-process wall time; ratios per round, then the median.")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
