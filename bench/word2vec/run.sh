#!/usr/bin/env bash
# bench/word2vec/run.sh — Thymus vs word2vec.c vs gensim vs fastText, same corpus, same settings.
#
# For each of R rounds, runs the chosen peers one after the other (never two at once), each timed as a
# whole process with /usr/bin/time (wall seconds, peak RSS), then scores every peer's vectors with the
# same `thymus eval analogy` / `thymus eval similarity`, and prints the table (summarize.py).
#
#   bench/peers/install.sh                       # once: Debian peers + word2vec.c from npm
#   bench/word2vec/run.sh                        # 3 rounds, skip-gram, all peers
#   bench/word2vec/run.sh --cbow --rounds 1 --peers w2v,gensim --out /tmp/w2v-cbow
#
# Options:
#   --corpus F      text corpus, .gz or plain (default /work/shared/data/corpus/english.txt.gz, else
#                   ../shared/data/corpus/english.txt.gz next to the repo); a .gz is decompressed once into
#                   the scratch folder and that same plain file is given to every peer
#   --rounds R      rounds (default 3)            --threads T   threads for every peer (default 2)
#   --epochs E      epochs (default 3)            --alpha A     learning rate for every peer (default 0.025)
#   --cbow          CBOW instead of skip-gram for every peer
#   --peers LIST    comma list of thymus,w2v,gensim,fasttext (default all four)
#   --out DIR       results (default bench/results/word2vec-<skipgram|cbow>-<UTC time>)
#   --eval WHEN     all (default) | last (only the last round's vectors) | none
#   --work DIR      scratch for the decompressed corpus and vectors (default bench/word2vec/work, gitignored)
#   --keep-vectors  keep every round's vectors (default: each peer's newest only)
#
# Outputs in DIR: runs/<peer>-r<N>.json (wall_s, peak_rss_kb, words_per_sec, raw eval JSON, ...),
# logs/, eval/, meta.json, summary.md, summary.json. Vectors stay in the scratch folder.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=../lib/corpus.sh
source "$ROOT/bench/lib/corpus.sh"
THYMUS="${THYMUS:-$ROOT/thymus}"   # env THYMUS overrides the launcher
W2V_BIN="$ROOT/bench/peers/build/bin/word2vec"
SUMMARIZE=(python3 "$HERE/summarize.py")
GENSIM_PY=/usr/bin/python3          # Debian's interpreter: python3-gensim lives there

CORPUS=""
for c in /work/shared/data/corpus/english.txt.gz "$ROOT/../shared/data/corpus/english.txt.gz"; do
  [ -f "$c" ] && { CORPUS="$c"; break; }
done
SHARED_DATA="${SHARED_DATA:-}"
for d in /work/shared/data "$ROOT/../shared/data"; do
  [ -z "$SHARED_DATA" ] && [ -d "$d" ] && SHARED_DATA="$d"
done
ROUNDS=3 THREADS=2 EPOCHS=3 ALPHA=0.025 CBOW=0 PEERS="thymus,w2v,gensim,fasttext" OUT="" EVAL=all
WORK="$HERE/work" KEEP_VECTORS=0
DIM=100 WINDOW=5 NEGATIVE=5 MIN_COUNT=5 SAMPLE=1e-4 TOP_N=30000

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) CORPUS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --alpha) ALPHA="$2"; shift 2 ;;
    --cbow) CBOW=1; shift ;;
    --peers) PEERS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --eval) EVAL="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --keep-vectors) KEEP_VECTORS=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
case "$EVAL" in all|last|none) ;; *) echo "run.sh: --eval must be all, last or none" >&2; exit 2 ;; esac
[ -n "$CORPUS" ] && [ -f "$CORPUS" ] || { echo "run.sh: corpus not found: '${CORPUS}' (use --corpus)" >&2; exit 2; }
MODE=$([ "$CBOW" = 1 ] && echo cbow || echo skipgram)
OUT="${OUT:-$ROOT/bench/results/word2vec-$MODE-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT/runs" "$OUT/logs" "$OUT/eval" "$WORK/corpus" "$WORK/vectors"
OUT="$(cd "$OUT" && pwd)"
IFS=',' read -r -a PEER_LIST <<< "$PEERS"
for p in "${PEER_LIST[@]}"; do
  case "$p" in thymus|thymus-gensim-lr|w2v|gensim|fasttext) ;; *) echo "run.sh: unknown peer '$p'" >&2; exit 2 ;; esac
done
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time missing: run bench/peers/install.sh" >&2; exit 1; }
say() { echo "[$(date -u +%H:%M:%S)] $*"; }
NOTES=()

