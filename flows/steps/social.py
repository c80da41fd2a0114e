"""Social accounts as collectable sources: one Source per configured account.

`build_social_sources` turns `[[accounts]]` into sources (a platform without credentials, or
with nothing to offer for a peer, becomes a `Skipped` with the reason for the run record);
flows/steps/collection.py runs them with the news sources, a few at a time per platform.
Every platform-specific answer (its collector, its skip reasons) comes from the registry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from collectors.base import Collected, Collector, Target
from collectors.capture import capturing
from collectors.registry import PLATFORM_NAMES, platform
from collectors.replay import ReplayStore, ReplayTransport
from collectors.thumbnails import ThumbnailFetcher
from flows.steps.social_clients import ClientFactory, target_for
from flows.steps.sources import RunContext
from flows.steps.thumbnails import fetch_thumbnails
from settings import AccountConfig, Settings
from storage.db import session_factory
from storage.insights import store_account_insights, store_live_videos, store_post_insights
from storage.raw_payloads import store_raw_answers
from storage.social import last_post_id, quota_units_since, store_account_stats, store_posts
from storage.thumbnails import store_thumbnails

log = logging.getLogger("pulso.social")


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
    thumbnails: ThumbnailFetcher | None = None  # None: pictures are not fetched (replay)

    @property
    def key(self) -> str:
        return f"{self.target.platform}:{self.target.handle}"

    @property
    def kind(self) -> str:
        return self.target.platform

    def collect(self, session: Session, ctx: RunContext) -> Collected:
        target = self.target
        if platform(target.platform).newer_posts_only and target.collect_posts:
            since = last_post_id(session, platform=target.platform, handle=target.handle)
            target = replace(target, since_id=since)
        with capturing() as answers:
            collected = self.collector.collect(target, ctx.now)
        collected = replace(collected, raw=tuple(answers))
        if self.thumbnails is None or not target.own:
            return collected
        return fetch_thumbnails(self.thumbnails, session, target, collected, ctx.now)

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
        store_thumbnails(session, account, collected.thumbnails)
        for note in collected.notes:
            log.info("%s: %s", self.key, note)
        counts = {"accounts": 1, "posts": posts, "notes": len(collected.notes)}
        if collected.insights or collected.lives:
            at, run_id = collected.account.fetched_at, ctx.run_id
            metrics = store_account_insights(
                session, account, collected.insights, day=ctx.day, collected_at=at, run_id=run_id
            )
            metrics += store_post_insights(
                session, account, collected.insights, day=ctx.day, collected_at=at, run_id=run_id
            )
            counts["insights"] = metrics
            counts["lives"] = store_live_videos(session, account, collected.lives, run_id=run_id)
        return {**counts, **collected.counts}


@dataclass
class SocialPlan:
    """The night's social sources, those skipped, and the clients to close afterwards."""

    sources: list[SocialSource] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    factory: ClientFactory | None = None
    thumbnails: ThumbnailFetcher | None = None

    def close(self) -> None:
        if self.factory is not None:
            self.factory.close()
        if self.thumbnails is not None:
            self.thumbnails.close()


def spent_since(engine: Engine | None) -> Callable[[str, datetime], int]:
    """Quota units a platform's sources recorded since an instant (0 without a database)."""

    def spent(name: str, since: datetime) -> int:
        if engine is None:
            return 0
        with session_factory(engine)() as session:
            return quota_units_since(session, kind=name, since=since)

    return spent


def make_collector(name: str, factory: ClientFactory) -> Collector | None:
    """The platform's collector, or None when its credentials are missing."""
    known = platform(name)
    return known.collector(factory.setup(known))


def skip_reason(account: AccountConfig, factory: ClientFactory) -> str | None:
    """Why the platform does not collect this account although it could run (peers)."""
    known = platform(account.platform)
    return known.skip(target_for(account), factory.setup(known))


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
    factory = ClientFactory(
        settings,
        ReplayStore(replay_dir) if replay_dir else None,
        now=now or datetime.now().astimezone(),
        spent_since=spent_since(engine),
    )
    # A replayed run (the demo, a staging install) answers the pictures from its recordings
    # too; one without a recording for a picture just has no picture for that post.
    replayed = ReplayTransport(factory.replay) if factory.replay else None
    pictures = ThumbnailFetcher(factory.policy, transport=replayed, check_hosts=replayed is None)
    plan = SocialPlan(factory=factory, thumbnails=pictures)
    collectors: dict[str, Collector | None] = {}
    for account in settings.config.accounts:
        if account.platform not in selected:
            continue
        key = f"{account.platform}:{account.handle}"
        reason = skip_reason(account, factory)
        if reason is None and account.platform not in collectors:
            collectors[account.platform] = make_collector(account.platform, factory)
        collector = collectors.get(account.platform)
        if reason is None and collector is None:
            reason = platform(account.platform).missing_credential
        if reason is not None or collector is None:
            plan.skipped.append(Skipped(key, account.platform, reason or "not collected"))
            continue
        plan.sources.append(SocialSource(target_for(account), collector, pictures))
    return plan
