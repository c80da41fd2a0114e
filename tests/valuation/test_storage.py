"""Stored clips, rates and mentions as valuation items, on SQLite and (when set) PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine

import storage.coverage_reads
from collectors.records import Clip
from storage.clips import upsert_clips
from storage.coverage_reads import clip_items, iter_clip_items, load_rates, mention_items
from storage.db import session_factory, transaction
from storage.models import Article, Mention
from storage.outlets import ensure_outlet
from storage.rates import upsert_rates
from tests.valuation.factories import rate

MAY_13 = date(2020, 5, 13)


def test_the_same_clip_typed_differently_is_stored_once(any_engine: Engine) -> None:
    clips = [
        (2, Clip("Noticiero 90 Minutos", MAY_13, "Plan de Vacunación", "Emisión Central", 168)),
        (3, Clip(" noticiero 90 minutos ", MAY_13, "plan de vacunacion", "emision central", 168)),
        (4, Clip("Noticiero 90 Minutos", MAY_13, "Plan de vacunación", "Emisión central", 169)),
        (5, Clip("El País", MAY_13, "Nota", column_cm=Decimal("35.50"))),
    ]
    with transaction(any_engine) as session:
        counts = upsert_clips(session, clips, source_file="/tmp/clips.csv")
    assert (counts.added, counts.unchanged) == (3, 1)
    with transaction(any_engine) as session:
        again = upsert_clips(
            session,
            [(9, Clip("El País", MAY_13, "NOTA", column_cm=Decimal("35.5")))],
            source_file="otro.csv",
        )
    assert (again.added, again.unchanged) == (0, 1)
    with session_factory(any_engine)() as session:
        items = clip_items(session, MAY_13, MAY_13)
    assert [(i.outlet, i.seconds, i.column_cm) for i in items] == [
        ("El País", None, Decimal("35.5")),
        ("Noticiero 90 Minutos", 168, None),
        ("Noticiero 90 Minutos", 169, None),
    ]
    assert items[1].program_key == "emision central"


def test_rates_round_trip_with_their_row_and_replace_on_the_same_key(any_engine: Engine) -> None:
    first = rate("tarifas.csv:2", 3_900_000, program="Emisión central", valid_to=date(2020, 12, 31))
    with transaction(any_engine) as session:
        counts = upsert_rates(
            session, [first], source_file="/data/tarifas.csv", rows={"tarifas.csv:2": 2}
        )
    assert (counts.added, counts.replaced) == (1, 0)
    moved = rate("nuevas.csv:7", 3_900_000, program="emision central", valid_to=date(2020, 6, 30))
    with transaction(any_engine) as session:
        counts = upsert_rates(session, [moved], source_file="nuevas.csv", rows={"nuevas.csv:7": 7})
    assert (counts.added, counts.replaced) == (0, 1)
    with session_factory(any_engine)() as session:
        ((rate_id, stored),) = load_rates(session)
    assert stored.ref == "nuevas.csv:7"
    assert (stored.price_cop, stored.valid_to, stored.program) == (
        Decimal(3_900_000),
        date(2020, 6, 30),
        "emision central",
    )


def test_mentions_are_items_on_their_bogota_day(any_engine: Engine) -> None:
    with transaction(any_engine) as session:
        outlet = ensure_outlet(session, name="Cali es Cali", medium="web")
        dated = Article(
            outlet_id=outlet.id,
            canonical_url="https://a/1",
            url="https://a/1",
            title="Con fecha",
            published_day=MAY_13,
            fetched_at=datetime(2020, 5, 20, tzinfo=UTC),
        )
        # 03:00 UTC on the 14th is still the 13th in Bogotá.
        undated = Article(
            outlet_id=outlet.id,
            canonical_url="https://a/2",
            url="https://a/2",
            title=None,
            fetched_at=datetime(2020, 5, 14, 3, 0, tzinfo=UTC),
        )
        unmatched = Article(
            outlet_id=outlet.id,
            canonical_url="https://a/3",
            url="https://a/3",
            title="Sin mención",
            published_day=MAY_13,
            fetched_at=datetime(2020, 5, 14, tzinfo=UTC),
        )
        session.add_all([dated, undated, unmatched])
        session.flush()
        for article in (dated, undated):
            session.add(
                Mention(
                    article_id=article.id,
                    matched_terms=["Alcaldía de Cali"],
                    matched_at=article.fetched_at,
                )
            )
    with session_factory(any_engine)() as session:
        items = mention_items(session, MAY_13, MAY_13)
    assert [(i.title, i.aired_on, i.measure) for i in items] == [
        ("Con fecha", MAY_13, "item"),
        ("https://a/2", MAY_13, "item"),
    ]


def test_clips_stream_in_batches_oldest_first_with_their_types(
    any_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read as the driver returns rows (ISO text and REAL on SQLite), converted as SQLAlchemy
    would: dates, Decimal column-centimetres, every row once across batches."""
    monkeypatch.setattr(storage.coverage_reads, "CLIP_BATCH", 2)
    clips = [
        (n, Clip(f"Medio {n % 3}", MAY_13 - timedelta(days=n % 4), f"Nota {n}", "Matinal", 30 + n))
        for n in range(7)
    ] + [(9, Clip("El País", MAY_13, "Impresa", column_cm=Decimal("12.25")))]
    with transaction(any_engine) as session:
        upsert_clips(session, clips, source_file="log.csv")
    with session_factory(any_engine)() as session:
        items = list(iter_clip_items(session, MAY_13 - timedelta(days=3), MAY_13))
    assert len(items) == 8
    assert [(i.aired_on, i.outlet) for i in items] == sorted((i.aired_on, i.outlet) for i in items)
    assert all(type(i.aired_on) is date for i in items)
    printed = [i for i in items if i.column_cm is not None]
    assert [(p.title, p.column_cm, p.seconds) for p in printed] == [
        ("Impresa", Decimal("12.25"), None)
    ]
    assert {i.seconds for i in items if i.seconds is not None} == set(range(30, 37))


def test_a_clip_with_a_very_long_title_stores_and_values(any_engine: Engine) -> None:
    # A log's title is free text: 10,000 characters that do not compress would break an index
    # entry on PostgreSQL (~2.7 kB per B-tree entry) if the title were indexed there.
    import random

    words = random.Random(17).choices("abcdefghijklmnopqrstuvwxyzáéíóúñ", k=10_000)
    title = "".join(words)
    with transaction(any_engine) as session:
        counts = upsert_clips(
            session,
            [(2, Clip("Noticiero 90 Minutos", MAY_13, title, "Central", 60))],
            source_file="x.csv",
        )
    assert counts.added == 1
    with session_factory(any_engine)() as session:
        items = clip_items(session, MAY_13, MAY_13)
    assert [(i.title, i.seconds) for i in items] == [(title, 60)]