# ---- the corpus: one plain file for every peer --------------------------------------------------
plain_corpus "$CORPUS" "$WORK"
TOKCACHE="$WORK/corpus/$(basename "$PLAIN").tokens"
if [ -s "$TOKCACHE" ] && [ "$(sed -n 2p "$TOKCACHE")" = "$(stat -c '%s %Y' "$PLAIN")" ]; then
  TOKENS=$(sed -n 1p "$TOKCACHE")
else
  TOKENS=$(wc -w < "$PLAIN" | tr -d ' ')
  printf '%s\n%s\n' "$TOKENS" "$(stat -c '%s %Y' "$PLAIN")" > "$TOKCACHE"
fi
say "corpus $PLAIN: $TOKENS tokens; $MODE, $EPOCHS epochs, $THREADS threads, alpha $ALPHA, $ROUNDS round(s)"

# ---- which peers can run -----------------------------------------------------------------------
THYMUS_OK=0
if [[ ",$PEERS," != *",thymus,"* ]] && [ "$EVAL" = none ]; then
  :  # Thymus neither trains nor evaluates: do not build it
elif [ -x "$THYMUS" ]; then
  say "building Thymus before the timed rounds ($THYMUS --version)"
  if "$THYMUS" --version > "$OUT/logs/thymus-build.log" 2>&1 \
      || "$THYMUS" --help >> "$OUT/logs/thymus-build.log" 2>&1; then THYMUS_OK=1
  else say "Thymus did not build or start (see $OUT/logs/thymus-build.log)"; fi
else
  say "no launcher at $THYMUS"
fi
# picocli prints the top-level usage (exit 0) for `--help` after an unknown subcommand: look at the Usage line
has_cmd() { "$THYMUS" "$@" --help 2>/dev/null | grep -q "^Usage: thymus $* "; }
EVAL_OK=0
if [ "$EVAL" != none ]; then
  if [ "$THYMUS_OK" = 1 ] && has_cmd eval analogy && has_cmd eval similarity; then
    if [ -n "$SHARED_DATA" ] && [ -f "$SHARED_DATA/analogy/questions-words.txt" ]; then EVAL_OK=1
    else NOTES+=("evaluation skipped: no shared/data/analogy/questions-words.txt"); fi
  else
    NOTES+=("evaluation skipped: \`thymus eval analogy|similarity\` is not available (Thymus did not build, or has no eval command yet)")
  fi
  [ "$EVAL_OK" = 1 ] || say "${NOTES[-1]}"
fi
RUN_PEERS=()
for p in "${PEER_LIST[@]}"; do
  case "$p" in
    thymus|thymus-gensim-lr) if [ "$THYMUS_OK" = 1 ] && has_cmd word2vec train; then RUN_PEERS+=("$p")
            else NOTES+=("thymus skipped: \`thymus word2vec train\` not available"); say "${NOTES[-1]}"; fi ;;
    w2v) if [ -x "$W2V_BIN" ]; then RUN_PEERS+=(w2v)
         else NOTES+=("w2v skipped: $W2V_BIN missing (run bench/peers/install.sh)"); say "${NOTES[-1]}"; fi ;;
    gensim) if "$GENSIM_PY" -c 'import gensim.models.word2vec_corpusfile' 2>/dev/null; then RUN_PEERS+=(gensim)
            else NOTES+=("gensim skipped: python3-gensim (with corpus_file support) not installed"); say "${NOTES[-1]}"; fi ;;
    fasttext) if command -v fasttext >/dev/null; then RUN_PEERS+=(fasttext)
              else NOTES+=("fasttext skipped: fasttext not installed"); say "${NOTES[-1]}"; fi ;;
  esac
