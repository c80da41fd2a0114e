"""What a valuation reads: a period's clips and web mentions as the items it prices, and the
rate cards, then the valuing itself (`value_days`, `stream_days`).

Written over the Core views (storage/core.py), apart from storage/clips.py and
storage/rates.py (importing and storing): `pulso valuate` reads and values without importing
the ORM or mapping a model. A session (the dashboard, the reports) reads here as well as a
connection (the CLI).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Select, func, select

from storage.core import Article, Clip, Mention, Outlet, RateCard, connection_of, is_press
from storage.days import day_end, day_start, local_day
from storage.driver_rows import driver_rows
from valuation.free_press import (
    CoverageItem,
    Tally,
    UnvaluedItem,
    Valuation,
    ValuedItem,
    value_coverage,
)
from valuation.rate_cards import Rate, RateIndex

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    Reader = Session | Connection

BOGOTA = ZoneInfo("America/Bogota")
CLIP_BATCH = 5_000  # rows fetched at a time when clips stream (server-side on PostgreSQL)


def load_rates(session: Reader) -> list[tuple[int, Rate]]:
    """Every stored rate with its id; the ref names the spreadsheet row it came from. A
    session is flushed first as an ORM query would (unless autoflush is off), so rate cards it
    holds unflushed count."""
    if not isinstance(session, Connection) and session.autoflush:
        session.flush()
    return read_rates(session)


@cache
def _rate_rows() -> Select[Any]:
    """Built once: every dashboard request about free press reads the rate cards."""
    c, o = RateCard, Outlet
    return select(
        c.id,
        c.source_file,
        c.source_row,
        o.name,
        o.name_key,
        c.medium,
        c.unit,
        c.price_cop,
        c.valid_from,
        c.valid_to,
        c.program,
        c.program_key,
    ).join(o, c.outlet_id == o.id)


def read_rates(session: Reader) -> list[tuple[int, Rate]]:
    """`load_rates` without the flush, for read-only sessions (the dashboard), read as plain
    rows: no ORM objects are built."""
    found = []
    for row in connection_of(session).execute(_rate_rows()):
        id_, source_file, source_row, outlet, outlet_key, medium, unit, price, *rest = row
        ref = f"{source_file}:{source_row}" if source_file and source_row is not None else None
        rate = Rate(
            ref=ref or f"rate #{id_}",
            outlet=outlet,
            outlet_key=outlet_key,
            medium=medium,
            unit=unit,
            price_cop=Decimal(price),
            valid_from=rest[0],
            valid_to=rest[1],
            program=rest[2],
            program_key=rest[3],
        )
        found.append((id_, rate))
    return found


def rate_index(session: Reader) -> RateIndex:
    """Every stored rate, indexed for lookups (a valuation's rate cards)."""
    return RateIndex(rate for _, rate in load_rates(session))


def clip_items(session: Reader, start: date, end: date) -> list[CoverageItem]:
    """Clips aired in [start, end], oldest first."""
    return list(iter_clip_items(session, start, end))


def iter_clip_items(session: Reader, start: date, end: date) -> Iterator[CoverageItem]:
    """Clips aired in [start, end], oldest first, read `CLIP_BATCH` rows at a time."""
    # Only the columns a valuation reads: loading ORM objects (identity map, every column) was
    # most of `pulso valuate`'s time over a database of clips.
    columns = (
        Outlet.name,
        Outlet.name_key,
        Clip.aired_on,
        Clip.title,
        Clip.program,
        Clip.program_key,
        Clip.duration_s,
        Clip.column_cm,
    )
    query = (
        select(*columns)
        .join(Outlet, Clip.outlet_id == Outlet.id)
        .where(Clip.aired_on.between(start, end), is_press())
        .order_by(Clip.aired_on, Outlet.name, Clip.program_key, Clip.id)
    )
    # The columns above are CoverageItem's fields, in order; tuple.__new__ builds it without
    # the NamedTuple's Python-level constructor.
    new = tuple.__new__
    days: dict[Any, date] = {}  # the few hundred distinct air dates, converted once each
    with driver_rows(session, query, CLIP_BATCH) as (processors, batches):
        to_day, to_cm = processors[2], processors[7]
        for row in itertools.chain.from_iterable(batches):
            day = days.get(row[2])
            if day is None:
                day = days[row[2]] = to_day(row[2]) if to_day else row[2]
            cm = row[7]
            if cm is not None and to_cm is not None:
                cm = to_cm(cm)
            yield new(CoverageItem, (row[0], row[1], day, row[3], row[4], row[5], row[6], cm))


def mention_items(
    session: Reader, start: date, end: date, tz: ZoneInfo = BOGOTA
) -> list[CoverageItem]:
    """Web mentions published in [start, end] (the Bogotá day; fetch day when undated)."""
    first, after = day_start(start, tz), day_end(end, tz)
    fetched = [Article.fetched_at >= first] if first is not None else []
    fetched += [Article.fetched_at < after] if after is not None else []
    # Only the columns a valuation reads (loading Article objects, bodies included, was most
    # of the time of valuing a long period's mentions); the fetch time, a zone conversion per
    # row, only for the undated ones.
    columns = (Outlet.name, Outlet.name_key, Article.title, Article.url)
    base = (
        select(*columns)
        .join(Mention, Mention.article_id == Article.id)
        .join(Outlet, Article.outlet_id == Outlet.id)
        .where(is_press())
    )
    dated = base.add_columns(Article.published_day).where(Article.published_day.between(start, end))
    undated = base.add_columns(Article.fetched_at).where(Article.published_day.is_(None), *fetched)
    items = [
        _web_item(outlet, key, title, url, day)
        for outlet, key, title, url, day in session.execute(dated).tuples()
    ] + [
        _web_item(outlet, key, title, url, local_day(at, tz))
        for outlet, key, title, url, at in session.execute(undated).tuples()
    ]
    return sorted(items, key=lambda item: (item.aired_on, item.outlet_key, item.title))


def _web_item(outlet: str, key: str, title: str | None, url: str, day: date) -> CoverageItem:
    return CoverageItem(
        outlet=outlet,
        outlet_key=key,
        aired_on=day,
        title=title or url,
        seconds=None,
        column_cm=None,
    )


def coverage_items(
    session: Reader, start: date, end: date, tz: ZoneInfo = BOGOTA
) -> list[CoverageItem]:
    """Everything a valuation of [start, end] prices: clips, then web mentions."""
    return clip_items(session, start, end) + mention_items(session, start, end, tz)


def iter_coverage_items(
    session: Reader, start: date, end: date, tz: ZoneInfo = BOGOTA
) -> Iterator[CoverageItem]:
    """`coverage_items` read as it goes: clips streamed in batches, then web mentions."""

    # Chained, not re-yielded: a generator frame per clip less. The mentions are read once the
    # clips are through.
    def mentions() -> Iterator[CoverageItem]:
        yield from mention_items(session, start, end, tz)

    return itertools.chain(iter_clip_items(session, start, end), mentions())


def stored_period(session: Reader) -> tuple[date | None, date | None]:
    """First and last day with a clip or a dated mention: the default period to value."""
    first, last = session.execute(select(func.min(Clip.aired_on), func.max(Clip.aired_on))).one()
    mentions = session.execute(
        select(func.min(Article.published_day), func.max(Article.published_day))
        .join(Mention, Mention.article_id == Article.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(is_press())
    ).one()
    days_first = [d for d in (first, mentions[0]) if d is not None]
    days_last = [d for d in (last, mentions[1]) if d is not None]
    return (min(days_first) if days_first else None, max(days_last) if days_last else None)


def value_days(
    session: Reader, start: date, end: date, *, iva_rate: Decimal, tz: ZoneInfo
) -> Valuation:
    """Value every clip and web mention of [start, end] against the stored rate cards.

    The one "value a period" of Pulso (`pulso valuate`, the dashboard, the weekly report, the
    demo): `tz` is the configured zone, which decides the day of an undated web mention.
    """
    items = coverage_items(session, start, end, tz)
    rates = rate_index(session) if items else RateIndex([])
    return value_coverage(items, rates, start=start, end=end, iva_rate=iva_rate)


def stream_days(
    session: Reader,
    start: date,
    end: date,
    *,
    iva_rate: Decimal,
    tz: ZoneInfo,
    valued: Callable[[ValuedItem], None],
    unvalued: Callable[[UnvaluedItem], None],
) -> Valuation:
    """`value_days` without holding the items: each goes to `valued` or `unvalued` as it is
    read (clips in batches), and the Valuation returned has the totals and counts only."""
    tally = Tally(rate_index(session))
    for result in tally.value(iter_coverage_items(session, start, end, tz), start=start, end=end):
        if isinstance(result, UnvaluedItem):
            unvalued(result)
        else:
            valued(result)
    return tally.valuation(start, end, iva_rate)
