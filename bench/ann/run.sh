#!/usr/bin/env bash
# bench/ann/run.sh — Thymus HNSW vs FAISS IndexHNSWFlat (Debian python3-faiss 1.7.3), same vectors,
# same queries, same M / efConstruction / threads; ef swept; recall@k of both scored by one evaluator
# (ann_bench.py evaluate) against FAISS's exact flat search. Runs one thing at a time. Both tools get
# the same untimed warm-up before each timed search (a pass over the queries; 1,000 for exact search).
# Time: words (M 16,32) ~10 min; structured 1 M (M 16,32) ~1-1.5 h, mostly FAISS's builds.
#
#   bench/peers/install.sh                          # once: python3-faiss, numpy
#   bench/ann/run.sh --set words                    # the 62,550 word2vec vectors of english.txt.gz
#   bench/ann/run.sh --set structured               # 1 M structured vectors (gen_structured.py)
#   bench/ann/run.sh --set words --ms 16 --efs 16,32,64 --queries 2000 --out /tmp/ann   # a quick look
#
# Options:
#   --set words|structured   which vectors (default words)
#   --vectors F      use this word2vec file instead (words: default bench/word2vec/work/vectors/
#                    thymus-skipgram.bin, else trained here with the word2vec benchmark's settings;
#                    structured: WORK/structured-<rows>.bin, generated if missing)
#   --rows N         structured rows (default 1000000)     --dim D  structured dim (default 100)
#   --metric M       cosine|l2|dot (default cosine)        --k K    neighbours (default 10)
#   --ms LIST        comma list of M (default 16,32)       --ef-construction N (default 100)
#   --threads T      threads for both tools (default 1)    --queries N (default 10000)  --seed S (default 1)
#   --efs LIST       ef sweep (default 10,16,24,32,48,64,96,128,192,256,384,512)
#   --peers LIST     thymus,faiss (default both)
#   --out DIR        summary.json, summary.md, per-run JSON (default bench/results/ann-<set>-<UTC time>)
#   --work DIR       vectors, indexes, neighbour files (default bench/ann/work, gitignored)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THYMUS="${THYMUS:-$ROOT/thymus}"
PY=/usr/bin/python3   # Debian's interpreter: python3-faiss and numpy live there
SET=words VECTORS="" ROWS=1000000 DIM=100 METRIC=cosine K=10 MS=16,32 EFC=100 THREADS=1 NQ=10000 SEED=1
EFS=10,16,24,32,48,64,96,128,192,256,384,512 PEERS=thymus,faiss OUT="" WORK="$HERE/work"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --set) SET="$2"; shift 2 ;;
    --vectors) VECTORS="$2"; shift 2 ;;
    --rows) ROWS="$2"; shift 2 ;;
    --dim) DIM="$2"; shift 2 ;;
    --metric) METRIC="$2"; shift 2 ;;
    --k) K="$2"; shift 2 ;;
    --ms) MS="$2"; shift 2 ;;
    --ef-construction) EFC="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --queries) NQ="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --efs) EFS="$2"; shift 2 ;;
    --peers) PEERS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
case "$SET" in words|structured) ;; *) echo "run.sh: --set must be words or structured" >&2; exit 2 ;; esac
case "$METRIC" in cosine|l2|dot) ;; *) echo "run.sh: --metric must be cosine, l2 or dot" >&2; exit 2 ;; esac
$PY -c 'import faiss, numpy' 2>/dev/null || { echo "run.sh: python3-faiss/numpy missing: run bench/peers/install.sh" >&2; exit 1; }
say() { echo "[$(date -u +%H:%M:%S)] $*"; }
has() { [[ ",$PEERS," == *",$1,"* ]]; }
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"

# ---- the vectors ---------------------------------------------------------------------------------
if [ -z "$VECTORS" ]; then
  if [ "$SET" = words ]; then
    VECTORS="$ROOT/bench/word2vec/work/vectors/thymus-skipgram.bin"
    if [ ! -f "$VECTORS" ]; then
      VECTORS="$WORK/words.bin"
      CORPUS="$ROOT/../shared/data/corpus/english.txt.gz"
      [ -f "$CORPUS" ] || CORPUS=/work/shared/data/corpus/english.txt.gz
      if [ ! -f "$VECTORS" ]; then
        say "training word vectors on $CORPUS (the word2vec benchmark's settings)"
        "$THYMUS" word2vec train --input "$CORPUS" --output "$VECTORS" --format bin --dim 100 --window 5 \
          --negative 5 --min-count 5 --sample 1e-4 --epochs 3 --alpha 0.025 --threads 2 --seed 1 --quiet
      fi
    fi
  else
    VECTORS="$WORK/structured-$ROWS-$DIM.bin"
    [ -f "$VECTORS" ] || $PY "$HERE/gen_structured.py" --rows "$ROWS" --dim "$DIM" --seed "$SEED" --out "$VECTORS"
  fi