done
[ ${#RUN_PEERS[@]} -gt 0 ] || { echo "run.sh: no peer can run" >&2; exit 1; }
ran() { [[ " ${RUN_PEERS[*]} " == *" $1 "* ]]; }
if ran fasttext; then
  NOTES+=("fastText: -lr $ALPHA like every peer here (fastText's own default is 0.05 for both skipgram and cbow; word2vec.c's defaults are 0.025 skip-gram / 0.05 CBOW), -minn 0 -maxn 0 (no subwords); scored from its .vec text file")
fi
if ran thymus; then NOTES+=("Thymus's own metrics JSON (training-only words/s) is kept in runs/thymus-r*.json under peer_metrics; the table uses whole-process time for every peer"); fi

# ---- meta.json -------------------------------------------------------------------------------------
versions() {
  echo "gcc=$(gcc -dumpfullversion 2>/dev/null || echo ?)"
  echo "word2vec.c=npm word2vec@1.1.5 ($(cat "$ROOT/bench/peers/build/bin/.cflags" 2>/dev/null || echo not built))"
  echo "gensim=$("$GENSIM_PY" -c 'import gensim; print(gensim.__version__)' 2>/dev/null || echo absent)"
  echo "fasttext=$(dpkg-query -W -f='${Version}' fasttext 2>/dev/null || echo absent)"
  echo "java=$( ( "${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 || true) | head -1)"
  echo "thymus_commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo ?)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo +dirty)"
}
MODE="$MODE" CORPUS="$CORPUS" PLAIN="$PLAIN" TOKENS="$TOKENS" ROUNDS="$ROUNDS" THREADS="$THREADS" EPOCHS="$EPOCHS" \
ALPHA="$ALPHA" PEERS="${RUN_PEERS[*]}" DIM="$DIM" WINDOW="$WINDOW" NEGATIVE="$NEGATIVE" MIN_COUNT="$MIN_COUNT" \
SAMPLE="$SAMPLE" TOP_N="$TOP_N" VERSIONS="$(versions)" NOTES="$(printf '%s\n' "${NOTES[@]}")" python3 - "$OUT/meta.json" <<'PY'
import json, os, platform, sys, time
e = os.environ
meta = {k.lower(): e[k] for k in ("MODE", "CORPUS", "PLAIN", "ALPHA", "SAMPLE")}
meta["plain_corpus"] = meta.pop("plain")
for k in ("TOKENS", "ROUNDS", "THREADS", "EPOCHS", "DIM", "WINDOW", "NEGATIVE", "MIN_COUNT", "TOP_N"):
    meta[k.lower()] = int(e[k])
meta["peers"] = e["PEERS"].split()
meta["versions"] = dict(l.split("=", 1) for l in e["VERSIONS"].splitlines() if "=" in l)
meta["notes"] = [n for n in e["NOTES"].splitlines() if n]
meta["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
meta["host"] = f"{platform.node()}, {os.cpu_count()} vCPU"
json.dump(meta, open(sys.argv[1], "w"), indent=2)
PY

# ---- one peer, one round ------------------------------------------------------------------------
peer_cmd() {  # peer vectors-file -> CMD array
  local peer=$1 vec=$2
  case "$peer" in
    thymus|thymus-gensim-lr)
      CMD=("$THYMUS" word2vec train --input "$PLAIN" --output "$vec" --format bin)
      [ "$CBOW" = 1 ] && CMD+=(--cbow)
      CMD+=(--dim "$DIM" --window "$WINDOW" --negative "$NEGATIVE" --min-count "$MIN_COUNT" --sample "$SAMPLE"
            --alpha "$ALPHA" --epochs "$EPOCHS" --threads "$THREADS" --metrics-out "${vec%.bin}.metrics.json")
      # gensim's corpus_file mode measures each worker's progress against the whole corpus, so with
      # W workers its learning rate ends an epoch 1/W of the way down and the run ends at
      # alpha * (1 - (E - 1 + 1/W) / E) (word2vec_corpusfile.pyx, get_next_alpha). This variant ends
      # Thymus's linear decay at that same rate.
      if [ "$peer" = thymus-gensim-lr ]; then
        CMD+=(--min-alpha "$(python3 -c "print($ALPHA * (1 - ($EPOCHS - 1 + 1 / $THREADS) / $EPOCHS))")")
      fi ;;
    w2v)
      CMD=("$W2V_BIN" -train "$PLAIN" -output "$vec" -cbow "$CBOW" -size "$DIM" -window "$WINDOW"
           -negative "$NEGATIVE" -hs 0 -min-count "$MIN_COUNT" -sample "$SAMPLE" -alpha "$ALPHA"
           -iter "$EPOCHS" -threads "$THREADS" -binary 1) ;;
    gensim)
      CMD=("$GENSIM_PY" "$HERE/gensim_train.py" --corpus "$PLAIN" --output "$vec" --binary 1
           --sg $((1 - CBOW)) --dim "$DIM" --window "$WINDOW" --negative "$NEGATIVE" --min-count "$MIN_COUNT"
           --sample "$SAMPLE" --alpha "$ALPHA" --epochs "$EPOCHS" --workers "$THREADS") ;;
    fasttext)
      CMD=(fasttext "$([ "$CBOW" = 1 ] && echo cbow || echo skipgram)" -input "$PLAIN" -output "${vec%.vec}"
           -dim "$DIM" -ws "$WINDOW" -neg "$NEGATIVE" -minCount "$MIN_COUNT" -t "$SAMPLE" -lr "$ALPHA"
           -epoch "$EPOCHS" -thread "$THREADS" -minn 0 -maxn 0 -loss ns) ;;
  esac
}

