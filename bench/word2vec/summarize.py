#!/usr/bin/env python3
"""Per-run records and the side-by-side table of the word2vec benchmark (python3 stdlib only).

  summarize.py record --out RUN.json --peer P --round N ...   one JSON per peer per round (run.sh calls it)
  summarize.py table DIR [--baseline gensim]                   markdown table + DIR/summary.{md,json}

The eval JSON written by `thymus eval` is stored raw in each record; the figures are pulled out of it
at table time by `eval_figures()` below, so a change of key names there needs no rerun.
"""
import argparse
import json
import os
import re
import statistics
import sys

# --------------------------------------------------------------------------------------------
# Where the quality figures live in the eval JSON. Key names are compared after lower-casing and
# dropping everything but a-z0-9, so "Spearman rho", "spearman_rho" and "spearmanRho" are equal.
# The similarity files whose Spearman rho the table shows, by table column.
SIM_FILES = {"ws353": "EN-WS-353-ALL.txt", "simlex": "EN-SIMLEX-999.txt", "men": "EN-MEN-TR-3k.txt"}


def eval_figures(analogy_json, similarity_json):
    """-> dict(analogy, analogy_semantic, analogy_syntactic, coverage, ws353, simlex, men) read from
    `thymus eval analogy|similarity --metrics-out` JSON; a figure that is absent is None."""
    def acc(score):
        return (score or {}).get("accuracy", {}).get("3cosadd")

    analogy = analogy_json or {}
    out = {"analogy": acc(analogy.get("total")), "analogy_semantic": acc(analogy.get("semantic")),
           "analogy_syntactic": acc(analogy.get("syntactic")),
           "coverage": (analogy.get("total") or {}).get("coverage")}
    files = {os.path.basename(f.get("file", "")): f for f in (similarity_json or {}).get("files", [])}
    for col, name in SIM_FILES.items():
        out[col] = files.get(name, {}).get("spearman")
    return out


# --------------------------------------------------------------------------------------------
def _load(path):
    if not path or not os.path.isfile(path) or os.path.getsize(path) == 0:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as e:
        return {"_unreadable": f"{path}: {e}"}


def _time_file(path):
    """GNU time -f '%e %M %U %S' -o FILE; a failed command adds a 'Command exited ...' line first."""
    try:
        lines = [l for l in open(path).read().splitlines() if l.strip()]
        wall, rss, user, sys_ = lines[-1].split()[:4]
        return float(wall), int(rss), float(user), float(sys_)
    except (OSError, ValueError, IndexError):
        return None, None, None, None


def cmd_record(a):
    wall, rss, user, sys_ = _time_file(a.time_file)
    ok = a.rc == 0 and wall is not None and wall > 0
    rec = {
        "peer": a.peer, "round": a.round, "mode": a.mode, "ok": ok, "exit_code": a.rc,
        "wall_s": wall, "user_s": user, "sys_s": sys_, "peak_rss_kb": rss,
        "tokens": a.tokens, "epochs": a.epochs,
        "words_per_sec": (a.tokens * a.epochs / wall) if ok else None,
        "command": a.command, "vectors": a.vectors, "log": a.log,
        "analogy_json": _load(a.analogy_json), "similarity_json": _load(a.similarity_json),
        "eval_note": a.eval_note,
        "peer_metrics": _load(a.peer_metrics),
    }
    rec.update({"eval": eval_figures(rec["analogy_json"], rec["similarity_json"])})
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as fh:
        json.dump(rec, fh, indent=2)
        fh.write("\n")
    msg = f"{a.peer} round {a.round}: "
    if ok:
        msg += f"{wall:.1f} s wall, {rec['words_per_sec'] / 1e3:.1f} k words/s, peak RSS {rss / 1024:.0f} MB"
    else:
        msg += f"FAILED (exit {a.rc}), see {a.log}"
    e = rec["eval"]
    if any(v is not None for v in e.values()):
        msg += "; " + ", ".join(f"{k} {v:.3f}" for k, v in e.items() if v is not None)
    print(msg)


# --------------------------------------------------------------------------------------------
PEER_LABEL = {"thymus": "Thymus", "thymus-gensim-lr": "Thymus, gensim's end rate",
              "w2v": "word2vec.c", "gensim": "gensim", "fasttext": "fastText"}
PEER_ORDER = ["thymus", "thymus-gensim-lr", "w2v", "gensim", "fasttext"]


def _med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def _range(xs):
    xs = [x for x in xs if x is not None]
    return (min(xs), max(xs)) if xs else (None, None)


def aggregate(records, baseline="gensim"):
    by_peer = {}
    for r in records:
        by_peer.setdefault(r["peer"], []).append(r)
    base = {r["round"]: r["words_per_sec"] for r in by_peer.get(baseline, []) if r.get("ok")}
    peers = sorted(by_peer, key=lambda p: (PEER_ORDER.index(p) if p in PEER_ORDER else 99, p))
    rows = []
    for p in peers:
        rs = sorted(by_peer[p], key=lambda r: r["round"])
        good = [r for r in rs if r.get("ok")]
        wps = [r["words_per_sec"] for r in good]
        ratios = [r["words_per_sec"] / base[r["round"]] for r in good if base.get(r["round"])]
        row = {
            "peer": p, "label": PEER_LABEL.get(p, p), "runs": len(rs), "ok_runs": len(good),
            "words_per_sec_median": _med(wps), "words_per_sec_min": _range(wps)[0],
            "words_per_sec_max": _range(wps)[1],
            f"ratio_to_{baseline}_median": _med(ratios), f"ratio_to_{baseline}_per_round": ratios,
            "wall_s_median": _med([r["wall_s"] for r in good]),
            "cpu_s_median": _med([(r["user_s"] or 0) + (r["sys_s"] or 0) for r in good]),
            "peak_rss_kb_median": _med([r["peak_rss_kb"] for r in good]),
            "peak_rss_kb_max": _range([r["peak_rss_kb"] for r in good])[1],
        }
        for k in ("analogy", "analogy_semantic", "analogy_syntactic", "coverage", "ws353", "simlex", "men"):
            row[k + "_median"] = _med([r.get("eval", {}).get(k) for r in good])
        rows.append(row)
    return rows


