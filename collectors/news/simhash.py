"""64-bit SimHash over word shingles: near-duplicate texts get nearby fingerprints.

Syndicated agency stories differ between outlets by a headline, a byline or a closing
line; their fingerprints then differ in a few bits while unrelated texts differ in ~32.
"""

from __future__ import annotations

from collections import Counter
from hashlib import blake2b

from collectors.news.normalize import words

SHINGLE_WORDS = 3
BITS = 64


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def simhash(text: str) -> int | None:
    """The fingerprint, or None for text without words."""
    grams = shingles(text)
    if not grams:
        return None
    digests = b"".join(blake2b(g.encode(), digest_size=8).digest() for g in grams)
    # Count set bits per position byte-column by byte-column: C-speed Counters instead of a
    # 64-step Python loop per shingle.
    half, fingerprint = len(grams) / 2, 0
    for byte_index in range(8):
        counts = Counter(digests[byte_index::8])
        for bit in range(8):
            ones = sum(n for value, n in counts.items() if value >> bit & 1)
            if ones > half:
                fingerprint |= 1 << (byte_index * 8 + bit)
    return fingerprint


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def to_hex(fingerprint: int) -> str:
    return f"{fingerprint:016x}"


def from_hex(text: str) -> int:
    return int(text, 16)
