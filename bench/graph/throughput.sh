#!/usr/bin/env bash
# bench/graph/throughput.sh — node2vec end to end, Thymus against the reference pipeline: the same
# walks (`thymus graph walks`, identical to the ones `thymus graph train` generates for a seed) fed
# to gensim 4.2's Word2Vec (Debian python3-gensim, corpus_file mode, its fastest path), with the
# node2vec paper's settings for both: dim 128, window 10, 10 walks of 80 a node, p = q = 1,
# 5 negatives, subsampling 1e-3, one epoch, the same thread count. Runs one thing at a time, so
# run it on an otherwise idle machine.
#
# Thymus runs twice: as the reference pipeline draws negatives (k per pair) and with
# --shared-negatives (k per walk position, shared by its window). Its time is the whole
# `graph train` process (reading, walks, training, writing). gensim's is
# reported two ways: its process alone (training on a ready walk file, which flatters it), and the
# pipeline (writing the walk file with Thymus + gensim), which is what the ratio of the issue uses.
# Each tool's vectors are scored the same way (`thymus graph linkpred` is not rerun here: this
# script measures speed; bench/graph/linkpred.sh measures quality).
#
#   bench/peers/install.sh                                   # once: python3-gensim
#   bench/graph/throughput.sh                                # facebook, ppi, blogcatalog; 3 rounds
#   bench/graph/throughput.sh --sets facebook --rounds 1     # a quick look
#
# Options:
#   --sets LIST    facebook,ppi,grqc,blogcatalog,karate (default facebook,ppi,blogcatalog)
#   --rounds N     default 3      --threads N   default 2
#   --out DIR      summary.md, summary.json, runs/*.json (default bench/results/graph-throughput-<UTC time>)
#   --work DIR     walks and vectors (default bench/graph/work, gitignored)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THYMUS="${THYMUS:-$ROOT/thymus}"
PY=/usr/bin/python3   # Debian's interpreter: python3-gensim lives there
DATA="$ROOT/../shared/data/graphs"
[ -d "$DATA" ] || DATA=/work/shared/data/graphs
SETS=facebook,ppi,blogcatalog ROUNDS=3 THREADS=2 OUT="" WORK="$HERE/work"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sets) SETS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "throughput.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
say() { echo "[$(date -u +%H:%M:%S)] $*"; }
$PY -c 'import gensim.models.word2vec_corpusfile' 2>/dev/null \
  || { echo "throughput.sh: python3-gensim missing: run bench/peers/install.sh" >&2; exit 1; }
OUT="${OUT:-$ROOT/bench/results/graph-throughput-$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT/runs" "$OUT/logs" "$WORK"
say "results $OUT; walks and vectors in $WORK"
"$THYMUS" --version > "$OUT/logs/thymus-build.log" 2>&1 || true   # build before the clock starts

# shellcheck source=sets.sh
source "$HERE/sets.sh"

# timed TAG CMD...: runs CMD under /usr/bin/time, writes runs/TAG.time (wall s, peak RSS kB).
timed() {
  local tag=$1; shift
  /usr/bin/time -f '%e %M' -o "$OUT/runs/$tag.time" "$@" > "$OUT/logs/$tag.log" 2>&1
}

for set in ${SETS//,/ }; do
  edges="$(edges_of "$set")"
  for round in $(seq 1 "$ROUNDS"); do
    say "$set round $round: thymus graph train"
    timed "$set-thymus-r$round" "$THYMUS" graph train --edges "$edges" --method node2vec --threads "$THREADS" \
      --seed "$round" --quiet --output "$WORK/$set-thymus.vec" --metrics-out "$OUT/runs/$set-thymus-r$round.json"
    say "$set round $round: thymus graph train --shared-negatives"
    timed "$set-shared-r$round" "$THYMUS" graph train --edges "$edges" --method node2vec --threads "$THREADS" \
      --seed "$round" --shared-negatives --quiet --output "$WORK/$set-shared.vec" \
      --metrics-out "$OUT/runs/$set-shared-r$round.json"
    say "$set round $round: thymus graph walks + gensim"
    timed "$set-walks-r$round" "$THYMUS" graph walks --edges "$edges" --seed "$round" --output "$WORK/$set.walks"
    timed "$set-gensim-r$round" $PY "$ROOT/bench/word2vec/gensim_train.py" --corpus "$WORK/$set.walks" \
      --output "$WORK/$set-gensim.vec" --binary 0 --sg 1 --dim 128 --window 10 --negative 5 --min-count 0 \
      --sample 1e-3 --alpha 0.025 --epochs 1 --workers "$THREADS"
  done
done
python3 "$HERE/summarize_throughput.py" "$OUT" "$WORK" | tee "$OUT/summary.md"
