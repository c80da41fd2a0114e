"""Article pages -> title, time, author, section, text; structured data first.

The bundled pages here are small hand-written ones that pin the structured-data rules (which
time wins, latin-1 pages, author URLs). Extraction quality is measured on real pages in
test_quality_real.py; hostile input in test_extract_adversarial.py.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from collectors.news.extract import extract_page
from tests.news.conftest import PAGES


def _bundled() -> list[tuple[Path, dict]]:
    return [
        (PAGES / path.name.replace(".expected.json", ".html"), json.loads(path.read_text("utf-8")))
        for path in sorted(PAGES.glob("*.expected.json"))
    ]


def _expected_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@pytest.mark.parametrize(("page", "expected"), _bundled(), ids=lambda v: getattr(v, "name", ""))
def test_fields_of_each_bundled_page(page, expected) -> None:
    fields = extract_page(page.read_bytes())
    assert fields.title == expected["title"]
    assert fields.published_at == _expected_time(expected["published_at"])
    assert fields.author == expected["author"]
    assert fields.section == expected["section"]
    assert fields.canonical == expected["canonical"]
    assert fields.extraction_error is None
    text = fields.text or ""
    assert all(passage in text for passage in expected["with"])
    assert not [passage for passage in expected["without"] if passage in text]


def test_json_ld_time_wins_over_opengraph() -> None:
    # The El País page says 16:31Z in OpenGraph and 11:31-05:00 in JSON-LD: the same instant.
    fields = extract_page((PAGES / "elpais_jsonld.html").read_bytes())
    assert fields.published_at is not None and fields.published_at.utcoffset() is not None
    assert fields.published_at.isoformat() == "2026-11-20T11:31:00-05:00"


def test_latin1_page_without_charset_decodes_accents() -> None:
    fields = extract_page((PAGES / "latin1_no_charset.html").read_bytes(), content_type="text/html")
    assert fields.title == "Alcaldía de Cali entrega parque en Siloé"
    assert fields.text is not None and "Begoña Muñoz" in fields.text and "\ufffd" not in fields.text


def test_page_without_date_has_no_time_rather_than_a_guess() -> None:
    assert extract_page((PAGES / "no_date.html").read_bytes()).published_at is None


def test_teaser_article_body_does_not_replace_the_page_text() -> None:
    html = (
        b'<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H",'
        b'"articleBody":"Corto."}</script></head><body><article><p>'
        + b"Texto completo de la nota con suficientes palabras para contar. " * 8
        + b"</p></article></body></html>"
    )
    fields = extract_page(html)
    assert fields.text is not None and fields.text.startswith("Texto completo")


def test_author_urls_are_not_names() -> None:
    html = b'<html><head><meta property="article:author" content="https://facebook.com/x"></head></html>'
    assert extract_page(html).author is None


def test_headline_drops_the_outlet_name_the_title_tag_adds() -> None:
    html = (
        "<html><head><title>Cierres viales en el oriente de Cali | Diario HOY</title></head><body>"
        "<p>"
        + "El tránsito se desvía por la carrera 15 durante las obras del puente. "
        * 6
        + "</p>"
        "</body></html>"
    ).encode()
    assert extract_page(html, url="https://www.hoy.com.py/nota").title == (
        "Cierres viales en el oriente de Cali"
    )


def test_visible_headline_wins_when_the_structured_title_confirms_it() -> None:
    html = (
        '<html><head><meta property="og:title" content="Cierres viales en Cali - Minuto30.com">'
        "</head><body><h1>Minuto30</h1><article><h1>Cierres viales en Cali</h1><p>"
        + "El tránsito se desvía por la carrera 15 durante las obras del puente. " * 6
        + "</p></article></body></html>"
    ).encode()
    assert extract_page(html).title == "Cierres viales en Cali"


def test_publication_time_in_the_newsrooms_zone_when_the_page_also_gives_it() -> None:
    # Real pattern (elpais.cr, 2022): article:published_time in UTC, datePublished with the
    # Costa Rican offset; the same instant, but only the second says which day it was there.
    html = b"""<html><head><title>Directriz de ciberseguridad</title>
    <meta property="article:published_time" content="2022-04-22T05:46:58+00:00">
    <meta itemprop="datePublished" content="2022-04-21T23:46:58-06:00">
    </head><body><h1>Directriz de ciberseguridad</h1><p>Texto.</p></body></html>"""
    fields = extract_page(html)
    assert fields.published_at is not None
    assert fields.published_at.isoformat() == "2022-04-21T23:46:58-06:00"


def test_structured_title_that_is_a_whole_segment_of_the_title_tag_is_not_cut() -> None:
    # Real pattern (Juventud Rebelde, 2022): the <h1> is the logo, og:title the headline and
    # <title> "Headline - Outlet - Slogan"; the og:title is whole, not cut at a quote.
    html = b"""<html><head>
    <title>Un bloque internacional en el desfile del 1ro. de Mayo - Juventud Rebelde - Diario
    de la juventud</title>
    <meta property="og:title" content="Un bloque internacional en el desfile del 1ro. de Mayo">
    </head><body><h1>Juventud Rebelde - Diario de la juventud</h1><p>Texto.</p></body></html>"""
    assert extract_page(html).title == "Un bloque internacional en el desfile del 1ro. de Mayo"
