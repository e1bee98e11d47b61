"""Near-duplicate keys of a task's text: datasketch MinHash signatures cut into LSH bands.

Each task gets one 64-bit key per band, computed on the workers at build time. Two tasks
that share any key are near-duplicate candidates: with datasketch's own choice of bands and
rows for a Jaccard threshold of 0.7 over 64 permutations (8 bands of 8 rows), tasks whose
3-gram sets are 90 % alike share a key with probability ≈ 0.99, 80 % ≈ 0.77, 50 % ≈ 0.03.
The corpus then finds groups with DuckDB (a join on keys), never by comparing pairs.

    band_keys("推进“放管服”改革，2018年底前完成……")  → [-4120…, 8843…, …]   (8 ints)

Speed: a document's tasks are signed together (:func:`band_keys_many`). The 3-grams are
numbered with numpy (three code points packed into one integer, then hashed to 32 bits)
rather than sliced and hashed one by one in Python, and the MinHash's own permutations are
applied to all of them in one pass; a test checks the signatures equal datasketch's
``MinHash.update_batch`` over the same 3-gram hashes.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

NUM_PERM = 64
THRESHOLD = 0.7
SHINGLE = 3  # characters: Chinese words are 1–4 characters, 3 keeps word order without noise
_PUNCT = " \t\r\n\u3000，。；：、！？,.;:!?（）()《》〈〉“”\"'‘’【】[]—-…·"
_DROP = re.compile("[" + re.escape(_PUNCT) + "]+")  # faster than str.translate on CJK text
_GOLDEN = 0x9E3779B97F4A7C15  # Fibonacci hashing: a 63-bit 3-gram number → its top 32 bits


@lru_cache(maxsize=1)
def _setup() -> tuple[Any, int, int]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)  # picks bands × rows for us
    # the permutations are what we need from it (drawn from datasketch's fixed seed)
    return MinHash(num_perm=NUM_PERM, hashfunc=int), lsh.b, lsh.r


def bands() -> tuple[int, int]:
    """(number of bands, rows per band)."""
    _, b, r = _setup()
    return b, r


def normalized(text: str) -> str:
    """NFKC, without spaces and punctuation: what the 3-grams are taken from."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text))


def gram_hashes(text: str) -> Any:
    """The distinct 32-bit hashes of the text's character 3-grams (one gram if shorter),
    as a sorted numpy uint32 array; empty text → an empty array."""
    return _grams([text])[1]


def _grams(texts: Sequence[str]) -> tuple[Any, Any]:
    """(text index, 3-gram hash) of every distinct 3-gram of every text, sorted by both."""
    import numpy as np

    parts = []
    for t in texts:
        s = normalized(t)
        parts.append(s.ljust(SHINGLE, "\0") if s else s)  # a short text is one gram
    lens = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    if lens.sum() < SHINGLE:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint32)
    c = np.frombuffer("".join(parts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    seg = np.repeat(np.arange(len(parts), dtype=np.uint64), lens)
    inside = seg[:-2] == seg[2:]  # a gram never spans two texts
    # code points take 21 bits: three of them make one exact 63-bit number per 3-gram
    grams = ((c[:-2] << np.uint64(42)) | (c[1:-1] << np.uint64(21)) | c[2:])[inside]
    with np.errstate(over="ignore"):  # the wrap-around is the hash
        hashed = (grams * np.uint64(_GOLDEN)) >> np.uint64(32)
    keyed = np.unique((seg[:-2][inside] << np.uint64(32)) | hashed)
    return (keyed >> np.uint64(32)).astype(np.int64), (keyed & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def band_keys(text: str) -> list[int]:
    """One signed 64-bit key per band (Parquet int64); empty text → no keys."""
    return band_keys_many([text])[0]


def band_keys_many(texts: Sequence[str]) -> list[list[int]]:
    """:func:`band_keys` of each text, computed in one numpy pass."""
    import numpy as np

    m, _, _ = _setup()
    owner, hv = _grams(texts)
    sizes = np.bincount(owner, minlength=len(texts))
    if not len(hv):
        return [[] for _ in texts]
    if m.scheme != "affine32":  # another datasketch default: let it sign each text itself
        return [_keys(_datasketch(hv[owner == i])) if size else [] for i, size in enumerate(sizes)]
    a, b = m.permutations
    with np.errstate(over="ignore"):  # uint32 wrap-around is the permutation's modulo 2³²
        phv = _fmix32(hv)[:, None] * a + b  # a row per 3-gram, a column per permutation
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))[sizes > 0]
    mins = iter(np.minimum.reduceat(phv, starts, axis=0))
    return [_keys(next(mins)) if size else [] for size in sizes]


def _datasketch(grams: Any) -> Any:
    """The signature as datasketch computes it (used by the tests, and for other schemes)."""
    from datasketch import MinHash

    m, _, _ = _setup()
    fresh = MinHash(num_perm=NUM_PERM, hashfunc=int, seed=m.seed, permutations=m.permutations,
                    scheme=m.scheme)
    fresh.update_batch(grams.tolist())
    return fresh.hashvalues


def _fmix32(hv: Any) -> Any:
    """MurmurHash3's 32-bit finalizer, which datasketch's affine32 scheme applies first."""
    import numpy as np

    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def _keys(values: Any) -> list[int]:
    """The band keys of one signature: each band's rows hashed to a signed 64-bit integer."""
    _, b, r = _setup()
    keys = []
    for i in range(b):
        digest = hashlib.blake2b(values[i * r:(i + 1) * r].tobytes(), digest_size=8,
                                 person=b"tz-band%d" % i).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys
