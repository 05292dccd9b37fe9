#!/usr/bin/env bash
# bench/kg/samplers.sh — issue 6's samplers x models table on the large sets: every model with each
# sampler at one fixed budget per data set (the same dim, negatives and epochs in every cell), run
# by bench/kg/small.sh (one thread, seed 1, `--entities all`), then tables of test filtered MRR and
# Hits@10 and of the share of drawn negatives that were training triples, built from the runs'
# metrics JSON. Columns: uniform, bernoulli, filtered and generator (KBGAN) weigh the negatives
# equally (alpha 0); self-adversarial is uniform with self-adversarial weights at alpha 1. Runs go
# set by set, model by model (cheapest first), so a cut-short table has whole rows.
#
#   bench/kg/samplers.sh                                  # both sets, the budget below
#   bench/kg/samplers.sh --sets wn18rr --epochs-wn18rr 20
#   bench/kg/samplers.sh --table-only --out bench/results/kg-samplers   # rebuild the tables
#
# Options:
#   --sets LIST            space-separated, from wn18rr fb15k-237 (default both, in that order)
#   --models LIST          default distmult complex transe rotate (transe is TransE-L1)
#   --samplers LIST        default uniform bernoulli filtered self-adversarial generator
#   --dim N                default 50      --negatives N   default 32
#   --epochs-wn18rr N      default 15      --epochs-fb15k-237 N   default 4
#   --seed N               default 1; another seed's runs are extra columns ("uniform, seed 2")
#   --out DIR              tables.md, summary.md and runs/*.json (default
#                          bench/results/kg-samplers-<UTC time>); finished runs are kept on a rerun
#   --table-only           only rebuild tables.md from DIR/runs/*.json
# The jar is frozen for the whole table (a copy outside the repo), so editing a source meanwhile
# cannot rebuild it under a run; THYMUS_JAR=FILE runs that jar instead.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SETS="wn18rr fb15k-237" MODELS="distmult complex transe rotate"
SAMPLERS="uniform bernoulli filtered self-adversarial generator"
DIM=50 NEGATIVES=32 EPOCHS_WN18RR=15 EPOCHS_FB15K_237=4 OUT="" TABLE_ONLY=0 SEED=1

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sets) SETS="$2"; shift 2 ;;
    --models) MODELS="$2"; shift 2 ;;
    --samplers) SAMPLERS="$2"; shift 2 ;;
    --dim) DIM="$2"; shift 2 ;;
    --negatives) NEGATIVES="$2"; shift 2 ;;
    --epochs-wn18rr) EPOCHS_WN18RR="$2"; shift 2 ;;
    --epochs-fb15k-237) EPOCHS_FB15K_237="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --table-only) TABLE_ONLY=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "samplers.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
OUT="${OUT:-$ROOT/bench/results/kg-samplers-$(date -u +%Y%m%dT%H%M%SZ)}"

if [ "$TABLE_ONLY" = 0 ]; then
  if [ -z "${THYMUS_JAR:-}" ]; then
    (cd "$ROOT" && ./mvnw -q -DskipTests -pl cli -am package)
    THYMUS_JAR="$(mktemp "${TMPDIR:-/tmp}/thymus-kg-samplers.XXXXXX.jar")"
    cp "$ROOT/cli/target/thymus.jar" "$THYMUS_JAR"
    trap 'rm -f "$THYMUS_JAR"' EXIT
  fi
  export THYMUS_JAR
  mkdir -p "$OUT"
  echo "commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo ' (with uncommitted changes)'), started $(date -u +%FT%TZ)" \
    >> "$OUT/provenance.txt"
  for set in $SETS; do
    case "$set" in
      wn18rr) epochs="$EPOCHS_WN18RR" ;;
      fb15k-237) epochs="$EPOCHS_FB15K_237" ;;
      *) echo "samplers.sh: no budget for set $set" >&2; exit 2 ;;
    esac
    for model in $MODELS; do
      "$HERE/small.sh" --data "$ROOT/../shared/data/kg" --sets "$set" --entities all --models "$model" \
        --samplers "$SAMPLERS" --alphas 0 --dim "$DIM" --negatives "$NEGATIVES" --epochs "$epochs" \
        --seed "$SEED" --out "$OUT" > /dev/null
    done
  done
  echo "finished $(date -u +%FT%TZ)" >> "$OUT/provenance.txt"
fi

python3 - "$OUT" > "$OUT/tables.md" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
MODELS = ["transe-l1", "distmult", "complex", "rotate"]
COLUMNS = ["uniform", "bernoulli", "filtered", "self-adversarial", "generator"]
cells = {}
for f in sorted((out / "runs").glob("*.json")):
    m = json.loads(f.read_text())
    p = m["parameters"]
    column = p["sampler"]
    if column == "uniform" and p["adversarial_temperature"] > 0:
        column = "self-adversarial"
    elif p["adversarial_temperature"] != 0:
        column += f" (alpha {p['adversarial_temperature']:g})"
    if p["seed"] != 1:
        column += f", seed {p['seed']}"
    cells[(pathlib.Path(m["dataset"]).name, p["model"], column)] = m
sets = sorted({k[0] for k in cells}, key=lambda s: (s != "wn18rr", s))
columns = COLUMNS + sorted({k[2] for k in cells} - set(COLUMNS))
def pivot(s, text):
    """One row per model, one column per sampler: text(metrics) of each run, – where none ran."""
    print("| model | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for model in MODELS:
        row = ["–" if (s, model, c) not in cells else text(cells[(s, model, c)]) for c in columns]
        if any(x != "–" for x in row):
            print(f"| {model} | " + " | ".join(row) + " |")


def known_share(m):
    g = m.get("generator_last_epoch")
    return f"{g['known_negative_share'] if g else m['known_corruptions'] / m['negatives_drawn']:.2%}"


for s in sets:
    budgets = {(m["parameters"]["dim"], m["parameters"]["negatives"], m["parameters"]["epochs"])
               for k, m in cells.items() if k[0] == s}
    budget = "; ".join(f"dim {d}, {n} negatives, {e} epochs" for d, n, e in sorted(budgets))
    print(f"### {s}: test filtered MRR / Hits@10 ({budget})\n")
    pivot(s, lambda m: f"{m['test_filtered']['mrr']:.3f} / {m['test_filtered']['hits_at_10']:.3f}")
    print(f"\n### {s}: share of drawn negatives that were training triples\n")
    print("Uniform draws (with filtering: every draw, redraws included); generator: of the negatives it "
          "drew in the last epoch.\n")
    pivot(s, known_share)
    print()
print("### Every run\n")
print("| set | model | column | MRR | Hits@1 | Hits@3 | Hits@10 | MR | epochs | train s* | rank s* |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for (s, model, c), m in sorted(cells.items(), key=lambda kv: (sets.index(kv[0][0]), MODELS.index(kv[0][1])
                                                               if kv[0][1] in MODELS else 99, columns.index(kv[0][2]))):
    t = m["test_filtered"]
    print(f"| {s} | {model} | {c} | {t['mrr']:.4f} | {t['hits_at_1']:.3f} | {t['hits_at_3']:.3f} | "
          f"{t['hits_at_10']:.3f} | {t['mean_rank']:.0f} | {m['epochs_run']} | {m['train_seconds']:.0f} | "
          f"{m['eval_seconds']:.0f} |")
print("\n\\* wall time on a shared machine, not a speed figure.")
PY
cat "$OUT/tables.md"
