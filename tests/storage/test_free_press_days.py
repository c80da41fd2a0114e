"""The kept free-press days stay exact through every writer: clip imports, stored harvests, rate
imports and removals (each in its own transaction), a change of the office's own portal; a
write that bypasses storage makes readers value the items again until the next stored write
rebuilds the days. "Exact" is checked two ways: the rows equal a rebuild from scratch, and
the sums read from them equal the counted items' (the dashboard's path before the days)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, delete, func, insert, select, text
from sqlalchemy.orm import Session

from collectors.news.harvest import Harvest, Harvested, OutletPlan
from collectors.news.matching import MentionMatch
from collectors.records import Article, Clip
from pulso.dashboard.free_press_counts import kept_value, listed, value_counts
from storage import free_press_days
from storage import models as m
from storage.clips import upsert_clips
from storage.coverage_counts import coverage_counts
from storage.coverage_reads import load_rates, read_rates
from storage.db import transaction
from storage.news import store_harvest
from storage.outlets import ensure_outlet
from storage.rates import remove_superseded, upsert_rates
from tests.dashboard.test_valuation_counts import DAYS, FIRST, NOW
from tests.dashboard.test_valuation_counts import _seed as seed_coverage
from valuation.rate_cards import Rate, RateIndex

BOGOTA = ZoneInfo("America/Bogota")
IVA = Decimal("0.19")
SPANS = [
    (FIRST - timedelta(days=3), FIRST + timedelta(days=DAYS + 3)),
    (date(2024, 3, 10), date(2024, 3, 24)),
    (date(2024, 2, 7), date(2024, 2, 7)),
    (date(2024, 4, 3), date(2024, 5, 30)),
    (date(2024, 1, 15), date(2024, 6, 20)),  # whole months and weeks, partial ones at the ends
    (date(2024, 2, 1), date(2024, 3, 31)),  # whole months only
    (date(2024, 2, 5), date(2024, 3, 3)),  # whole weeks only
]
MATCH = MentionMatch(("Alcaldía",), True, False, "La Alcaldía anuncia")


def _seeded(engine: Engine, seed: int) -> None:
    """The dashboard's counted free-press data (explicit ids: PostgreSQL's sequences moved on)."""
    seed_coverage(engine, seed)
    if engine.dialect.name != "postgresql":
        return
    with transaction(engine) as session:
        for table in ("outlets", "articles", "mentions", "clips", "rate_cards", "stories"):
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                )
            )


def _rows(session: Session) -> list[tuple[object, ...]]:
    found = session.execute(select(m.FreePressDay.__table__)).tuples()
    return sorted(tuple(row) for row in found)


def _exact(engine: Engine) -> None:
    """The kept days are usable, equal a rebuild's, and give the counted items' figures."""
    with transaction(engine) as session:
        rated = load_rates(session)
        assert rated and repr(read_rates(session)) == repr(rated)  # the dashboard's reader
        assert free_press_days.usable(session, BOGOTA, rated)
        index = RateIndex(rate for _, rate in rated)
        for start, end in SPANS:
            kept = kept_value(session, rated, index, start, end, IVA)
            counted = value_counts(
                coverage_counts(session, start, end, BOGOTA), index, start, end, IVA
            )
            assert repr(kept.valued) == repr(counted.valued), (start, end)
            assert kept.rows == counted.rows and kept.sizes == counted.sizes, (start, end)
            for offset, limit in [(0, 50), (kept.valued.counts.clips - 3, 40)]:
                page = listed(session, index, kept, BOGOTA, offset=offset, limit=limit)
                assert page == listed(session, index, counted, BOGOTA, offset=offset, limit=limit)
        incremental = _rows(session)
        free_press_days.rebuild(session, BOGOTA)
        assert _rows(session) == incremental
        session.rollback()


def _usable(engine: Engine) -> bool:
    with transaction(engine) as session:
        return free_press_days.usable(session, BOGOTA, load_rates(session))


def _clips(engine: Engine, *clips: Clip) -> None:
    with transaction(engine) as session:
        upsert_clips(session, list(enumerate(clips, start=2)), source_file="cortes.csv")


def _harvest(engine: Engine, outlet: str, *articles: tuple[str, datetime | None]) -> None:
    items = [
        Harvested(
            Article(
                outlet=outlet,
                url=url,
                canonical_url=url,
                fetched_at=NOW,
                title=f"La Alcaldía anuncia {url}",
                published_at=published,
            ),
            MATCH,
            None,
        )
        for url, published in articles
    ]
    harvest = Harvest(outlet=OutletPlan(name=outlet, medium="web"), items=items)
    with transaction(engine) as session:
        store_harvest(session, harvest, now=NOW, tz=BOGOTA)


def _rate(outlet: str, unit: str, price: str, since: date, medium: str = "tv") -> Rate:
    return Rate(
        ref=f"tarifas.csv:{outlet}:{since}",
        outlet=outlet,
        outlet_key=outlet.lower(),
        medium=medium,  # type: ignore[arg-type]
        unit=unit,  # type: ignore[arg-type]
        price_cop=Decimal(price),
        valid_from=since,
    )


def _total(engine: Engine) -> int:
    with transaction(engine) as session:
        value = session.scalar(select(func.sum(m.FreePressDay.value)))
        return int(value or 0)


def test_every_writer_keeps_the_days_exact(any_engine: Engine) -> None:
    engine = any_engine
    _seeded(engine, 7)
    assert not _usable(engine)  # rows written past storage: never built
    with transaction(engine) as session:
        free_press_days.rebuild(session, BOGOTA)
    _exact(engine)

    # A clip log: repeated clips, a program's rate, print space, a new outlet without a rate.
    day = date(2024, 3, 14)
    _clips(
        engine,
        Clip("Canal Uno", day, "uno", program="Noticiero", duration_s=45),
        Clip("Canal Uno", day, "dos", program="Noticiero", duration_s=45),
        Clip("Canal Uno", day, "tres", duration_s=61),
        Clip("Diario Tres", date(2024, 4, 5), "cuatro", column_cm=Decimal("12.25")),
        Clip("Canal Nuevo", day, "cinco", duration_s=30),
    )
    _exact(engine)
    _clips(engine, Clip("Canal Uno", day, "uno", program="Noticiero", duration_s=45))  # known
    _exact(engine)

    # A harvest: dated and undated mentions (the undated on its fetch day in Bogotá).
    _harvest(
        engine,
        "Portal Cuatro",
        ("https://n.example.org/nuevo-1", datetime(2024, 3, 15, 2, tzinfo=UTC)),
        ("https://n.example.org/nuevo-2", None),
    )
    _exact(engine)

    # Rates: a new one values an outlet that had none; a re-import without it removes it.
    before = _total(engine)
    new = _rate("Sin Tarifa", "second", "1234.5", FIRST)
    with transaction(engine) as session:
        upsert_rates(session, [new], source_file="tarifas.csv", rows={new.ref: 2})
    _exact(engine)
    assert _total(engine) > before
    other = _rate("Sin Tarifa", "minute", "60000", FIRST)
    with transaction(engine) as session:
        assert remove_superseded(session, [_rate("Sin Tarifa", "second", "1", date(2025, 1, 1))])
        upsert_rates(session, [other], source_file="tarifas.csv", rows={other.ref: 3})
    _exact(engine)

    # The office's own portal changes: read at request time, the days need no change.
    with transaction(engine) as session:
        ensure_outlet(session, name="Portal Cuatro", own=True)
    _exact(engine)


def test_a_write_past_storage_is_noticed_and_the_next_stored_one_rebuilds(
    any_engine: Engine,
) -> None:
    engine = any_engine
    _seeded(engine, 8)
    with transaction(engine) as session:
        free_press_days.rebuild(session, BOGOTA)
    with transaction(engine) as session:
        session.execute(
            insert(m.Clip),
            [
                {
                    "clip_key": "a mano",
                    "outlet_id": 1,
                    "program_key": "",
                    "aired_on": date(2024, 2, 1),
                    "title": "a mano",
                    "duration_s": 33,
                    "imported_at": NOW,
                }
            ],
        )
    assert not _usable(engine)
    _clips(engine, Clip("Radio Dos", date(2024, 2, 2), "después", duration_s=12))
    _exact(engine)
    # A rate written past storage: the digest no longer matches until rates are stored again.
    with transaction(engine) as session:
        card = session.scalars(select(m.RateCard).where(m.RateCard.outlet_id == 2)).one()
        card.price_cop = Decimal("12346")
    assert not _usable(engine)
    same = _rate("Radio Dos", "second", "12347", FIRST, "radio")
    with transaction(engine) as session:
        upsert_rates(session, [same], source_file="tarifas.csv", rows={same.ref: 2})
    _exact(engine)
    # Another zone: the days of undated mentions would differ, so they are not used.
    with transaction(engine) as session:
        assert not free_press_days.usable(session, ZoneInfo("Europe/Madrid"), load_rates(session))


def test_a_clip_import_or_a_rate_import_builds_days_never_built(any_engine: Engine) -> None:
    """After migration 0013 nothing is kept; the first stored write builds the days (a writer
    that knows no zone keeps Bogotá's, the default one)."""
    engine = any_engine
    _seeded(engine, 9)
    assert not _usable(engine)
    _clips(engine, Clip("Radio Dos", date(2024, 2, 2), "primero", duration_s=12))
    _exact(engine)
    with transaction(engine) as session:
        free_press_days.rebuild(session, ZoneInfo("UTC"))  # another zone: kept, not usable
    assert not _usable(engine)
    with transaction(engine) as session:
        session.execute(delete(m.FreePressDaysState))
    new = _rate("Sin Tarifa", "second", "99", FIRST)
    with transaction(engine) as session:
        upsert_rates(session, [new], source_file="tarifas.csv", rows={new.ref: 2})
    _exact(engine)
