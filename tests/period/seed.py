"""The office's 2021 accountability period (1 January 2020 to 30 September 2021) in
miniature. Every figure the period tests expect is derived in the comments beside the rows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.accounts import ensure_account
from storage.models import (
    Account,
    Article,
    Clip,
    CollectionRun,
    FollowerSnapshot,
    Mention,
    Post,
    PostMetricSnapshot,
    RateCard,
    SourceResult,
)
from storage.outlets import ensure_outlet

BOGOTA = ZoneInfo("America/Bogota")
T0 = datetime(2021, 10, 1, tzinfo=UTC)
FROM, TO = date(2020, 1, 1), date(2021, 9, 30)
SCRIPT = '<script>alert("x")</script>'


def local(y: int, m: int, d: int, hh: int = 12) -> datetime:
    return datetime(y, m, d, hh, tzinfo=BOGOTA).astimezone(UTC)


def _snap(session: Session, account: Account, day: date, followers: int) -> None:
    session.add(
        FollowerSnapshot(
            account_id=account.id, day=day, followers=followers, source="imported", collected_at=T0
        )
    )


def seed_followers(session: Session) -> dict[str, Account]:
    """domain.md's figures: Instagram 80.000 -> 183.900 (103.900 new, not the printed
    113.900); Facebook 235.343 -> 486.513; a peer account apart."""
    ig = ensure_account(session, platform="instagram", handle="alcaldiadecali")
    fb = ensure_account(
        session, platform="facebook", handle="AlcaldiaDeCali", display_name="Alcaldía de Cali"
    )
    peer = ensure_account(session, platform="facebook", handle="GobValle", own=False)
    _snap(session, ig, date(2020, 1, 1), 80_000)
    _snap(session, ig, date(2021, 6, 30), 150_000)
    _snap(session, ig, date(2021, 9, 30), 183_900)
    _snap(session, fb, date(2020, 1, 1), 235_343)
    _snap(session, fb, date(2021, 9, 30), 486_513)
    _snap(session, peer, date(2020, 1, 1), 10_000)
    _snap(session, peer, date(2021, 9, 30), 12_000)
    session.flush()
    return {"ig": ig, "fb": fb, "peer": peer}


def _post(
    session: Session, account: Account, pid: str, at: datetime, metrics: tuple[int, int, int]
) -> None:
    post = Post(
        account_id=account.id,
        platform_post_id=pid,
        published_at=at,
        url=f"https://example.org/{pid}",
        text=f"post {pid}" if pid != "fb-3" else SCRIPT,
        first_seen_at=T0,
    )
    session.add(post)
    session.flush()
    reactions, comments, shares = metrics
    session.add(
        PostMetricSnapshot(
            post_id=post.id,
            day=at.date(),
            reactions=reactions,
            comments=comments,
            shares=shares,
            collected_at=T0,
        )
    )


def seed_posts(session: Session, accounts: dict[str, Account]) -> None:
    """Facebook: 3 posts in the period (Jan 2020: 100 + 300; Sep 2021: 1.000), one in Oct 2021
    (outside). Instagram: 1 post in May 2021 (50). A peer's post never counts."""
    fb, ig, peer = accounts["fb"], accounts["ig"], accounts["peer"]
    _post(session, fb, "fb-1", local(2020, 1, 10), (80, 10, 10))
    _post(session, fb, "fb-2", local(2020, 1, 20), (200, 50, 50))
    _post(session, fb, "fb-3", local(2021, 9, 29), (900, 60, 40))
    _post(session, fb, "fb-4", local(2021, 10, 2), (5_000, 0, 0))
    _post(session, ig, "ig-1", local(2021, 5, 5), (45, 5, 0))
    _post(session, peer, "peer-1", local(2021, 5, 5), (9_999, 0, 0))
    session.flush()


def _article(session: Session, outlet_id: int, n: int, day: date) -> None:
    article = Article(
        outlet_id=outlet_id,
        canonical_url=f"https://news.example.org/{n}",
        url=f"https://news.example.org/{n}",
        title=f"nota {n}",
        title_key=f"nota {n}",
        published_at=local(day.year, day.month, day.day, 9),
        published_day=day,
        fetched_at=T0,
    )
    session.add(article)
    session.flush()
    session.add(Mention(article_id=article.id, matched_terms=["Alcaldía de Cali"], matched_at=T0))


def seed_news(session: Session) -> dict[str, int]:
    """7 mentions in the period (4 El País, 3 Noticiero 90 Minutos), 1 after it."""
    pais = ensure_outlet(session, name="El País", medium="print").id
    n90 = ensure_outlet(session, name="Noticiero 90 Minutos", medium="tv").id
    for n, day in enumerate([date(2020, 2, 1), date(2020, 3, 1), date(2021, 1, 5), FROM], 1):
        _article(session, pais, n, day)
    for n, day in enumerate([date(2020, 5, 13), date(2021, 9, 30), date(2020, 7, 1)], 10):
        _article(session, n90, n, day)
    _article(session, pais, 20, date(2021, 10, 1))
    session.flush()
    return {"pais": pais, "n90": n90}


def seed_free_press(session: Session, outlets: dict[str, int]) -> None:
    """The newscast of 13 May 2020: 2:48 + 1:45 + 2:46 + 1:23 + 1:09 = 591 s at $3.900.000 a
    minute = $38.415.000 before IVA; IVA $7.298.850; $45.713.850 with IVA."""
    session.add(
        RateCard(
            outlet_id=outlets["n90"],
            program_key="",
            medium="tv",
            unit="minute",
            price_cop=Decimal(3_900_000),
            valid_from=date(2020, 1, 1),
            source_file="tarifas.csv",
            source_row=2,
            imported_at=T0,
        )
    )
    for n, seconds in enumerate([168, 105, 166, 83, 69], start=1):
        session.add(
            Clip(
                clip_key=f"clip-{n}",
                outlet_id=outlets["n90"],
                program="Noticiero 90 Minutos",
                program_key="",
                aired_on=date(2020, 5, 13),
                title=f"Nota {n}",
                duration_s=seconds,
                source_file="cortes.csv",
                source_row=n + 1,
                imported_at=T0,
            )
        )
    session.flush()


def seed_runs(session: Session) -> None:
    """Two nights collected in the period: 29 Sep 2021 ok, 30 Sep 2021 partial (1 failure)."""
    for day, status in [(date(2021, 9, 29), "ok"), (date(2021, 9, 30), "partial")]:
        run = CollectionRun(day=day, kind="nightly", status=status, started_at=T0, finished_at=T0)
        session.add(run)
        session.flush()
        session.add(
            SourceResult(
                run_id=run.id,
                source="instagram:alcaldiadecali",
                kind="instagram",
                status="failed" if status == "partial" else "ok",
                error_kind="auth" if status == "partial" else None,
                reason="token expired" if status == "partial" else None,
                started_at=T0,
                finished_at=T0,
            )
        )


def seed_period(session: Session) -> None:
    accounts = seed_followers(session)
    seed_posts(session, accounts)
    seed_free_press(session, seed_news(session))
    seed_runs(session)
    session.commit()


__all__ = ["FROM", "TO", "seed_period"]
