"""News extraction on real pages: Pulso against trafilatura alone, same pages, same run.

Headline: body word F1, titles and dates right, exceptions, pages per CPU second and peak
memory (tracemalloc) for Pulso's `extract_page` and for plain `trafilatura.bare_extraction`,
over the real pages in tests/fixtures/news/real (276 pages; origins in SOURCES.md). Then the
nightly target: 1,000 article pages (the real ones repeated) extracted and matched against
the office's terms in under 60 s of CPU on one core.

    .venv/bin/python bench/bench_news.py [--quick]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import tracemalloc
from collections.abc import Callable
from itertools import cycle, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import print_rows  # noqa: E402
from collectors.news.dates import parse_datetime  # noqa: E402
from collectors.news.extract import extract_page  # noqa: E402
from collectors.news.matching import Matcher  # noqa: E402
from tests.news.quality import (  # noqa: E402
    Extracted,
    Page,
    Report,
    benchmark_pages,
    evaldata_pages,
    evaluate,
)

MATCHER = Matcher(
    ["Alcaldía de Cali", "Alcaldía de Santiago de Cali"],
    exclusions={"Alcaldía de Cali": ["Alcaldía de Calima"]},
)
NIGHT_PAGES = 1_000
NIGHT_TARGET_S = 60.0
MEMORY_SAMPLE = 20


def pulso(page: Page) -> Extracted:
    fields = extract_page(page.html, url=page.url)
    return Extracted(fields.title, fields.published_at, fields.text, fields.extraction_error)


def trafilatura_alone(page: Page) -> Extracted:
    import trafilatura

    document = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if not document:
        return Extracted(None, None, None)
    return Extracted(document.title, parse_datetime(document.date), document.text)


def measured(
    extract: Callable[[Page], Extracted], bench: list[Page], evaldata: list[Page]
) -> tuple[Report, float, float]:
    """Quality, pages per CPU second, and peak traced memory (MB) over a sample of pages.

    tracemalloc slows Python several times over, so memory is traced on its own pass.
    """
    start = time.process_time()
    report = evaluate(extract, bench, evaldata)
    rate = (len(bench) + len(evaldata)) / (time.process_time() - start)
    tracemalloc.start()
    evaluate(extract, bench[:MEMORY_SAMPLE], evaldata[:MEMORY_SAMPLE])
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return report, rate, peak


def night(pages: list[Page], count: int) -> tuple[float, int]:
    """CPU seconds to extract and match `count` pages (real pages repeated), and matches."""
    start, matched = time.process_time(), 0
    for page in islice(cycle(pages), count):
        fields = extract_page(page.html, url=page.url)
        matched += MATCHER.match(fields.title, fields.text) is not None
    return time.process_time() - start, matched


def _row(name: str, report: Report, rate: float, peak: float) -> list[str]:
    return [
        name,
        f"{report.body_f1:.3f}",
        str(report.empty_bodies),
        f"{report.passages.f1:.3f}",
        f"{report.titles_right}/{report.titles} ({report.title_rate:.0%})",
        f"{report.dates_right}/{report.dates} ({report.date_rate:.0%})",
        str(report.errors),
        f"{rate:,.1f}",
        f"{peak:,.0f}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI-size run (fewer night pages)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # trafilatura alone logs every short page
    bench, evaldata = benchmark_pages(), evaldata_pages()
    for page in bench[:5]:
        extract_page(page.html)  # warm-up: lazy imports are not throughput
    ours = measured(pulso, bench, evaldata)
    theirs = measured(trafilatura_alone, bench, evaldata)
    print_rows(
        f"Real pages ({len(bench)} with a hand-made body, {len(evaldata)} with title/date/passages), one core",
        ["extractor", "body F1", "empty", "passages F1", "titles", "dates", "exceptions", "pages/s", "peak MB"],
        [_row("pulso", *ours), _row("trafilatura alone", *theirs)],
    )  # fmt: skip
    count = NIGHT_PAGES // 4 if args.quick else NIGHT_PAGES
    seconds, matched = night(bench + evaldata, count)
    projected = seconds * NIGHT_PAGES / count
    print(f"\nnight of {NIGHT_PAGES:,} pages (real pages repeated; {count:,} run): "
          f"{projected:.1f} s CPU, {matched} matched the office's terms")  # fmt: skip
    met = projected < NIGHT_TARGET_S
    print(
        f"target < {NIGHT_TARGET_S:.0f} s CPU for {NIGHT_PAGES:,} pages: {'met' if met else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
