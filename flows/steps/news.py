"""News outlets as collectable sources, and the `mentions` query.

One Source per enabled `[[outlets]]` entry: collect = discover links, skip those already in
the database, fetch, extract and match (collectors/news); store = articles, mentions,
stories and feed validators in one transaction (storage/news.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy.orm import Session

from collectors.errors import PermanentError
from collectors.http import HttpSession
from collectors.news.client import NewsClient
from collectors.news.harvest import DEFAULT_MAX_ARTICLES, Harvest, OutletPlan, harvest_outlet
from collectors.news.matching import Matcher
from flows.steps.http_policy import crawl_policy
from flows.steps.sources import RunContext, Source
from settings import Settings
from settings.defaults import ReadingConfig
from settings.model import Config, OutletConfig
from storage.news import feed_validators, seen_urls, store_harvest
from storage.page_failures import given_up_urls
from storage.peers import tag_urls


def outlet_plan(outlet: OutletConfig) -> OutletPlan:
    return OutletPlan(
        name=" ".join(outlet.name.split()),
        medium=outlet.medium,
        feeds=tuple(outlet.feeds),
        sitemaps=tuple(outlet.sitemaps),
        pages=tuple(outlet.pages),
        link_selector=outlet.link_selector,
        own=outlet.own,
    )


def peer_matchers(config: ReadingConfig) -> dict[str, Matcher]:
    """One matcher per `[[peers]]` entry with news terms: its matches are tagged with the peer
    (the share of voice), never stored as the office's mentions."""
    return {peer.name: Matcher(peer.terms) for peer in config.peers}


def matcher_from(config: Config) -> Matcher:
    mentions = config.mentions
    return Matcher(mentions.terms, aliases=mentions.aliases, exclusions=mentions.exclusions)


@dataclass
class NewsSource:
    """One outlet for the nightly run."""

    plan: OutletPlan
    client: NewsClient
    matcher: Matcher
    tz: ZoneInfo
    max_articles: int = DEFAULT_MAX_ARTICLES
    give_up_after: int = 3
    peers: Mapping[str, Matcher] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"news:{self.plan.name}"

    @property
    def kind(self) -> str:
        return "news"

    def collect(self, session: Session, ctx: RunContext) -> Harvest:
        plan = self.plan
        if not (plan.feeds or plan.sitemaps or plan.pages):
            raise PermanentError(
                f"{plan.name}: no feeds, sitemaps or pages configured; add one in pulso.toml"
            )
        return harvest_outlet(
            self.client,
            plan,
            matcher=self.matcher,
            # A page given up after failing night after night counts as seen: not fetched again.
            is_seen=lambda urls: seen_urls(session, urls) | given_up_urls(session, urls),
            validators=feed_validators(session, plan.feeds),
            fetched_at=ctx.now,
            tz=self.tz,
            max_articles=self.max_articles,
        )

    def store(self, session: Session, collected: Harvest, ctx: RunContext) -> dict[str, int]:
        counts = store_harvest(
            session, collected, now=ctx.now, tz=self.tz, give_up_after=self.give_up_after
        )
        if self.peers and not self.plan.own:
            urls = [item.article.canonical_url for item in collected.items]
            tagged = tag_urls(session, self.peers, urls, now=ctx.now)
            if tagged:
                counts["peer_mentions"] = tagged
        return counts

    def note(self, collected: Harvest) -> str | None:
        """What the outlet's ok result says about pages that failed tonight."""
        return pages_failed_note(collected)


def build_news_sources(
    settings: Settings, *, transport: httpx.BaseTransport | None = None
) -> list[Source]:
    """One Source per enabled outlet, sharing one polite client (robots cache, host locks)."""
    config = settings.config
    outlets = [o for o in config.outlets if o.enabled]
    if not outlets:
        return []
    client = NewsClient(HttpSession(crawl_policy(config), transport=transport))
    matcher = matcher_from(config)
    give_up = config.news.give_up_after
    peers = peer_matchers(config)
    return [
        NewsSource(outlet_plan(o), client, matcher, config.tz, give_up_after=give_up, peers=peers)
        for o in outlets
    ]


def pages_failed_note(harvest: Harvest, shown: int = 3) -> str | None:
    """'1 page failed: URL: reason' (the first few), or None when every page was collected."""
    failures = harvest.page_failures
    if not failures:
        return None
    noun = "page" if len(failures) == 1 else "pages"
    listed = "; ".join(
        f.reason if f.url in f.reason else f"{f.url}: {f.reason}" for f in failures[:shown]
    )
    more = f"; and {len(failures) - shown} more" if len(failures) > shown else ""
    return f"{len(failures)} {noun} failed: {listed}{more}"
