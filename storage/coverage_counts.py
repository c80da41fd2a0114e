"""A period's clips and web mentions counted by what prices them, for pages that show sums.

An item's value depends only on its outlet, program, air day and measure (valuation/
free_press.py), so identical clips (same day, outlet, program, seconds and space) and a day's
web mentions of one outlet are worth the same each: counted here, they are valued once per
distinct key, not once per item. The rows are read as the database driver returns them and
counted by `collections.Counter` (in C): SQLAlchemy's Row objects and a GROUP BY's sort both
cost more than counting them here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from storage.days import day_end, day_start, local_day
from storage.driver_rows import Processor, driver_rows
from storage.models import Article, Clip, Mention, Outlet
from storage.outlets import is_press

BATCH = 5_000  # rows fetched at a time
# (air day, outlet id, program key, seconds, column-cm): a clip's value depends on nothing else.
ClipKey = tuple[date, int, str, int | None, Decimal | None]
MentionKey = tuple[date, int]  # (Bogotá day, outlet id): a web mention is priced per item


@dataclass(frozen=True)
class CoverageCounts:
    outlets: dict[int, tuple[str, str]]  # press outlets by id: (name, name key)
    clips: Counter[ClipKey]
    mentions: Counter[MentionKey]


def press_outlets(session: Session) -> dict[int, tuple[str, str]]:
    """Every outlet whose items are press coverage (the office's own portal is not)."""
    query = select(Outlet.id, Outlet.name, Outlet.name_key).where(is_press())
    return {id_: (name, key) for id_, name, key in session.execute(query).tuples()}


def coverage_counts(session: Session, start: date, end: date, tz: ZoneInfo) -> CoverageCounts:
    """The clips aired and web mentions published in [start, end] (an undated mention on its
    fetch day in `tz`, as storage.coverage_reads.mention_items), of press outlets, counted."""
    outlets = press_outlets(session)
    return CoverageCounts(
        outlets,
        _clip_counts(session, start, end, outlets),
        _mention_counts(session, start, end, tz),
    )


def _clip_counts(
    session: Session, start: date, end: date, outlets: dict[int, tuple[str, str]]
) -> Counter[ClipKey]:
    query = select(
        Clip.aired_on, Clip.outlet_id, Clip.program_key, Clip.duration_s, Clip.column_cm
    ).where(Clip.aired_on.between(start, end))
    raw: Counter[Any] = Counter()
    processors = _count_rows(session, query, raw)
    to_day, to_cm = processors[0], processors[4]
    days: dict[Any, date] = {}
    counted: Counter[ClipKey] = Counter()
    for (day, outlet_id, program_key, seconds, cm), count in raw.items():
        if outlet_id not in outlets:  # the office's own portal: never free press
            continue
        found = days.get(day)
        if found is None:
            found = days[day] = to_day(day) if to_day else day
        if cm is not None and to_cm is not None:
            cm = to_cm(cm)
        # Two raw keys may meet once converted (a REAL and its Decimal): add, never replace.
        counted[(found, outlet_id, program_key, seconds, cm)] += count
    return counted


def all_counts(session: Session, tz: tzinfo) -> CoverageCounts:
    """Every stored clip and web mention, of every outlet (the office's own portal too: whose
    portal that is can change, so storage.free_press_days keeps them all), counted."""
    everyone = {
        id_: (name, key)
        for id_, name, key in session.execute(select(Outlet.id, Outlet.name, Outlet.name_key))
    }
    return CoverageCounts(
        everyone,
        _clip_counts(session, date.min, date.max, everyone),
        _mention_counts(session, date.min, date.max, tz, press=False),
    )


def _mention_counts(
    session: Session, start: date, end: date, tz: tzinfo, *, press: bool = True
) -> Counter[MentionKey]:
    def mentions(*columns: Any) -> Select[Any]:
        query = (
            select(*columns)
            .select_from(Article)
            .join(Mention, Mention.article_id == Article.id)
            .join(Outlet, Article.outlet_id == Outlet.id)
        )
        return query.where(is_press()) if press else query

    dated = mentions(Article.published_day, Article.outlet_id).where(
        Article.published_day.between(start, end)
    )
    raw: Counter[Any] = Counter()
    to_day = _count_rows(session, dated, raw)[0]
    counted: Counter[MentionKey] = Counter()
    for (day, outlet_id), count in raw.items():
        counted[(to_day(day) if to_day else day, outlet_id)] += count
    first, after = day_start(start, tz), day_end(end, tz)
    fetched = [Article.fetched_at >= first] if first is not None else []
    fetched += [Article.fetched_at < after] if after is not None else []
    undated = mentions(Article.fetched_at, Article.outlet_id).where(
        Article.published_day.is_(None), *fetched
    )
    for at, outlet_id in session.execute(undated).tuples():
        counted[(local_day(at, tz), outlet_id)] += 1
    return counted


def _count_rows(session: Session, query: Select[Any], into: Counter[Hashable]) -> list[Processor]:
    """Count `query`'s rows as the driver returns them into `into`; returns the conversion
    SQLAlchemy would apply to each column (None: the value as it is), for the caller to apply
    once per distinct value."""
    with driver_rows(session, query, BATCH) as (processors, batches):
        for rows in batches:
            into.update(map(tuple, rows))
    return processors
