# bench/lib/corpus.sh — sourced by the benchmark scripts.
#
# plain_corpus CORPUS WORK: sets PLAIN to an uncompressed copy of CORPUS (decompressed once into
# WORK/corpus and reused while CORPUS is unchanged), or to CORPUS itself when it is not gzipped, so
# every peer and every run reads the same plain file.
plain_corpus() {
  local corpus=$1 work=$2 stamp
  if [[ "$corpus" == *.gz ]]; then
    mkdir -p "$work/corpus"
    PLAIN="$work/corpus/$(basename "$corpus" .gz)"
    stamp="$(stat -c '%s %Y' "$corpus") $corpus"
    if [ ! -s "$PLAIN" ] || [ "$(cat "$PLAIN.src" 2>/dev/null)" != "$stamp" ]; then
      echo "[$(date -u +%H:%M:%S)] decompressing $corpus -> $PLAIN"
      gzip -dc "$corpus" > "$PLAIN.part" && mv "$PLAIN.part" "$PLAIN"
      echo "$stamp" > "$PLAIN.src"; rm -f "$PLAIN.tokens"
    fi
  else
    PLAIN="$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")"
  fi
}
