#!/usr/bin/env python3
"""Structured vectors for the ANN benchmark, written as word2vec binary (words v0000000 ...).

Not i.i.d. Gaussian (on which every graph index fails, and which no real embedding looks like):
each vector is a point of a low-rank subspace (rank --rank, with decaying variances, as the
spectrum of trained embeddings decays), plus the centre of one of --clusters clusters whose sizes
follow Zipf's law (as word frequencies and graph communities do), plus isotropic noise.

    gen_structured.py --rows 1000000 --dim 100 --out structured-1m.bin
"""
import argparse
import time

import numpy as np

from vectors_io import write_word2vec_bin


def generate(rows, dim, rank, clusters, noise, seed):
    rng = np.random.default_rng(seed)
    basis = np.linalg.qr(rng.standard_normal((dim, rank)))[0].astype(np.float32)  # dim x rank, orthonormal
    scales = (1.0 / np.sqrt(1 + np.arange(rank))).astype(np.float32)               # decaying spectrum
    centres = (rng.standard_normal((clusters, rank)).astype(np.float32) * scales) @ basis.T * 1.5
    p = 1.0 / np.arange(1, clusters + 1)
    p /= p.sum()
    x = np.empty((rows, dim), dtype=np.float32)
    chunk = 1 << 16
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        c = rng.choice(clusters, size=n, p=p)
        z = rng.standard_normal((n, rank)).astype(np.float32) * scales
        x[start:start + n] = centres[c] + z @ basis.T + noise * rng.standard_normal((n, dim)).astype(np.float32)
    return x


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--rows', type=int, default=1_000_000)
    ap.add_argument('--dim', type=int, default=100)
    ap.add_argument('--rank', type=int, default=24, help='dimension of the subspace (default 24)')
    ap.add_argument('--clusters', type=int, default=1000, help='Zipf-sized clusters (default 1000)')
    ap.add_argument('--noise', type=float, default=0.05, help='isotropic noise per value (default 0.05)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    t = time.time()
    x = generate(a.rows, a.dim, a.rank, a.clusters, a.noise, a.seed)
    write_word2vec_bin(a.out, x)
    print('gen_structured: %d x %d (rank %d, %d clusters, noise %g) -> %s in %.1f s'
          % (a.rows, a.dim, a.rank, a.clusters, a.noise, a.out, time.time() - t))


if __name__ == '__main__':
    main()
