"""Finding an outlet's article links: its feeds, news sitemaps and listing pages.

Each endpoint fails on its own: the others still give their links, and the failures come
back with their reasons so the outlet can be marked failed when nothing worked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo

from collectors.errors import CollectorError
from collectors.news.client import HTML_TYPES, XML_TYPES, NewsClient
from collectors.news.feeds import FeedEntry, parse_feed, parse_sitemap
from collectors.news.listing import listing_links

MAX_CHILD_SITEMAPS = 5


@dataclass(frozen=True, slots=True)
class Validators:
    """Conditional-GET validators remembered per feed URL."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(slots=True)
class Discovery:
    entries: list[FeedEntry] = field(default_factory=list)
    validators: dict[str, Validators] = field(default_factory=dict)
    errors: list[CollectorError] = field(default_factory=list)
    endpoints_ok: int = 0
    not_modified: int = 0


def _feed(
    client: NewsClient, url: str, known: Validators | None, found: Discovery, tz: tzinfo
) -> None:
    known = known or Validators()
    fetched = client.get(url, accept=XML_TYPES, etag=known.etag, last_modified=known.last_modified)
    if fetched.status == 304:
        found.endpoints_ok += 1
        found.not_modified += 1
        return
    found.entries += parse_feed(fetched.body, url, content_type=fetched.content_type, tz=tz)
    found.endpoints_ok += 1
    if fetched.etag or fetched.last_modified:
        found.validators[url] = Validators(fetched.etag, fetched.last_modified)


def _sitemap(client: NewsClient, url: str, found: Discovery, tz: tzinfo, depth: int = 0) -> None:
    fetched = client.get(url, accept=XML_TYPES)
    sitemap = parse_sitemap(fetched.body, url, tz=tz)
    found.endpoints_ok += depth == 0
    found.entries += sitemap.entries
    if depth == 0:
        for child in sitemap.children[:MAX_CHILD_SITEMAPS]:
            _sitemap(client, child, found, tz, depth=1)


def _listing(client: NewsClient, url: str, selector: str | None, found: Discovery) -> None:
    fetched = client.get(url, accept=HTML_TYPES)
    found.entries += listing_links(fetched.body, url, selector, content_type=fetched.content_type)
    found.endpoints_ok += 1


def discover(
    client: NewsClient,
    *,
    feeds: list[str],
    sitemaps: list[str],
    pages: list[str],
    link_selector: str | None,
    validators: Mapping[str, Validators],
    tz: tzinfo,
) -> Discovery:
    """Every link the outlet's endpoints list today, in endpoint order."""
    found = Discovery()
    steps: list[tuple[str, Callable[[str], None]]] = (
        [(url, lambda u: _feed(client, u, validators.get(u), found, tz)) for url in feeds]
        + [(url, lambda u: _sitemap(client, u, found, tz)) for url in sitemaps]
        + [(url, lambda u: _listing(client, u, link_selector, found)) for url in pages]
    )
    for url, step in steps:
        try:
            step(url)
        except CollectorError as error:
            found.errors.append(error)
    return found
