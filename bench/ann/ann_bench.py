#!/usr/bin/env python3
"""The ANN benchmark's Python side (Debian python3-faiss 1.7.3 and numpy), started by run.sh.

    ann_bench.py queries  --vectors V --n 10000 --seed 1 --out Q.txt
    ann_bench.py truth    --vectors V --queries Q.txt --k 10 --metric cosine --threads T --out DIR
    ann_bench.py faiss    --vectors V --queries Q.txt --k 10 --metric cosine --threads T --m 16
                          --ef-construction 100 --efs 10,16,32 --out DIR
    ann_bench.py evaluate --vectors V --queries Q.txt --k 10 --work DIR --out SUMMARY_DIR [--meta K=V ...]

Every query is a word of V, searched with k + 1 neighbours from which the query itself is dropped
(else the last), for FAISS, Thymus and the ground truth alike. Ground truth: FAISS's exact flat
index (IndexFlatIP on unit vectors for cosine, IndexFlatIP for dot, IndexFlatL2 for l2). FAISS's
HNSW for cosine is IndexHNSWFlat (L2) on the unit vectors: the same order as the cosine. One
evaluator (`evaluate`) reads every tool's answers as ids and scores them against that truth.
Both tools get the same untimed warm-up before each timed search: one pass over the queries for
HNSW (Thymus: `ann query`'s default), the first 1,000 queries for exact search.
"""
import argparse
import glob
import json
import os
import re
import time

import numpy as np

from vectors_io import read_word2vec


def load(path, metric):
    words, x = read_word2vec(path)
    if metric == 'cosine':
        norms = np.linalg.norm(x, axis=1, keepdims=True)
        x = x / np.where(norms > 0, norms, 1)
    return words, np.ascontiguousarray(x, dtype=np.float32)


def query_rows(words, qfile):
    row = {w: i for i, w in enumerate(words)}
    with open(qfile, encoding='utf-8') as f:
        return np.array([row[w.strip()] for w in f if w.strip()], dtype=np.int64)


def drop_self(ids, rows, k):
    """k + 1 neighbours per query -> k, without the query's own row (else the last)."""
    out = np.empty((ids.shape[0], k), dtype=np.int64)
    for i in range(ids.shape[0]):
        r = [j for j in ids[i] if j != rows[i]]
        out[i] = (r + [-1] * k)[:k]
    return out


