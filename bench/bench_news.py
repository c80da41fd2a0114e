"""News extraction + matching throughput, against trafilatura on the same pages.

Pulso's extractor (structured data first, then a readability-style body) plus term matching,
in articles per second on one core, on the bundled fixture pages and on synthetic article
pages shaped like the outlets' (Arc/JSON-LD, WordPress/OpenGraph, plain; menus, related
links, inline scripts). trafilatura (bare_extraction with metadata, then the same matcher)
is the baseline, timed in the same run on the same pages (a sample of the synthetic ones, to
keep the default run under a minute). Target: >= 200 articles/s per core.

    .venv/bin/python bench/bench_news.py [--quick] [--pages N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import print_rows  # noqa: E402
from collectors.news.extract import extract_page  # noqa: E402
from collectors.news.matching import Matcher  # noqa: E402
from tests.news.quality import PAGES, evaluate  # noqa: E402

MATCHER = Matcher(
    ["Alcaldía de Cali", "Alcaldía de Santiago de Cali"],
    exclusions={"Alcaldía de Cali": ["Alcaldía de Calima"]},
)
WORDS = (
    "la el de en que y a los se del las un por con no una su para es al lo como más pero sus "
    "ciudad comuna barrio secretaría concejo movilidad seguridad obras vías parque alcalde "
    "gobernación valle cauca salud educación empleo jóvenes recursos millones pesos proyecto "
    "comunidad policía metropolitana oriente ladera río transporte MIO estación ruta debate"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 28))]
    return " ".join(words).capitalize() + "."


_POOL_RNG = random.Random(5)
# A pool of sentences drawn once: generating 10,000 pages must not dominate the run.
SENTENCES = [_sentence(_POOL_RNG) for _ in range(4_000)]
FILLER = json.dumps(SENTENCES, ensure_ascii=False)


def _paragraphs(rng: random.Random, mention: bool) -> list[str]:
    paragraphs = [
        " ".join(rng.choices(SENTENCES, k=rng.randint(2, 4))) for _ in range(rng.randint(6, 12))
    ]
    if mention:
        at = rng.randrange(len(paragraphs))
        paragraphs[at] = "La Alcaldía de Cali informó que " + paragraphs[at]
    return paragraphs


def _chrome(rng: random.Random) -> tuple[str, str]:
    nav = "".join(
        f'<li><a href="/s{n}/">{w}</a></li>' for n, w in enumerate(rng.choices(WORDS, k=120))
    )
    related = "".join(
        f'<li><a href="/r{n}/">{s}</a></li>' for n, s in enumerate(rng.choices(SENTENCES, k=12))
    )
    start = rng.randrange(len(FILLER) - 60_000)
    # Arc pages inline their whole content store as JSON: most of a real page's bytes.
    script = (
        "<script>window.Fusion={globalContent:"
        + json.dumps(FILLER[start : start + 55_000])
        + "}</script>"
    )
    head_extra = script + "<style>" + ".c{color:#333}" * 300 + "</style>"
    top = f'<header class="site-header"><nav class="menu"><ul>{nav}</ul></nav></header>'
    bottom = f'<aside class="related"><ul>{related}</ul></aside><footer class="site-footer">© 2026 Medio</footer>'
    return head_extra, top + "\n<!--BODY-->\n" + bottom


def mentions_office(n: int, seed: int = 11) -> bool:
    return random.Random(seed * 1_000_003 + n).random() < 0.3


def synthetic_page(n: int, seed: int = 11) -> bytes:
    """One article page; a third JSON-LD (Arc), a third OpenGraph (WordPress), a third plain."""
    rng = random.Random(seed * 1_000_003 + n)
    mention = rng.random() < 0.3
    title = f"{rng.choice(SENTENCES)[:70]} {n}"
    body = "".join(f'<p class="c-paragraph">{p}</p>' for p in _paragraphs(rng, mention))
    head_extra, chrome = _chrome(rng)
    kind = n % 3
    if kind == 0:
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
              "datePublished": "2026-11-20T11:31:00-05:00", "author": [{"@type": "Person", "name": "Redacción"}],
              "articleSection": "Cali"}  # fmt: skip
        meta = f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        content = f'<article><h1>{title}</h1><div class="article-body">{body}</div></article>'
    elif kind == 1:
        meta = (f'<meta property="og:title" content="{title}"><meta property="article:published_time" '
                f'content="2026-11-20T12:45:03-05:00"><meta name="author" content="Redacción">')  # fmt: skip
        content = f'<article class="post"><h1 class="entry-title">{title}</h1><div class="entry-content">{body}</div></article>'
    else:
        meta = ""
        content = f'<div id="nota"><h1>{title}</h1><time datetime="2026-11-19 18:40">19/11/2026</time>{body}</div>'
    html = f'<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>{title}</title>{meta}{head_extra}</head><body>{chrome.replace("<!--BODY-->", content)}</body></html>'
    return html.encode()


def pulso_extract_and_match(html: bytes) -> bool:
    fields = extract_page(html)
    return MATCHER.match(fields.title, fields.text) is not None


def trafilatura_extract_and_match(html: bytes) -> bool:
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True)
    if not document:
        return False
    found = document if isinstance(document, dict) else document.as_dict()
    return MATCHER.match(found.get("title"), found.get("text")) is not None


def rate(
    pages: list[bytes], action: Callable[[bytes], bool], min_seconds: float = 0.5
) -> tuple[float, int]:
    """Articles per CPU second (per core, whatever else the machine runs), and matches."""
    for page in pages[:20]:
        action(page)  # warm-up: lazy imports and caches are not throughput
    done, matched, start = 0, 0, time.process_time()
    while True:
        for page in pages:
            matched += action(page)
        done += len(pages)
        elapsed = time.process_time() - start
        if elapsed >= min_seconds:
            return done / elapsed, matched * len(pages) // done


def rate_generated(
    count: int, action: Callable[[bytes], bool], batch: int = 500
) -> tuple[float, int]:
    """Like `rate` over `count` synthetic pages, made in batches (10,000 pages would be ~750 MB)."""
    busy, matched = 0.0, 0
    for first in range(0, count, batch):
        pages = [synthetic_page(n) for n in range(first, min(count, first + batch))]
        start = time.process_time()
        matched += sum(action(page) for page in pages)
        busy += time.process_time() - start
    return count / busy, matched


def _trafilatura_text(html: bytes) -> str | None:
    import trafilatura

    return trafilatura.extract(html)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI-size run")
    parser.add_argument("--pages", type=int, default=None, help="synthetic pages (default 10,000)")
    args = parser.parse_args()
    count = args.pages or (1_000 if args.quick else 10_000)
    sample = min(count, 150 if args.quick else 400)
    bundled = [p.read_bytes() for p in sorted(PAGES.glob("*.html"))]
    synthetic = [synthetic_page(n) for n in range(sample)]
    kb = sum(map(len, synthetic)) / len(synthetic) / 1024

    ours_bundled, _ = rate(bundled, pulso_extract_and_match)
    base_bundled, _ = rate(bundled, trafilatura_extract_and_match)
    ours_all, ours_matched = rate_generated(count, pulso_extract_and_match)
    ours_sample, _ = rate(synthetic, pulso_extract_and_match, min_seconds=0)
    base_sample, _ = rate(synthetic, trafilatura_extract_and_match, min_seconds=0)
    print_rows(
        "Extraction + matching, articles/s on one core (trafilatura = baseline, same pages)",
        ["pages", "n", "pulso art/s", "trafilatura art/s", "ratio"],
        [
            ["bundled fixtures", len(bundled), f"{ours_bundled:,.0f}", f"{base_bundled:,.0f}", f"{ours_bundled / base_bundled:.1f}x"],
            [f"synthetic sample (~{kb:.0f} KB)", sample, f"{ours_sample:,.0f}", f"{base_sample:,.0f}", f"{ours_sample / base_sample:.1f}x"],
            ["synthetic all", count, f"{ours_all:,.0f}", "-", "-"],
        ],
    )  # fmt: skip
    ours_q = evaluate(lambda html: extract_page(html).text)
    base_q = evaluate(_trafilatura_text)
    print_rows(
        "Extraction quality on the bundled pages (with/without passages)",
        ["extractor", "precision", "recall", "F1"],
        [
            ["pulso", f"{ours_q.precision:.2f}", f"{ours_q.recall:.2f}", f"{ours_q.f1:.2f}"],
            ["trafilatura", f"{base_q.precision:.2f}", f"{base_q.recall:.2f}", f"{base_q.f1:.2f}"],
        ],
    )
    expected = sum(mentions_office(n) for n in range(count))
    print(f"\nsynthetic pages found mentioning the office: {ours_matched} (generated: {expected})")
    target_met = ours_all >= 200
    print(
        f"target >= 200 articles/s per core: {'met' if target_met else 'NOT met'} ({ours_all:,.0f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
