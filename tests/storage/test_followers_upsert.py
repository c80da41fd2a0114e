"""Re-importing adds nothing; a different value for an existing day replaces it and is counted."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, func, select

from collectors.records import FollowerFigure
from storage.db import session_factory, transaction
from storage.followers import UpsertCounts, upsert_imported_followers
from storage.models import Account, FollowerSnapshot


def _upsert(engine: Engine, figures: list[FollowerFigure]) -> UpsertCounts:
    with transaction(engine) as session:
        return upsert_imported_followers(session, figures)


def test_same_rows_twice_add_nothing_and_changed_rows_are_replaced(any_engine: Engine) -> None:
    figures = [
        FollowerFigure("facebook", "AlcaldiadeCali", date(2020, 1, d), 1000 + d)
        for d in range(1, 11)
    ]
    assert _upsert(any_engine, figures) == UpsertCounts(added=10, replaced=0, unchanged=0)
    assert _upsert(any_engine, figures) == UpsertCounts(added=0, replaced=0, unchanged=10)
    changed = [FollowerFigure("facebook", "@alcaldiadecali", date(2020, 1, 1), 999), figures[1]]
    assert _upsert(any_engine, changed) == UpsertCounts(added=0, replaced=1, unchanged=1)
    with session_factory(any_engine)() as session:
        assert session.scalar(select(func.count()).select_from(FollowerSnapshot)) == 10
        assert session.scalar(select(func.count()).select_from(Account)) == 1
        first = session.scalar(
            select(FollowerSnapshot.followers).where(FollowerSnapshot.day == date(2020, 1, 1))
        )
        assert first == 999
