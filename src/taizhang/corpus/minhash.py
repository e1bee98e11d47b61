"""Near-duplicate keys of a task's text: datasketch MinHash signatures cut into LSH bands.

Each task gets one 64-bit key per band, computed on the workers at build time. Two tasks
that share any key are near-duplicate candidates: with datasketch's own choice of bands and
rows for a Jaccard threshold of 0.7 over 64 permutations (8 bands of 8 rows), tasks whose
3-gram sets are 90 % alike share a key with probability ≈ 0.99, 80 % ≈ 0.77, 50 % ≈ 0.03.
The corpus then finds groups with DuckDB (a join on keys), never by comparing pairs.

    band_keys("推进“放管服”改革，2018年底前完成……")  → [-4120…, 8843…, …]   (8 ints)
"""
from __future__ import annotations

import hashlib
import unicodedata
import zlib
from functools import lru_cache
from typing import Any

NUM_PERM = 64
THRESHOLD = 0.7
SHINGLE = 3  # characters: Chinese words are 1–4 characters, 3 keeps word order without noise
_DROP = str.maketrans("", "", " \t\r\n\u3000，。；：、！？,.;:!?（）()《》〈〉“”\"'‘’【】[]—-…·")


@lru_cache(maxsize=1)
def _setup() -> tuple[Any, int, int]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)  # picks bands × rows for us
    # one MinHash cleared for each text: making its permutations is the costly part
    return MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32), lsh.b, lsh.r


def bands() -> tuple[int, int]:
    """(number of bands, rows per band)."""
    _, b, r = _setup()
    return b, r


def shingles(text: str) -> set[bytes]:
    """Character 3-grams of the text without spaces and punctuation (NFKC first)."""
    s = unicodedata.normalize("NFKC", text).translate(_DROP)
    if len(s) < SHINGLE:
        return {s.encode()} if s else set()
    return {s[i:i + SHINGLE].encode() for i in range(len(s) - SHINGLE + 1)}


def band_keys(text: str) -> list[int]:
    """One signed 64-bit key per band (Parquet int64); empty text → no keys."""
    grams = shingles(text)
    if not grams:
        return []
    m, b, r = _setup()
    m.clear()
    m.update_batch(grams)
    values = m.hashvalues
    keys = []
    for i in range(b):
        digest = hashlib.blake2b(values[i * r:(i + 1) * r].tobytes(), digest_size=8,
                                 person=b"tz-band%d" % i).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys
