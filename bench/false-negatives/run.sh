#!/usr/bin/env bash
# bench/false-negatives/run.sh — the false-negative benchmarks of issue 9 (docs/false-negatives.md).
#
# Runs `thymus bench false-negatives` once: every arm of every setting on each seed's generated
# world, one run at a time (each single-threaded, so reproducible), and keeps the JSON (every
# figure per seed, with mean / sd / min / max), the markdown tables and the log.
#
#   bench/false-negatives/run.sh                         # every setting, 5 seeds
#   bench/false-negatives/run.sh --setting geo --seeds 3 --out /tmp/fn
#   bench/false-negatives/run.sh --setting crossmodal --out bench/results/false-negatives-crossmodal
#   bench/false-negatives/run.sh --setting crossmodal --seeds 3 --extra '--batch 2048' --out /tmp/fn-b2048
#
# Options:
#   --setting S    crossmodal, geo, domain or all (default all)   --seeds N   seeds 1..N (default 5)
#   --threads T    runs at a time (default 1)         --out DIR   results (default bench/results/false-negatives-<UTC time>)
#   --cmudict DIR  CMUdict for crossmodal (default $CMUDICT, else ../shared/data/cmudict beside the checkout)
#   --extra ARGS   more flags for the command, e.g. '--temperature 0.2', '--negatives 30' or '--batch 2048'
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THYMUS="${THYMUS:-$ROOT/thymus}"
SETTING=all SEEDS=5 THREADS=1 OUT="" EXTRA="" CMUDICT="${CMUDICT:-$ROOT/../shared/data/cmudict}"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --setting) SETTING="$2"; shift 2 ;;
    --seeds) SEEDS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --cmudict) CMUDICT="$2"; shift 2 ;;
    --extra) EXTRA="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
OUT="${OUT:-$ROOT/bench/results/false-negatives-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
"$THYMUS" --version > /dev/null   # build before the runs
# run a frozen copy: editing a source during the runs must not rebuild the jar under them
cp "$ROOT/cli/target/thymus.jar" "$OUT/thymus.jar"
export THYMUS_JAR="$OUT/thymus.jar"
echo "[$(date -u +%H:%M:%S)] thymus bench false-negatives --setting $SETTING --seeds $SEEDS $EXTRA -> $OUT"
nice -n 19 "$THYMUS" bench false-negatives --setting "$SETTING" --seeds "$SEEDS" --threads "$THREADS" \
    --cmudict "$CMUDICT" $EXTRA \
    --metrics-out "$OUT/false-negatives.json" --markdown-out "$OUT/false-negatives.md" 2>&1 | tee "$OUT/log.txt"
rm -f "$OUT/thymus.jar"
echo "[$(date -u +%H:%M:%S)] tables: $OUT/false-negatives.md; figures: $OUT/false-negatives.json"