def cmd_queries(a):
    words, _ = read_word2vec(a.vectors)
    rng = np.random.default_rng(a.seed)
    rows = np.sort(rng.choice(len(words), size=min(a.n, len(words)), replace=False))
    with open(a.out, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(words[r] + '\n')
    print('queries: %d words of %s -> %s' % (len(rows), a.vectors, a.out))


def cmd_truth(a):
    import faiss
    words, x = load(a.vectors, a.metric)
    rows = query_rows(words, a.queries)
    q = x[rows]
    faiss.omp_set_num_threads(a.threads)
    index = faiss.IndexFlatL2(x.shape[1]) if a.metric == 'l2' else faiss.IndexFlatIP(x.shape[1])
    index.add(x)
    index.search(q[:1000], a.k + 1)  # untimed warm-up, as Thymus's --warmup 1000 for exact search
    t = time.perf_counter()
    _, ids = index.search(q, a.k + 1)
    seconds = time.perf_counter() - t
    truth = drop_self(ids, rows, a.k)
    os.makedirs(a.out, exist_ok=True)
    np.save(os.path.join(a.out, 'truth.npy'), truth)
    rec = {'tool': 'faiss', 'kind': 'flat', 'threads': a.threads, 'queries': len(rows),
           'search_seconds': seconds, 'queries_per_second': len(rows) / seconds}
    with open(os.path.join(a.out, 'faiss-flat.json'), 'w') as f:
        json.dump(rec, f, indent=2)
    print('truth: FAISS flat, %d queries in %.2f s (%.0f q/s, %d threads)' % (len(rows), seconds, len(rows) / seconds, a.threads))


def cmd_faiss(a):
    import faiss
    words, x = load(a.vectors, a.metric)
    rows = query_rows(words, a.queries)
    q = np.ascontiguousarray(x[rows])
    faiss.omp_set_num_threads(a.threads)
    metric = faiss.METRIC_INNER_PRODUCT if a.metric == 'dot' else faiss.METRIC_L2
    index = faiss.IndexHNSWFlat(x.shape[1], a.m, metric)
    index.hnsw.efConstruction = a.ef_construction
    t = time.perf_counter()
    index.add(x)
    build = time.perf_counter() - t
    os.makedirs(a.out, exist_ok=True)
    sweep = []
    for ef in [int(e) for e in a.efs.split(',')]:
        index.hnsw.efSearch = ef
        index.search(q, a.k + 1)  # one untimed pass, as Thymus's default warm-up
        t = time.perf_counter()
        _, ids = index.search(q, a.k + 1)
        seconds = time.perf_counter() - t
        np.save(os.path.join(a.out, 'faiss-M%d-ef%d.npy' % (a.m, ef)), drop_self(ids, rows, a.k))
        sweep.append({'ef': ef, 'search_seconds': seconds, 'queries_per_second': len(rows) / seconds})
        print('faiss M=%d ef=%d: %.0f q/s' % (a.m, ef, len(rows) / seconds))
    rec = {'tool': 'faiss', 'kind': 'hnsw', 'm': a.m, 'ef_construction': a.ef_construction, 'threads': a.threads,
           'build_seconds': build, 'faiss_version': faiss.__version__, 'sweep': sweep}
    with open(os.path.join(a.out, 'faiss-M%d.json' % a.m), 'w') as f:
        json.dump(rec, f, indent=2)
    print('faiss M=%d efConstruction=%d: build %.2f s' % (a.m, a.ef_construction, build))


def thymus_ids(tsv, words_row, qrows, k):
    """Reads `thymus ann query` output (query, neighbour, rank, score) as a queries x k id matrix."""
    pos = {r: i for i, r in enumerate(qrows)}
    ids = np.full((len(qrows), k), -1, dtype=np.int64)
    with open(tsv, encoding='utf-8') as f:
        for line in f:
            qw, nw, rank, _ = line.rstrip('\n').split('\t')
            ids[pos[words_row[qw]], int(rank) - 1] = words_row[nw]
    return ids


def recall(ids, truth):
    hits = sum(len(set(a[a >= 0]) & set(t[t >= 0])) for a, t in zip(ids, truth))
    return hits / float((truth >= 0).sum())


def at_recall(points, target):
    """Queries/s at `target` recall, interpolated linearly between the two sweep points around it."""
    points = sorted(points, key=lambda p: p['ef'])
    for i, p in enumerate(points):
        if p['recall'] >= target:
            if i == 0:
                return {'qps': p['qps'], 'note': 'reached at the smallest ef (%d)' % p['ef']}
            lo = points[i - 1]
            if p['recall'] == lo['recall']:
                return {'qps': p['qps'], 'note': ''}
            f = (target - lo['recall']) / (p['recall'] - lo['recall'])
            return {'qps': lo['qps'] + f * (p['qps'] - lo['qps']), 'note': 'ef %d-%d' % (lo['ef'], p['ef'])}
    return {'qps': None, 'note': 'not reached (best %.4f)' % max(p['recall'] for p in points)}


def cmd_evaluate(a):
    words, _ = read_word2vec(a.vectors)
    words_row = {w: i for i, w in enumerate(words)}
    qrows = query_rows(words, a.queries)
    truth = np.load(os.path.join(a.work, 'truth.npy'))
    meta = dict(kv.split('=', 1) for kv in (a.meta or []))
    summary = {'meta': meta, 'vectors': a.vectors, 'rows': len(words), 'queries': len(qrows), 'k': a.k,
               'runs': [], 'exact': {}}
    with open(os.path.join(a.work, 'faiss-flat.json')) as f:
        summary['exact']['faiss_flat_qps'] = json.load(f)['queries_per_second']
    exact_json = os.path.join(a.work, 'thymus-exact.json')
    if os.path.exists(exact_json):
        with open(exact_json) as f:
            summary['exact']['thymus_exact_qps'] = json.load(f)['queries_per_second']
        summary['exact']['thymus_exact_recall'] = recall(
            thymus_ids(os.path.join(a.work, 'thymus-exact.tsv'), words_row, qrows, a.k), truth)
    for fj in sorted(glob.glob(os.path.join(a.work, 'faiss-M*.json'))):
        with open(fj) as f:
            rec = json.load(f)
        pts = [{'ef': s['ef'], 'qps': s['queries_per_second'],
                'recall': recall(np.load(os.path.join(a.work, 'faiss-M%d-ef%d.npy' % (rec['m'], s['ef']))), truth)}
               for s in rec['sweep']]
        summary['runs'].append({'tool': 'faiss', 'm': rec['m'], 'ef_construction': rec['ef_construction'],
                                'threads': rec['threads'], 'build_seconds': rec['build_seconds'], 'sweep': pts})
    for bj in sorted(glob.glob(os.path.join(a.work, 'thymus-build-M*.json'))):
        with open(bj) as f:
            build = json.load(f)
        m = build['m']
        pts = []
        for qj in glob.glob(os.path.join(a.work, 'thymus-M%d-ef*.json' % m)):
            with open(qj) as f:
                q = json.load(f)
            ef = int(re.search(r'-ef(\d+)\.json$', qj).group(1))
            ids = thymus_ids(qj[:-5] + '.tsv', words_row, qrows, a.k)
            pts.append({'ef': ef, 'qps': q['queries_per_second'], 'recall': recall(ids, truth),
                        'recall_thymus_own': q.get('recall_at_k')})
        summary['runs'].append({'tool': 'thymus', 'm': m, 'ef_construction': build['ef_construction'],
                                'threads': build['threads'], 'build_seconds': build['build_seconds'],
                                'sweep': sorted(pts, key=lambda p: p['ef'])})
    for run in summary['runs']:
        for target in (0.95, 0.99):
            run['at_%.2f' % target] = at_recall(run['sweep'], target)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, 'summary.json'), 'w') as f:
        json.dump(summary, f, indent=2)
    md = markdown(summary)
    with open(os.path.join(a.out, 'summary.md'), 'w') as f:
        f.write(md)
    print(md)


