"""Extraction quality over the bundled pages, scored the way trafilatura's evaluation does.

Each page has a sidecar `<page>.expected.json` with passages that must be in the extracted
text (`with`) and boilerplate that must not (`without`). Shared by the test (a floor) and
bench/bench_news.py (the comparison with trafilatura).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PAGES = Path(__file__).parent.parent / "fixtures" / "news" / "pages"


@dataclass(frozen=True)
class Score:
    true_pos: int = 0
    false_neg: int = 0
    false_pos: int = 0
    true_neg: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_pos + other.true_pos,
            self.false_neg + other.false_neg,
            self.false_pos + other.false_pos,
            self.true_neg + other.true_neg,
        )

    @property
    def precision(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_pos)

    @property
    def recall(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_neg)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def expected_pages() -> list[tuple[Path, dict]]:
    return [
        (PAGES / path.name.replace(".expected.json", ".html"), json.loads(path.read_text("utf-8")))
        for path in sorted(PAGES.glob("*.expected.json"))
    ]


def score_text(text: str | None, expected: dict) -> Score:
    text = text or ""
    found = sum(passage in text for passage in expected["with"])
    leaked = sum(passage in text for passage in expected["without"])
    return Score(found, len(expected["with"]) - found, leaked, len(expected["without"]) - leaked)


def evaluate(extract: Callable[[bytes], str | None]) -> Score:
    total = Score()
    for page, expected in expected_pages():
        total = total + score_text(extract(page.read_bytes()), expected)
    return total
