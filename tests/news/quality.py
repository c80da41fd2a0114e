"""Extraction quality over real pages, scored the way the public benchmarks score it.

Two sets of real article pages live under tests/fixtures/news/real/ (origins in SOURCES.md):
- `benchmark/`: pages with a hand-made article body (scrapinghub's article-extraction
  benchmark), scored by word F1 of the extracted text against that body;
- `evaldata/`: mostly Spanish-language news pages with a hand-made title, publication day and
  passages that must (`with`) or must not (`without`) be in the text (trafilatura's
  evaluation data), scored like trafilatura scores itself.

Pure: pages in, numbers out. Shared by the floors in tests/news/test_quality_real.py and the
side-by-side comparison in bench/bench_news.py.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from collectors.news.dates import BOGOTA
from collectors.news.normalize import fold

REAL = Path(__file__).parent.parent / "fixtures" / "news" / "real"
BENCHMARK = REAL / "benchmark"
EVALDATA = REAL / "evaldata"

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Score:
    """Passages found / missed / leaked / kept out, summed over pages."""

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


@dataclass(frozen=True)
class Page:
    """One real page and what a person said it contains."""

    name: str
    html: bytes
    url: str
    body: str | None = None
    title: str | None = None
    day: date | None = None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    language: str | None = None


def _load(folder: Path) -> Iterator[tuple[str, bytes, dict]]:
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    for name, item in expected.items():
        yield name, gzip.decompress((folder / f"{name}.html.gz").read_bytes()), item


def benchmark_pages() -> list[Page]:
    return [
        Page(name, html, item["url"], body=item["body"]) for name, html, item in _load(BENCHMARK)
    ]


def evaldata_pages() -> list[Page]:
    return [
        Page(
            name,
            html,
            item["url"],
            title=item["title"],
            day=date.fromisoformat(item["date"]) if item["date"] else None,
            with_=tuple(item["with"]),
            without=tuple(item["without"]),
            language=item["language"],
        )
        for name, html, item in _load(EVALDATA)
    ]


def word_counts(text: str | None) -> Counter[str]:
    return Counter(_WORD.findall(fold(text or "")))


def word_f1(extracted: str | None, expected: str) -> float:
    """F1 of the bag of words: 1.0 is the same words as many times, 0.0 nothing in common."""
    got, want = word_counts(extracted), word_counts(expected)
    common = sum((got & want).values())
    if not common:
        return 1.0 if not got and not want else 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def passages(text: str | None, page: Page) -> Score:
    """trafilatura's scoring: each `with` passage found, each `without` passage left out."""
    squeezed = " ".join((text or "").split())
    found = sum(" ".join(p.split()) in squeezed for p in page.with_)
    leaked = sum(" ".join(p.split()) in squeezed for p in page.without)
    return Score(found, len(page.with_) - found, leaked, len(page.without) - leaked)


def _title_key(title: str | None) -> str:
    return " ".join(_WORD.findall(fold(title or "")))


def title_right(extracted: str | None, expected: str) -> bool:
    """Same words, ignoring case, accents and punctuation; a site-name suffix is not the title."""
    got, want = _title_key(extracted), _title_key(expected)
    return bool(got) and got == want


def date_right(extracted: datetime | None, expected: date) -> bool:
    """The day the page states, read in the zone the page wrote or in Bogotá's.

    "2022-05-04T00:25:56Z" on an Argentine page is the evening of 3 May where it was
    published (and in Cali); a UTC timestamp's own day would call that wrong.
    """
    if extracted is None:
        return False
    return expected in (extracted.date(), extracted.astimezone(BOGOTA).date())


def macro(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True)
class Extracted:
    title: str | None
    published_at: datetime | None
    text: str | None
    error: str | None = None


@dataclass(frozen=True)
class Report:
    body_f1: float
    empty_bodies: int
    passages: Score
    titles_right: int
    titles: int
    dates_right: int
    dates: int
    errors: int

    @property
    def title_rate(self) -> float:
        return self.titles_right / max(1, self.titles)

    @property
    def date_rate(self) -> float:
        return self.dates_right / max(1, self.dates)


def evaluate(
    extract: Callable[[Page], Extracted], bench: list[Page], evaldata: list[Page]
) -> Report:
    """Every page through `extract`; an exception counts as an error and an empty result."""
    f1s, empty, errors = [], 0, 0
    for page in bench:
        got = _safe(extract, page)
        errors += got.error is not None
        empty += not (got.text or "").strip()
        f1s.append(word_f1(got.text, page.body or ""))
    score, titles, dates = Score(), [], []
    for page in evaldata:
        got = _safe(extract, page)
        errors += got.error is not None
        score = score + passages(got.text, page)
        if page.title:
            titles.append(title_right(got.title, page.title))
        if page.day:
            dates.append(date_right(got.published_at, page.day))
    return Report(
        macro(f1s), empty, score, sum(titles), len(titles), sum(dates), len(dates), errors
    )


def _safe(extract: Callable[[Page], Extracted], page: Page) -> Extracted:
    try:
        return extract(page)
    except Exception as error:  # noqa: BLE001 - the score counts it instead of stopping
        return Extracted(None, None, None, error=f"{type(error).__name__}: {error}")
