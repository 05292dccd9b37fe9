#!/usr/bin/env bash
# bench/word2vec/gensim-load-check.sh VECTORS.bin [VECTORS.txt]
#
# Checks that real gensim reads a word2vec binary file written by Thymus:
#   1. gensim KeyedVectors.load_word2vec_format(BIN, binary=True) succeeds, with the header's counts;
#   2. an independent reader (python stdlib: header line, then "word<space>" + dim float32 little-endian
#      + optional "\n" per row) gives the same words in the same order and the same vectors (<= 1e-6);
#   3. if the text file of the same vectors is given: gensim's reading of it (binary=False) has the same
#      words and vectors within 1e-6 (text keeps ~6 decimals).
# Exit 0 = pass, 1 = mismatch, 0 with "SKIP" when python3-gensim is not installed.
#
# bench/word2vec/gensim-load-check.sh --thymus [CORPUS]
#   trains Thymus twice on the first ~50 k tokens of CORPUS (default shared/data/corpus/english-1m.txt),
#   1 thread, seed 1, once --format bin and once --format text, and runs the check on that pair
#   (a mismatch there can also mean that Thymus's 1-thread training is not deterministic).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -ge 1 ] || { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
PY=/usr/bin/python3
if ! "$PY" -c 'import gensim' 2>/dev/null; then
  echo "SKIP: python3-gensim is not installed (bench/peers/install.sh installs it); no gensim load check done"
  exit 0
fi
if [ "$1" = --thymus ]; then
  THYMUS="${THYMUS:-$HERE/../../thymus}"
  src="${2:-}"
  for c in /work/shared/data/corpus/english-1m.txt "$HERE/../../../shared/data/corpus/english-1m.txt"; do
    [ -z "$src" ] && [ -f "$c" ] && src="$c"
  done
  [ -n "$src" ] && [ -f "$src" ] || { echo "gensim-load-check.sh: no corpus for --thymus" >&2; exit 2; }
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  head -c 300000 "$src" | sed '$s/ [^ ]*$//' > "$tmp/tiny.txt"; echo >> "$tmp/tiny.txt"
  for f in bin text; do
    "$THYMUS" word2vec train --input "$tmp/tiny.txt" --output "$tmp/v.$f" --format "$f" --threads 1 --seed 1 \
      --epochs 1 --min-count 2 --quiet > "$tmp/train-$f.log" 2>&1 \
      || { echo "FAIL: thymus word2vec train --format $f failed:"; tail -5 "$tmp/train-$f.log"; exit 1; }
    [ -s "$tmp/v.$f" ] || { echo "FAIL: thymus word2vec train --format $f wrote no $tmp/v.$f"; exit 1; }
  done
  echo "Thymus tiny run ($(wc -w < "$tmp/tiny.txt") tokens, 1 thread, seed 1): bin and text written"
  "$PY" "$HERE/w2v_format_check.py" "$tmp/v.bin" "$tmp/v.text"
  exit $?
fi
BIN="$1"; TXT="${2:-}"
exec "$PY" "$HERE/w2v_format_check.py" "$BIN" ${TXT:+"$TXT"}
