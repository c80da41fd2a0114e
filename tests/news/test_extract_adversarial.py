"""Hostile and broken pages yield fields or a recorded reason, never an exception."""

from __future__ import annotations

import socket

import pytest

from collectors.news.extract import extract_page
from tests.news.conftest import PAGES

PROSE = (
    "La Alcaldía de Cali anunció cierres viales en la calle quinta por las obras del nuevo "
    "puente peatonal, que se extenderán durante tres semanas según la Secretaría de Movilidad. "
)


def _page(body: str, html_attrs: str = "", head: str = "") -> bytes:
    return (
        f'<!DOCTYPE html><html {html_attrs}><head><meta charset="utf-8">'
        f"<title>Cierres viales en Cali</title>{head}</head><body>{body}</body></html>"
    ).encode()


ARTICLE = f"<article><h1>Cierres viales en Cali</h1><p>{PROSE * 3}</p><p>{PROSE}</p></article>"


@pytest.mark.parametrize(
    "html",
    [
        # A class on <html> that looks like boilerplate ("menu"): the old remover tried to
        # drop the root and lxml raised.
        _page(ARTICLE, 'class="menu-open sidebar-collapsed"'),
        _page(ARTICLE, 'id="header-sticky"'),
        # The whole article inside a wrapper whose compound class contains "sidebar".
        _page(f'<div class="and-w-sidebar page-content">{ARTICLE}</div>'),
        # ASP.NET pages put everything inside one <form>.
        _page(f'<form method="post" action="./nota.aspx" id="form1">{ARTICLE}</form>'),
    ],
    ids=["html-class-menu", "html-id-header", "compound-class", "aspnet-form"],
)
def test_article_text_survives_templates_that_broke_the_old_extractor(html: bytes) -> None:
    fields = extract_page(html)
    assert fields.extraction_error is None
    assert fields.text is not None and "Secretaría de Movilidad" in fields.text
    assert fields.title == "Cierres viales en Cali"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (b"", "empty page"),
        (b"   \n\t ", "empty page"),
        (bytes(range(256)) * 40, "not an HTML page"),
        (b"\xff\xfe\x00\x00" + b"\x00\xd8" * 2000, None),
        (b"\x89PNG\r\n\x1a\n" + bytes(5000), "not an HTML page"),
        (b"%PDF-1.7\n" + b"\xe2\xe3\xcf\xd3\n" * 500, None),
        (_page(ARTICLE).replace(b"\xc3\xad", b"\xed"), None),  # latin-1 bytes in a UTF-8 page
        (b"<div>" * 50_000 + PROSE.encode() * 3 + b"</div>" * 50_000, None),
        (b"<html>" + b"<table><tr><td>" * 20_000 + b"</html>", None),
        (b"<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>", None),
        (_page(ARTICLE, head="<script type='application/ld+json'>{broken</script>"), None),
        (_page(ARTICLE, head='<script type="application/ld+json">[1, "x", null]</script>'), None),
        (b"<p>" * 5000, None),
        ((PAGES / "garbage.html").read_bytes(), None),
    ],
    ids=[
        "empty",
        "blank",
        "binary",
        "utf16-junk",
        "png",
        "pdf",
        "broken-encoding",
        "deep-divs",
        "deep-tables",
        "xml-declaration",
        "broken-json-ld",
        "json-ld-list",
        "many-p",
        "bundled-garbage",
    ],
)
def test_hostile_bytes_give_fields_or_a_reason_never_an_exception(
    html: bytes, reason: str | None
) -> None:
    fields = extract_page(html, content_type="text/html")
    if reason is not None:
        assert fields.extraction_error == reason and fields.text is None
    # Either the page was read or the caller is told why not; never both, never neither.
    assert (fields.extraction_error is None) == (fields.text is not None)


def test_a_library_failure_becomes_the_pages_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise AssertionError("lxml: cannot remove the root element")

    monkeypatch.setattr("collectors.news.extract.read_article", explode)
    fields = extract_page(_page(ARTICLE))
    assert fields.text is None
    assert fields.extraction_error == "extraction failed: AssertionError"


def test_reading_a_page_touches_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("extraction tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    fields = extract_page(_page(ARTICLE, 'lang="es"'), url="https://www.elpais.com.co/cali/nota")
    assert fields.extraction_error is None and fields.text is not None
