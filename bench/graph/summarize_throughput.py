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


def main(out, work):
    sets = {}
    for path in sorted(glob.glob(os.path.join(out, "runs", "*-thymus-r*.json"))):
        name = os.path.basename(path)
        s, rnd = name.split("-thymus-r")
        rnd = rnd[:-len(".json")]
        with open(path) as f:
            m = json.load(f)
        tokens = m["embedding"]["walk_tokens"]
        t_wall, t_rss = read_time(os.path.join(out, "runs", f"{s}-thymus-r{rnd}.time"))
        w_wall, _ = read_time(os.path.join(out, "runs", f"{s}-walks-r{rnd}.time"))
        g_wall, g_rss = read_time(os.path.join(out, "runs", f"{s}-gensim-r{rnd}.time"))
        sets.setdefault(s, []).append({
            "round": int(rnd), "tokens": tokens, "nodes": m["nodes"], "edges": m["edges"],
            "thymus_wall_s": t_wall, "thymus_rss_kb": t_rss, "thymus_train_s": m["embedding"]["train_seconds"],
            "walks_wall_s": w_wall, "gensim_wall_s": g_wall, "gensim_rss_kb": g_rss,
        })
    rows = ["| graph | nodes | edges | walk tokens | Thymus tokens/s | gensim tokens/s (training alone) | "
            "pipeline tokens/s (walk file + gensim) | × gensim alone | × pipeline | Thymus RSS | gensim RSS |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    summary = {}
    for s, runs in sets.items():
        def med(key):
            return statistics.median(r[key] for r in runs)
        thymus = [r["tokens"] / r["thymus_wall_s"] for r in runs]
        gensim = [r["tokens"] / r["gensim_wall_s"] for r in runs]
        pipeline = [r["tokens"] / (r["walks_wall_s"] + r["gensim_wall_s"]) for r in runs]
        alone_ratio = statistics.median(t / g for t, g in zip(thymus, gensim))
        pipe_ratio = statistics.median(t / p for t, p in zip(thymus, pipeline))
        rng = lambda xs: f"{statistics.median(xs) / 1e3:,.0f} k ({min(xs) / 1e3:,.0f}–{max(xs) / 1e3:,.0f} k)"
        rows.append(f"| {s} | {runs[0]['nodes']:,} | {runs[0]['edges']:,} | {runs[0]['tokens']:,} | {rng(thymus)} | "
                    f"{rng(gensim)} | {rng(pipeline)} | {alone_ratio:.2f}× | {pipe_ratio:.2f}× | "
                    f"{med('thymus_rss_kb') / 1024:.0f} MB | {med('gensim_rss_kb') / 1024:.0f} MB |")
        summary[s] = {"runs": runs, "ratio_vs_gensim_alone": alone_ratio, "ratio_vs_pipeline": pipe_ratio}
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print("\n".join(rows))
    print(f"\n{len(next(iter(sets.values()), []))} rounds; whole-process wall time; ratios per round, then the median.")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
