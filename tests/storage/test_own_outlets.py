"""The city's own portal (`own = true`): collected like any outlet, its items are the office's
web publications, never press mentions, never in the weekly news, never free press."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectors.news.harvest import Harvest, Harvested, OutletPlan
from collectors.news.matching import MentionMatch
from collectors.records import Article as ArticleRecord
from reports.queries.news import week_mentions
from reports.queries.posts import posts_per_platform
from reports.week import week_of
from storage.activity import activity
from storage.coverage_reads import mention_items
from storage.mention_reads import mention_rows
from storage.models import Mention, Outlet, RateCard
from storage.news import store_harvest
from storage.outlets import ensure_outlet

BOGOTA = ZoneInfo("America/Bogota")
NOW = datetime(2026, 11, 12, 7, 0, tzinfo=UTC)
MATCH = MentionMatch(
    ("Alcaldía de Cali",), in_title=True, in_body=False, snippet="Alcaldía de Cali"
)


def harvest(name: str, own: bool, urls: list[str]) -> Harvest:
    plan = OutletPlan(name=name, medium="web", feeds=("https://x.test/rss",), own=own)
    items = [
        Harvested(
            ArticleRecord(
                outlet=name,
                url=url,
                canonical_url=url,
                fetched_at=NOW,
                title=f"La Alcaldía de Cali anuncia {n}",
                published_at=datetime(2026, 11, 10, 15, n, tzinfo=UTC),
                text="La Alcaldía de Cali anunció hoy obras.",
            ),
            MATCH,
            None,
        )
        for n, url in enumerate(urls)
    ]
    return Harvest(outlet=plan, items=items)


def store_both(session: Session) -> None:
    portal = ["https://www.cali.gov.co/n/1", "https://www.cali.gov.co/n/2"]
    store_harvest(session, harvest("Portal Alcaldía", True, portal), now=NOW)
    store_harvest(session, harvest("Cali Web", False, ["https://caliweb.test/a"]), now=NOW)
    for outlet in session.scalars(select(Outlet)):
        session.add(
            RateCard(
                outlet_id=outlet.id,
                medium="web",
                unit="item",
                price_cop=Decimal(1_000_000),
                valid_from=date(2026, 1, 1),
                imported_at=NOW,
            )
        )
    session.commit()


def test_own_portal_items_are_stored_but_are_not_mentions(session: Session) -> None:
    store_both(session)
    portal = session.scalars(select(Outlet).where(Outlet.name == "Portal Alcaldía")).one()
    assert portal.own is True
    assert session.scalar(select(func.count(Mention.id))) == 1  # Cali Web's only
    assert [r.outlet for r in mention_rows(session, from_=date(2026, 11, 1))] == ["Cali Web"]


def test_own_portal_is_kept_out_even_with_older_mention_rows(session: Session) -> None:
    """An outlet marked own after its items were matched: no query counts them."""
    store_harvest(
        session, harvest("Portal Alcaldía", False, ["https://www.cali.gov.co/n/9"]), now=NOW
    )
    store_harvest(session, harvest("Cali Web", False, ["https://caliweb.test/a"]), now=NOW)
    ensure_outlet(session, name="Portal Alcaldía", own=True)
    session.commit()
    assert session.scalar(select(func.count(Mention.id))) == 2
    assert [r.outlet for r in mention_rows(session)] == ["Cali Web"]
    week = week_of(date(2026, 11, 10))
    assert [m.outlet for m in week_mentions(session, week, BOGOTA)] == ["Cali Web"]
    items = mention_items(session, date(2026, 11, 1), date(2026, 11, 30), BOGOTA)
    assert [i.outlet for i in items] == ["Cali Web"]


def test_own_portal_items_are_web_publications(session: Session) -> None:
    store_both(session)
    (web,) = activity(
        session, from_=date(2026, 11, 1), to=date(2026, 11, 30), tz=BOGOTA, platform="web"
    )
    assert (web.account, web.posts) == ("Portal Alcaldía", 2)
    start = datetime(2026, 11, 1, 5, tzinfo=UTC)
    assert posts_per_platform(session, start, datetime(2026, 12, 1, 5, tzinfo=UTC)) == {"web": 2}
