"""The seen-set and mentions in the database: one article per URL and per title-day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import Engine, func, select

from collectors.news.discover import Validators
from collectors.news.harvest import Harvest, Harvested, OutletPlan
from collectors.news.matching import MentionMatch
from collectors.records import Article
from storage.db import transaction
from storage.mention_reads import mention_rows
from storage.models import Article as ArticleRow
from storage.news import feed_validators, seen_urls, store_harvest

NOW = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
MINUS5 = timezone(timedelta(hours=-5))
MATCH = MentionMatch(("Alcaldía de Cali",), True, False, "Alcaldía de Cali anuncia")
PLAN = OutletPlan(name="El País", medium="print")


def _item(
    url: str, title: str | None, published: datetime | None, match: MentionMatch | None = MATCH
) -> Harvested:
    article = Article(
        outlet="El País",
        url=url,
        canonical_url=url,
        fetched_at=NOW,
        title=title,
        published_at=published,
    )
    return Harvested(article, match, None)


def _store(
    engine: Engine, *items: Harvested, validators: dict[str, Validators] | None = None
) -> dict[str, int]:
    harvest = Harvest(outlet=PLAN, items=list(items), validators=validators or {})
    with transaction(engine) as session:
        return store_harvest(session, harvest, now=NOW)


def test_same_outlet_title_and_day_under_two_urls_is_one_article(any_engine: Engine) -> None:
    published = datetime(2026, 11, 20, 23, 30, tzinfo=MINUS5)  # 04:30 UTC on the 21st
    counts = _store(
        any_engine,
        _item("https://elpais.com.co/a", "¡Alcaldía de Cali anuncia cierres!", published),
        _item(
            "https://elpais.com.co/a-2",
            "alcaldia de cali anuncia cierres",
            published + timedelta(minutes=20),
        ),
        _item("https://elpais.com.co/a", "Otro título", published),
    )
    assert (counts["articles"], counts["duplicates"], counts["mentions"]) == (1, 2, 1)
    with transaction(any_engine) as session:
        row = session.scalars(select(ArticleRow)).one()
        assert row.published_day == date(2026, 11, 20)  # the Bogotá day, not the UTC one


def test_same_title_on_another_day_is_another_article(any_engine: Engine) -> None:
    day1 = datetime(2026, 11, 20, 9, tzinfo=MINUS5)
    counts = _store(
        any_engine,
        _item("https://elpais.com.co/pico-y-placa-1", "Pico y placa en Cali", day1, None),
        _item(
            "https://elpais.com.co/pico-y-placa-2",
            "Pico y placa en Cali",
            day1 + timedelta(days=1),
            None,
        ),
    )
    assert (counts["articles"], counts["mentions"]) == (2, 0)


def test_seen_set_and_feed_validators_live_in_the_database(any_engine: Engine) -> None:
    _store(
        any_engine,
        _item("https://elpais.com.co/a", "A", None),
        validators={
            "https://elpais.com.co/feed": Validators('"v1"', "Fri, 20 Nov 2026 18:02:11 GMT")
        },
    )
    _store(any_engine, validators={"https://elpais.com.co/feed": Validators('"v2"', None)})
    with transaction(any_engine) as session:
        assert seen_urls(session, ["https://elpais.com.co/a", "https://elpais.com.co/b"]) == {
            "https://elpais.com.co/a"
        }
        assert feed_validators(session, ["https://elpais.com.co/feed"]) == {
            "https://elpais.com.co/feed": Validators('"v2"', None)
        }


def test_mentions_filter_by_bogota_days_outlet_and_fetch_day_when_undated(
    any_engine: Engine,
) -> None:
    _store(
        any_engine,
        _item("https://elpais.com.co/late", "Tarde", datetime(2026, 11, 19, 23, 0, tzinfo=MINUS5)),
        _item(
            "https://elpais.com.co/early", "Temprano", datetime(2026, 11, 20, 6, 0, tzinfo=MINUS5)
        ),
        _item("https://elpais.com.co/undated", "Sin fecha", None),
    )
    with transaction(any_engine) as session:
        on_19 = mention_rows(session, from_=date(2026, 11, 19), to=date(2026, 11, 19))
        on_20_21 = mention_rows(session, from_=date(2026, 11, 20), to=date(2026, 11, 21))
        other = mention_rows(session, outlet="Caracol Radio")
        by_name = mention_rows(session, outlet=" el pais ")
        assert [r.title for r in on_19] == ["Tarde"]
        assert [r.title for r in on_20_21] == ["Temprano", "Sin fecha"]
        assert other == [] and len(by_name) == 3
        assert on_19[0].matched_terms == ["Alcaldía de Cali"] and on_19[0].medium == "print"
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 3
