#!/usr/bin/env bash
# bench/recsys/ml100k.sh — the recommendation baselines of `thymus recsys eval` (popularity, item-kNN,
# BPR-MF) on MovieLens-100K: leave-last-out (and, with --folds, the u1..u5 mean), one JSON per run and a
# markdown table (summarize.py). One thread, fixed seed: quality figures; the interactions/s column is
# only indicative on a shared machine.
#
#   bench/recsys/ml100k.sh                    # tuned baselines on leave-last-out (~1 min)
#   bench/recsys/ml100k.sh --folds            # ... and on u1..u5 (~5 min more)
#   bench/recsys/ml100k.sh --grid             # the tuning grid on leave-last-out-valid (~10 min)
#
# Options:
#   --dataset DIR     default ../shared/data/movielens/ml-100k (beside the repo)
#   --folds           also run u1..u5 (the summary adds their mean)
#   --grid            run the tuning grid on the validation split (each user's second-to-last
#                     interaction; the test item is never seen) instead of the tuned runs
#   --out DIR         runs/*.json, runs/*.log and summary.md (default bench/results/recsys-ml100k-<UTC time>)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THYMUS="${THYMUS:-$ROOT/thymus}"
DATA="$ROOT/../shared/data/movielens/ml-100k"
FOLDS=0 GRID=0 OUT=""

# The tuned settings: the best NDCG@10 of the grid on leave-last-out-valid (retrieval/README.md).
KNN_NEIGHBOURS=10
BPR_ARGS=(--dim 64 --epochs 30 --optimizer adagrad --learning-rate 0.05 --reg 0.001)

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --dataset) DATA="$2"; shift 2 ;;
    --folds) FOLDS=1; shift ;;
    --grid) GRID=1; shift ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "ml100k.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
OUT="${OUT:-$ROOT/bench/results/recsys-ml100k-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT/runs"

run() { # name split model args...
  local name="$1" split="$2" model="$3"; shift 3
  nice -n 19 "$THYMUS" recsys eval --dataset "$DATA" --split "$split" --model "$model" "$@" \
    --threads 1 --seed 1 --metrics-out "$OUT/runs/$name.json" > "$OUT/runs/$name.log"
  echo "$name: $(grep -o 'Recall@10 [0-9.]*, Recall@20 [0-9.]*, NDCG@10 [0-9.]*' "$OUT/runs/$name.log")" >&2
}

if [ "$GRID" = 1 ]; then
  split=leave-last-out-valid
  run "grid-popularity" "$split" popularity
  for k in 3 5 7 10 15 20 50 100 200 0; do
    run "grid-itemknn-k$k" "$split" itemknn --neighbours "$k"
  done
  for opt in adagrad sgd; do
    for dim in 32 64 128; do
      for lr in 0.02 0.05 0.1; do
        for reg in 0.0001 0.001 0.01; do
          run "grid-bpr-$opt-d$dim-lr$lr-reg$reg" "$split" bpr --optimizer "$opt" --dim "$dim" \
            --learning-rate "$lr" --reg "$reg" --epochs 30
        done
      done
    done
  done
  for epochs in 10 60 100; do
    run "grid-bpr-adagrad-d64-lr0.05-reg0.001-e$epochs" "$split" bpr --optimizer adagrad --dim 64 \
      --learning-rate 0.05 --reg 0.001 --epochs "$epochs"
  done
else
  splits="leave-last-out"
  [ "$FOLDS" = 1 ] && splits="$splits u1 u2 u3 u4 u5"
  for split in $splits; do
    run "$split-popularity" "$split" popularity
    run "$split-itemknn" "$split" itemknn --neighbours "$KNN_NEIGHBOURS"
    run "$split-bpr" "$split" bpr "${BPR_ARGS[@]}"
  done
fi

python3 "$HERE/summarize.py" "$OUT/runs" > "$OUT/summary.md"
cat "$OUT/summary.md"
