"""An article page (bytes) -> the fields Pulso keeps: title, time, author, section, text.

The one entry point for reading a page; the rest of the pipeline does not know which library
does the reading. The body text is trafilatura's (reader.py); title, publication time (with
its zone), author and section come first from the page's structured data (JSON-LD,
OpenGraph, <meta>: structured.py), which publishers fill for search engines, and from
trafilatura where the page has none. Pure: the page's URL and zone are passed in.

Never raises: whatever any library throws on a hostile or broken page becomes empty fields
and a reason in `extraction_error`, which the harvest records as that page's failure.
"""

from __future__ import annotations

import html as html_entities
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from urllib.parse import urlsplit

from collectors.news.charset import decode_html
from collectors.news.dates import BOGOTA, parse_datetime
from collectors.news.document import headings, parse_html, site_name, title_tag
from collectors.news.normalize import nfc
from collectors.news.reader import read_article
from collectors.news.structured import structured_fields
from collectors.news.titles import choose_title

# A JSON-LD articleBody shorter than this is a teaser, not the article.
MIN_LD_BODY_CHARS = 200
MAX_REASON_CHARS = 200
# NUL never appears in decoded HTML; in the first bytes it means an image, a PDF, a zip.
BINARY_SNIFF_CHARS = 2048


@dataclass(frozen=True, slots=True)
class PageFields:
    title: str | None
    published_at: datetime | None
    author: str | None
    section: str | None
    text: str | None
    canonical: str | None = None
    og_url: str | None = None
    # Why the page gave no article text (not HTML, no article in it, a library failed on
    # it); None when the text was read. The harvest records it as that page's failure.
    extraction_error: str | None = None


EMPTY = PageFields(None, None, None, None, None)


def _clean(value: str | None, limit: int) -> str | None:
    if not value:
        return None
    # Some CMSs escape twice ("&amp;quot;"), so one entity layer survives the HTML parser.
    squeezed = " ".join(html_entities.unescape(nfc(value)).split())
    return squeezed[:limit] or None


def failed(reason: str) -> PageFields:
    return replace(EMPTY, extraction_error=reason[:MAX_REASON_CHARS])


def extract_page(
    html: bytes,
    *,
    content_type: str | None = None,
    url: str | None = None,
    tz: tzinfo = BOGOTA,
) -> PageFields:
    """Parse one page; never raises (a failure is `extraction_error`, fields empty)."""
    if not html.strip():
        return failed("empty page")
    try:
        return _extract(html, content_type, url, tz)
    except Exception as error:  # noqa: BLE001 - any library's failure is this page's, not the night's
        return failed(f"extraction failed: {type(error).__name__}")


def _extract(html: bytes, content_type: str | None, url: str | None, tz: tzinfo) -> PageFields:
    text = decode_html(html, content_type)
    doc = parse_html(text) if "\x00" not in text[:BINARY_SNIFF_CHARS] else None
    if doc is None or doc.find("body") is None and doc.find("head") is None:
        return failed("not an HTML page")
    info = structured_fields(doc)
    title = choose_title(
        _clean(info.title, 1000),
        title_tag(doc),
        headings(doc),
        site=site_name(doc),
        host=urlsplit(url).hostname if url else None,
    )
    # No URL for trafilatura: htmldate would read a bare day out of it ("/2026/11/20/"),
    # less than the feed's time that the harvest falls back on when the page states none.
    reading = read_article(text)
    ld_body = info.body if info.body and len(info.body) >= MIN_LD_BODY_CHARS else None
    body = reading.text or ld_body
    return PageFields(
        title=_clean(title or reading.title, 1000),
        published_at=parse_datetime(info.published, tz) or parse_datetime(reading.date, tz),
        author=_clean(info.author or reading.author, 300),
        section=_clean(info.section or reading.section, 300),
        text=nfc(body.strip()) or None if body else None,
        canonical=info.canonical,
        og_url=info.og_url,
        extraction_error=None if body else "no article text found",
    )
