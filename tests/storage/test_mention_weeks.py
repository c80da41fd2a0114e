"""The kept weekly mention counts (mention_weeks) give the figures counting the mentions gives:
after storing, storing again, rows written past storage, another zone, an outlet turned own,
and on a database migrated with mentions in it. Paged mention lists read dated and undated
rows apart and still page through one order."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from sqlalchemy import Engine, select, text

from collectors.news.harvest import Harvest, Harvested, OutletPlan
from collectors.news.matching import MentionMatch
from collectors.records import Article
from storage import mention_weeks
from storage.db import make_engine, session_factory, transaction
from storage.mention_reads import mention_rows, mention_total, mention_week_counts
from storage.migrate import alembic_config, upgrade
from storage.models import Article as ArticleRow
from storage.models import Mention, MentionWeek, Outlet
from storage.news import store_harvest

BOGOTA = ZoneInfo("America/Bogota")
KOLKATA = ZoneInfo("Asia/Kolkata")  # +05:30: its weeks start at another instant
NOW = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
FIRST = datetime(2025, 9, 1, tzinfo=UTC)
MATCH = MentionMatch(("Alcaldía de Cali",), True, False, "Alcaldía de Cali anuncia")
OUTLETS = (("El País", "print"), ("Blu Radio", "radio"), ("Cali es Cali", "web"))


def _harvests(seed: int, count: int) -> list[Harvest]:
    """Mentions at random instants over 15 months, many near local midnight (where the zone
    decides the day and so the week), a few undated."""
    draw = random.Random(seed)
    found = [Harvest(outlet=OutletPlan(name=name, medium=medium)) for name, medium in OUTLETS]
    for n in range(count):
        published: datetime | None = FIRST + timedelta(
            days=draw.randrange(450),
            hours=draw.choice((4, 5, 6, 17, 18, 23)),
            minutes=draw.randrange(60),
        )
        if n % 25 == 0:
            published = None
        url = f"https://n.example.org/{seed}/{n}"
        article = Article(
            outlet=OUTLETS[n % 3][0],
            url=url,
            canonical_url=url,
            fetched_at=NOW - timedelta(days=draw.randrange(400)),
            title=f"Alcaldía nota {seed} {n}",
            published_at=published,
        )
        found[n % 3].items.append(Harvested(article, MATCH if n % 7 else None, None))
    return found


def _store(engine: Engine, harvests: list[Harvest], tz: ZoneInfo = BOGOTA) -> None:
    for harvest in harvests:  # one transaction per outlet, as the nightly flow stores them
        with transaction(engine) as session:
            store_harvest(session, harvest, now=NOW, tz=tz)


RANGES = [
    (date(2025, 9, 1), date(2026, 11, 30)),  # everything, partial weeks at both ends
    (date(2025, 9, 3), date(2025, 9, 5)),  # inside one week: no whole week
    (date(2025, 12, 1), date(2026, 3, 1)),  # a Monday to a Sunday: whole weeks only
    (date(2025, 12, 2), date(2026, 3, 2)),  # Tuesday to Monday
    (date(2026, 1, 5), date(2026, 1, 11)),  # exactly one week
    (date(2026, 6, 14), date(2026, 6, 15)),  # Sunday and Monday
]


def _counted(
    engine: Engine, start: date, end: date, outlet: str | None, tz: ZoneInfo
) -> tuple[list[tuple[date, str, int]], int]:
    """What counting the mentions gives: every row of the period grouped in Python by its
    week's first day in the period (undated rows only in the total)."""
    with session_factory(engine)() as session:
        rows = mention_rows(session, from_=start, to=end, outlet=outlet, tz=tz)
    weeks: Counter[tuple[date, str]] = Counter()
    for row in rows:
        if row.published_at is not None:
            day = row.published_at.astimezone(tz).date()
            weeks[(max(start, day - timedelta(days=day.weekday())), row.outlet)] += 1
    return sorted((d, o, n) for (d, o), n in weeks.items()), len(rows)


def _answered(
    engine: Engine, start: date, end: date, outlet: str | None, tz: ZoneInfo
) -> tuple[list[tuple[date, str, int]], int]:
    with session_factory(engine)() as session:
        weeks = mention_week_counts(session, from_=start, to=end, outlet=outlet, tz=tz)
        total = mention_total(session, from_=start, to=end, outlet=outlet, tz=tz)
    return sorted(weeks), total


