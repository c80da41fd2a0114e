"""Collection health from the run records: sources that keep failing, flags kept on a run.

A source is stale when its latest result on each of its last N collection days was a
failure (a skipped night neither breaks nor extends the streak). The flags a night raises
(stale sources, tokens about to expire) are kept in that run's `flags`, so the weekly report
and an operator can read them later.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import CollectionRun, SourceResult

WINDOW_DAYS = 62


@dataclass(frozen=True, slots=True)
class StaleSource:
    source: str
    kind: str
    failed_nights: int
    last_ok: date | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class DayResult:
    source: str
    kind: str
    day: date
    status: str
    reason: str | None


def streak(results: Sequence[DayResult]) -> tuple[int, date | None, str | None]:
    """(trailing failed days, last ok day, latest reason) for one source's results, oldest first."""
    latest: dict[date, DayResult] = {}
    for result in results:
        if result.status != "skipped":
            latest[result.day] = result
    failed, last_ok, reason = 0, None, None
    for day in sorted(latest, reverse=True):
        if latest[day].status == "ok":
            last_ok = day
            break
        failed += 1
        reason = reason or latest[day].reason
    return failed, last_ok, reason


def stale_from(results: Iterable[DayResult], nights: int) -> list[StaleSource]:
    """Pure: group by source and keep those failing for at least `nights` collection days."""
    by_source: dict[str, list[DayResult]] = {}
    for result in results:
        by_source.setdefault(result.source, []).append(result)
    stale = []
    for source, rows in sorted(by_source.items()):
        failed, last_ok, reason = streak(rows)
        if failed >= nights:
            stale.append(StaleSource(source, rows[-1].kind, failed, last_ok, reason))
    return stale


def recent_results(session: Session, *, today: date, days: int = WINDOW_DAYS) -> list[DayResult]:
    """Every source result of the last `days` Bogotá days, oldest first (finished runs only)."""
    query = (
        select(
            SourceResult.source,
            SourceResult.kind,
            CollectionRun.day,
            SourceResult.status,
            SourceResult.reason,
        )
        .join(CollectionRun, CollectionRun.id == SourceResult.run_id)
        .where(CollectionRun.day > today - timedelta(days=days), CollectionRun.day <= today)
        .order_by(CollectionRun.day, SourceResult.finished_at, SourceResult.id)
    )
    return [DayResult(*row) for row in session.execute(query)]


def stale_sources(
    session: Session, *, today: date, nights: int, sources: Iterable[str] | None = None
) -> list[StaleSource]:
    """Sources not collected successfully for `nights` days (only `sources` when given)."""
    wanted = set(sources) if sources is not None else None
    results = [
        r for r in recent_results(session, today=today) if wanted is None or r.source in wanted
    ]
    return stale_from(results, nights)


def flag_run(session: Session, *, run_id: int, flags: dict[str, Any]) -> None:
    """Merge `flags` into the run's flags (JSON)."""
    run = session.get_one(CollectionRun, run_id)
    run.flags = {**(run.flags or {}), **flags}
    session.flush()


def stale_json(items: Iterable[StaleSource]) -> list[dict[str, Any]]:
    return [
        {**asdict(item), "last_ok": item.last_ok.isoformat() if item.last_ok else None}
        for item in items
    ]


def latest_run(session: Session, *, kinds: Sequence[str] = ("nightly",)) -> CollectionRun | None:
    """The most recent finished run of these kinds (its flags hold the night's health)."""
    return session.scalars(
        select(CollectionRun)
        .where(CollectionRun.kind.in_(kinds), CollectionRun.finished_at.is_not(None))
        .order_by(CollectionRun.finished_at.desc(), CollectionRun.id.desc())
        .limit(1)
    ).one_or_none()


def close_interrupted_runs(
    session: Session, *, started_before: datetime, kinds: Sequence[str] | None = None
) -> list[date]:
    """Runs still 'running' that were killed: say so, once; the days they were collecting."""
    query = select(CollectionRun).where(
        CollectionRun.status == "running", CollectionRun.started_at < started_before
    )
    if kinds is not None:
        query = query.where(CollectionRun.kind.in_(kinds))
    runs = session.scalars(query).all()
    for run in runs:
        run.status = "interrupted"
    session.flush()
    return [run.day for run in runs]


def sources_done_on(session: Session, day: date) -> set[str]:
    """Sources with a stored result ('ok') on that collection day, in any run."""
    rows = session.scalars(
        select(SourceResult.source)
        .join(CollectionRun, SourceResult.run_id == CollectionRun.id)
        .where(CollectionRun.day == day, SourceResult.status == "ok")
    )
    return set(rows)
