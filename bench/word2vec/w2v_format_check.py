#!/usr/bin/python3
"""BIN [TEXT]: gensim reads a word2vec binary file; it matches a stdlib reading and the text file (see gensim-load-check.sh)."""
import struct, sys
import numpy as np
from gensim.models import KeyedVectors

bin_path = sys.argv[1]
txt_path = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
TOL = 1e-6

def read_bin_stdlib(path):
    with open(path, "rb") as fh:
        header = fh.readline().split()
        n, dim = int(header[0]), int(header[1])
        words, rows = [], []
        for _ in range(n):
            w = bytearray()
            while True:
                c = fh.read(1)
                if not c:
                    raise ValueError(f"truncated file after {len(words)} of {n} words")
                if c == b" ":
                    break
                if c != b"\n" or w:      # skip the newline that ends the previous row
                    w += c
            words.append(w.decode("utf-8"))
            buf = fh.read(4 * dim)
            if len(buf) != 4 * dim:
                raise ValueError(f"truncated vector for {words[-1]!r}")
            rows.append(struct.unpack(f"<{dim}f", buf))
        rest = fh.read()
        if rest.strip():
            raise ValueError(f"{len(rest)} unexpected trailing bytes")
    return n, dim, words, np.array(rows, dtype=np.float32)

fail = []
kv = KeyedVectors.load_word2vec_format(bin_path, binary=True)
n, dim, words, mat = read_bin_stdlib(bin_path)
print(f"gensim loaded {bin_path}: {len(kv)} words x {kv.vector_size} (header {n} x {dim})")
if len(kv) != n or kv.vector_size != dim:
    fail.append("gensim's counts differ from the header")
if list(kv.index_to_key) != words:
    fail.append("gensim's word list/order differs from the stdlib reader's")
else:
    d = float(np.max(np.abs(kv.vectors - mat))) if n else 0.0
    print(f"max |gensim - stdlib reader| = {d:.3g}")
    if d > TOL:
        fail.append(f"binary vectors differ by {d}")
    if not np.all(np.isfinite(mat)):
        fail.append("non-finite values in the vectors")
if txt_path:
    kt = KeyedVectors.load_word2vec_format(txt_path, binary=False)
    if list(kt.index_to_key) != list(kv.index_to_key):
        fail.append("text and binary files have different words or order")
    else:
        d = float(np.max(np.abs(kt.vectors - kv.vectors))) if len(kv) else 0.0
        print(f"max |binary - text {txt_path}| = {d:.3g}")
        if d > TOL:
            fail.append(f"text and binary vectors differ by {d} > {TOL}")
else:
    print("no text file given: binary checked against the stdlib reader only")
if fail:
    print("FAIL: " + "; ".join(fail))
    sys.exit(1)
print("PASS: gensim reads the binary file" + (" and it matches the text file" if txt_path else ""))
