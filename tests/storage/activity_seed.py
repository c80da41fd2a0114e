"""A small office for activity tests: Facebook, X and Instagram posts around the end of
January 2026 in Bogotá, measured on several days, a peer that never counts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.accounts import ensure_account
from storage.models import Account, Article, FollowerSnapshot, Outlet, Post, PostMetricSnapshot

BOGOTA = ZoneInfo("America/Bogota")
T0 = datetime(2026, 3, 1, tzinfo=UTC)


def at(y: int, m: int, d: int, hh: int = 12, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=BOGOTA).astimezone(UTC)


def post(session: Session, account: Account, pid: str, when: datetime) -> Post:
    row = Post(account_id=account.id, platform_post_id=pid, published_at=when, first_seen_at=T0)
    session.add(row)
    session.flush()
    return row


def metrics(session: Session, row: Post, day: date, **counts: int | None) -> None:
    session.add(PostMetricSnapshot(post_id=row.id, day=day, collected_at=T0, **counts))


def followers(session: Session, account: Account, day: date, count: int) -> None:
    session.add(
        FollowerSnapshot(
            account_id=account.id, day=day, followers=count, source="collected", collected_at=T0
        )
    )


def seed_office(session: Session) -> dict[str, Account]:
    fb = ensure_account(session, platform="facebook", handle="AlcaldiaDeCali")
    tw = ensure_account(session, platform="twitter", handle="AlcaldiaDeCali")
    ig = ensure_account(session, platform="instagram", handle="alcaldiadecali")
    peer = ensure_account(session, platform="facebook", handle="GobValle", own=False)
    # Facebook: two posts in January; the first measured twice (the later one, 20 Jan, counts
    # when --to is after it; the 3 Feb one is after --to 31 Jan and never counts then).
    p1 = post(session, fb, "fb1", at(2026, 1, 5))
    metrics(session, p1, date(2026, 1, 6), reactions=10, comments=2, shares=1)
    metrics(session, p1, date(2026, 1, 20), reactions=100, comments=20, shares=5)
    metrics(session, p1, date(2026, 2, 3), reactions=999, comments=999, shares=999)
    p2 = post(session, fb, "fb2", at(2026, 1, 31, 23, 30))  # 04:30 UTC on 1 Feb: still January
    metrics(session, p2, date(2026, 1, 31), reactions=40, comments=None, shares=None)
    post(session, fb, "fb3", at(2026, 2, 1, 0, 10))  # February in Bogotá (05:10 UTC)
    # X: likes + replies + reposts + quotes (bookmarks are not interactions); impressions.
    t1 = post(session, tw, "tw1", at(2026, 1, 12))
    metrics(
        session,
        t1,
        date(2026, 1, 13),
        reactions=7,
        comments=3,
        shares=2,
        quotes=1,
        saves=50,
        views=900,
    )
    # Instagram: likes hidden, comments known; views refused (NULL).
    i1 = post(session, ig, "ig1", at(2026, 1, 20))
    metrics(session, i1, date(2026, 1, 21), reactions=None, comments=4, views=None)
    # A peer's post never counts as the office's activity.
    g1 = post(session, peer, "peer1", at(2026, 1, 10))
    metrics(session, g1, date(2026, 1, 11), reactions=5000)
    followers(session, fb, date(2026, 1, 31), 1_000)
    followers(session, tw, date(2026, 2, 2), 500)  # after --to: unknown at 31 Jan
    session.commit()
    return {"facebook": fb, "twitter": tw, "instagram": ig}


def article(outlet: Outlet, url: str, when: datetime) -> Article:
    return Article(
        outlet_id=outlet.id,
        canonical_url=url,
        url=url,
        title=url,
        published_at=when,
        published_day=when.astimezone(BOGOTA).date(),
        fetched_at=T0,
    )