fi
[ -f "$VECTORS" ] || { echo "run.sh: no vectors at $VECTORS" >&2; exit 2; }
VECTORS="$(cd "$(dirname "$VECTORS")" && pwd)/$(basename "$VECTORS")"
OUT="${OUT:-$ROOT/bench/results/ann-$SET-$(date -u +%Y%m%dT%H%M%SZ)}"
RUN="$WORK/run-$SET-$(basename "$OUT")"   # neighbour files and indexes stay out of the results
mkdir -p "$OUT" "$RUN"
OUT="$(cd "$OUT" && pwd)"
say "vectors $VECTORS; results $OUT; scratch $RUN"

# ---- queries and ground truth (FAISS exact flat index) -----------------------------------------
$PY "$HERE/ann_bench.py" queries --vectors "$VECTORS" --n "$NQ" --seed "$SEED" --out "$RUN/queries.txt"
$PY "$HERE/ann_bench.py" truth --vectors "$VECTORS" --queries "$RUN/queries.txt" --k "$K" --metric "$METRIC" \
  --threads "$THREADS" --out "$RUN"

IFS=',' read -r -a M_LIST <<< "$MS"
IFS=',' read -r -a EF_LIST <<< "$EFS"
# ---- Thymus ----------------------------------------------------------------------------------------
if has thymus; then
  "$THYMUS" --version >/dev/null   # builds the jar before anything is timed
  say "thymus exact"
  "$THYMUS" ann query --exact --metric "$METRIC" --vectors "$VECTORS" --queries "$RUN/queries.txt" --k "$K" \
    --threads "$THREADS" --warmup 1000 --out "$RUN/thymus-exact.tsv" --metrics-out "$RUN/thymus-exact.json"
  for m in "${M_LIST[@]}"; do
    say "thymus build M=$m efConstruction=$EFC"
    "$THYMUS" ann build --vectors "$VECTORS" --out "$RUN/thymus-M$m.hnsw" --metric "$METRIC" --m "$m" \
      --ef-construction "$EFC" --threads "$THREADS" --metrics-out "$RUN/thymus-build-M$m.json"
    for ef in "${EF_LIST[@]}"; do
      "$THYMUS" ann query --index "$RUN/thymus-M$m.hnsw" --vectors "$VECTORS" --queries "$RUN/queries.txt" \
        --k "$K" --ef "$ef" --threads "$THREADS" --out "$RUN/thymus-M$m-ef$ef.tsv" \
        --metrics-out "$RUN/thymus-M$m-ef$ef.json"
    done
    rm -f "$RUN/thymus-M$m.hnsw"
  done
fi
# ---- FAISS -----------------------------------------------------------------------------------------
if has faiss; then
  for m in "${M_LIST[@]}"; do
    say "faiss M=$m efConstruction=$EFC"
    $PY "$HERE/ann_bench.py" faiss --vectors "$VECTORS" --queries "$RUN/queries.txt" --k "$K" --metric "$METRIC" \
      --threads "$THREADS" --m "$m" --ef-construction "$EFC" --efs "$EFS" --out "$RUN"
  done
fi
# ---- one evaluator ---------------------------------------------------------------------------------
cp "$RUN"/*.json "$OUT"/
$PY "$HERE/ann_bench.py" evaluate --vectors "$VECTORS" --queries "$RUN/queries.txt" --k "$K" --work "$RUN" \
  --out "$OUT" --meta set="$SET" metric="$METRIC" threads="$THREADS" dim="$(head -c 64 "$VECTORS" | head -1 | cut -d' ' -f2)" \
  host_cpus="$(nproc)" java="$("${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"/bin/java -version 2>&1 | head -1 | tr -d '"')"
say "done: $OUT/summary.md"
