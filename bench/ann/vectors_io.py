"""word2vec vector files for the ANN benchmark (numpy): read binary or text, write binary."""
import numpy as np


def read_word2vec(path):
    """(words, float32 matrix) of a word2vec .bin (word2vec.c or gensim style) or text file."""
    with open(path, 'rb') as f:
        data = f.read()
    nl = data.index(b'\n')
    n, d = map(int, data[:nl].split())
    pos = nl + 1
    words = []
    x = np.empty((n, d), dtype=np.float32)
    binary = not str(path).endswith(('.txt', '.vec'))
    if binary:
        row_bytes = 4 * d
        for i in range(n):
            while data[pos] in b'\n\r':  # word2vec.c ends a row with '\n', gensim does not
                pos += 1
            sp = data.index(b' ', pos)
            words.append(data[pos:sp].decode('utf-8', 'replace'))
            x[i] = np.frombuffer(data, dtype='<f4', count=d, offset=sp + 1)
            pos = sp + 1 + row_bytes
    else:
        lines = data[pos:].decode('utf-8').splitlines()
        for i in range(n):
            parts = lines[i].rstrip().split(' ')
            words.append(parts[0])
            x[i] = np.asarray(parts[1:1 + d], dtype=np.float32)
    return words, x


def write_word2vec_bin(path, x, prefix='v'):
    """Writes x as word2vec binary with fixed-width words prefix0000001 ... (one numpy write)."""
    n, d = x.shape
    width = len(prefix) + max(1, len(str(n - 1)))
    rec = np.dtype([('w', 'S%d' % width), ('sp', 'S1'), ('v', '<f4', (d,)), ('nl', 'S1')])
    out = np.empty(n, dtype=rec)
    out['w'] = np.char.add(prefix, np.char.zfill(np.arange(n).astype(str), width - len(prefix))).astype('S%d' % width)
    out['sp'] = b' '
    out['v'] = x
    out['nl'] = b'\n'
    tmp = str(path) + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(b'%d %d\n' % (n, d))
        out.tofile(f)
    import os
    os.replace(tmp, path)
