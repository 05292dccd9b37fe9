#!/usr/bin/env bash
# bench/kg/small.sh — `thymus kg train` on the small sets (../shared/data/kg/small: Nations, Kinship),
# every model x sampler at one budget, and a table of test filtered MRR / Hits@1 / Hits@10 and the
# training seconds. One thread, fixed seed: quality only, safe to run beside other work (~5 min).
# bench/kg/samplers.sh runs it on WN18RR and FB15k-237 (--data, --entities all).
#
#   bench/kg/small.sh
#   bench/kg/small.sh --sets kinship --models rotate --samplers 'uniform bernoulli' --epochs 100
#
# Options:
#   --data DIR        the directory holding the sets (default ../shared/data/kg/small)
#   --sets LIST       space-separated, sub-directories of --data (default nations kinship)
#   --entities WHICH  train or all: `kg train --entities` (default train)
#   --models LIST     transe transe-l2 distmult complex rotate (default transe distmult rotate)
#   --samplers LIST   uniform bernoulli filtered bernoulli+filtered generator generator+filtered
#                     self-adversarial (default the first four); self-adversarial is uniform at
#                     alpha 1 whatever --alphas says (one run, named ...-self-adversarial)
#   --alphas LIST     self-adversarial temperatures, each a run (default 1; 0 weighs negatives equally)
#   --generator-args "ARGS"  extra flags for the generator runs, e.g. "--generator-learning-rate 0.05"
#   --epochs N        default 50     --dim N   default 32     --negatives N   default 16
#   --seed N          default 1 (another seed adds -seedN to the run names)
#   --out DIR         summary.md and runs/*.json (default bench/results/kg-small-<UTC time>); a run
#                     whose runs/NAME.json exists is not run again (an interrupted table resumes)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THYMUS="${THYMUS:-$ROOT/thymus}"
DATA="$ROOT/../shared/data/kg/small" ENTITIES=train
SETS="nations kinship" MODELS="transe distmult rotate" SAMPLERS="uniform bernoulli filtered bernoulli+filtered"
EPOCHS=50 DIM=32 NEGATIVES=16 OUT="" ALPHAS="1" GENERATOR_ARGS="" SEED=1

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --sets) SETS="$2"; shift 2 ;;
    --entities) ENTITIES="$2"; shift 2 ;;
    --models) MODELS="$2"; shift 2 ;;
    --samplers) SAMPLERS="$2"; shift 2 ;;
    --alphas) ALPHAS="$2"; shift 2 ;;
    --generator-args) GENERATOR_ARGS="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --dim) DIM="$2"; shift 2 ;;
    --negatives) NEGATIVES="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "small.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
OUT="${OUT:-$ROOT/bench/results/kg-small-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT/runs"

for set in $SETS; do
  for model in $MODELS; do
    for sampler in $SAMPLERS; do
      alphas="$ALPHAS"
      if [ "$sampler" = self-adversarial ]; then alphas=1; fi
      for alpha in $alphas; do
        name="$set-$model-$sampler"
        [ "$ALPHAS" = "1" ] || [ "$sampler" = self-adversarial ] || name="$name-alpha$alpha"
        [ "$SEED" = 1 ] || name="$name-seed$SEED"
        if [ -f "$OUT/runs/$name.json" ]; then
          echo "$name: kept from an earlier run" >&2
          continue
        fi
        extra=()
        case "$sampler" in generator*) read -r -a extra <<< "$GENERATOR_ARGS" ;; esac
        nice -n 19 "$THYMUS" kg train --dataset "$DATA/$set" --entities "$ENTITIES" --model "$model" \
          --sampler "${sampler/#self-adversarial/uniform}" \
          --adversarial-temperature "$alpha" --dim "$DIM" --negatives "$NEGATIVES" --epochs "$EPOCHS" \
          --threads 1 --seed "$SEED" ${extra[@]+"${extra[@]}"} \
          --output "$OUT/runs/$name.model" --metrics-out "$OUT/runs/$name.json" > "$OUT/runs/$name.log"
        rm -f "$OUT/runs/$name.model"
        echo "$name done" >&2
      done
    done
  done
done

python3 - "$OUT" > "$OUT/summary.md" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
print("| set | model | sampler | alpha | MRR | Hits@1 | Hits@10 | MR | train s | known corruptions |"
      " generator: known negatives | negative score | candidate score |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for f in sorted((out / "runs").glob("*.json")):
    m = json.loads(f.read_text())
    p, t = m["parameters"], m["test_filtered"]
    known = m["known_corruptions"] / m["negatives_drawn"]
    g = m.get("generator_last_epoch")
    gen = (f"{g['known_negative_share']:.1%} | {g['mean_negative_score']:.2f} | {g['mean_candidate_score']:.2f}"
           if g else "– | – | –")
    print(f"| {pathlib.Path(m['dataset']).name} | {p['model']} | {p['sampler']} | {p['adversarial_temperature']:g} | "
          f"{t['mrr']:.3f} | {t['hits_at_1']:.3f} | {t['hits_at_10']:.3f} | {t['mean_rank']:.2f} | "
          f"{m['train_seconds']:.1f} | {known:.1%} | {gen} |")
PY
cat "$OUT/summary.md"
