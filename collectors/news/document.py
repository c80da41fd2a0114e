"""Decoded page text -> an lxml document, plus the visible headings a title is chosen from."""

from __future__ import annotations

from lxml import html as lxml_html
from lxml.etree import ParserError

MAX_HEADINGS = 3


def parse_html(text: str) -> lxml_html.HtmlElement | None:
    """An lxml document, or None for input that is not HTML at all."""
    if text.lstrip().startswith("<?xml"):
        text = text[text.find("?>") + 2 :]
    try:
        return lxml_html.document_fromstring(text)
    except (ParserError, ValueError):
        return None


def _squeezed(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def headings(doc: lxml_html.HtmlElement) -> list[str]:
    """The page's first few non-empty <h1> texts, in page order."""
    found = (_squeezed(h) for h in doc.iter("h1"))
    return [text for text in found if text][:MAX_HEADINGS]


def title_tag(doc: lxml_html.HtmlElement) -> str | None:
    for element in doc.iter("title"):
        return _squeezed(element) or None
    return None


def site_name(doc: lxml_html.HtmlElement) -> str | None:
    for meta in doc.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:site_name":
            return (meta.get("content") or "").strip() or None
    return None
