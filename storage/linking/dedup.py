"""Near-duplicate detection: syndicated copies and lightly edited wire stories, by MinHash + LSH.

Exact republications (the same normalised body at another URL) are decided before extraction by
`flows.stages.screen` (body hash); this module finds the copies that differ a little — a new headline, a
dropped dateline credit, "U.S." written "US", a paragraph added or cut. A body is read as the set of its word
shingles (SHINGLE consecutive folded words); two bodies are near-duplicates when the Jaccard similarity of
those sets is at least THRESHOLD. Different outlets' own reports of the same happening share a few phrases at
most (Jaccard well under 0.1), a lightly edited copy most of them (0.6-0.9).

Candidates come from locality-sensitive hashing: each body's MinHash signature (datasketch, NUM_PERM
permutations, fixed seed) is cut into BANDS bands of ROWS rows, and each band is hashed to one 64-bit key
stored in `link_lsh`; two bodies whose signatures agree on a whole band share a key. With the parameters below,
a pair becomes a candidate with probability 0.99 at Jaccard 0.6, 0.87 at 0.5, 0.23 at 0.3 and 0.05 at 0.2
(`candidate_probability`). Candidates are confirmed by the exact Jaccard of their shingle sets, so LSH only
decides which pairs are compared.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from storage.linking.lexicon import fold

DUP_LOOKBACK_DAYS = 7.0     # a near-copy is looked for among the units of the week before it

SHINGLE = 3
NUM_PERM = 128
BANDS = 32
ROWS = 4
THRESHOLD = 0.5
SEED = 1
SCHEME = "affine32"   # datasketch 2's default permutation scheme, named so that signatures stay comparable
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """The body's word shingles: SHINGLE consecutive words, case and accents folded."""
    words = _WORD.findall(fold(text))
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def _hash32(data: bytes) -> int:
    """The base hash of a shingle (CRC-32: fast, stable across processes; MinHash permutes it)."""
    return zlib.crc32(data)


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def signature(grams: set[str]) -> np.ndarray:
    """The MinHash signature (NUM_PERM values) of a shingle set; the permutations are made once."""
    template = _template()
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_hash32, permutations=template.permutations,
                scheme=SCHEME)
    m.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return m.hashvalues


def band_keys(grams: set[str]) -> list[int]:
    """One signed 64-bit key per band (the band's index is hashed in, so bands never collide)."""
    if not grams:
        return []
    values = signature(grams)
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS:(band + 1) * ROWS].astype(np.uint64).tobytes()
        digest = hashlib.blake2b(struct.pack("<I", band) + chunk, digest_size=8).digest()
        keys.append(struct.unpack("<q", digest)[0])
    return keys


def candidate_probability(j: float) -> float:
    """Probability that a pair at Jaccard `j` shares at least one band key."""
    return 1.0 - (1.0 - j ** ROWS) ** BANDS
