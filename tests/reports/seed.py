"""A fixture database of known content for week 2026-W46 (Mon 9 – Sun 15 November 2026).

Every number the report tests expect is derived in the comments next to the rows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.accounts import ensure_account
from storage.keys import name_key
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
    Story,
)
from storage.outlets import ensure_outlet

BOGOTA = ZoneInfo("America/Bogota")
WEEK_START = date(2026, 11, 9)
NOW = datetime(2026, 11, 16, 8, 0, tzinfo=BOGOTA)
SCRIPT = '<script>alert("x")</script>'
T0 = datetime(2026, 11, 16, tzinfo=UTC)


def local(y: int, m: int, d: int, hh: int = 12, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=BOGOTA).astimezone(UTC)


def _snap(session: Session, account: Account, day: date, followers: int) -> None:
    session.add(
        FollowerSnapshot(
            account_id=account.id, day=day, followers=followers, source="collected", collected_at=T0
        )
    )


def seed_followers(session: Session) -> dict[str, Account]:
    fb = ensure_account(
        session, platform="facebook", handle="AlcaldiaDeCali", display_name="Alcaldía de Cali"
    )
    tw = ensure_account(session, platform="twitter", handle="AlcaldiaDeCali")
    ig = ensure_account(session, platform="instagram", handle="alcaldiadecali")
    yt = ensure_account(session, platform="youtube", handle="AlcaldiaCali")  # no figures at all
    peer = ensure_account(
        session,
        platform="facebook",
        handle="GobValle",
        display_name="Gobernación del Valle",
        own=False,
    )
    # Facebook: 485.500 (Sun 1 Nov) -> 486.000 (Sun 8 Nov) -> every day up to 486.513 (Sun 15).
    _snap(session, fb, date(2026, 11, 1), 485_500)
    _snap(session, fb, date(2026, 11, 8), 486_000)
    for k in range(1, 8):
        _snap(session, fb, date(2026, 11, 8) + timedelta(days=k), 486_000 + round(513 * k / 7))
    # Sparkline: Sundays of earlier weeks, W40 (Sun 4 Oct) left without a figure.
    for weeks_back, followers in [
        (3, 485_000),
        (4, 484_000),
        (5, 483_000),
        (7, 481_000),
        (8, 480_000),
    ]:
        _snap(session, fb, date(2026, 11, 15) - timedelta(weeks=weeks_back), followers)
    # Twitter: 273.800 (1 Nov) -> 274.000 (8 Nov) -> every day up to 274.680 (15 Nov).
    _snap(session, tw, date(2026, 11, 1), 273_800)
    _snap(session, tw, date(2026, 11, 8), 274_000)
    for k in range(1, 8):
        _snap(session, tw, date(2026, 11, 8) + timedelta(days=k), 274_000 + round(680 * k / 7))
    # Instagram: 182.500 (1 Nov) -> 183.000 (8 Nov); this week only 9, 10 and 12 Nov.
    _snap(session, ig, date(2026, 11, 1), 182_500)
    _snap(session, ig, date(2026, 11, 8), 183_000)
    _snap(session, ig, date(2026, 11, 9), 183_100)
    _snap(session, ig, date(2026, 11, 10), 183_500)
    _snap(session, ig, date(2026, 11, 12), 183_900)
    # Peer: 99.900 (1 Nov) -> 100.000 (8 Nov) -> 100.250 (15 Nov), nothing in between.
    _snap(session, peer, date(2026, 11, 1), 99_900)
    _snap(session, peer, date(2026, 11, 8), 100_000)
    _snap(session, peer, date(2026, 11, 15), 100_250)
    session.flush()
    return {"fb": fb, "tw": tw, "ig": ig, "yt": yt, "peer": peer}


def _post(
    session: Session,
    account: Account,
    pid: str,
    at: datetime,
    metrics: list[tuple[date, int | None, int | None, int | None, int | None]],
    text: str | None = None,
    url: str | None = None,
) -> None:
    post = Post(
        account_id=account.id,
        platform_post_id=pid,
        published_at=at,
        url=url if url is not None else f"https://example.org/{account.platform}/{pid}",
        text=text or f"post {pid}",
        first_seen_at=T0,
    )
    session.add(post)
    session.flush()
    for day, reactions, comments, shares, views in metrics:
        session.add(
            PostMetricSnapshot(
                post_id=post.id,
                day=day,
                reactions=reactions,
                comments=comments,
                shares=shares,
                views=views,
                collected_at=T0,
            )
        )


def seed_posts(session: Session, accounts: dict[str, Account]) -> None:
    fb, tw, ig, peer = accounts["fb"], accounts["tw"], accounts["ig"], accounts["peer"]
    nov12, nov16, nov20 = date(2026, 11, 12), date(2026, 11, 16), date(2026, 11, 20)
    # W46 Facebook: p1 230 (latest snapshot up to 16 Nov), p2 56 (Sun 23:30 Bogotá = Mon UTC),
    # p4 without metrics; p3 is Mon 16 Nov 00:30 Bogotá: next week.
    _post(
        session,
        fb,
        "fb-p1",
        local(2026, 11, 10, 15),
        [(nov12, 100, 10, 5, None), (nov16, 200, 20, 10, None), (nov20, 999, 99, 99, None)],
    )
    _post(session, fb, "fb-p2", local(2026, 11, 15, 23, 30), [(nov16, 50, 5, 1, None)])
    _post(session, fb, "fb-p3", local(2026, 11, 16, 0, 30), [(nov16, 5000, 0, 0, None)])
    _post(session, fb, "fb-p4", local(2026, 11, 9, 0, 10), [])
    # W46 Twitter: t1 400, t2 12 (comments unknown), t3 1 with hostile text and link.
    _post(
        session, tw, "1790000000000000001", local(2026, 11, 11, 10), [(nov16, 300, 40, 60, 12_000)]
    )
    _post(session, tw, "1790000000000000002", local(2026, 11, 13), [(nov16, 10, None, 2, 500)])
    _post(
        session,
        tw,
        "1790000000000000003",
        local(2026, 11, 14),
        [(nov16, 1, 0, 0, None)],
        text=SCRIPT + " hola",
        url="javascript:alert(1)",
    )
    # A peer's post never counts as the office's.
    _post(session, peer, "peer-1", local(2026, 11, 11), [(nov16, 10_000, 0, 0, None)])
    # W45: Facebook 100, Instagram 44.
    _post(session, fb, "fb-w45", local(2026, 11, 4), [(nov12, 100, 0, 0, None)])
    _post(session, ig, "ig-w45", local(2026, 11, 5), [(nov12, 40, 4, 0, None)])
    # Earlier this year (year to date), and one on 31 Dec 2025 23:30 Bogotá (1 Jan UTC): last year.
    _post(session, fb, "fb-mar-1", local(2026, 3, 2), [])
    _post(session, fb, "fb-mar-2", local(2026, 3, 3), [])
    _post(session, tw, "tw-jan", local(2026, 1, 1, 0, 30), [])
    _post(session, tw, "tw-dec", local(2025, 12, 31, 23, 30), [])
    session.flush()


def _article(
    session: Session,
    outlet_id: int,
    n: int,
    title: str,
    day: date | None,
    story: Story | None,
    fetched: datetime = T0,
) -> None:
    article = Article(
        outlet_id=outlet_id,
        canonical_url=f"https://news.example.org/{n}",
        url=f"https://news.example.org/{n}",
        title=title,
        title_key=name_key(title),
        published_at=local(day.year, day.month, day.day, 9, n) if day else None,
        published_day=day,
        story_id=story.id if story else None,
        fetched_at=fetched,
    )
    session.add(article)
    session.flush()
    session.add(Mention(article_id=article.id, matched_terms=["Alcaldía de Cali"], matched_at=T0))


def seed_news(session: Session) -> dict[str, int]:
    outlets = {
        "pais": ensure_outlet(session, name="El País", medium="print").id,
        "n90": ensure_outlet(session, name="Noticiero 90 Minutos", medium="tv").id,
        "cec": ensure_outlet(session, name="Cali es Cali", medium="web").id,
        "blu": ensure_outlet(session, name="Blu Radio", medium="radio").id,
        "tp": ensure_outlet(session, name="Telepacífico", medium="tv").id,
    }
    s1 = Story(title="Alcaldía anuncia plan de movilidad", created_at=T0)
    s2 = Story(title="Nuevo parque en el oriente", created_at=T0)
    session.add_all([s1, s2])
    session.flush()
    d10, d11, d12 = date(2026, 11, 10), date(2026, 11, 11), date(2026, 11, 12)
    _article(session, outlets["pais"], 1, "Alcaldía anuncia plan de movilidad", d10, s1)
    _article(session, outlets["cec"], 2, "La Alcaldía anuncia plan de movilidad", d10, s1)
    _article(session, outlets["blu"], 3, "Plan de movilidad de la Alcaldía", d11, s1)
    _article(session, outlets["pais"], 4, "Nuevo parque en el oriente", d11, s2)
    _article(session, outlets["n90"], 5, "Nuevo parque en el oriente de Cali", d11, s2)
    _article(session, outlets["cec"], 6, SCRIPT + " Título", d12, None)
    # Undated, found on Saturday 14 Nov: counted that day.
    _article(session, outlets["blu"], 7, "Sin fecha", None, None, fetched=local(2026, 11, 14, 10))
    # Previous week (W45): one mention.
    _article(session, outlets["pais"], 8, "Semana anterior", date(2026, 11, 4), None)
    # Matched nothing: an article without a mention is not counted.
    session.add(
        Article(
            outlet_id=outlets["pais"],
            canonical_url="https://news.example.org/9",
            url="https://news.example.org/9",
            title="Deportes",
            published_day=d11,
            fetched_at=T0,
        )
    )
    session.flush()
    return outlets


def _rate(
    session: Session, outlet_id: int, medium: str, unit: str, price: int, since: date, row: int
) -> None:
    session.add(
        RateCard(
            outlet_id=outlet_id,
            program=None,
            program_key="",
            medium=medium,
            unit=unit,
            price_cop=Decimal(price),
            valid_from=since,
            source_file="tarifas.csv",
            source_row=row,
            imported_at=T0,
        )
    )


def _clip(
    session: Session, outlet_id: int, n: int, day: date, seconds: int | None, cm: str | None = None
) -> None:
    session.add(
        Clip(
            clip_key=f"clip-{n}",
            outlet_id=outlet_id,
            program="Noticiero 90 Minutos" if seconds else None,
            program_key="",
            aired_on=day,
            title=f"Nota {n}",
            duration_s=seconds,
            column_cm=Decimal(cm) if cm else None,
            source_file="cortes.csv",
            source_row=n + 1,
            imported_at=T0,
        )
    )


def seed_free_press(session: Session, outlets: dict[str, int]) -> None:
    _rate(session, outlets["n90"], "tv", "minute", 3_900_000, date(2020, 1, 1), 2)
    _rate(session, outlets["pais"], "print", "column_cm", 120_000, date(2026, 1, 1), 3)
    _rate(session, outlets["cec"], "web", "item", 500_000, date(2026, 1, 1), 4)
    # domain.md's newscast of 13 May 2020, on 13 Nov 2026: 591 s at $3.900.000/min = $38.415.000.
    for n, seconds in enumerate([168, 105, 166, 83, 69], start=1):
        _clip(session, outlets["n90"], n, date(2026, 11, 13), seconds)
    _clip(session, outlets["pais"], 6, date(2026, 11, 10), None, "25.5")  # 25,5 cm = $3.060.000
    _clip(session, outlets["tp"], 7, date(2026, 11, 14), 60)  # no rate card: unvalued
    _clip(session, outlets["n90"], 8, date(2026, 11, 3), 60)  # W45: $3.900.000
    session.flush()


def _run(
    session: Session,
    day: date,
    results: list[tuple[str, str, str, str | None, str | None]],
    flags: dict[str, Any] | None = None,
) -> None:
    run = CollectionRun(
        day=day, kind="nightly", status="partial", started_at=T0, finished_at=T0, flags=flags
    )
    session.add(run)
    session.flush()
    for source, kind, status, error_kind, reason in results:
        session.add(
            SourceResult(
                run_id=run.id,
                source=source,
                kind=kind,
                status=status,
                error_kind=error_kind,
                reason=reason,
                started_at=T0,
                finished_at=T0,
            )
        )


AUTH_REASON = "Meta token expired on 2026-11-10; create a new long-lived token"


def seed_runs(session: Session) -> None:
    fb = ("facebook:AlcaldiaDeCali", "facebook", "ok", None, None)
    ig = ("instagram:alcaldiadecali", "instagram", "failed", "auth", AUTH_REASON)
    _run(session, date(2026, 9, 1), [("news:Old Outlet", "news", "failed", "unavailable", "gone")])
    _run(
        session,
        date(2026, 11, 10),
        [
            fb,
            ("twitter:AlcaldiaDeCali", "twitter", "ok", None, None),
            ig,
            (
                "news:Blu Radio",
                "news",
                "failed",
                "unavailable",
                "HTTP 403: blocked by the outlet's firewall",
            ),
        ],
    )
    _run(session, date(2026, 11, 12), [("news:El País", "news", "ok", None, None)])
    _run(
        session,
        date(2026, 11, 14),
        [
            fb,
            ("twitter:AlcaldiaDeCali", "twitter", "ok", None, None),
            ig,
            ("news:Blu Radio", "news", "ok", None, None),
            ("news:El País", "news", "failed", "timeout", "read timeout after 30 s"),
        ],
    )
    _run(
        session,
        date(2026, 11, 15),
        [
            fb,
            (
                "twitter:AlcaldiaDeCali",
                "twitter",
                "failed",
                "rate_limited",
                "X asked to wait until 03:15",
            ),
            ig,
            ("news:Blu Radio", "news", "ok", None, None),
            ("news:El País", "news", "failed", "timeout", "read timeout after 30 s"),
        ],
        flags={
            "token_expiry": {
                "facebook:AlcaldiaDeCali": "2026-11-20",
                "tiktok:alcaldiacali": "2027-03-01",
            }
        },
    )
    session.flush()


def seed_all(session: Session) -> None:
    accounts = seed_followers(session)
    seed_posts(session, accounts)
    outlets = seed_news(session)
    seed_free_press(session, outlets)
    seed_runs(session)
    session.commit()
