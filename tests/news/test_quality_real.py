"""Extraction holds on real outlets' pages: floors measured on 276 real pages.

The pages and what people said they contain are in tests/fixtures/news/real (SOURCES.md).
Figures when this was written (bench/bench_news.py): body word F1 0.965 (trafilatura alone
0.956) on 181 pages; on the 95 pages with title/date/passages, 66 in Spanish: titles 80/82
(Spanish 53/53), dates 73/75, no exceptions. Counting only the expectations made by the
datasets' authors (not the 19 pages Pulso annotated by reading): titles 61/63, dates 56/58.
Before: titles 56/62 on the dataset's pages (floor lowered to 88%), 46 Spanish pages.
"""

from __future__ import annotations

import pytest

from collectors.news.extract import extract_page
from tests.news.quality import (
    Extracted,
    Page,
    Report,
    benchmark_pages,
    evaldata_pages,
    evaluate,
    title_right,
)

BODY_F1_FLOOR = 0.90
PASSAGES_F1_FLOOR = 0.85
TITLE_FLOOR = 0.95  # Spanish-language news pages, the outlets Pulso reads
TITLE_FLOOR_ALL = 0.95
DATE_FLOOR = 0.90

# The report extracts all 276 pages once for the module: started first under xdist.
pytestmark = pytest.mark.slow


def pulso(page: Page) -> Extracted:
    fields = extract_page(page.html, url=page.url)
    return Extracted(fields.title, fields.published_at, fields.text, fields.extraction_error)


@pytest.fixture(scope="module")
def evaldata() -> list[Page]:
    return evaldata_pages()


@pytest.fixture(scope="module")
def report(evaldata: list[Page]) -> Report:
    return evaluate(pulso, benchmark_pages(), evaldata)


def test_the_evaluation_set_is_real_and_large_enough(evaldata: list[Page]) -> None:
    bench = benchmark_pages()
    assert len(bench) + len(evaldata) >= 100
    spanish = [page for page in evaldata if page.language == "es"]
    assert len(spanish) >= 60
    # Most pages whose headline and day are checked are Spanish-language, as Pulso's outlets.
    assert (
        sum(bool(page.title) for page in spanish) > sum(bool(page.title) for page in evaldata) / 2
    )
    assert sum(bool(page.day) for page in spanish) > sum(bool(page.day) for page in evaldata) / 2
    assert all(page.body for page in bench)


def test_no_page_raises_or_reports_an_extraction_error(report: Report) -> None:
    assert report.errors == 0


def test_body_word_f1_of_real_pages_is_above_the_floor(report: Report) -> None:
    assert report.body_f1 >= BODY_F1_FLOOR, report
    assert report.empty_bodies == 0, report


def test_article_passages_are_kept_and_boilerplate_left_out(report: Report) -> None:
    assert report.passages.f1 >= PASSAGES_F1_FLOOR, report.passages


def test_publication_day_is_right_where_the_page_states_one(report: Report) -> None:
    assert report.date_rate >= DATE_FLOOR, report


def test_headlines_are_right(report: Report, evaldata: list[Page]) -> None:
    assert report.title_rate >= TITLE_FLOOR_ALL, report
    spanish = [page for page in evaldata if page.language == "es" and page.title]
    right = [title_right(pulso(page).title, page.title or "") for page in spanish]
    assert sum(right) / len(right) >= TITLE_FLOOR
