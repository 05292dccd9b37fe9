#!/usr/bin/env bash
# bench/peers/install.sh — install the word2vec peers Thymus is compared with.
#
# Idempotent. Only the project's allowed registries are used:
#   * Debian: python3-gensim (gensim 4.2), fasttext (0.9.2), python3-faiss, time (/usr/bin/time)
#   * npm:    word2vec@1.1.5 — ships Mikolov's word2vec.c; we build it from that source.
# Nothing is vendored into git: the npm tarball and the built binaries live in
# bench/peers/build/ (gitignored).
#
# Result:  bench/peers/build/bin/word2vec  (and compute-accuracy, distance if present)
# Env:     SKIP_APT=1 to skip apt-get (e.g. when the Debian packages are already there)
#          W2V_CFLAGS to override the compiler flags (default below)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="$HERE/build"
BIN="$BUILD/bin"
W2V_NPM="word2vec@1.1.5"
# word2vec.c's own makefile (src/makefile) uses: -lm -pthread -O3 -march=native -Wall -funroll-loops -Wno-unused-result -fno-stack-protector
W2V_CFLAGS="${W2V_CFLAGS:--O3 -march=native -funroll-loops -pthread -Wall -Wno-unused-result -fno-stack-protector}"

PY=/usr/bin/python3   # Debian's interpreter (python3 on PATH may be another one, e.g. pyenv)

need_root() { [ "$(id -u)" = 0 ] || { echo "install.sh: apt-get needs root (or run with SKIP_APT=1)" >&2; exit 1; }; }

# ---- 1. Debian packages -------------------------------------------------------------------
APT_PKGS="python3-gensim fasttext python3-faiss time"
if [ "${SKIP_APT:-0}" != 1 ]; then
  missing=""
  for p in $APT_PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    need_root
    echo "install.sh: apt-get install$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || true
    apt-get install -y -qq $missing
  else
    echo "install.sh: Debian peers already installed ($APT_PKGS)"
  fi
fi

# ---- 2. word2vec.c from npm ---------------------------------------------------------------
mkdir -p "$BUILD/npm" "$BIN"
if [ -x "$BIN/word2vec" ] && [ -f "$BIN/.cflags" ] && [ "$(cat "$BIN/.cflags")" = "$W2V_CFLAGS" ]; then
  echo "install.sh: word2vec.c already built ($BIN/word2vec)"
else
  command -v npm >/dev/null || { echo "install.sh: npm not found (apt-get install -y npm)" >&2; exit 1; }
  command -v gcc >/dev/null || { echo "install.sh: gcc not found (apt-get install -y gcc)" >&2; exit 1; }
  tgz=$(ls "$BUILD/npm"/word2vec-1.1.5.tgz 2>/dev/null || true)
  if [ -z "$tgz" ]; then
    ( cd "$BUILD/npm" && npm pack "$W2V_NPM" --silent >/dev/null )
    tgz="$BUILD/npm/word2vec-1.1.5.tgz"
  fi
  rm -rf "$BUILD/src" && mkdir -p "$BUILD/src"
  tar xzf "$tgz" -C "$BUILD/src"
  w2v_c=$(find "$BUILD/src" -name word2vec.c | head -1)
  [ -n "$w2v_c" ] || { echo "install.sh: word2vec.c not found in $tgz" >&2; exit 1; }
  srcdir=$(dirname "$w2v_c")
  echo "install.sh: building word2vec.c from $srcdir with: gcc $W2V_CFLAGS"
  [ -f "$srcdir/makefile" ] && { echo "  (its makefile says: $(grep -m1 '^CFLAGS' "$srcdir/makefile" || true))"; }
  # shellcheck disable=SC2086
  gcc "$w2v_c" -o "$BIN/word2vec" $W2V_CFLAGS -lm 2>"$BUILD/gcc.log"
  for tool in compute-accuracy distance word-analogy; do
    if [ -f "$srcdir/$tool.c" ]; then
      # shellcheck disable=SC2086
      gcc "$srcdir/$tool.c" -o "$BIN/$tool" $W2V_CFLAGS -lm 2>>"$BUILD/gcc.log"
    fi
  done
  echo "$W2V_CFLAGS" > "$BIN/.cflags"
  sha256sum "$tgz" > "$BIN/.npm-sha256"
fi

# ---- 3. verify -----------------------------------------------------------------------------
ok=1
"$BIN/word2vec" 2>&1 | grep -q "WORD VECTOR estimation toolkit" && echo "  word2vec.c   : $BIN/word2vec" || { echo "  word2vec.c   : FAILED" >&2; ok=0; }
[ -x "$BIN/compute-accuracy" ] && echo "  compute-acc. : $BIN/compute-accuracy"
if command -v fasttext >/dev/null; then
  echo "  fastText     : $(command -v fasttext) ($(dpkg-query -W -f='${Version}' fasttext 2>/dev/null))"
else echo "  fastText     : MISSING" >&2; ok=0; fi
if $PY -c 'import gensim' 2>/dev/null; then
  echo "  gensim       : $($PY -c 'import gensim; print(gensim.__version__)') (cython corpus_file: $($PY -c 'from gensim.models.word2vec_corpusfile import CORPUSFILE_VERSION; print(CORPUSFILE_VERSION)' 2>/dev/null || echo no))"
else echo "  gensim       : MISSING" >&2; ok=0; fi
$PY -c 'import faiss' 2>/dev/null && echo "  faiss        : $($PY -c 'import faiss; print(faiss.__version__)')" || echo "  faiss        : missing (only needed for ANN benchmarks)"
[ -x /usr/bin/time ] && echo "  /usr/bin/time: ok" || { echo "  /usr/bin/time: MISSING" >&2; ok=0; }
[ "$ok" = 1 ] || exit 1