run_one() {
  local peer=$1 round=$2 ext tag vec rc=0 eval_note=""
  ext=$([ "$peer" = fasttext ] && echo vec || echo bin)
  tag="$peer-r$round"
  vec="$WORK/vectors/$([ "$KEEP_VECTORS" = 1 ] && echo "$tag" || echo "$peer")-$MODE.$ext"
  rm -f "$vec" "${vec%.*}.bin" "${vec%.*}.metrics.json"
  peer_cmd "$peer" "$vec"
  # the launcher rebuilds the jar when a source is newer: let that happen here, untimed
  [ "$peer" = thymus ] && { "$THYMUS" --version >> "$OUT/logs/thymus-build.log" 2>&1 || true; }
  say "round $round: $peer: ${CMD[*]}"
  /usr/bin/time -f '%e %M %U %S' -o "$OUT/logs/$tag.time" "${CMD[@]}" > "$OUT/logs/$tag.log" 2>&1 || rc=$?
  [ "$peer" = fasttext ] && rm -f "${vec%.vec}.bin"          # the model file; only .vec is scored
  [ "$rc" = 0 ] && [ ! -s "$vec" ] && { rc=99; echo "run.sh: $vec was not written" >> "$OUT/logs/$tag.log"; }

  local aj="$OUT/eval/$tag.analogy.json" sj="$OUT/eval/$tag.similarity.json"
  rm -f "$aj" "$sj"
  if [ "$rc" = 0 ] && [ "$EVAL_OK" = 1 ] && { [ "$EVAL" = all ] || [ "$round" = "$ROUNDS" ]; }; then
    local sim=()
    for f in EN-WS-353-ALL.txt EN-SIMLEX-999.txt EN-MEN-TR-3k.txt; do
      [ -f "$SHARED_DATA/similarity/faruqui/$f" ] && sim+=("$SHARED_DATA/similarity/faruqui/$f")
    done
    "$THYMUS" eval analogy --vectors "$vec" --questions "$SHARED_DATA/analogy/questions-words.txt" \
        --top-n "$TOP_N" --metrics-out "$aj" > "$OUT/logs/$tag.analogy.log" 2>&1 \
      || eval_note+="analogy eval failed (logs/$tag.analogy.log); "
    if [ ${#sim[@]} -gt 0 ]; then
      "$THYMUS" eval similarity --vectors "$vec" --pairs "${sim[@]}" --metrics-out "$sj" \
          > "$OUT/logs/$tag.similarity.log" 2>&1 || eval_note+="similarity eval failed (logs/$tag.similarity.log); "
    fi
  elif [ "$EVAL_OK" != 1 ] && [ "$EVAL" != none ]; then
    eval_note="not evaluated: thymus eval unavailable"
  fi
  "${SUMMARIZE[@]}" record --out "$OUT/runs/$tag.json" --peer "$peer" --round "$round" --mode "$MODE" --rc "$rc" \
    --time-file "$OUT/logs/$tag.time" --tokens "$TOKENS" --epochs "$EPOCHS" --command "${CMD[*]}" \
    --vectors "$vec" --log "$OUT/logs/$tag.log" --analogy-json "$aj" --similarity-json "$sj" \
    --peer-metrics "${vec%.bin}.metrics.json" --eval-note "$eval_note"

  # real gensim must load Thymus's .bin (once, after the first successful Thymus round)
  if [ "$peer" = thymus ] && [ "$rc" = 0 ] && [ ! -f "$OUT/gensim-load-check.txt" ]; then
    local txt=""
    for t in "${vec%.bin}.txt" "${vec%.bin}.vec"; do [ -s "$t" ] && txt="$t"; done
    local chk="$OUT/gensim-load-check.txt"
    { echo "== this round's vectors: $vec"; bash "$HERE/gensim-load-check.sh" "$vec" $txt; } > "$chk" 2>&1 \
      && say "gensim load check ($vec): $(tail -1 "$chk")" || say "gensim load check FAILED: see $chk"
    # binary vs text of the same vectors: a tiny 1-thread Thymus run written in both formats
    { echo; echo "== tiny run, --format bin vs --format text"
      THYMUS="$THYMUS" bash "$HERE/gensim-load-check.sh" --thymus; } >> "$chk" 2>&1 \
      && say "gensim bin/text check: $(tail -1 "$chk")" || say "gensim bin/text check FAILED: see $chk"
  fi
}

for ((round = 1; round <= ROUNDS; round++)); do
  for p in "${RUN_PEERS[@]}"; do run_one "$p" "$round"; done
done

echo
"${SUMMARIZE[@]}" table "$OUT"
say "results in $OUT (summary.md, summary.json, runs/, logs/, eval/)"
