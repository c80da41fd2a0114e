"""An article page (bytes) -> the fields Pulso keeps: title, time, author, section, text.

Structured data first (JSON-LD, OpenGraph, <meta>), then the page itself (<h1>, <title>,
main text). Pure: the fetch time and the page's URL are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from collectors.news.body import main_text, parse_html
from collectors.news.charset import decode_html
from collectors.news.dates import BOGOTA, parse_datetime
from collectors.news.normalize import nfc
from collectors.news.structured import structured_fields

# A JSON-LD articleBody shorter than this is a teaser, not the article.
MIN_LD_BODY_CHARS = 200


@dataclass(frozen=True, slots=True)
class PageFields:
    title: str | None
    published_at: datetime | None
    author: str | None
    section: str | None
    text: str | None
    canonical: str | None = None
    og_url: str | None = None


EMPTY = PageFields(None, None, None, None, None)


def _clean(value: str | None, limit: int) -> str | None:
    if not value:
        return None
    squeezed = " ".join(nfc(value).split())
    return squeezed[:limit] or None


def _fallback_title(doc: object) -> str | None:
    for xpath in ("//h1", "//title"):
        found = doc.xpath(xpath)  # type: ignore[attr-defined]
        if found:
            text = " ".join(found[0].text_content().split())
            if text:
                return text
    return None


def extract_page(
    html: bytes, *, content_type: str | None = None, tz: tzinfo = BOGOTA
) -> PageFields:
    """Parse one page; a page that is not HTML yields empty fields (never an exception)."""
    doc = parse_html(decode_html(html, content_type))
    if doc is None:
        return EMPTY
    info = structured_fields(doc)
    title = info.title or _fallback_title(doc)
    body = info.body if info.body and len(info.body) >= MIN_LD_BODY_CHARS else None
    text = nfc(body.strip()) if body else main_text(doc)
    return PageFields(
        title=_clean(title, 1000),
        published_at=parse_datetime(info.published, tz),
        author=_clean(info.author, 300),
        section=_clean(info.section, 300),
        text=nfc(text) if text else None,
        canonical=info.canonical,
        og_url=info.og_url,
    )
