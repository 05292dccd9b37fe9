#!/usr/bin/env bash
# bench/graph/linkpred.sh — link prediction on ../shared/data/graphs with node2vec's protocol
# (`thymus graph linkpred`: half the edges held out, the residual graph keeps its components, as
# many non-edges as negatives): every method x negative sampler, with the heuristic baselines of the
# same split beside them, ROC-AUC of the Hadamard + logistic-regression classifier (and of the other
# edge operators, dot and cosine, in the JSON). Quality only: safe to run beside other work.
#
#   bench/graph/linkpred.sh                                  # facebook, ppi, grqc; ~15 min
#   bench/graph/linkpred.sh --sets ppi --methods 'node2vec:--p 0.25 --q 4 --window 5' --negatives default
#
# Options:
#   --sets LIST        facebook,ppi,grqc,blogcatalog,wikipedia,cora (default facebook,ppi,grqc)
#   --methods LIST     ';'-separated METHOD[:extra flags] (default 'deepwalk;node2vec:--p 0.25 --q 4;line')
#   --negatives LIST   ';'-separated recipes, 'default' for the method's own (default
#                      'default;degree;uniform;hubs;degree+twohop:0.2')
#   --seed N           the split's seed (default 1)     --threads N   default 2
#   --out DIR          summary.md, summary.json, runs/*.json (default bench/results/graph-linkpred-<UTC time>)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THYMUS="${THYMUS:-$ROOT/thymus}"
DATA="$ROOT/../shared/data/graphs"
[ -d "$DATA" ] || DATA=/work/shared/data/graphs
SETS=facebook,ppi,grqc METHODS='deepwalk;node2vec:--p 0.25 --q 4;line'
NEGATIVES='default;degree;uniform;hubs;degree+twohop:0.2' SEED=1 THREADS=2 OUT=""

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sets) SETS="$2"; shift 2 ;;
    --methods) METHODS="$2"; shift 2 ;;
    --negatives) NEGATIVES="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "linkpred.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
say() { echo "[$(date -u +%H:%M:%S)] $*"; }
OUT="${OUT:-$ROOT/bench/results/graph-linkpred-$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT/runs" "$OUT/logs"
"$THYMUS" --version > "$OUT/logs/thymus-build.log" 2>&1 || true
# shellcheck source=sets.sh
source "$HERE/sets.sh"
IFS=';' read -r -a METHOD_LIST <<< "$METHODS"
IFS=';' read -r -a NEGATIVE_LIST <<< "$NEGATIVES"
for set in ${SETS//,/ }; do
  edges="$(edges_of "$set")"
  for m in "${METHOD_LIST[@]}"; do
    method="${m%%:*}"; extra=""; [[ "$m" == *:* ]] && extra="${m#*:}"
    for neg in "${NEGATIVE_LIST[@]}"; do
      tag="$set-$method-$(echo "$extra $neg" | tr -c 'A-Za-z0-9.+\n' '_' | sed 's/__*/_/g; s/^_//; s/_$//')"
      say "$tag"
      negflag=(); [ "$neg" != default ] && negflag=(--negatives "$neg")
      # shellcheck disable=SC2086
      "$THYMUS" graph linkpred --edges "$edges" --seed "$SEED" --method "$method" $extra "${negflag[@]}" \
        --threads "$THREADS" --quiet --metrics-out "$OUT/runs/$tag.json" > "$OUT/logs/$tag.log" 2>&1 \
        || say "  failed: see $OUT/logs/$tag.log"
    done
  done
done
python3 "$HERE/summarize_linkpred.py" "$OUT" | tee "$OUT/summary.md"
