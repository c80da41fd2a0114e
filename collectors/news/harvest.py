"""One outlet's nightly harvest: discover links, skip the seen ones, fetch, extract, match.

No database here: the caller passes `is_seen` (the seen-set lives in the database, given-up
pages count as seen) and the remembered feed validators, and stores what comes back.

One page never fails its outlet: a page that cannot be fetched or read (refused address,
redirect loop, too big, timeout, extractor error) becomes a `PageFailure` with its reason and
the outlet's other pages are kept. Only when every page failed for a site-level reason (the
site unreachable or blocking Pulso, or rate limiting before any page) does the outlet fail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from collectors.errors import BadPayload, CollectorError, RateLimited, redact
from collectors.news.client import HTML_TYPES, NewsClient
from collectors.news.discover import Discovery, Validators, discover
from collectors.news.extract import PageFields, extract_page
from collectors.news.feeds import FeedEntry
from collectors.news.matching import Matcher, MentionMatch
from collectors.news.simhash import simhash
from collectors.news.urls import UnsupportedUrl, canonicalize, preferred_url
from collectors.records import Article

log = logging.getLogger("pulso.news")

DEFAULT_MAX_ARTICLES = 200
# Failures that say the site (not the page) is down or blocking: with no page read, the outlet
# fails tonight and no page is blamed for it.
SITE_LEVEL_KINDS = frozenset({"unavailable", "timeout"})


class ExtractionFailed(BadPayload):
    """The page was fetched but reading it raised; the page fails, its outlet does not."""

    kind = "extraction"


@dataclass(frozen=True, slots=True)
class PageFailure:
    """One article page that could not be collected tonight, keyed by its canonical URL."""

    url: str
    error_kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class OutletPlan:
    name: str
    medium: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    link_selector: str | None = None
    # The office's own portal: its items are its publications, not mentions.
    own: bool = False


@dataclass(frozen=True, slots=True)
class Harvested:
    """A fetched article, its mention match (None when it does not mention the office)."""

    article: Article
    match: MentionMatch | None
    fingerprint: int | None
    unreadable: str | None = None  # why the page gave no article text, when it gave none


@dataclass(slots=True)
class Harvest:
    outlet: OutletPlan
    items: list[Harvested] = field(default_factory=list)
    validators: dict[str, Validators] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[CollectorError] = field(default_factory=list)
    page_failures: list[PageFailure] = field(default_factory=list)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


def new_entries(
    entries: Iterable[FeedEntry], is_seen: Callable[[list[str]], set[str]], limit: int
) -> list[tuple[str, FeedEntry]]:
    """Unseen links, each once by canonical URL, newest first when times are known."""
    unique: dict[str, FeedEntry] = {}
    for entry in entries:
        try:
            key = canonicalize(entry.url)
        except UnsupportedUrl:
            continue
        unique.setdefault(key, entry)
    seen = is_seen(list(unique))
    fresh = [(key, entry) for key, entry in unique.items() if key not in seen]
    fresh.sort(
        key=lambda pair: pair[1].published_at.timestamp() if pair[1].published_at else 0.0,
        reverse=True,
    )
    return fresh[:limit]


def article_from(
    outlet: str, url: str, entry: FeedEntry, page: PageFields, *, fetched_at: datetime
) -> Article:
    """The record for one fetched page; the feed's title and time fill what the page lacks."""
    return Article(
        outlet=outlet,
        url=url,
        canonical_url=preferred_url(url, page.canonical, page.og_url),
        fetched_at=fetched_at,
        title=page.title or entry.title,
        published_at=page.published_at or entry.published_at,
        author=page.author,
        section=page.section,
        text=page.text,
    )


def harvest_outlet(
    client: NewsClient,
    plan: OutletPlan,
    *,
    matcher: Matcher,
    is_seen: Callable[[list[str]], set[str]],
    validators: Mapping[str, Validators],
    fetched_at: datetime,
    tz: tzinfo,
    max_articles: int = DEFAULT_MAX_ARTICLES,
) -> Harvest:
    """Everything new from one outlet; raises the first error when nothing could be read."""
    found = discover(
        client,
        feeds=list(plan.feeds),
        sitemaps=list(plan.sitemaps),
        pages=list(plan.pages),
        link_selector=plan.link_selector,
        validators=validators,
        tz=tz,
    )
    _raise_if_all_failed(found)
    harvest = Harvest(outlet=plan, validators=found.validators, errors=list(found.errors))
    harvest.count("endpoints_failed", len(found.errors))
    harvest.count("feeds_not_modified", found.not_modified)
    fresh = new_entries(found.entries, is_seen, max_articles)
    harvest.count("links_new", len(fresh))
    _fetch_articles(client, plan, fresh, harvest, matcher=matcher, fetched_at=fetched_at, tz=tz)
    return harvest


