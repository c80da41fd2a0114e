"""Running collectable sources: each one isolated, each stored in its own transaction.

A source (an account on a platform, a news outlet) collects over the network, then stores
what it got. Its data and its result row commit together, so a run killed mid-way leaves
either all of a source or none of it, and the next run of the same day completes it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from collectors.errors import CollectorError, redact
from flows.steps.errorlog import log_internal
from storage.db import session_factory, transaction
from storage.runs import finish_run, record_result, start_run

log = logging.getLogger("pulso.sources")

BOGOTA = ZoneInfo("America/Bogota")


@dataclass(frozen=True, slots=True)
class RunContext:
    """What every source needs to know about the run it belongs to."""

    run_id: int
    now: datetime
    day: date


class Source(Protocol):
    """Anything the nightly collection can run: a social account, a news outlet."""

    @property
    def key(self) -> str:
        """Unique within a run, e.g. 'facebook:AlcaldiaDeCali' or 'news:El País'."""
        ...

    @property
    def kind(self) -> str:
        """facebook | instagram | twitter | youtube | tiktok | news"""
        ...

    def collect(self, session: Session, ctx: RunContext) -> Any:
        """Fetch from the outside world (may read the database); raise CollectorError on failure."""
        ...

    def store(self, session: Session, collected: Any, ctx: RunContext) -> dict[str, int]:
        """Write what `collect` returned; return counts (e.g. {'posts': 12})."""
        ...

    # Optional: `note(collected) -> str | None`, what went partly wrong in a successful
    # collection ("1 page failed: ..."); it becomes the ok result's reason.


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    key: str
    kind: str
    status: str  # ok | failed | skipped
    error_kind: str | None = None
    reason: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RunSummary:
    run_id: int
    status: str  # ok | partial | failed
    outcomes: tuple[SourceOutcome, ...]

    @property
    def failed(self) -> tuple[SourceOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")


def open_run(
    engine: Engine, *, kind: str, now: datetime | None = None, tz: ZoneInfo = BOGOTA
) -> RunContext:
    now = now or datetime.now(UTC)
    day = now.astimezone(tz).date()
    with transaction(engine) as session:
        run_id = start_run(session, day=day, kind=kind)
    return RunContext(run_id=run_id, now=now, day=day)


def close_run(engine: Engine, ctx: RunContext, outcomes: Iterable[SourceOutcome]) -> RunSummary:
    with transaction(engine) as session:
        status = finish_run(session, run_id=ctx.run_id)
    return RunSummary(run_id=ctx.run_id, status=status, outcomes=tuple(outcomes))


def attempt_source(engine: Engine, source: Source, ctx: RunContext) -> SourceOutcome:
    """Collect and store one source; raises what failed (`run_source` records it)."""
    started = datetime.now(UTC)
    with session_factory(engine)() as session:
        collected = source.collect(session, ctx)
    note = _ok_note(source, collected)
    with transaction(engine) as session:
        counts = source.store(session, collected, ctx)
        record_result(
            session,
            run_id=ctx.run_id,
            source=source.key,
            kind=source.kind,
            status="ok",
            started_at=started,
            reason=note,
            counts=counts,
        )
    log.info("%s: ok %s%s", source.key, counts, f" ({note})" if note else "")
    return SourceOutcome(key=source.key, kind=source.kind, status="ok", reason=note, counts=counts)


def _ok_note(source: Source, collected: Any) -> str | None:
    """A source may say what went partly wrong in a successful collection ("1 page failed")."""
    describe = getattr(source, "note", None)
    note = describe(collected) if callable(describe) else None
    return redact(note) if note else None


def record_failure(
    engine: Engine, source: Source, ctx: RunContext, error: BaseException, started: datetime
) -> SourceOutcome:
    """Record a source as failed for this run, with a reason an operator can act on."""
    if isinstance(error, CollectorError):
        error_kind, reason = error.kind, str(error)
    else:
        # A bug or a database error: its text may hold SQL, parameters or scraped values.
        error_kind, reason = "internal", log_internal(source.key, error)
    with transaction(engine) as session:
        record_result(
            session,
            run_id=ctx.run_id,
            source=source.key,
            kind=source.kind,
            status="failed",
            started_at=started,
            error_kind=error_kind,
            reason=reason,
        )
    log.warning("%s: failed (%s) %s", source.key, error_kind, reason)
    return SourceOutcome(
        key=source.key, kind=source.kind, status="failed", error_kind=error_kind, reason=reason
    )


def record_skipped(
    engine: Engine, key: str, kind: str, ctx: RunContext, reason: str
) -> SourceOutcome:
    """A source deliberately not collected (no credentials, platform offers nothing for peers)."""
    with transaction(engine) as session:
        record_result(
            session,
            run_id=ctx.run_id,
            source=key,
            kind=kind,
            status="skipped",
            started_at=datetime.now(UTC),
            reason=reason,
        )
    return SourceOutcome(key=key, kind=kind, status="skipped", reason=reason)


def run_source(engine: Engine, source: Source, ctx: RunContext) -> SourceOutcome:
    """Collect and store one source; any failure is recorded and never propagates."""
    started = datetime.now(UTC)
    try:
        return attempt_source(engine, source, ctx)
    except Exception as error:  # noqa: BLE001 - one broken source must not stop the night
        return record_failure(engine, source, ctx, error, started)


def run_sources(
    engine: Engine, sources: Iterable[Source], *, kind: str, now: datetime | None = None
) -> RunSummary:
    """Open a run, run every source in turn (failures isolated), close the run."""
    ctx = open_run(engine, kind=kind, now=now)
    outcomes = [run_source(engine, source, ctx) for source in sources]
    return close_run(engine, ctx, outcomes)