_FORMATS = {
    "k": lambda v: f"{v / 1e3:.0f} k",
    "pct": lambda v: f"{100 * v:.1f} %",
    "rho": lambda v: f"{v:.3f}",
    "x": lambda v: f"{v:.2f}×",
    "mb": lambda v: f"{v / 1024:.0f} MB",
    "s": lambda v: f"{v:.1f}",
}


def _fmt(v, kind):
    return "–" if v is None else _FORMATS.get(kind, str)(v)


def markdown(rows, meta, baseline="gensim"):
    m = meta or {}
    head = [f"# word2vec side by side — {m.get('mode', '?')}", ""]
    if m:
        head.append(f"Corpus `{m.get('corpus')}`: {m.get('tokens', 0):,} tokens × {m.get('epochs')} epochs; "
                    f"{m.get('threads')} threads; dim {m.get('dim')}, window {m.get('window')}, negative "
                    f"{m.get('negative')}, min-count {m.get('min_count')}, sample {m.get('sample')}, alpha "
                    f"{m.get('alpha')}; {m.get('rounds')} round(s); {m.get('date', '')}, {m.get('host', '')}.")
        head.append("")
    head.append("words/s = tokens × epochs / whole-process wall time (vocabulary, training and writing the "
                f"vectors). Ratio = per-round words/s ÷ {baseline}'s in the same round, then the median. "
                "Quality: every peer's vectors scored by the same `thymus eval` (analogy 3CosAdd over the "
                "30,000 most frequent words; Spearman ρ), median over rounds.")
    head.append("")
    cols = ["peer", "words/s median (min–max)", f"× {baseline}", "wall s", "peak RSS", "analogy",
            "sem / syn", "coverage", "WS353", "SimLex", "MEN", "runs ok"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        wps = _fmt(r["words_per_sec_median"], "k")
        if r["words_per_sec_min"] is not None and r["ok_runs"] > 1:
            wps += f" ({_fmt(r['words_per_sec_min'], 'k')}–{_fmt(r['words_per_sec_max'], 'k')})"
        lines.append("| " + " | ".join([
            r["label"], wps, _fmt(r[f"ratio_to_{baseline}_median"], "x"), _fmt(r["wall_s_median"], "s"),
            _fmt(r["peak_rss_kb_median"], "mb"), _fmt(r["analogy_median"], "pct"),
            _fmt(r["analogy_semantic_median"], "pct") + " / " + _fmt(r["analogy_syntactic_median"], "pct"),
            _fmt(r["coverage_median"], "pct"), _fmt(r["ws353_median"], "rho"), _fmt(r["simlex_median"], "rho"),
            _fmt(r["men_median"], "rho"), f"{r['ok_runs']}/{r['runs']}"]) + " |")
    notes = m.get("notes") or []
    return "\n".join(head + lines + ([""] + [f"- {n}" for n in notes] if notes else [])) + "\n"


def cmd_table(a):
    run_dir = os.path.join(a.dir, "runs")
    records = []
    for f in sorted(os.listdir(run_dir)) if os.path.isdir(run_dir) else []:
        if f.endswith(".json"):
            r = _load(os.path.join(run_dir, f))
            if r and "peer" in r:
                # re-derive the figures so a change to eval_figures() applies to old runs too
                r["eval"] = eval_figures(r.get("analogy_json"), r.get("similarity_json"))
                records.append(r)
    if not records:
        sys.exit(f"summarize.py: no run records in {run_dir}")
    meta = _load(os.path.join(a.dir, "meta.json")) or {}
    rows = aggregate(records, a.baseline)
    md = markdown(rows, meta, a.baseline)
    with open(os.path.join(a.dir, "summary.md"), "w") as fh:
        fh.write(md)
    with open(os.path.join(a.dir, "summary.json"), "w") as fh:
        json.dump({"meta": meta, "baseline": a.baseline, "peers": rows}, fh, indent=2)
        fh.write("\n")
    print(md, end="")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record", help="write one run's JSON")
    r.add_argument("--out", required=True)
    r.add_argument("--peer", required=True)
    r.add_argument("--round", type=int, required=True)
    r.add_argument("--mode", default="skipgram")
    r.add_argument("--rc", type=int, default=0)
    r.add_argument("--time-file", required=True)
    r.add_argument("--tokens", type=int, required=True)
    r.add_argument("--epochs", type=int, required=True)
    r.add_argument("--command", default="")
    r.add_argument("--vectors", default="")
    r.add_argument("--log", default="")
    r.add_argument("--analogy-json")
    r.add_argument("--similarity-json")
    r.add_argument("--peer-metrics", help="the peer's own metrics JSON (Thymus --metrics-out)")
    r.add_argument("--eval-note", default="")
    r.set_defaults(fn=cmd_record)
    t = sub.add_parser("table", help="print the markdown table, write summary.md and summary.json")
    t.add_argument("dir")
    t.add_argument("--baseline", default="gensim")
    t.set_defaults(fn=cmd_table)
    a = ap.parse_args(argv)
    a.fn(a)


if __name__ == "__main__":
    main()
