#!/usr/bin/env bash
# bench/poincare/run.sh — Thymus's Poincaré embeddings vs gensim 4.2's PoincareModel (Debian
# python3-gensim) on the WordNet closures of ../shared/data/wordnet, same hyperparameters, same run,
# one thread each; plus Thymus in flat (Euclidean) space with the same loss and budget. Every
# model's vectors are scored by one evaluator (`thymus poincare eval`: reconstruction mean rank and
# MAP, the node itself not counted as a negative). Runs one thing at a time.
#
# The shared hyperparameters are gensim's defaults: 10 negatives drawn by occurrence count, learning
# rate 0.1 (burn-in 0.01), regularization 1.0 on the positive's squared norm, init +-0.001, batches
# of 10 relations whose gradients come from one state; Thymus draws its negatives as gensim does
# (--redraw all: a set with a repeat is drawn again whole). Two more Thymus peers keep every
# hyperparameter and change only the one gensim hard-codes, how negatives are drawn (gensim: by
# occurrence count, degree^1, throughout): `smoothed` draws by degree^0.75 throughout (word2vec's
# smoothing, Thymus's --degree-exponent default), `paper` by degree^0.75 in the burn-in and
# uniformly after it (Thymus's defaults, the paper's recipe).
# Time: mammals ~10 min for 3 seeds; nouns ~70 min for one seed, nearly all gensim (40-60 s an epoch).
#
#   bench/peers/install.sh                       # once: python3-gensim
#   bench/poincare/run.sh                        # mammals and nouns, dims 5,10,20,50
#   bench/poincare/run.sh --sets mammals --dims 10 --out /tmp/pc   # a quick look
#
# Options:
#   --sets LIST          mammals,nouns (default both)
#   --dims LIST          default 5,10,20,50
#   --mammal-epochs N    default 50 (burn-in 10)      --noun-epochs N  default 10 (burn-in 2)
#   --seeds LIST         seeds, one run of each tool per seed (default 1); the summary gives mean and range
#   --peers LIST         thymus,smoothed,paper,gensim,euclidean (default all)
#   --smoothed-exponent X  the exponent of `smoothed` (default 0.75)
#   --out DIR            summary.json, summary.md, per-run JSON (default bench/results/poincare-<UTC time>)
#   --work DIR           vectors (default bench/poincare/work, gitignored)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THYMUS="${THYMUS:-$ROOT/thymus}"
PY=/usr/bin/python3   # Debian's interpreter: python3-gensim lives there
DATA="$ROOT/../shared/data/wordnet"
[ -d "$DATA" ] || DATA=/work/shared/data/wordnet
SETS=mammals,nouns DIMS=5,10,20,50 MAMMAL_EPOCHS=50 MAMMAL_BURN=10 NOUN_EPOCHS=10 NOUN_BURN=2
PEERS=thymus,smoothed,paper,gensim,euclidean OUT="" WORK="$HERE/work"
SMOOTHED=0.75 NEG=10 ALPHA=0.1 BURN_ALPHA=0.01 REG=1.0 BATCH=10 SEEDS=1

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sets) SETS="$2"; shift 2 ;;
    --dims) DIMS="$2"; shift 2 ;;
    --mammal-epochs) MAMMAL_EPOCHS="$2"; shift 2 ;;
    --noun-epochs) NOUN_EPOCHS="$2"; shift 2 ;;
    --peers) PEERS="$2"; shift 2 ;;
    --smoothed-exponent) SMOOTHED="$2"; shift 2 ;;
    --seeds) SEEDS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
has() { [[ ",$PEERS," == *",$1,"* ]]; }
say() { echo "[$(date -u +%H:%M:%S)] $*"; }
if has gensim; then
  $PY -c 'import gensim.models.poincare' 2>/dev/null || { echo "run.sh: python3-gensim missing: run bench/peers/install.sh" >&2; exit 1; }
fi
OUT="${OUT:-$ROOT/bench/results/poincare-$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT" "$WORK"
say "results $OUT; vectors $WORK"

for set in ${SETS//,/ }; do
  case "$set" in
    mammals) REL="$DATA/mammal_closure.tsv"; EPOCHS=$MAMMAL_EPOCHS; BURN=$MAMMAL_BURN ;;
    nouns) REL="$DATA/nouns_closure.tsv.gz"; EPOCHS=$NOUN_EPOCHS; BURN=$NOUN_BURN ;;
    *) echo "run.sh: unknown set $set (mammals, nouns)" >&2; exit 2 ;;
  esac
  for dim in ${DIMS//,/ }; do
  for SEED in ${SEEDS//,/ }; do
    run="$set-d$dim-s$SEED"
    common=(--relations "$REL" --dim "$dim" --negatives $NEG --epochs "$EPOCHS" --burn-in "$BURN"
            --threads 1 --seed $SEED --no-eval --quiet)
    # thymus_peer PEER LABEL GEOMETRY TRAIN-FLAGS...: train, then score with the common evaluator.
    thymus_peer() {
      local peer=$1 label=$2 geometry=$3; shift 3
      say "$run: $label"
      "$THYMUS" poincare train "${common[@]}" --geometry "$geometry" --regularization $REG --batch-size $BATCH "$@" \
        --output "$WORK/$run-$peer.txt" --metrics-out "$OUT/$run-$peer-train.json" > /dev/null
      "$THYMUS" poincare eval --vectors "$WORK/$run-$peer.txt" --relations "$REL" --geometry "$geometry" --threads 1 \
        --metrics-out "$OUT/$run-$peer-eval.json" 2> /dev/null
    }
    rates=(--learning-rate $ALPHA --burn-in-rate $BURN_ALPHA)
    if has thymus; then
      thymus_peer thymus "thymus poincare" poincare "${rates[@]}" --sampling degree --degree-exponent 1 --redraw all
    fi
    if has smoothed; then
      thymus_peer smoothed "thymus poincare, negatives by degree^$SMOOTHED" poincare "${rates[@]}" \
        --sampling degree --degree-exponent $SMOOTHED --redraw all
    fi
    if has paper; then
      thymus_peer paper "thymus poincare, the paper's sampler" poincare "${rates[@]}"
    fi
    if has euclidean; then # at flat space's own default rate
      thymus_peer euclidean "thymus euclidean" euclidean --sampling degree --degree-exponent 1 --redraw all
    fi
    if has gensim; then
      say "$run: gensim"
      OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $PY "$HERE/gensim_poincare.py" --relations "$REL" --dim "$dim" \
        --negatives $NEG --batch-size $BATCH --epochs "$EPOCHS" --burn-in "$BURN" --alpha $ALPHA --burn-in-alpha $BURN_ALPHA \
        --regularization $REG --seed $SEED --out "$WORK/$run-gensim.txt" --metrics "$OUT/$run-gensim-train.json"
      "$THYMUS" poincare eval --vectors "$WORK/$run-gensim.txt" --relations "$REL" --threads 1 \
        --metrics-out "$OUT/$run-gensim-eval.json" 2> /dev/null
    fi
  done
  done
done
$PY "$HERE/summarize.py" "$OUT"
say "done: $OUT/summary.md"
