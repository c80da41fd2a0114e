"""Article links from an outlet's HTML listing page (section front, "últimas noticias").

The outlet's config gives the CSS selector for its article links; links leaving the
outlet's site, and anything not http(s), are dropped.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from soupsieve import SelectorSyntaxError

from collectors.errors import BadPayload
from collectors.news.charset import decode_html
from collectors.news.feeds import FeedEntry
from collectors.news.urls import UnsupportedUrl, canonicalize

# Headline links come both ways round: <h2><a>…</a></h2> and, in card templates (WIRED and
# most Arc/Condé Nast fronts), <a><h2>…</h2></a>.
DEFAULT_SELECTOR = "article a[href], h2 a[href], h3 a[href], a[href]:has(h2, h3)"


def _site(url: str) -> str:
    host = urlsplit(url).netloc
    return host[len("www.") :] if host.startswith("www.") else host


def listing_links(
    html: bytes, page_url: str, selector: str | None = None, *, content_type: str | None = None
) -> list[FeedEntry]:
    """Same-site article links in page order, each once, with the link text as title."""
    soup = BeautifulSoup(decode_html(html, content_type), "lxml")
    try:
        anchors = soup.select(selector or DEFAULT_SELECTOR)
    except SelectorSyntaxError as error:
        raise BadPayload(f"{page_url}: invalid link selector {selector!r}: {error}") from None
    site, seen, entries = _site(canonicalize(page_url)), set(), []
    for anchor in anchors:
        href = anchor.get("href")
        if not isinstance(href, str):
            continue
        try:
            url = canonicalize(href, base=page_url)
        except UnsupportedUrl:
            continue
        if _site(url) != site or url in seen:
            continue
        seen.add(url)
        title = " ".join(anchor.get_text(" ").split()) or None
        entries.append(FeedEntry(url=url, title=title))
    return entries