def _usable(engine: Engine, tz: ZoneInfo) -> bool:
    with session_factory(engine)() as session:
        return mention_weeks.usable(session, tz)


def _assert_figures_equal(engine: Engine, tz: ZoneInfo = BOGOTA) -> None:
    for start, end in RANGES:
        for outlet in (None, "el pais", "Nadie"):
            assert _answered(engine, start, end, outlet, tz) == _counted(
                engine, start, end, outlet, tz
            ), (start, end, outlet)


def test_kept_weeks_give_the_counted_figures(any_engine: Engine) -> None:
    _store(any_engine, _harvests(1, 600))
    assert _usable(any_engine, BOGOTA)  # the kept weeks are what is read
    assert len(_counted(any_engine, *RANGES[0], None, BOGOTA)[0]) > 100  # weeks × outlets
    _assert_figures_equal(any_engine)


def test_storing_again_adds_nothing_and_more_mentions_add_up(any_engine: Engine) -> None:
    _store(any_engine, _harvests(1, 300))
    _store(any_engine, _harvests(1, 300))  # the same items again: all duplicates
    _store(any_engine, _harvests(2, 300))  # new ones in the same weeks
    assert _usable(any_engine, BOGOTA)
    _assert_figures_equal(any_engine)


def test_rows_written_past_storage_are_counted_until_the_next_harvest(any_engine: Engine) -> None:
    _store(any_engine, _harvests(1, 300))
    with transaction(any_engine) as session:  # a seed or a manual fix: not through storage
        outlet = session.scalars(select(Outlet).where(Outlet.name == "Blu Radio")).one()
        article = ArticleRow(
            outlet_id=outlet.id,
            canonical_url="https://n.example.org/by-hand",
            url="https://n.example.org/by-hand",
            title="Alcaldía a mano",
            published_at=datetime(2026, 1, 7, 12, tzinfo=UTC),
            fetched_at=NOW,
        )
        session.add(article)
        session.flush()
        session.add(Mention(article_id=article.id, matched_terms=["x"], matched_at=NOW))
    assert not _usable(any_engine, BOGOTA)
    _assert_figures_equal(any_engine)  # counted from the mentions meanwhile
    _store(any_engine, _harvests(3, 60))  # the next stored harvest rebuilds the weeks
    assert _usable(any_engine, BOGOTA)
    _assert_figures_equal(any_engine)
    with transaction(any_engine) as session:  # a mention deleted by hand
        session.execute(text("DELETE FROM mentions WHERE id = (SELECT MIN(id) FROM mentions)"))
    assert not _usable(any_engine, BOGOTA)
    _assert_figures_equal(any_engine)


def test_another_zone_rebuilds_the_weeks_in_it(any_engine: Engine) -> None:
    _store(any_engine, _harvests(1, 300))
    _store(any_engine, _harvests(4, 300), tz=KOLKATA)
    assert _usable(any_engine, KOLKATA) and not _usable(any_engine, BOGOTA)
    _assert_figures_equal(any_engine, KOLKATA)
    _assert_figures_equal(any_engine, BOGOTA)  # counted: the kept weeks are Kolkata's


def test_an_outlet_turned_own_leaves_both_counts(any_engine: Engine) -> None:
    _store(any_engine, _harvests(1, 300))
    with transaction(any_engine) as session:
        session.scalars(select(Outlet).where(Outlet.name == "Cali es Cali")).one().own = True
    assert _usable(any_engine, BOGOTA)
    _assert_figures_equal(any_engine)
    assert all(
        o != "Cali es Cali" for _, o, _ in _answered(any_engine, *RANGES[0], None, BOGOTA)[0]
    )


