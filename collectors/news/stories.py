"""Grouping syndicated copies of one story across outlets.

Candidates come from SimHash distance (cheap, over many stored articles); a candidate is
confirmed by the Jaccard overlap of word shingles, so two different stories about the same
event (same names, same place) are not merged by a lucky fingerprint.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from collectors.news.simhash import distance, shingles

# Unrelated texts sit ~32 bits apart (σ≈4); 18 keeps trimmed copies as candidates.
MAX_DISTANCE = 18
MIN_JACCARD = 0.5
# A copy cut short (the outlet kept the first paragraphs) is mostly contained in the original.
MIN_CONTAINMENT = 0.8
MIN_WORDS = 40  # shorter texts (a headline, a brief) are too small to call copies


@dataclass(frozen=True, slots=True)
class StoryCandidate:
    story_id: int
    fingerprint: int
    text: str


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def same_story(text_a: str, text_b: str) -> bool:
    """Near-duplicate texts: most word 3-shingles shared, or one mostly inside the other."""
    a, b = shingles(text_a), shingles(text_b)
    if min(len(a), len(b)) < MIN_WORDS:
        return False
    containment = len(a & b) / min(len(a), len(b))
    return jaccard(a, b) >= MIN_JACCARD or containment >= MIN_CONTAINMENT


def find_story(
    text: str | None, fingerprint: int | None, candidates: Iterable[StoryCandidate]
) -> int | None:
    """The story an article belongs to among `candidates`, or None (a new story)."""
    if not text or fingerprint is None:
        return None
    near = sorted(
        (distance(fingerprint, c.fingerprint), c.story_id, c.text)
        for c in candidates
        if distance(fingerprint, c.fingerprint) <= MAX_DISTANCE
    )
    for _, story_id, other in near:
        if same_story(text, other):
            return story_id
    return None
