"""A period reaching the calendar's ends (0001-01-01, 9999-12-31) is a valid, open-ended period."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from storage.coverage_reads import mention_items
from storage.days import day_end, day_start
from storage.mention_reads import mention_rows
from storage.models import Article, Mention
from storage.outlets import ensure_outlet

BOGOTA = ZoneInfo("America/Bogota")
FETCHED = datetime(2026, 11, 20, 12, tzinfo=UTC)


@pytest.fixture
def two_articles(session: Session) -> Session:
    """One dated article and one without a date (it counts on its fetch day)."""
    outlet = ensure_outlet(session, name="El País", medium="print")
    for n, published in enumerate((datetime(2026, 11, 10, 15, tzinfo=UTC), None)):
        article = Article(
            outlet_id=outlet.id,
            canonical_url=f"https://elpais.com.co/{n}",
            url=f"https://elpais.com.co/{n}",
            title=f"Nota {n}",
            title_key=f"nota {n}",
            published_at=published,
            published_day=published.date() if published else None,
            fetched_at=FETCHED,
        )
        session.add(article)
        session.flush()
        session.add(
            Mention(
                article_id=article.id,
                matched_terms=["Alcaldía de Cali"],
                in_title=True,
                in_body=False,
                snippet="",
                matched_at=FETCHED,
            )
        )
    session.flush()
    return session


def test_mentions_up_to_the_last_day_of_the_calendar_are_all_mentions(
    two_articles: Session,
) -> None:
    rows = mention_rows(two_articles, from_=date.min, to=date.max, tz=BOGOTA)
    assert [r.title for r in rows] == ["Nota 0", "Nota 1"]


def test_valuation_items_over_the_whole_calendar_include_the_undated_article(
    two_articles: Session,
) -> None:
    items = mention_items(two_articles, date.min, date.max, BOGOTA)
    assert sorted(i.title for i in items) == ["Nota 0", "Nota 1"]


def test_day_bounds_at_the_calendar_ends_are_open() -> None:
    east = timezone(timedelta(hours=14))
    assert day_end(date.max, BOGOTA) is None
    assert day_start(date.min, east) is None  # year 1 starts before the calendar in UTC
    assert day_start(date.max, BOGOTA) == datetime(9999, 12, 31, 5, tzinfo=UTC)
    assert day_end(date(2026, 11, 20), BOGOTA) == datetime(2026, 11, 21, 5, tzinfo=UTC)
