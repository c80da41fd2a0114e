"""Structured article data in a page: JSON-LD (NewsArticle & co), OpenGraph and <meta>.

Publishers fill these for search engines and social previews, so they are the most
reliable source of title, time, author and section; the body text is trafilatura's (reader.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from lxml import html as lxml_html

from collectors.news.dates import parse_datetime

ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
    }
)
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "date",
)


@dataclass(frozen=True, slots=True)
class Structured:
    title: str | None = None
    published: str | None = None
    author: str | None = None
    section: str | None = None
    body: str | None = None
    canonical: str | None = None
    og_url: str | None = None


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        yield from _walk(node.get("@graph", []))


def _is_article(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k in ARTICLE_TYPES for k in kinds)


def json_ld_article(doc: lxml_html.HtmlElement) -> dict[str, Any] | None:
    """The first article-typed JSON-LD object; broken JSON blocks are skipped."""
    for block in doc.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(block, strict=False)
        except ValueError:
            continue
        for node in _walk(data):
            if _is_article(node):
                return node
    return None


def _name(value: Any) -> str | None:
    """Author/section fields come as a string, an object with `name`, or a list of either."""
    if isinstance(value, str):
        value = value.strip()
        return value if value and not value.startswith(("http://", "https://")) else None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def meta_values(doc: lxml_html.HtmlElement) -> dict[str, str]:
    """<meta> name/property -> content, first one wins, keys lowercased."""
    values: dict[str, str] = {}
    for meta in doc.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def in_local_zone(stated: list[str]) -> str | None:
    """The first publication time, written in the outlet's zone if the page also gives that.

    Pages often state one instant twice: in UTC for machines and with the newsroom's offset.
    A story published at 23:46 in Costa Rica (-06:00) is on the 21st there and in its print
    edition, though 05:46Z is the 22nd.
    """
    first = parse_datetime(stated[0]) if stated else None
    if first is None or first.utcoffset() != timedelta(0):
        return stated[0] if stated else None
    for value in stated[1:]:
        other = parse_datetime(value)
        if other is not None and other == first and other.utcoffset() != timedelta(0):
            return value
    return stated[0]


def _link_canonical(doc: lxml_html.HtmlElement) -> str | None:
    for link in doc.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return str(link.get("href")).strip()
    return None


def _time_element(doc: lxml_html.HtmlElement) -> str | None:
    for element in doc.xpath("//time[@datetime]|//*[@itemprop='datePublished'][@datetime]"):
        return str(element.get("datetime"))
    return None


def structured_fields(doc: lxml_html.HtmlElement) -> Structured:
    """Everything structured the page says, JSON-LD first, then OpenGraph and <meta>."""
    ld = json_ld_article(doc) or {}
    meta = meta_values(doc)
    stated = [_text(ld.get("datePublished")), *(meta.get(k) for k in _DATE_META)]
    published = in_local_zone([value for value in stated if value])
    return Structured(
        title=_text(ld.get("headline")) or meta.get("og:title") or meta.get("twitter:title"),
        published=published or _time_element(doc),
        author=_name(ld.get("author"))
        or _name(meta.get("author"))
        or _name(meta.get("article:author")),
        section=_name(ld.get("articleSection")) or meta.get("article:section"),
        body=_text(ld.get("articleBody")),
        canonical=_link_canonical(doc),
        og_url=meta.get("og:url"),
    )
