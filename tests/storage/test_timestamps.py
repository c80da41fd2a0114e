"""A Bogotá timestamp comes back as the same instant on SQLite (which keeps no offset) and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from storage.db import session_factory, transaction
from storage.models import CollectionRun


def test_aware_times_round_trip_as_the_same_instant(any_engine: Engine) -> None:
    evening_in_cali = datetime(2026, 3, 2, 21, 30, tzinfo=ZoneInfo("America/Bogota"))
    with transaction(any_engine) as session:
        session.add(
            CollectionRun(
                day=date(2026, 3, 2), kind="manual", status="ok", started_at=evening_in_cali
            )
        )
    with session_factory(any_engine)() as session:
        stored = session.scalar(select(CollectionRun.started_at))
    assert stored == evening_in_cali
    assert stored.tzinfo is not None and stored.utcoffset().total_seconds() == 0
    assert stored == datetime(2026, 3, 3, 2, 30, tzinfo=UTC)
