"""One outlet's nightly harvest: discover links, skip the seen ones, fetch, extract, match.

No database here: the caller passes `is_seen` (the seen-set lives in the database) and the
remembered feed validators, and stores what comes back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from collectors.errors import BadPayload, CollectorError, RateLimited
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


@dataclass(frozen=True, slots=True)
class OutletPlan:
    name: str
    medium: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    link_selector: str | None = None


@dataclass(frozen=True, slots=True)
class Harvested:
    """A fetched article, its mention match (None when it does not mention the office)."""

    article: Article
    match: MentionMatch | None
    fingerprint: int | None


@dataclass(slots=True)
class Harvest:
    outlet: OutletPlan
    items: list[Harvested] = field(default_factory=list)
    validators: dict[str, Validators] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[CollectorError] = field(default_factory=list)

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
            fetched = client.get(url, accept=HTML_TYPES)
        except RateLimited as error:
            harvest.errors.append(error)
            harvest.count("rate_limited")
            break  # the site asked us to stop; what we have is kept, the rest waits for tomorrow
        except CollectorError as error:
            log.info("%s: article skipped: %s", plan.name, error)
            harvest.errors.append(error)
            harvest.count(f"articles_{error.kind}")
            continue
        page = extract_page(fetched.body, content_type=fetched.content_type, url=url, tz=tz)
        if page.extraction_error:
            # The feed's title still counts; the unreadable page is this page's failure only.
            harvest.errors.append(BadPayload(f"{url}: {page.extraction_error}"))
            harvest.count("articles_unreadable")
        article = article_from(plan.name, url, entry, page, fetched_at=fetched_at)
        match = matcher.match(article.title, article.text)
        fingerprint = simhash(article.text) if match and article.text else None
        harvest.items.append(Harvested(article, match, fingerprint))
    if fresh and not harvest.items and harvest.errors:
        # Links but not one page: a firewall or an outage, not a quiet night.
        raise harvest.errors[-1]
