"""The chart's points: each account's last known figure on or before each sample day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from collectors.records import FollowerFigure
from flows.steps.followers import growth_report
from pulso.dashboard.gaps import gapped, with_all_gaps
from pulso.dashboard.series import follower_series, sample_days, sampled
from storage.db import transaction
from storage.followers import upsert_imported_followers
from storage.models import Account, FollowerSnapshot


def test_points_are_the_figures_as_of_each_day(any_engine: Engine) -> None:
    figures = [
        FollowerFigure("facebook", "AlcaldiaDeCali", date(2020, 1, 1), 235_343),
        FollowerFigure("facebook", "AlcaldiaDeCali", date(2020, 1, 10), 236_000),
        FollowerFigure("facebook", "AlcaldiaDeCali", date(2020, 1, 20), 240_100),
        FollowerFigure("youtube", "AlcaldiaDeCali", date(2020, 1, 15), 8_854),
    ]
    with transaction(any_engine) as session:
        upsert_imported_followers(session, figures)
    wanted = [("facebook", "AlcaldiaDeCali"), ("youtube", "AlcaldiaDeCali"), ("tiktok", "nadie")]
    facebook, youtube = follower_series(any_engine, wanted, date(2020, 1, 1), date(2020, 1, 21))
    as_of = dict(facebook.points)
    assert as_of[date(2020, 1, 1)] == 235_343
    assert as_of[date(2020, 1, 9)] == 235_343 and as_of[date(2020, 1, 10)] == 236_000
    assert as_of[date(2020, 1, 21)] == 240_100
    assert dict(youtube.points)[date(2020, 1, 14)] is None  # before its first figure: unknown
    assert dict(youtube.points)[date(2020, 1, 15)] == 8_854
    # The last point is what `pulso growth` reports as the end of the same range.
    (growth,) = growth_report(any_engine, platform="facebook", to=date(2020, 1, 21))
    assert growth.end is not None
    assert facebook.points[-1] == (date(2020, 1, 21), growth.end.followers)


def _straightforward(
    engine: Engine, accounts: list[tuple[str, str]], days: list[date]
) -> list[tuple[tuple[str, str], list[tuple[date | None, int | None]]]]:
    """The obvious code: one query per account and sample day for the last known figure."""
    found = []
    with Session(engine) as session:
        for platform, handle in accounts:
            account = session.scalars(
                select(Account).where(Account.platform == platform, Account.handle == handle)
            ).one_or_none()
            if account is None:
                continue
            points: list[tuple[date | None, int | None]] = []
            for day in days:
                row = session.execute(
                    select(FollowerSnapshot.day, FollowerSnapshot.followers)
                    .where(
                        FollowerSnapshot.account_id == account.id,
                        FollowerSnapshot.followers.is_not(None),
                        FollowerSnapshot.day <= day,
                    )
                    .order_by(FollowerSnapshot.day.desc())
                    .limit(1)
                ).first()
                points.append((row[0], row[1]) if row else (None, None))
            found.append(((platform, handle), points))
    return found


def _history(engine: Engine) -> list[tuple[str, str]]:
    """Daily, every third day, monthly, a week missing, unknown (NULL) counts, a late start."""
    start = date(2024, 1, 1)
    figures = [
        FollowerFigure("facebook", "Diaria", start + timedelta(days=n), 1_000 + 7 * n)
        for n in range(700)
    ]
    figures += [
        FollowerFigure("instagram", "Cada3", start + timedelta(days=n), 50 + n)
        for n in range(0, 700, 3)
        if not 200 <= n <= 260
    ]
    figures += [
        FollowerFigure("x", "Mensual", date(2022 + m // 12, m % 12 + 1, 1), 9_000 + m)
        for m in range(40)
    ]
    figures += [
        FollowerFigure("tiktok", "Tarde", date(2025, 6, 1) + timedelta(days=n), 5 + n)
        for n in range(30)
    ]
    figures += [
        FollowerFigure("youtube", "Oculta", start + timedelta(days=n), 800 + n)
        for n in range(2, 700, 5)
    ]
    with transaction(engine) as session:
        upsert_imported_followers(session, figures)
        # A hidden count is stored as unknown (NULL): never a point.
        youtube = session.scalars(select(Account.id).where(Account.handle == "Oculta")).one()
        session.execute(
            insert(FollowerSnapshot),
            [
                {
                    "account_id": youtube,
                    "day": start + timedelta(days=n),
                    "followers": None,
                    "source": "collected",
                    "collected_at": datetime(2026, 1, 1, tzinfo=UTC),
                }
                for n in range(0, 700, 5)
            ],
        )
    return [
        ("facebook", "Diaria"),
        ("instagram", "Cada3"),
        ("x", "Mensual"),
        ("tiktok", "Tarde"),
        ("youtube", "Oculta"),
        ("tiktok", "nadie"),
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2024, 1, 1), date(2025, 12, 1)),  # longer than the history: 60 sample days
        (date(2024, 7, 10), date(2024, 9, 30)),  # across Cada3's missing weeks
        (date(2025, 6, 10), date(2025, 6, 20)),  # fewer days than points
        (date(2020, 1, 1), date(2024, 1, 1)),  # mostly before every figure
        (date(2025, 1, 1), date(2025, 1, 1)),  # one day
    ],
)
def test_one_statement_gives_what_one_query_per_point_gives(
    any_engine: Engine, start: date, end: date
) -> None:
    accounts = _history(any_engine)
    days = sample_days(start, end)
    expected = _straightforward(any_engine, accounts, days)
    found = sampled(any_engine, accounts, start, end)
    assert [(s.platform, s.account) for s in found.series] == [key for key, _ in expected]
    for item, taken, (_, points) in zip(found.series, found.taken, expected, strict=True):
        assert [d for d, _ in item.points] == days
        assert [v for _, v in item.points] == [v for _, v in points]
        assert taken == [d for d, _ in points]
    # The page's series with gaps are those of the two statements it made before.
    before = gapped(any_engine, follower_series(any_engine, accounts, start, end), start, end)
    assert with_all_gaps(found, start) == before
