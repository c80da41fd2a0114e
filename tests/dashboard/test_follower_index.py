"""The growth chart's in-memory figures: the statement's answer, and never stale."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, delete, update

from collectors.records import FollowerFigure
from pulso.dashboard.follower_index import (
    gapped_columns,
    gapped_figures,
    index_for,
    sampled_figures,
)
from pulso.dashboard.gaps import with_all_gaps
from pulso.dashboard.series import columns_of, sampled
from storage.db import make_engine, transaction
from storage.followers import upsert_imported_followers
from storage.models import Account, FollowerSnapshot
from tests.change_markers import settles

START = date(2024, 1, 1)
ACCOUNTS = [
    ("facebook", "Diaria"),
    ("twitter", "Mensual"),
    ("youtube", "Hueco"),
    ("tiktok", "nadie"),
]


def _history(engine: Engine) -> None:
    figures = [
        FollowerFigure("facebook", "Diaria", START + timedelta(n), 1000 + 3 * n) for n in range(400)
    ]
    figures += [
        FollowerFigure("twitter", "Mensual", START + timedelta(30 * n), 50 + n) for n in range(14)
    ]
    # Two stretches with weeks missing between them, and a day whose figure is unknown.
    figures += [
        FollowerFigure("youtube", "Hueco", START + timedelta(n), 7000 + n)
        for n in [*range(0, 40), *range(90, 200)]
    ]
    figures.append(FollowerFigure("youtube", "Hueco", START + timedelta(250), None))
    with transaction(engine) as session:
        upsert_imported_followers(session, figures)


def _same(engine: Engine, start: date, end: date) -> None:
    assert sampled_figures(engine, ACCOUNTS, start, end) == sampled(engine, ACCOUNTS, start, end)
    # The chart's series with their gaps, in one pass over the columns: what the statement's
    # figures give through gaps.with_all_gaps.
    statement = with_all_gaps(sampled(engine, ACCOUNTS, start, end), start)
    assert gapped_figures(engine, ACCOUNTS, start, end) == statement
    # The same as the columns the growth page's chart reads (and without the index).
    drawn = gapped_columns(engine, ACCOUNTS, start, end)
    assert [c.series() for c in drawn] == [columns_of(s).series() for s in statement] == statement


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2023, 6, 1), date(2025, 6, 1)),
        (date(2024, 2, 1), date(2024, 5, 1)),
        (date(2024, 3, 3), date(2024, 3, 10)),
        (date(2020, 1, 1), date(2023, 12, 31)),
        (date(2024, 9, 7), date(2024, 9, 7)),
    ],
)
def test_the_index_answers_what_the_statement_answers(
    any_engine: Engine, start: date, end: date
) -> None:
    _history(any_engine)
    assert index_for(any_engine) is not None
    _same(any_engine, start, end)
    _same(any_engine, start, end)  # from memory the second time


def test_a_change_in_the_database_is_seen_on_the_next_read(any_engine: Engine) -> None:
    _history(any_engine)
    index = index_for(any_engine)
    assert index is not None
    span = (date(2024, 1, 1), date(2025, 3, 1))
    _same(any_engine, *span)
    # Nothing changed: nothing read again (tests/change_markers.py: tried a few times, since on
    # PostgreSQL another test worker's writes move the marker too).

    def read_nothing() -> bool:
        loads = index.loads
        _same(any_engine, *span)
        return index.loads == loads

    assert settles(read_nothing)
    loads = index.loads
    # A figure replaced in place (no new row, same count and ids), one added, one removed.
    with transaction(any_engine) as session:
        session.execute(update(FollowerSnapshot).values(followers=FollowerSnapshot.followers + 1))
        upsert_imported_followers(
            session, [FollowerFigure("twitter", "Mensual", date(2025, 2, 1), 99)]
        )
        session.execute(delete(FollowerSnapshot).where(FollowerSnapshot.day == date(2024, 6, 1)))
    _same(any_engine, *span)
    assert index.loads > loads
    # A new account, and an account gone with its figures.
    with transaction(any_engine) as session:
        upsert_imported_followers(session, [FollowerFigure("tiktok", "nadie", date(2024, 5, 5), 7)])
        session.execute(delete(Account).where(Account.handle == "Diaria"))
    _same(any_engine, *span)
    found = sampled_figures(any_engine, ACCOUNTS, *span)
    assert [s.account for s in found.series] == ["Mensual", "Hueco", "nadie"]


def test_without_a_second_connection_the_statement_answers() -> None:
    engine = make_engine("sqlite://")
    assert index_for(engine) is None
    engine.dispose()


def test_the_one_pass_series_equal_the_statements_over_many_periods(any_engine: Engine) -> None:
    """Periods of every length over the history and around it, ends inside and outside it."""
    _history(any_engine)
    first = date(2023, 10, 1)
    for n in range(120):
        start = first + timedelta(days=(n * 37) % 700)
        _same(any_engine, start, start + timedelta(days=(n * n * 13) % 800))


def test_what_is_kept_beside_the_index_is_forgotten_when_the_data_changes(
    any_engine: Engine,
) -> None:
    _history(any_engine)
    index = index_for(any_engine)
    assert index is not None
    calls: list[int] = []

    def count() -> int:
        calls.append(1)
        return len(calls)

    assert index.memo(("n",), count) == 1
    assert index.memo(("n",), count) == 1  # kept
    with transaction(any_engine) as session:
        upsert_imported_followers(session, [FollowerFigure("tiktok", "nadie", date(2024, 5, 5), 7)])
    assert index.memo(("n",), count) == 2  # computed again
