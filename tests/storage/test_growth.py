"""Growth between two dates: the start/end rules and change_pct exactly as design.md says."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import Engine, insert

from collectors.records import FollowerFigure
from storage.accounts import ensure_account
from storage.db import session_factory, transaction
from storage.followers import upsert_imported_followers
from storage.growth import growth
from storage.models import FollowerSnapshot


def _load(engine: Engine, rows: list[tuple[str, str, date, int]]) -> None:
    with transaction(engine) as session:
        upsert_imported_followers(session, [FollowerFigure(p, h, d, n) for p, h, d, n in rows])


OFFICE_2021 = [
    ("facebook", "AlcaldiadeCali", date(2020, 1, 1), 235_343),
    ("facebook", "AlcaldiadeCali", date(2021, 9, 30), 486_513),
    ("instagram", "alcaldiadecali", date(2020, 1, 1), 80_000),
    ("instagram", "alcaldiadecali", date(2021, 9, 30), 183_900),
    ("twitter", "AlcaldiadeCali", date(2020, 1, 1), 189_000),
    ("twitter", "AlcaldiadeCali", date(2021, 9, 30), 274_680),
    ("youtube", "AlcaldiadeCali", date(2020, 1, 1), 8_854),
    ("youtube", "AlcaldiadeCali", date(2021, 9, 30), 14_800),
]


def test_instagram_growth_is_computed_not_copied_from_the_report(any_engine: Engine) -> None:
    _load(any_engine, OFFICE_2021)
    with session_factory(any_engine)() as session:
        [item] = growth(
            session,
            platform="instagram",
            account="@AlcaldiaDeCali",
            from_=date(2020, 1, 1),
            to=date(2021, 9, 30),
        )
    assert (item.change, item.change_pct) == (
        103_900,
        Decimal("129.88"),
    )  # the report printed 113.900


def test_every_account_in_one_query_ordered_by_platform(any_engine: Engine) -> None:
    _load(any_engine, OFFICE_2021)
    with session_factory(any_engine)() as session:
        items = growth(session, from_=date(2020, 1, 1), to=date(2021, 9, 30))
    assert [(i.platform, i.change, i.change_pct) for i in items] == [
        ("facebook", 251_170, Decimal("106.73")),
        ("instagram", 103_900, Decimal("129.88")),
        ("twitter", 85_680, Decimal("45.33")),
        ("youtube", 5_946, Decimal("67.16")),
    ]


@pytest.mark.parametrize(
    ("from_", "to", "expected_start", "expected_end"),
    [
        (
            date(2020, 3, 15),
            date(2020, 3, 20),
            date(2020, 3, 10),
            date(2020, 3, 20),
        ),  # last on/before from
        (
            date(2020, 3, 1),
            date(2020, 3, 25),
            date(2020, 3, 10),
            date(2020, 3, 20),
        ),  # else first after
        (
            date(2020, 3, 10),
            date(2020, 3, 19),
            date(2020, 3, 10),
            date(2020, 3, 10),
        ),  # end on/before to
        (None, None, date(2020, 3, 10), date(2020, 3, 30)),
    ],
)
def test_start_and_end_rules(engine: Engine, from_, to, expected_start, expected_end) -> None:
    _load(engine, [("tiktok", "cali", date(2020, 3, d), 1000 + d) for d in (10, 20, 30)])
    with session_factory(engine)() as session:
        [item] = growth(session, from_=from_, to=to)
    assert (item.start.day, item.end.day) == (expected_start, expected_end)


def test_no_snapshot_in_range_gives_missing_not_zero(engine: Engine) -> None:
    _load(engine, [("tiktok", "cali", date(2022, 1, 1), 3_242)])
    with session_factory(engine)() as session:
        [item] = growth(session, from_=date(2020, 1, 1), to=date(2021, 1, 1))
    assert (item.start, item.end, item.change, item.change_pct) == (None, None, None, None)


def test_change_pct_is_null_when_start_is_zero(engine: Engine) -> None:
    _load(
        engine, [("tiktok", "cali", date(2021, 1, 1), 0), ("tiktok", "cali", date(2021, 2, 1), 50)]
    )
    with session_factory(engine)() as session:
        [item] = growth(session, from_=date(2021, 1, 1), to=date(2021, 2, 1))
    assert (item.change, item.change_pct) == (50, None)


def test_unknown_follower_counts_are_not_points(engine: Engine) -> None:
    _load(
        engine,
        [("youtube", "cali", date(2021, 1, 1), 100), ("youtube", "cali", date(2021, 1, 3), 130)],
    )
    with transaction(engine) as session:
        account = ensure_account(session, platform="youtube", handle="cali")
        session.execute(
            insert(FollowerSnapshot),
            [
                {
                    "account_id": account.id,
                    "day": date(2021, 1, 5),
                    "followers": None,
                    "source": "collected",
                    "collected_at": datetime(2021, 1, 5, 7, tzinfo=UTC),
                }
            ],
        )
    with session_factory(engine)() as session:
        [item] = growth(session, to=date(2021, 1, 6))
    assert (item.end.day, item.end.followers) == (date(2021, 1, 3), 130)


def test_change_pct_rounds_half_up(engine: Engine) -> None:
    # 100 * 1 / 32 = 3.125: half-up gives 3.13 where banker's rounding would give 3.12
    _load(engine, [("twitter", "a", date(2021, 1, 1), 32), ("twitter", "a", date(2021, 1, 2), 33)])
    with session_factory(engine)() as session:
        [item] = growth(session)
    assert item.change_pct == Decimal("3.13")
