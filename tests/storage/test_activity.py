"""Activity over any period: posts on their Bogotá publication day, interactions as last
measured up to `to`, NULL where a platform gives no measure, periods by day, week or month."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from storage.activity import activity, periods
from storage.db import session_factory
from storage.interactions import interactions
from storage.models import Account
from storage.outlets import ensure_outlet
from tests.storage.activity_seed import BOGOTA, article, at, seed_office


@pytest.fixture
def session(any_engine: Engine) -> Iterator[Session]:
    """SQLite always, PostgreSQL when configured: the GROUP BY and CASE must agree."""
    with session_factory(any_engine)() as session:
        yield session


@pytest.fixture
def office(session: Session) -> dict[str, Account]:
    return seed_office(session)


def test_posts_count_on_their_bogota_day_with_interactions_as_measured_up_to_to(
    session: Session, office: dict[str, Account]
) -> None:
    found = activity(
        session, from_=date(2026, 1, 1), to=date(2026, 1, 31), tz=BOGOTA, platform="facebook"
    )
    assert len(found) == 1
    fb = found[0]
    assert (fb.platform, fb.account, fb.posts) == ("facebook", "AlcaldiaDeCali", 2)
    # fb1 as of 20 Jan (125) + fb2 (40): the 3 Feb measure is after --to.
    assert fb.interactions == 165
    assert (fb.impressions, fb.views) == (None, None)
    assert fb.followers == 1_000
    assert fb.engagement_rate == Decimal("16.50")


def test_later_to_takes_later_measures_and_the_next_bogota_day(
    session: Session, office: dict[str, Account]
) -> None:
    (fb,) = activity(
        session, from_=date(2026, 1, 1), to=date(2026, 2, 28), tz=BOGOTA, platform="facebook"
    )
    assert fb.posts == 3
    # fb3 has no measure at all: it counts as a post, adds nothing to interactions.
    assert fb.interactions == 999 * 3 + 40


def test_utc_day_is_not_the_bogota_day(session: Session, office: dict[str, Account]) -> None:
    (fb,) = activity(
        session, from_=date(2026, 2, 1), to=date(2026, 2, 1), tz=BOGOTA, platform="facebook"
    )
    assert fb.posts == 1  # fb3 only; fb2 was published 1 Feb in UTC but 31 Jan in Bogotá


def test_each_platform_counts_its_own_interactions_and_null_is_never_zero(
    session: Session, office: dict[str, Account]
) -> None:
    found = {
        a.platform: a
        for a in activity(session, from_=date(2026, 1, 1), to=date(2026, 1, 31), tz=BOGOTA)
    }
    assert set(found) == {"facebook", "twitter", "instagram"}
    tw, ig = found["twitter"], found["instagram"]
    assert (tw.interactions, tw.impressions, tw.views) == (13, 900, None)
    assert tw.followers is None and tw.engagement_rate is None
    assert (ig.interactions, ig.impressions, ig.views) == (4, None, None)


def test_an_account_without_posts_has_zero_posts_and_null_for_what_it_never_gives(
    session: Session, office: dict[str, Account]
) -> None:
    (tw,) = activity(
        session, from_=date(2026, 3, 1), to=date(2026, 3, 31), tz=BOGOTA, platform="twitter"
    )
    assert (tw.posts, tw.interactions, tw.impressions, tw.views) == (0, 0, 0, None)


def test_by_month_splits_and_sums_to_the_whole(
    session: Session, office: dict[str, Account]
) -> None:
    (fb,) = activity(
        session,
        from_=date(2026, 1, 15),
        to=date(2026, 2, 28),
        tz=BOGOTA,
        platform="facebook",
        by="month",
    )
    assert [(p.start, p.end, p.posts) for p in fb.periods] == [
        (date(2026, 1, 15), date(2026, 1, 31), 1),
        (date(2026, 2, 1), date(2026, 2, 28), 1),
    ]
    assert fb.periods[0].interactions == 40
    assert fb.periods[1].interactions is None  # published, never measured
    assert fb.posts == 2 and fb.interactions == 40


def test_by_day_and_by_week(session: Session, office: dict[str, Account]) -> None:
    (fb,) = activity(
        session,
        from_=date(2026, 1, 30),
        to=date(2026, 2, 2),
        tz=BOGOTA,
        platform="facebook",
        by="day",
    )
    assert [(p.start, p.posts) for p in fb.periods] == [
        (date(2026, 1, 30), 0),
        (date(2026, 1, 31), 1),
        (date(2026, 2, 1), 1),
        (date(2026, 2, 2), 0),
    ]
    assert periods(date(2026, 1, 1), date(2026, 1, 20), "week") == [
        (date(2026, 1, 1), date(2026, 1, 4)),
        (date(2026, 1, 5), date(2026, 1, 11)),
        (date(2026, 1, 12), date(2026, 1, 18)),
        (date(2026, 1, 19), date(2026, 1, 20)),
    ]


def test_the_own_portal_is_platform_web(session: Session, office: dict[str, Account]) -> None:
    portal = ensure_outlet(session, name="Portal Alcaldía de Cali", medium="web")
    portal.own = True
    press = ensure_outlet(session, name="El País", medium="print")
    for n, (outlet, when) in enumerate(
        [(portal, at(2026, 1, 3)), (portal, at(2026, 1, 31, 22)), (press, at(2026, 1, 3))]
    ):
        session.add(article(outlet, f"https://x.test/{n}", when))
    session.commit()
    (web,) = activity(
        session, from_=date(2026, 1, 1), to=date(2026, 1, 31), tz=BOGOTA, platform="web"
    )
    assert (web.platform, web.account, web.posts) == ("web", "Portal Alcaldía de Cali", 2)
    assert (web.interactions, web.impressions, web.views, web.engagement_rate) == (
        None,
        None,
        None,
        None,
    )


def test_one_interactions_rule_for_python() -> None:
    assert (
        interactions(
            "twitter", {"reactions": 1, "comments": 2, "shares": 3, "quotes": 4, "saves": 100}
        )
        == 10
    )
    assert interactions("instagram", {"reactions": None, "comments": None}) is None
    assert interactions("youtube", {"reactions": 5, "comments": None, "shares": 7}) == 5
