#!/usr/bin/env bash
# bench/recsys/twotower.sh — issue 8's table on MovieLens-100K, leave-last-out: popularity, item-kNN,
# BPR-MF (its defaults, and 100 epochs) and the two towers with uniform / in-batch / in-batch+logQ /
# in-batch + half the logQ correction / mixed / +ANN hard / +guard negatives (and, asked for, the exact
# softmax over all items, the reference the sampled rows estimate), each two-tower row at one
# budget (the same dim, epochs, batch, temperature, rate, features) and over several seeds; a markdown
# table of Recall@10, NDCG@10, MRR, Recall@10 by popularity tercile (and the tail's among the tail's
# items only) and training interactions/s (mean ± standard deviation over the seeds). Two threads (~40 min with three seeds).
#
#   bench/recsys/twotower.sh
#   bench/recsys/twotower.sh --seeds "1 2 3 4 5" --epochs 10 --temperature 0.2
#   bench/recsys/twotower.sh --folds --rows "popularity itemknn bpr inbatch inbatch+logq"   # u1..u5
#
# Options:
#   --dataset DIR      MovieLens-100K (default ../shared/data/movielens/ml-100k beside the repo, or $ML100K)
#   --seeds LIST       default "1 2 3"
#   --rows LIST        subset of: popularity itemknn bpr bpr-100 uniform inbatch inbatch+logq inbatch+logq0.5 mixed
#                      ann ann+guard full (full is not in the default list)
#   --dim N --epochs N --batch N --temperature T --learning-rate R   two-tower budget (64 10 256 0.1 0.05)
#   --item-features LIST   default id,genres,year,title     --user-features LIST  default id,age,gender,occupation,history
#   --bpr-args "ARGS"  extra recsys eval flags for the bpr and bpr-100 rows (default none: its defaults,
#                      dim 64, 30 epochs, reg 0.001), e.g. "--dim 128 --epochs 200 --reg 0.03"
#   --knn-args "ARGS"  extra recsys eval flags for the itemknn row (default none: k = 10), e.g. "--neighbours 0"
#   --threads N        default 2
#   --folds            the standard splits u1..u5 instead of leave-last-out: every row once per fold (the
#                      first seed), the table's mean ± standard deviation over the five folds
#   --valid            the validation splits instead, to tune on without the test items: leave-last-out-valid,
#                      or with --folds u1-valid..u5-valid (a random quarter of each fold's base file held out)
#   --out DIR          summary.md and runs/*.json (default bench/results/recsys-twotower-<UTC time>)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THYMUS="${THYMUS:-$ROOT/thymus}"
DATA="${ML100K:-$ROOT/../shared/data/movielens/ml-100k}"
SEEDS="1 2 3"
ROWS="popularity itemknn bpr bpr-100 uniform inbatch inbatch+logq inbatch+logq0.5 mixed ann ann+guard"
DIM=64 EPOCHS=10 BATCH=256 TEMPERATURE=0.1 RATE=0.05 THREADS=2
ITEM_FEATURES="id,genres,year,title" USER_FEATURES="id,age,gender,occupation,history" OUT="" FOLDS=0 VALID="" BPR_ARGS="" KNN_ARGS=""

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --dataset) DATA="$2"; shift 2 ;;
    --seeds) SEEDS="$2"; shift 2 ;;
    --rows) ROWS="$2"; shift 2 ;;
    --dim) DIM="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --batch) BATCH="$2"; shift 2 ;;
    --temperature) TEMPERATURE="$2"; shift 2 ;;
    --learning-rate) RATE="$2"; shift 2 ;;
    --item-features) ITEM_FEATURES="$2"; shift 2 ;;
    --user-features) USER_FEATURES="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --bpr-args) BPR_ARGS="$2"; shift 2 ;;
    --knn-args) KNN_ARGS="$2"; shift 2 ;;
    --folds) FOLDS=1; shift ;;
    --valid) VALID=1; shift ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "twotower.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
OUT="${OUT:-$ROOT/bench/results/recsys-twotower-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT/runs"

# The two-tower rows: the row name, then its --negatives and --guard.
twotower_args() {
  case "$1" in
    uniform) echo "--negatives uniform --guard none" ;;
    inbatch) echo "--negatives inbatch --guard none" ;;
    inbatch+logq) echo "--negatives inbatch+logq --guard none" ;;
    inbatch+logq0.5) echo "--negatives inbatch+logq:0.5 --guard none" ;;
    mixed) echo "--negatives mixed:0.5+logq --guard none" ;;
    ann) echo "--negatives inbatch+logq+ann:0.2:band=5-50:every=100 --guard none" ;;
    ann+guard) echo "--negatives inbatch+logq+ann:0.2:band=5-50:every=100 --guard known" ;;
    full) echo "--negatives full --guard none" ;;
    *) return 1 ;;
  esac
}

run() { # run NAME SEED ARGS...: leave-last-out with that seed, or with --folds each of u1..u5 with it
  local name="$1" seed="$2"; shift 2
  if [ "$FOLDS" = 1 ]; then
    for fold in 1 2 3 4 5; do
      echo "== $name u$fold seed $seed: $*"
      nice -n 19 "$THYMUS" recsys eval --dataset "$DATA" --split "u$fold${VALID:+-valid}" --threads "$THREADS" --seed "$seed" \
          --metrics-out "$OUT/runs/$name.fold$fold.json" "$@" | tail -3
    done
  else
    echo "== $name seed $seed: $*"
    nice -n 19 "$THYMUS" recsys eval --dataset "$DATA" --split "leave-last-out${VALID:+-valid}" \
        --threads "$THREADS" --seed "$seed" \
        --metrics-out "$OUT/runs/$name.seed$seed.json" "$@" | tail -3
  fi
}

FIRST_SEED="${SEEDS%% *}"
for row in $ROWS; do
  # With --folds the folds are the repetitions: one seed each.
  row_seeds="$SEEDS"; [ "$FOLDS" = 1 ] && row_seeds="$FIRST_SEED"
  case "$row" in
    popularity) run "$row" 1 --model "$row" ;;
    # shellcheck disable=SC2086
    itemknn) run "$row" 1 --model "$row" $KNN_ARGS ;;
    # shellcheck disable=SC2086
    bpr) for s in $row_seeds; do run bpr "$s" --model bpr $BPR_ARGS; done ;;   # default: dim 64, 30 epochs
    # shellcheck disable=SC2086
    bpr-100) for s in $row_seeds; do run bpr-100 "$s" --model bpr --epochs 100 $BPR_ARGS; done ;;  # more epochs
    *)
      args="$(twotower_args "$row")" || { echo "twotower.sh: unknown row $row" >&2; exit 2; }
      for s in $row_seeds; do
        # shellcheck disable=SC2086
        run "twotower-$row" "$s" --model twotower $args --dim "$DIM" --epochs "$EPOCHS" --batch "$BATCH" \
            --temperature "$TEMPERATURE" --learning-rate "$RATE" --item-features "$ITEM_FEATURES" \
            --user-features "$USER_FEATURES"
      done ;;
  esac
done
python3 "$HERE/summarize_twotower.py" "$OUT/runs" | tee "$OUT/summary.md"
