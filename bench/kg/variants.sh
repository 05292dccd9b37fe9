#!/usr/bin/env bash
# bench/kg/variants.sh — `thymus kg train` on the small sets with each loss, optimiser,
# regulariser and negative-sharing option against the default (self-adversarial loss, Adagrad,
# own negatives per positive), every model, and a table of test filtered MRR / Hits@1 / Hits@10.
# One thread, fixed seed, uniform sampler: quality only (the seconds are not benchmarks).
#
#   bench/kg/variants.sh
#   bench/kg/variants.sh --sets kinship --models complex --variants 'default adam n3'
#
# Options:
#   --sets LIST       space-separated, from nations kinship (default kinship)
#   --models LIST     transe transe-l2 distmult complex rotate (default transe distmult complex rotate)
#   --variants LIST   default margin logistic adam l2 n3 shared (default all; l2 and n3 only for
#                     distmult and complex)
#   --epochs N        default 50     --dim N   default 32     --negatives N   default 16
#   --out DIR         summary.md and runs/*.json (default bench/results/kg-variants-<UTC time>)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THYMUS="${THYMUS:-$ROOT/thymus}"
DATA="$ROOT/../shared/data/kg/small"
SETS="kinship" MODELS="transe distmult complex rotate" VARIANTS="default margin logistic adam l2 n3 shared"
EPOCHS=50 DIM=32 NEGATIVES=16 OUT=""

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sets) SETS="$2"; shift 2 ;;
    --models) MODELS="$2"; shift 2 ;;
    --variants) VARIANTS="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --dim) DIM="$2"; shift 2 ;;
    --negatives) NEGATIVES="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "variants.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
OUT="${OUT:-$ROOT/bench/results/kg-variants-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT/runs"

# The flags of each variant; everything else is the CLI's default for the model.
flags() {
  case "$1" in
    default) echo "" ;;
    margin) echo "--loss margin" ;;
    logistic) echo "--loss logistic" ;;
    adam) echo "--optimizer adam" ;;
    l2) echo "--regularization l2 --reg-weight 0.001" ;;
    n3) echo "--regularization n3 --reg-weight 0.001" ;;
    shared) echo "--shared-negatives --chunk-size 32" ;;
    *) echo "variants.sh: unknown variant $1" >&2; exit 2 ;;
  esac
}

for set in $SETS; do
  for model in $MODELS; do
    for variant in $VARIANTS; do
      if [[ "$variant" =~ ^(l2|n3)$ && ! "$model" =~ ^(distmult|complex)$ ]]; then
        continue
      fi
      name="$set-$model-$variant"
      # shellcheck disable=SC2046  # the variant's flags are separate words
      nice -n 19 "$THYMUS" kg train --dataset "$DATA/$set" --model "$model" $(flags "$variant") \
        --dim "$DIM" --negatives "$NEGATIVES" --epochs "$EPOCHS" --threads 1 --seed 1 \
        --output "$OUT/runs/$name.model" --metrics-out "$OUT/runs/$name.json" > "$OUT/runs/$name.log"
      rm -f "$OUT/runs/$name.model"
      echo "$name done" >&2
    done
  done
done

python3 - "$OUT" > "$OUT/summary.md" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
print("| set | model | loss | optimizer | regularization | shared | MRR | Hits@1 | Hits@10 | MR | train s |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for f in sorted((out / "runs").glob("*.json")):
    m = json.loads(f.read_text())
    p, t = m["parameters"], m["test_filtered"]
    reg = p["regularization"] if p["regularization"] == "none" else f"{p['regularization']} {p['reg_weight']:g}"
    shared = p["shared_negatives_chunk"] or "-"
    print(f"| {pathlib.Path(m['dataset']).name} | {p['model']} | {p['loss']} | {p['optimizer']} | {reg} | {shared} | "
          f"{t['mrr']:.3f} | {t['hits_at_1']:.3f} | {t['hits_at_10']:.3f} | {t['mean_rank']:.2f} | {m['train_seconds']:.1f} |")
PY
cat "$OUT/summary.md"
