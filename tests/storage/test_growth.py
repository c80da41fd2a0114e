"""Growth between two dates: the start/end rules and change_pct exactly as design.md says."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
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


def _reference(
    history: dict[tuple[str, str], list[tuple[date, int | None]]],
    from_: date | None,
    to: date | None,
) -> list[tuple[str, str, object, object]]:
    """design.md's rules read literally, in Python, over every account's whole history."""
    answer = []
    for (platform, handle), rows in sorted(history.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        known = sorted((d, n) for d, n in rows if n is not None)
        points = [p for p in known if to is None or p[0] <= to]
        # `from` after `to` is not refused here: the start then comes from before `from`.
        before = [p for p in known if from_ is not None and p[0] <= from_]
        after = [p for p in points if from_ is None or p[0] > from_]
        start = before[-1] if before else (after[0] if after else None)
        answer.append((platform, handle, start, points[-1] if points else None))
    return answer


def test_every_filter_shape_matches_the_rules_read_in_python(any_engine: Engine) -> None:
    """Random histories with gaps, unknown counts and an account without any snapshot: SQLite's
    and PostgreSQL's statements (they differ, storage/growth.py) give what the rules say."""
    rng = random.Random(17)
    history: dict[tuple[str, str], list[tuple[date, int | None]]] = {}
    with transaction(any_engine) as session:
        for n in range(12):
            platform = ("facebook", "tiktok", "youtube")[n % 3]
            account = ensure_account(session, platform=platform, handle=f"cuenta{n:02d}")
            days = sorted(rng.sample(range(60), rng.randrange(0, 12)) if n else [])
            rows = [
                (date(2021, 1, 1) + timedelta(days=d), None if rng.random() < 0.2 else 100 + d)
                for d in days
            ]
            history[(platform, f"cuenta{n:02d}")] = rows
            for day, followers in rows:
                session.add(
                    FollowerSnapshot(
                        account_id=account.id,
                        day=day,
                        followers=followers,
                        source="imported",
                        collected_at=datetime(2021, 3, 1, tzinfo=UTC),
                    )
                )
    bounds = [None] + [date(2020, 12, 25) + timedelta(days=d) for d in range(0, 75, 7)]
    with session_factory(any_engine)() as session:
        for from_ in bounds:
            for to in bounds:
                got = [
                    (
                        g.platform,
                        g.account,
                        g.start and (g.start.day, g.start.followers),
                        g.end and (g.end.day, g.end.followers),
                    )
                    for g in growth(session, from_=from_, to=to)
                ]
                assert got == _reference(history, from_, to), (from_, to)
        [one] = growth(session, platform="tiktok", account="CUENTA07", from_=bounds[3])
        assert (one.platform, one.account) == ("tiktok", "cuenta07")
        assert one == growth(session, from_=bounds[3])[_position(history, "tiktok", "cuenta07")]


def _position(history: dict[tuple[str, str], list[object]], platform: str, handle: str) -> int:
    return sorted(history).index((platform, handle))
