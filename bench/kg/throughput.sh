#!/usr/bin/env bash
# bench/kg/throughput.sh — issue 6's training throughput per model: triples x negatives a second
# (the trainer's triples/s from the metrics JSON, times the negatives of each positive), each
# model with its own negatives per example and with negatives shared by a chunk of examples
# (PyTorch-BigGraph's batch negatives), on WN18RR at one setting; then the scoring kernels under
# JMH (KgScoringBench: one query against k candidate rows, and a chunk against shared candidates).
# Times only mean something on an otherwise idle machine.
#
#   bench/kg/throughput.sh                       # ~5 min: 5 models x 2 modes, 2 epochs each, then JMH
#   bench/kg/throughput.sh --no-jmh --models "rotate complex"
#
# Options:
#   --models LIST   default transe transe-l2 distmult complex rotate
#   --dim N         default 100      --negatives N   default 64      --epochs N   default 2
#   --threads N     default 2        --no-jmh        skip the kernel benchmarks
#   --out DIR       table.md, runs/*.json, jmh-kg-scoring.json (default bench/results/kg-throughput-<UTC time>)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THYMUS="${THYMUS:-$ROOT/thymus}"
DATA="$ROOT/../shared/data/kg/wn18rr"
[ -d "$DATA" ] || DATA=/work/shared/data/kg/wn18rr
MODELS="transe transe-l2 distmult complex rotate" DIM=100 NEGATIVES=64 EPOCHS=2 THREADS=2 JMH=1 OUT=""

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --models) MODELS="$2"; shift 2 ;;
    --dim) DIM="$2"; shift 2 ;;
    --negatives) NEGATIVES="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --no-jmh) JMH=0; shift ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "throughput.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
say() { echo "[$(date -u +%H:%M:%S)] $*"; }
OUT="${OUT:-$ROOT/bench/results/kg-throughput-$(date -u +%Y%m%d-%H%M%S)}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT/runs"
"$THYMUS" --version > /dev/null 2>&1 || true   # build before the clock starts

for model in $MODELS; do
  for mode in own shared; do
    flag=(); [ "$mode" = shared ] && flag=(--shared-negatives)
    say "$model, $mode negatives"
    "$THYMUS" kg train --dataset "$DATA" --entities all --model "$model" --dim "$DIM" --negatives "$NEGATIVES" \
      --epochs "$EPOCHS" --threads "$THREADS" "${flag[@]}" --output "$WORK/model" \
      --metrics-out "$OUT/runs/$model-$mode.json" > "$WORK/$model-$mode.log" 2>&1 \
      || { say "  failed:"; tail -5 "$WORK/$model-$mode.log"; }
  done
done

python3 - "$OUT" "$NEGATIVES" <<'PY' | tee "$OUT/table.md"
import glob, json, os, sys
out, k = sys.argv[1], int(sys.argv[2])
rows = {}
for path in sorted(glob.glob(os.path.join(out, "runs", "*.json"))):
    model, mode = os.path.basename(path)[:-5].rsplit("-", 1)
    with open(path) as f:
        m = json.load(f)
    rows.setdefault(model, {})[mode] = m
print("| model | dim | negatives | own: triples × negatives / s | shared: triples × negatives / s | shared / own |")
print("|---|---|---|---|---|---|")
for model, modes in rows.items():
    cell = lambda mode: modes[mode]["triples_per_second"] * k if mode in modes else float("nan")
    dim = next(iter(modes.values()))["parameters"]["dim"]
    print(f"| {model} | {dim} | {k} | {cell('own') / 1e6:.2f} M | {cell('shared') / 1e6:.2f} M | "
          f"{cell('shared') / cell('own'):.2f}× |")
PY

if [ "$JMH" = 1 ]; then
  say "JMH KgScoringBench"
  (cd "$ROOT" && ./mvnw -q -Pbench -DskipTests package -pl bench -am)
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -jar "$ROOT/bench/target/benchmarks.jar" \
    'org.thymus.bench.KgScoringBench' -f 1 -wi 5 -w 1 -i 5 -r 1 -rf json -rff "$OUT/jmh-kg-scoring.json" \
    | grep -E '^(Benchmark|KgScoringBench)' | tee "$OUT/jmh.txt"
fi
