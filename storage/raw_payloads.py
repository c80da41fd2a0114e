"""Raw platform answers, one per source, request and Bogotá day (a re-run replaces the day's)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectors.capture import RawAnswer
from storage.models import RawPayload


def store_raw_answers(
    session: Session, source: str, answers: Iterable[RawAnswer], *, day: date, run_id: int | None
) -> int:
    """Upsert on (source, request key, day); returns how many answers were kept."""
    latest = {answer.request_key: answer for answer in answers}
    if not latest:
        return 0
    existing = {
        row.request_key: row
        for row in session.scalars(
            select(RawPayload).where(RawPayload.source == source, RawPayload.day == day)
        )
    }
    now = datetime.now(UTC)
    for key, answer in latest.items():
        row = existing.get(key) or RawPayload(source=source, request_key=key, day=day)
        row.content_type = answer.content_type
        row.body = answer.body
        row.fetched_at = now
        row.run_id = run_id
        session.add(row)
    session.flush()
    return len(latest)