def test_the_migration_fills_the_weeks_of_stored_mentions(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0009")
    _store_before_the_weeks(engine)
    upgrade(engine)
    assert _usable(engine, BOGOTA)
    with session_factory(engine)() as session:
        assert session.query(MentionWeek).count() > 0
    _assert_figures_equal(engine)
    engine.dispose()


def _store_before_the_weeks(engine: Engine) -> None:
    """Mentions as a database at 0009 holds them (written as SQL: today's models have more)."""
    draw = random.Random(5)
    with engine.begin() as connection:
        for n, (name, medium) in enumerate(OUTLETS, start=1):
            connection.execute(
                text(
                    "INSERT INTO outlets (id, name, name_key, medium, own) VALUES (:i, :n, :k, :m, 0)"
                ),
                {"i": n, "n": name, "k": name.lower().replace("í", "i"), "m": medium},
            )
        for n in range(400):
            published = FIRST + timedelta(days=draw.randrange(450), hours=draw.randrange(24))
            connection.execute(
                text(
                    "INSERT INTO articles (id, outlet_id, canonical_url, url, published_at, "
                    "fetched_at) VALUES (:i, :o, :u, :u, :p, :f)"
                ),
                {
                    "i": n + 1,
                    "o": n % 3 + 1,
                    "u": f"https://n.example.org/{n}",
                    "p": None if n % 30 == 0 else published.replace(tzinfo=None),
                    "f": NOW.replace(tzinfo=None),
                },
            )
            connection.execute(
                text(
                    "INSERT INTO mentions (article_id, matched_terms, in_title, in_body, "
                    "matched_at) VALUES (:a, '[]', 1, 0, :f)"
                ),
                {"a": n + 1, "f": NOW.replace(tzinfo=None)},
            )


@pytest.mark.parametrize("newest_first", [False, True])
def test_pages_cover_the_one_order_dated_then_undated(
    any_engine: Engine, newest_first: bool
) -> None:
    _store(any_engine, _harvests(1, 300))
    start, end = date(2025, 9, 1), date(2026, 11, 30)
    with session_factory(any_engine)() as session:
        whole = mention_rows(
            session, from_=start, to=end, tz=BOGOTA, newest_first=newest_first, limit=10_000
        )
        pages = []
        for offset in range(0, len(whole) + 20, 17):  # pages that straddle dated and undated
            pages += mention_rows(
                session,
                from_=start,
                to=end,
                tz=BOGOTA,
                newest_first=newest_first,
                limit=17,
                offset=offset,
            )
        unpaged = mention_rows(session, from_=start, to=end, tz=BOGOTA)
    assert pages == whole
    assert sorted(map(repr, whole)) == sorted(map(repr, unpaged))  # the same rows
    dated = [r.published_at for r in whole if r.published_at is not None]
    assert dated == sorted(dated, reverse=newest_first)
    assert all(r.published_at is None for r in whole[len(dated) :])  # undated last
    assert len(whole) - len(dated) > 0


# Code-point order ("Zeta" < "blu" < "árbol") is not a locale's ("árbol" < "blu" < "Zeta").
ODD_OUTLETS = (("árbol", "web"), ("Zeta", "radio"), ("blu", "print"))


def test_dashboard_week_table_from_the_kept_weeks_is_the_counted_one(
    any_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mentions page's chart totals, each page of its week × outlet table (outlet names in
    code-point order, as Python sorts them, on PostgreSQL too) and its total, summed by the
    database from the kept weeks, equal grouping every counted row in Python."""
    from pulso.dashboard import mentions  # noqa: PLC0415 - the dashboard, only here
    from pulso.dashboard.weeks import week_totals  # noqa: PLC0415

    monkeypatch.setattr(mentions, "PAGE_SIZE", 7)  # pages start in the partial weeks too
    monkeypatch.setattr("tests.storage.test_mention_weeks.OUTLETS", ODD_OUTLETS)
    _store(any_engine, _harvests(3, 500))
    assert _usable(any_engine, BOGOTA)
    checked = 0
    for start, end in RANGES:
        for outlet in (None, "árbol"):
            counted, total = _counted(any_engine, start, end, outlet, BOGOTA)
            weekly = mentions._named(counted)
            if (start, end, outlet) == (*RANGES[0], None):
                assert {r.outlet for r in weekly} == {"árbol", "Zeta", "blu"}
            with session_factory(any_engine)() as session:
                found = mentions._known_outlet(session, outlet)
                outlet_id = found.id if found is not None else None
                kept = mentions_total = mention_weeks.kept_total(
                    session, start, end, outlet_id, BOGOTA
                )
                pages = max(1, -(-len(weekly) // 7))
                for number in (*range(1, pages + 1), pages + 3):
                    answer = mentions._kept_table(session, start, end, outlet_id, BOGOTA, number)
                    if answer is None:  # no whole week: the page counts every row
                        assert mention_weeks.full_weeks(start, end) is None and kept is None
                        continue
                    totals, table, answered = answer
                    assert totals == week_totals(weekly, money=False)
                    assert table == mentions.week_table_page(weekly, number), (start, number)
                    assert answered == total == mentions_total
                    checked += 1
    assert checked > 30
