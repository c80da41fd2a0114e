"""History from before Pulso: `pulso import posts` (exports) and `pulso backfill posts` (the
platforms' APIs back to a date) — shared by the CLI and flows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from collectors import registry
from collectors.capture import capturing
from collectors.errors import CollectorError
from collectors.platform import PaidReads
from collectors.platform import Platform as PlatformInfo
from collectors.records import Platform
from flows.steps.followers import record_batch
from flows.steps.social import SocialSource, build_social_sources
from flows.steps.sources import RunContext
from importers.posts import Defaults, KnownAccount, as_of_moment, read_post_file
from settings import Settings
from storage.db import transaction
from storage.followers import UpsertCounts
from storage.post_history import store_imported_posts
from storage.runs import finish_run, record_result, start_run


@dataclass(frozen=True, slots=True)
class PostImportSummary:
    file: str
    format: str
    rows: int
    skipped: int
    day: date
    counts: UpsertCounts


def import_posts(
    engine: Engine,
    path: Path,
    *,
    zone: ZoneInfo,
    known: Sequence[KnownAccount] = (),
    platform: Platform | None = None,
    account: str | None = None,
    as_of: date | None = None,
    now: datetime | None = None,
) -> PostImportSummary:
    """Validate the whole file, then write posts and one snapshot of their counts dated `as_of`
    (the export's day; default today in `zone`) in one transaction, or raise ImportRejected."""
    moment = now or datetime.now(UTC)
    day = as_of or moment.astimezone(zone).date()
    fetched_at = min(moment, as_of_moment(day, zone))
    defaults = Defaults(
        platform=platform,
        account=account,
        known=tuple(known),
    )
    parsed = read_post_file(path, zone=zone, defaults=defaults, fetched_at=fetched_at)
    with transaction(engine) as session:
        counts = store_imported_posts(session, parsed.posts, day=day)
        session.add(record_batch("posts", path, len(parsed.posts), counts))
    return PostImportSummary(
        file=str(path),
        format=parsed.format,
        rows=len(parsed.posts),
        skipped=parsed.skipped,
        day=day,
        counts=counts,
    )


# --- `pulso backfill posts`: own posts and their current counts from the platforms' APIs ---

# Pages a backfill may read on platforms whose date bound ends it (Graph, YouTube, TikTok):
# far beyond any real history, so the date, not the page count, is what stops it.
BACKFILL_PAGES = 2_000


@dataclass(frozen=True, slots=True)
class BackfillOutcome:
    key: str
    status: str  # ok | failed | skipped
    posts: int = 0
    reason: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


def paid_accounts(
    settings: Settings, only: Sequence[str] | None
) -> list[tuple[PlatformInfo, PaidReads, list[str]]]:
    """Platforms whose post reads are paid (X), with the own accounts a backfill would read."""
    found = []
    for known in registry.PLATFORMS:
        if known.paid_reads is None or (only is not None and known.name not in only):
            continue
        handles = [
            a.handle
            for a in settings.config.accounts
            if a.platform == known.name and a.own and a.collect_posts
        ]
        if handles:
            found.append((known, known.paid_reads, handles))
    return found


def backfill_settings(settings: Settings, *, paid_pages: Mapping[str, int]) -> Settings:
    """The settings with a backfill's page limits: the date ends it; paid pages as agreed."""
    options = settings.config.api.options()
    update: dict[str, object] = {"max_pages": max(int(options["max_pages"]), BACKFILL_PAGES)}
    for known in registry.PLATFORMS:
        update.update(known.backfill_options)
    update.update(paid_pages)
    api = settings.config.api.model_copy(update=update)
    config = settings.config.model_copy(update={"api": api})
    return settings.model_copy(update={"config": config})


def backfill_posts(
    engine: Engine,
    settings: Settings,
    *,
    since: date,
    only: Sequence[str] | None = None,
    paid_pages: Mapping[str, int] | None = None,
    now: datetime | None = None,
    replay_dir: Path | None = None,
) -> list[BackfillOutcome]:
    """Read each own account's posts back to `since` (00:00 in the office's zone) with their
    current counts, and store them as the nightly does (a snapshot dated today), in a
    collection run of kind `backfill` (quota units it records count against today's). Paid
    reads (X) stay within `[api]` limits unless `paid_pages` (agreed by the user) lifts them."""
    zone = settings.config.tz
    moment = now or datetime.now(UTC)
    today = moment.astimezone(zone).date()
    since_at = datetime.combine(since, time(0), tzinfo=zone)
    plan = build_social_sources(
        backfill_settings(settings, paid_pages=paid_pages or {}),
        engine,
        platforms=list(only) if only else None,
        replay_dir=replay_dir,
        now=moment,
    )
    outcomes = [BackfillOutcome(s.key, "skipped", reason=s.reason) for s in plan.skipped]
    try:
        with transaction(engine) as session:
            run_id = start_run(session, day=today, kind="backfill", flags={"since": str(since)})
        context = RunContext(run_id=run_id, now=moment, day=today)
        for source in plan.sources:
            if not source.target.own:
                outcomes.append(
                    BackfillOutcome(source.key, "skipped", reason="peer: not own posts")
                )
                continue
            outcomes.append(_backfill_one(engine, source, since_at, context))
        with transaction(engine) as session:
            finish_run(session, run_id=run_id)
    finally:
        plan.close()
    return outcomes


def _backfill_one(
    engine: Engine, source: SocialSource, since_at: datetime, context: RunContext
) -> BackfillOutcome:
    target = replace(source.target, posts_since=since_at, since_id=None)
    started = datetime.now(UTC)
    try:
        with capturing() as answers:
            collected = source.collector.collect(target, context.now)
        collected = replace(collected, raw=tuple(answers))
    except CollectorError as error:
        with transaction(engine) as session:
            record_result(
                session,
                run_id=context.run_id,
                source=source.key,
                kind=source.kind,
                status="failed",
                started_at=started,
                error_kind=type(error).__name__,
                reason=str(error),
            )
        return BackfillOutcome(source.key, "failed", reason=str(error))
    with transaction(engine) as session:
        counts = source.store(session, collected, context)
        record_result(
            session,
            run_id=context.run_id,
            source=source.key,
            kind=source.kind,
            status="ok",
            started_at=started,
            counts=counts,
        )
    note = "; ".join(collected.notes) or None
    return BackfillOutcome(source.key, "ok", posts=len(collected.posts), reason=note, counts=counts)
