"""Social accounts as collectable sources: one Source per configured account.

`build_social_sources` turns `[[accounts]]` into sources (a platform without credentials, or
with nothing to offer for a peer, becomes a `Skipped` with the reason for the run record);
flows/steps/collection.py runs them with the news sources, a few at a time per platform.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from collectors.base import Collected, Collector, Target
from collectors.capture import capturing
from collectors.facebook.client import PEER_LIMITATION as FACEBOOK_PEERS
from collectors.facebook.client import FacebookCollector
from collectors.instagram.client import InstagramCollector
from collectors.replay import ReplayStore
from collectors.tiktok.client import PEER_LIMITATION as TIKTOK_PEERS
from collectors.tiktok.client import TikTokCollector
from collectors.twitter.client import TwitterCollector
from collectors.youtube.client import YouTubeCollector
from flows.steps.social_clients import ClientFactory, pacific_day_start
from flows.steps.sources import RunContext
from settings import AccountConfig, Settings
from settings.model import PLATFORM_NAMES
from storage.db import session_factory
from storage.raw_payloads import store_raw_answers
from storage.social import last_post_id, quota_units_since, store_account_stats, store_posts

log = logging.getLogger("pulso.social")

MISSING_CREDENTIAL = {
    "facebook": "no Meta token: set PULSO_META_ACCESS_TOKEN",
    "instagram": "no Meta token: set PULSO_META_ACCESS_TOKEN",
    "twitter": "no X bearer token: set PULSO_X_BEARER_TOKEN",
    "youtube": "no YouTube API key: set PULSO_YOUTUBE_API_KEY",
    "tiktok": "no TikTok token: set PULSO_TIKTOK_ACCESS_TOKEN or PULSO_TIKTOK_REFRESH_TOKEN "
    "(with PULSO_TIKTOK_CLIENT_KEY and PULSO_TIKTOK_CLIENT_SECRET)",
}
NOTHING_FOR_PEERS = {"facebook": FACEBOOK_PEERS, "tiktok": TIKTOK_PEERS}


@dataclass(frozen=True, slots=True)
class Skipped:
    """A configured source deliberately not collected, and why (goes to the run record)."""

    key: str
    kind: str
    reason: str


@dataclass
class SocialSource:
    """One configured account on one platform."""

    target: Target
    collector: Collector

    @property
    def key(self) -> str:
        return f"{self.target.platform}:{self.target.handle}"

    @property
    def kind(self) -> str:
        return self.target.platform

    def collect(self, session: Session, ctx: RunContext) -> Collected:
        target = self.target
        if target.platform == "twitter" and target.own and target.collect_posts:
            since = last_post_id(session, platform="twitter", handle=target.handle)
            target = replace(target, since_id=since)
        with capturing() as answers:
            collected = self.collector.collect(target, ctx.now)
        return replace(collected, raw=tuple(answers))

    @property
    def token_expires_at(self) -> datetime | None:
        """When the credential the operator must renew expires, if the platform says."""
        expires = getattr(self.collector, "token_expires_at", None)
        return expires if isinstance(expires, datetime) else None

    def store(self, session: Session, collected: Collected, ctx: RunContext) -> dict[str, int]:
        account = store_account_stats(
            session, collected.account, day=ctx.day, run_id=ctx.run_id, own=self.target.own
        )
        posts = store_posts(session, account, collected.posts, day=ctx.day, run_id=ctx.run_id)
        store_raw_answers(session, self.key, collected.raw, day=ctx.day, run_id=ctx.run_id)
        for note in collected.notes:
            log.info("%s: %s", self.key, note)
        return {"accounts": 1, "posts": posts, "notes": len(collected.notes), **collected.counts}


@dataclass
class SocialPlan:
    """The night's social sources, those skipped, and the clients to close afterwards."""

    sources: list[SocialSource] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    factory: ClientFactory | None = None

    def close(self) -> None:
        if self.factory is not None:
            self.factory.close()


def target_for(account: AccountConfig) -> Target:
    return Target(
        platform=account.platform,
        handle=account.handle,
        platform_id=account.id,
        own=account.own,
        collect_posts=account.collect_posts,
    )


def discovery_account(settings: Settings) -> str | None:
    """The office's own IG account id through which peers are looked up."""
    configured = settings.config.api.instagram_account_for_peers
    if configured:
        return configured
    own = [a for a in settings.config.accounts if a.platform == "instagram" and a.own and a.id]
    return own[0].id if own else None


def _youtube_spent(engine: Engine | None, now: datetime) -> int:
    if engine is None:
        return 0
    with session_factory(engine)() as session:
        return quota_units_since(session, kind="youtube", since=pacific_day_start(now))


def make_collector(
    platform: str, factory: ClientFactory, engine: Engine | None, now: datetime
) -> Collector | None:
    """The platform's collector, or None when its credentials are missing."""
    api = factory.settings.config.api
    if platform in ("facebook", "instagram"):
        graph = factory.graph()
        if graph is None:
            return None
        if platform == "facebook":
            return FacebookCollector(graph, max_pages=api.max_pages)
        return InstagramCollector(
            graph,
            max_pages=api.max_pages,
            views=api.instagram_views,
            discovery_account=discovery_account(factory.settings),
        )
    if platform == "twitter":
        client = factory.twitter()
        return None if client is None else TwitterCollector(client, max_pages=api.x_max_pages)
    if platform == "youtube":
        youtube = factory.youtube(lambda: _youtube_spent(engine, now))
        if youtube is None:
            return None
        return YouTubeCollector(youtube, max_videos=api.youtube_max_videos, max_pages=api.max_pages)
    tiktok = factory.tiktok()
    return None if tiktok is None else TikTokCollector(*tiktok, max_pages=api.max_pages)


def _skip_reason(account: AccountConfig, settings: Settings) -> str | None:
    if not account.own and account.platform in NOTHING_FOR_PEERS:
        return NOTHING_FOR_PEERS[account.platform]
    if account.platform == "instagram" and not account.own and not discovery_account(settings):
        return (
            "Instagram peers need Business Discovery through an own account: set "
            "api.instagram_account_for_peers or give an own Instagram account its id"
        )
    return None


def build_social_sources(
    settings: Settings,
    engine: Engine | None = None,
    *,
    platforms: Iterable[str] | None = None,
    replay_dir: str | Path | None = None,
    now: datetime | None = None,
) -> SocialPlan:
    """One source per configured account on the selected platforms."""
    selected = set(platforms or PLATFORM_NAMES)
    factory = ClientFactory(settings, ReplayStore(replay_dir) if replay_dir else None)
    plan = SocialPlan(factory=factory)
    collectors: dict[str, Collector | None] = {}
    for account in settings.config.accounts:
        if account.platform not in selected:
            continue
        key = f"{account.platform}:{account.handle}"
        reason = _skip_reason(account, settings)
        if reason is None and account.platform not in collectors:
            collectors[account.platform] = make_collector(
                account.platform, factory, engine, now or datetime.now().astimezone()
            )
        collector = collectors.get(account.platform)
        if reason is None and collector is None:
            reason = MISSING_CREDENTIAL[account.platform]
        if reason is not None or collector is None:
            plan.skipped.append(Skipped(key, account.platform, reason or "not collected"))
            continue
        plan.sources.append(SocialSource(target_for(account), collector))
    return plan