def fmt(v, spec='%.0f'):
    return '-' if v is None else spec % v


def markdown(s):
    m = s['meta']
    out = ['# ANN: Thymus HNSW vs FAISS IndexHNSWFlat (%s)' % m.get('set', ''), '',
           '%d vectors of dim %s (`%s`), metric %s, %d queries (words of the set, the query itself left out), '
           'recall@%d against FAISS exact flat search, %s thread(s) for both tools.'
           % (s['rows'], m.get('dim', '?'), os.path.basename(s['vectors']), m.get('metric', '?'), s['queries'], s['k'],
              m.get('threads', '?')), '',
           '| tool | M | efConstruction | build s | q/s at recall 0.95 | q/s at recall 0.99 |',
           '| --- | --- | --- | --- | --- | --- |']
    by = {}
    for r in s['runs']:
        by[(r['tool'], r['m'])] = r
        out.append('| %s | %d | %d | %.2f | %s | %s |' % (
            r['tool'], r['m'], r['ef_construction'], r['build_seconds'],
            fmt(r['at_0.95']['qps']), fmt(r['at_0.99']['qps'])))
    out += ['', '| M | Thymus / FAISS q/s at 0.95 | at 0.99 | build time Thymus / FAISS |', '| --- | --- | --- | --- |']
    for (tool, mm), r in sorted(by.items()):
        f = by.get(('faiss', mm))
        if tool != 'thymus' or f is None:
            continue
        ratio = lambda a, b: None if a is None or b is None else a / b
        out.append('| %d | %s | %s | %s |' % (
            mm, fmt(ratio(r['at_0.95']['qps'], f['at_0.95']['qps']), '%.2fx'),
            fmt(ratio(r['at_0.99']['qps'], f['at_0.99']['qps']), '%.2fx'),
            fmt(ratio(r['build_seconds'], f['build_seconds']), '%.2fx')))
    e = s['exact']
    out += ['', 'Exact search, batched: FAISS flat %s q/s; Thymus `ann query --exact` %s q/s (recall of its answer '
            'against the FAISS truth: %s).' % (fmt(e.get('faiss_flat_qps')), fmt(e.get('thymus_exact_qps')),
                                                 fmt(e.get('thymus_exact_recall'), '%.4f')), '',
            '## Sweeps (ef: recall, q/s)', '']
    for r in s['runs']:
        out.append('* %s M=%d: ' % (r['tool'], r['m']) + ', '.join(
            '%d: %.4f, %.0f' % (p['ef'], p['recall'], p['qps']) for p in r['sweep']))
    out.append('')
    return '\n'.join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('queries')
    p.add_argument('--vectors', required=True)
    p.add_argument('--n', type=int, default=10000)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--out', required=True)
    for name in ('truth', 'faiss', 'evaluate'):
        p = sub.add_parser(name)
        p.add_argument('--vectors', required=True)
        p.add_argument('--queries', required=True)
        p.add_argument('--k', type=int, default=10)
        p.add_argument('--out', required=True)
        if name != 'evaluate':
            p.add_argument('--metric', default='cosine', choices=['cosine', 'dot', 'l2'])
            p.add_argument('--threads', type=int, default=1)
        if name == 'faiss':
            p.add_argument('--m', type=int, default=16)
            p.add_argument('--ef-construction', type=int, default=100)
            p.add_argument('--efs', default='10,16,24,32,48,64,96,128,192,256,384,512')
        if name == 'evaluate':
            p.add_argument('--work', required=True)
            p.add_argument('--meta', nargs='*')
    a = ap.parse_args()
    {'queries': cmd_queries, 'truth': cmd_truth, 'faiss': cmd_faiss, 'evaluate': cmd_evaluate}[a.cmd](a)


if __name__ == '__main__':
    main()
