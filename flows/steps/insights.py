"""Steps for reach and views (shared by `pulso insights`, and later the reports and dashboard)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from reports.answers.reach import reach_answer
from storage.db import session_factory


def reach_report(engine: Engine, *, start: date, end: date, zone: ZoneInfo) -> dict[str, object]:
    """Per own account: reach, views and post views over [start, end]; the period's lives."""
    with session_factory(engine)() as session:
        return reach_answer(session, start=start, end=end, zone=zone)
