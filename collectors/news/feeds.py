"""RSS/Atom feeds and news sitemaps over bytes: article links with title and time.

Pure: no fetching here. XML that declares entities is refused before any parser sees it,
so a hostile feed can neither read local files (external entities) nor blow up memory
(entity expansion). feedparser does the lenient RSS/Atom work; sitemaps go through
defusedxml's ElementTree.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from collectors.errors import BadPayload
from collectors.news.dates import BOGOTA, parse_datetime

MAX_XML_BYTES = 10_000_000
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """A link found in a feed, sitemap or listing page; title/time when the source gives them."""

    url: str
    title: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    entries: tuple[FeedEntry, ...]
    children: tuple[str, ...]  # sitemap index: further sitemaps to read


def refuse_entities(data: bytes, source: str) -> None:
    """Raise BadPayload if the XML declares entities (XXE, billion laughs)."""
    if _ENTITY_DECL.search(data[:200_000]):
        raise BadPayload(f"{source}: XML declares entities; refused (possible XXE or entity bomb)")
    try:
        safe_fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise BadPayload(f"{source}: unsafe XML refused ({type(error).__name__})") from None
    except (ParseError, ValueError):
        pass  # malformed but harmless: the lenient parsers below decide


def _entry_time(entry: Any, tz: tzinfo) -> datetime | None:
    for key in ("published", "updated", "created"):
        parsed = parse_datetime(entry.get(key), tz)
        if parsed is not None:
            return parsed
    return None


def parse_feed(
    data: bytes, source: str, *, content_type: str | None = None, tz: tzinfo = BOGOTA
) -> list[FeedEntry]:
    """Entries of an RSS or Atom document; BadPayload when it is not a feed at all."""
    refuse_entities(data, source)
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or "no entries"
        raise BadPayload(f"{source}: not a readable RSS/Atom feed ({reason})")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or _alternate_link(entry)
        if link:
            title = (entry.get("title") or "").strip() or None
            entries.append(
                FeedEntry(url=link.strip(), title=title, published_at=_entry_time(entry, tz))
            )
    return entries


def _alternate_link(entry: Any) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def gunzip_capped(data: bytes, limit: int = MAX_XML_BYTES) -> bytes:
    """Decompress a .xml.gz sitemap, refusing one that inflates past `limit` (gzip bomb)."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except (zlib.error, gzip.BadGzipFile) as error:
        raise BadPayload(f"corrupt gzip data: {error}") from None
    if len(out) > limit:
        raise BadPayload(f"compressed sitemap inflates past {limit} bytes; refused")
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element: Element | None, name: str) -> str | None:
    """Text of a direct child by local name (namespaces vary between generators)."""
    if element is None:
        return None
    for child in element:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _child(element: Element, name: str) -> Element | None:
    return next((child for child in element if _local(child.tag) == name), None)


def parse_sitemap(data: bytes, source: str, *, tz: tzinfo = BOGOTA) -> Sitemap:
    """A sitemap or sitemap index; Google news tags give each URL its title and time."""
    data = gunzip_capped(data)
    refuse_entities(data, source)
    try:
        root = safe_fromstring(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException) as error:
        raise BadPayload(f"{source}: not a readable sitemap ({error})") from None
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = [_child_text(s, "loc") for s in root if _local(s.tag) == "sitemap"]
        return Sitemap(entries=(), children=tuple(c for c in children if c))
    if kind != "urlset":
        raise BadPayload(f"{source}: not a sitemap (root element <{kind}>)")
    return Sitemap(entries=tuple(_sitemap_entries(root, tz)), children=())


def _sitemap_entries(root: Element, tz: tzinfo) -> list[FeedEntry]:
    entries = []
    for url in root:
        if _local(url.tag) != "url":
            continue
        loc = _child_text(url, "loc")
        if not loc:
            continue
        news = _child(url, "news")
        when = _child_text(news, "publication_date") or _child_text(url, "lastmod")
        title = _child_text(news, "title")
        entries.append(FeedEntry(url=loc, title=title, published_at=parse_datetime(when, tz)))
    return entries