def _raise_if_all_failed(found: Discovery) -> None:
    """No endpoint could be read: the outlet fails tonight with the first reason."""
    if found.errors and found.endpoints_ok == 0:
        for other in found.errors[1:]:
            log.warning("also failed: %s", other)
        raise found.errors[0]


def _fetch_articles(
    client: NewsClient,
    plan: OutletPlan,
    fresh: list[tuple[str, FeedEntry]],
    harvest: Harvest,
    *,
    matcher: Matcher,
    fetched_at: datetime,
    tz: tzinfo,
) -> None:
    for url, entry in fresh:
        try:
            item = _collect_page(client, plan, url, entry, matcher, fetched_at=fetched_at, tz=tz)
        except RateLimited as error:
            harvest.errors.append(error)
            harvest.count("rate_limited")
            break  # the site asked us to stop; what we have is kept, the rest waits for tomorrow
        except CollectorError as error:
            _page_failed(harvest, plan, url, error)
        except Exception as error:  # noqa: BLE001 - one page must never fail its outlet
            failure = ExtractionFailed(redact(f"{url}: {type(error).__name__}: {error}"))
            _page_failed(harvest, plan, url, failure)
        else:
            harvest.items.append(item)
            if item.unreadable:
                # Fetched but without article text (a PDF, a video page): kept from the feed's
                # title and time, so a mention in the headline still counts; retrying would
                # read the same page, so it is not a page failure to try again.
                harvest.errors.append(BadPayload(f"{url}: {item.unreadable}"))
                harvest.count("articles_unreadable")
    _raise_if_site_down(fresh, harvest)


def _collect_page(
    client: NewsClient,
    plan: OutletPlan,
    url: str,
    entry: FeedEntry,
    matcher: Matcher,
    *,
    fetched_at: datetime,
    tz: tzinfo,
) -> Harvested:
    fetched = client.get(url, accept=HTML_TYPES)
    page = read_page(url, fetched.body, fetched.content_type, tz)
    article = article_from(plan.name, url, entry, page, fetched_at=fetched_at)
    match = matcher.match(article.title, article.text)
    fingerprint = simhash(article.text) if match and article.text else None
    return Harvested(article, match, fingerprint, page.extraction_error)


def read_page(url: str, body: bytes, content_type: str | None, tz: tzinfo) -> PageFields:
    """extract_page never raises by contract; should a bug break that, it costs this page."""
    try:
        return extract_page(body, content_type=content_type, url=url, tz=tz)
    except Exception as error:  # noqa: BLE001 - an extractor bug costs this page, not the outlet
        raise ExtractionFailed(
            redact(f"{url}: reading the page failed ({type(error).__name__}: {error})")
        ) from error


def _page_failed(harvest: Harvest, plan: OutletPlan, url: str, error: CollectorError) -> None:
    log.info("%s: page not collected: %s", plan.name, error)
    harvest.errors.append(error)
    harvest.page_failures.append(PageFailure(url, error.kind, str(error)))
    harvest.count(f"articles_{error.kind}")
    harvest.count("pages_failed")


def _raise_if_site_down(fresh: list[tuple[str, FeedEntry]], harvest: Harvest) -> None:
    """Links but not one page, all for site-level reasons: a firewall or an outage.

    One such page alone is blamed on the page (a single slow article must not fail its outlet
    every night); from two on, or a rate limit before any page, the outlet fails.
    """
    if not fresh or harvest.items or not harvest.errors:
        return
    kinds = {failure.error_kind for failure in harvest.page_failures}
    limited = harvest.counts.get("rate_limited", 0) > 0
    if limited or (len(harvest.page_failures) >= 2 and kinds <= SITE_LEVEL_KINDS):
        raise harvest.errors[-1]
