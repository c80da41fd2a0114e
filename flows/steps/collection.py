"""The night's collection without Prefect: which sources to run, and running them concurrently.

`plan_sources` gathers every configured source (social accounts, news outlets), with those
that cannot run tonight (no credentials) listed as skipped. `collect` runs a plan with
per-platform limits on a thread pool, records one result per source and the night's health:
the CLI uses it directly, and the Prefect nightly flow runs the same steps as tasks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from collectors.registry import PLATFORM_NAMES
from collectors.replay import ReplayStore, ReplayTransport
from flows.steps.health import Health, check_health
from flows.steps.lanes import dispatch
from flows.steps.news import build_news_sources
from flows.steps.replay import replay_source
from flows.steps.social import Skipped, build_social_sources
from flows.steps.sources import (
    RunContext,
    RunSummary,
    Source,
    SourceOutcome,
    close_run,
    open_run,
    record_skipped,
    run_source,
)
from settings import Settings
from storage.db import session_factory, transaction
from storage.health import close_interrupted_runs, sources_done_on

# No night takes this long: a run still 'running' after it was killed (SIGKILL, power cut).
INTERRUPTED_AFTER = timedelta(hours=6)
SOCIAL = PLATFORM_NAMES
KINDS = (*SOCIAL, "news")


@dataclass
class Plan:
    """What tonight's run will collect, and what it will skip and why."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    closers: list[Callable[[], None]] = field(default_factory=list)
    replay_dir: Path | None = None  # the recordings answering instead of the network, if any

    def close(self) -> None:
        for close in self.closers:
            close()


@dataclass(frozen=True, slots=True)
class NightResult:
    summary: RunSummary
    health: Health


def wanted(only: Sequence[str] | None) -> tuple[str, ...]:
    """The kinds to collect: all, or those named by `--only` (validated)."""
    if not only:
        return KINDS
    unknown = sorted(set(only) - set(KINDS))
    if unknown:
        raise ValueError(
            f"unknown source {', '.join(unknown)} (expected one of {', '.join(KINDS)})"
        )
    return tuple(kind for kind in KINDS if kind in only)


def plan_sources(
    settings: Settings,
    *,
    replay_dir: str | Path | None = None,
    only: Sequence[str] | None = None,
    engine: Engine | None = None,
) -> Plan:
    """Every configured source of the wanted kinds; replay answers from DIR instead of the network."""
    kinds = wanted(only)
    replay_dir = replay_source(settings, replay_dir)
    plan = Plan(replay_dir=replay_dir)
    platforms = [kind for kind in kinds if kind in SOCIAL]
    if platforms:
        social = build_social_sources(settings, engine, platforms=platforms, replay_dir=replay_dir)
        plan.sources.extend(social.sources)
        plan.skipped.extend(social.skipped)
        plan.closers.append(social.close)
    if "news" in kinds:
        transport = ReplayTransport(ReplayStore(replay_dir)) if replay_dir is not None else None
        plan.sources.extend(build_news_sources(settings, transport=transport))
    return plan


def drop_done(engine: Engine, plan: Plan, day: date) -> int:
    """A resumed night collects only what has no stored result that day; how many it drops."""
    with session_factory(engine)() as session:
        done = sources_done_on(session, day)
    kept = [source for source in plan.sources if source.key not in done]
    dropped = len(plan.sources) - len(kept)
    plan.sources[:] = kept
    return dropped


def begin(engine: Engine, settings: Settings, *, kind: str, now: datetime) -> RunContext:
    """Open tonight's run, first marking runs killed long ago (still 'running') as interrupted."""
    with transaction(engine) as session:
        close_interrupted_runs(session, started_before=now - INTERRUPTED_AFTER)
    return open_run(engine, kind=kind, now=now, tz=settings.config.tz)


def record_skips(engine: Engine, ctx: RunContext, skips: Iterable[Skipped]) -> list[SourceOutcome]:
    return [record_skipped(engine, s.key, s.kind, ctx, s.reason) for s in skips]


def collect(
    engine: Engine,
    settings: Settings,
    plan: Plan,
    *,
    kind: str = "manual",
    now: datetime | None = None,
) -> NightResult:
    """Run a plan without Prefect: concurrent, per-platform limits, failures isolated."""
    ctx = begin(engine, settings, kind=kind, now=now or datetime.now(UTC))
    outcomes = record_skips(engine, ctx, plan.skipped)
    workers = settings.config.collection.max_workers
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pulso-source") as pool:
        futures = dispatch(
            plan.sources,
            lambda source: pool.submit(run_source, engine, source, ctx),
            settings.config.collection.limits,
        )
        outcomes += [future.result() for _source, future in futures]
    summary = close_run(engine, ctx, outcomes)
    return NightResult(summary, check_health(engine, ctx, settings, plan.sources))
