#!/usr/bin/env bash
# bench/samplers/run.sh — word2vec with hard negatives: unigram vs +lexical vs +semantic vs both.
#
# Trains Thymus skip-gram once per (configuration, round) with the word2vec benchmark's settings
# (dim 100, window 5, negative 5, min-count 5, sample 1e-4, alpha 0.025, 3 epochs, 2 threads), one
# run at a time, each with --metrics-out and --sampler-report; scores every run with the same
# `thymus eval analogy` (semantic / syntactic sections) and `thymus eval similarity` (WS353, SimLex-999,
# MEN); prints the table (summarize.py). Rounds use seeds 1..R so the spread shows run-to-run noise.
#
#   bench/samplers/run.sh                                   # 4 configurations x 3 rounds
#   bench/samplers/run.sh --rounds 1 --configs 'unigram;unigram+lexical:0.2' --out /tmp/s
#
# Options:
#   --corpus F     corpus (default ../shared/data/corpus/english.txt.gz; a .gz is decompressed once)
#   --rounds R     rounds (default 3), seeds 1..R   --seeds LIST  comma list of seeds instead (one round each)
#   --threads T    threads (default 2)              --epochs E    epochs (default 3)
#   --configs L    ';'-separated --negatives recipes (default: the four of issue 3)
#   --extra ARGS   extra flags for every training run (e.g. '--exclude-classes F')
#   --out DIR      results (default bench/results/samplers-<UTC time>)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=../lib/corpus.sh
source "$ROOT/bench/lib/corpus.sh"
THYMUS="${THYMUS:-$ROOT/thymus}"
SHARED_DATA="${SHARED_DATA:-$(cd "$ROOT/../shared/data" 2>/dev/null && pwd || true)}"
CORPUS="$SHARED_DATA/corpus/english.txt.gz"
ROUNDS=3 SEEDS="" THREADS=2 EPOCHS=3 OUT="" EXTRA=""
CONFIGS="unigram;unigram+lexical:0.2;unigram+semantic:0.2:band=3-50;unigram+lexical:0.1+semantic:0.1"
WORK="$ROOT/bench/word2vec/work"   # shares the decompressed corpus with the word2vec benchmark

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) CORPUS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --seeds) SEEDS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --configs) CONFIGS="$2"; shift 2 ;;
    --extra) EXTRA="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
[ -f "$CORPUS" ] || { echo "run.sh: corpus not found: $CORPUS (use --corpus)" >&2; exit 2; }
OUT="${OUT:-$ROOT/bench/results/samplers-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT/runs" "$OUT/logs" "$WORK/corpus" "$WORK/vectors"
OUT="$(cd "$OUT" && pwd)"
say() { echo "[$(date -u +%H:%M:%S)] $*"; }

plain_corpus "$CORPUS" "$WORK"
"$THYMUS" --version > "$OUT/logs/build.log" 2>&1   # build before the timed runs
# run a frozen copy: editing a source during the runs must not rebuild the jar under them
cp "$ROOT/cli/target/thymus.jar" "$OUT/thymus.jar"
export THYMUS_JAR="$OUT/thymus.jar"
SIM=()
for f in EN-WS-353-ALL.txt EN-SIMLEX-999.txt EN-MEN-TR-3k.txt; do SIM+=("$SHARED_DATA/similarity/faruqui/$f"); done

IFS=';' read -r -a CONFIG_LIST <<< "$CONFIGS"
[ -n "$SEEDS" ] || SEEDS="$(seq -s, 1 "$ROUNDS")"
IFS=',' read -r -a SEED_LIST <<< "$SEEDS"
for round in "${SEED_LIST[@]}"; do
  for i in "${!CONFIG_LIST[@]}"; do
    spec="${CONFIG_LIST[$i]}" tag="c$i-r$round" vec="$WORK/vectors/samplers.bin"
    # shellcheck disable=SC2086
    CMD=("$THYMUS" word2vec train --input "$PLAIN" --output "$vec" --format bin --dim 100 --window 5 --negative 5
         --min-count 5 --sample 1e-4 --alpha 0.025 --epochs "$EPOCHS" --threads "$THREADS" --seed "$round"
         --negatives "$spec" --metrics-out "$OUT/runs/$tag.train.json" --sampler-report "$OUT/runs/$tag.sampler.json"
         --quiet $EXTRA)
    say "round $round: $spec"
    "${CMD[@]}" > "$OUT/logs/$tag.log" 2>&1
    "$THYMUS" eval analogy --vectors "$vec" --questions "$SHARED_DATA/analogy/questions-words.txt" --top-n 30000 \
        --metrics-out "$OUT/runs/$tag.analogy.json" > "$OUT/logs/$tag.analogy.log" 2>&1
    "$THYMUS" eval similarity --vectors "$vec" --pairs "${SIM[@]}" --metrics-out "$OUT/runs/$tag.similarity.json" \
        > "$OUT/logs/$tag.similarity.log" 2>&1
    printf '%s\n' "$spec" > "$OUT/runs/$tag.spec"
  done
done
python3 "$HERE/summarize.py" "$OUT" | tee "$OUT/summary.md"
say "results in $OUT"
