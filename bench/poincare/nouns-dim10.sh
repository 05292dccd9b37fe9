#!/usr/bin/env bash
# bench/poincare/nouns-dim10.sh — the WordNet nouns at dim 10 to reconstruction MAP 0.85 (issue 7):
# a slow burn-in, then five continuations of the same table (--init), each at a lower or steadier
# rate; the last two at the reference code's rate per relation (0.02: its batches of 50 with a
# mean loss at rate 1.0). 1,080 epochs in all, about 1.5 hours of training here.
#
#   bench/poincare/nouns-dim10.sh [--out DIR]      # default bench/poincare/work/nouns-dim10
#
# Each stage writes DIR/stageN.txt (vectors, rewritten every 25 epochs: a stopped run can continue
# from it) and DIR/stageN.json (--metrics-out: sample MAP every 25 epochs, full reconstruction).
# docs/benchmarks.md ("A longer, gentler burn-in") has the figures of each stage.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THYMUS="${THYMUS:-$ROOT/thymus}"
DATA="$ROOT/../shared/data/wordnet"
[ -d "$DATA" ] || DATA=/work/shared/data/wordnet
OUT="$HERE/work/nouns-dim10"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n 2,11p "$0"; exit 0 ;;
    *) echo "nouns-dim10.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
common=(--relations "$DATA/nouns_closure.tsv.gz" --dim 10 --negatives 50 --eval-every 25 --checkpoint-every 25)

stage() {  # stage N THREADS OPTIONS...: continues from stage N-1's vectors when there is one
  local n="$1" threads="$2"; shift 2
  local init=()
  [ "$n" -gt 1 ] && init=(--init "$OUT/stage$((n - 1)).txt" --burn-in 0)
  echo "[$(date -u +%H:%M:%S)] stage $n: $*"
  "$THYMUS" poincare train "${common[@]}" "${init[@]}" --threads "$threads" "$@" \
    --output "$OUT/stage$n.txt" --metrics-out "$OUT/stage$n.json" | grep -E '^(reconstruction|trained)'
}
stage 1 1 --burn-in 30 --burn-in-rate 0.01 --epochs 100 --learning-rate 0.3 --final-learning-rate 0.03
stage 2 1 --epochs 100 --learning-rate 0.1 --final-learning-rate 0.01
stage 3 1 --epochs 100 --learning-rate 0.05 --final-learning-rate 0.005
stage 4 1 --epochs 300 --learning-rate 0.03 --final-learning-rate 0.001
stage 5 2 --epochs 300 --learning-rate 0.02
stage 6 2 --epochs 150 --learning-rate 0.02
