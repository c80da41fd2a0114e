"""Collection runs and their per-source results."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import CollectionRun, SourceResult


def start_run(
    session: Session, *, day: date, kind: str, flags: dict[str, Any] | None = None
) -> int:
    run = CollectionRun(
        day=day, kind=kind, status="running", started_at=datetime.now(UTC), flags=flags or None
    )
    session.add(run)
    session.flush()
    return run.id


def record_result(
    session: Session,
    *,
    run_id: int,
    source: str,
    kind: str,
    status: str,
    started_at: datetime,
    error_kind: str | None = None,
    reason: str | None = None,
    counts: dict[str, Any] | None = None,
) -> None:
    """Insert or replace this source's result in this run (a retried task overwrites)."""
    result = session.scalars(
        select(SourceResult).where(SourceResult.run_id == run_id, SourceResult.source == source)
    ).one_or_none()
    if result is None:
        result = SourceResult(run_id=run_id, source=source, kind=kind)
        session.add(result)
    result.status = status
    result.error_kind = error_kind
    result.reason = reason
    result.counts = counts
    result.started_at = started_at
    result.finished_at = datetime.now(UTC)
    session.flush()


def finish_run(session: Session, *, run_id: int) -> str:
    """Close the run with ok / partial / failed from its results; returns the status."""
    statuses = list(
        session.scalars(select(SourceResult.status).where(SourceResult.run_id == run_id))
    )
    failed = statuses.count("failed")
    if failed == 0:
        status = "ok"
    elif failed == len(statuses):
        status = "failed"
    else:
        status = "partial"
    run = session.get_one(CollectionRun, run_id)
    run.status = status
    run.finished_at = datetime.now(UTC)
    session.flush()
    return status


def run_results(session: Session, run_id: int) -> list[SourceResult]:
    return list(
        session.scalars(
            select(SourceResult).where(SourceResult.run_id == run_id).order_by(SourceResult.source)
        )
    )
