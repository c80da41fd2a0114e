"""Clips (TV/radio/print) and web mentions as the items a valuation prices.

Clips are stored once per clip key: a hash of outlet, program, air date, title and duration (or
space), each normalised, so re-importing a log, or an overlapping one, adds nothing.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from collectors.records import Clip
from storage import free_press_days
from storage.days import day_end, day_start, local_day
from storage.driver_rows import driver_rows
from storage.followers import UpsertCounts
from storage.keys import name_key
from storage.models import Article, Mention, Outlet
from storage.models import Clip as ClipRow
from storage.outlets import ensure_outlet, is_press
from valuation.free_press import CoverageItem

_CHUNK = 900  # under SQLite's bound-parameter limit for IN (...) lists


def clip_key(clip: Clip) -> str:
    space = format(clip.column_cm.normalize(), "f") if clip.column_cm is not None else ""
    parts = (
        name_key(clip.outlet),
        name_key(clip.program),
        clip.aired_on.isoformat(),
        name_key(clip.title),
        str(clip.duration_s) if clip.duration_s is not None else "",
        space,
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _known_keys(session: Session, keys: Sequence[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        known.update(session.scalars(select(ClipRow.clip_key).where(ClipRow.clip_key.in_(chunk))))
    return known


def upsert_clips(
    session: Session, clips: Sequence[tuple[int, Clip]], *, source_file: str
) -> UpsertCounts:
    """Insert the clips not stored yet; (row number, clip) pairs, the row kept for tracing."""
    keyed: dict[str, tuple[int, Clip]] = {}
    for row, clip in clips:
        keyed.setdefault(clip_key(clip), (row, clip))  # a repeated clip keeps its first row
    known = _known_keys(session, list(keyed))
    outlets: dict[str, int] = {}
    now, file = datetime.now(UTC), Path(source_file).name
    new_rows = []
    for key, (row, clip) in keyed.items():
        if key in known:
            continue
        outlet_key = name_key(clip.outlet)
        if outlet_key not in outlets:
            outlets[outlet_key] = ensure_outlet(session, name=clip.outlet).id
        new_rows.append(_row(key, outlets[outlet_key], clip, file, row, now))
    if new_rows:
        session.execute(insert(ClipRow), new_rows)
        # The free press the dashboard sums changes in this same transaction.
        free_press_days.stored_clips(session, [str(r["clip_key"]) for r in new_rows])
    return UpsertCounts(added=len(new_rows), replaced=0, unchanged=len(clips) - len(new_rows))


def _row(
    key: str, outlet_id: int, clip: Clip, file: str, row: int, now: datetime
) -> dict[str, object]:
    return {
        "clip_key": key,
        "outlet_id": outlet_id,
        "program": clip.program,
        "program_key": name_key(clip.program),
        "aired_on": clip.aired_on,
        "title": clip.title,
        "duration_s": clip.duration_s,
        "column_cm": clip.column_cm,
        "source_file": file,
        "source_row": row,
        "imported_at": now,
    }


CLIP_BATCH = 5_000  # rows fetched at a time when clips stream (server-side on PostgreSQL)


def clip_items(session: Session, start: date, end: date) -> list[CoverageItem]:
    """Clips aired in [start, end], oldest first."""
    return list(iter_clip_items(session, start, end))


def iter_clip_items(session: Session, start: date, end: date) -> Iterator[CoverageItem]:
    """Clips aired in [start, end], oldest first, read `CLIP_BATCH` rows at a time."""
    # Only the columns a valuation reads: loading ORM objects (identity map, every column) was
    # most of `pulso valuate`'s time over a database of clips.
    columns = (
        Outlet.name,
        Outlet.name_key,
        ClipRow.aired_on,
        ClipRow.title,
        ClipRow.program,
        ClipRow.program_key,
        ClipRow.duration_s,
        ClipRow.column_cm,
    )
    query = (
        select(*columns)
        .join(Outlet, ClipRow.outlet_id == Outlet.id)
        .where(ClipRow.aired_on.between(start, end), is_press())
        .order_by(ClipRow.aired_on, Outlet.name, ClipRow.program_key, ClipRow.id)
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
    session: Session, start: date, end: date, tz: ZoneInfo = ZoneInfo("America/Bogota")
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
    session: Session, start: date, end: date, tz: ZoneInfo = ZoneInfo("America/Bogota")
) -> list[CoverageItem]:
    """Everything a valuation of [start, end] prices: clips, then web mentions."""
    return clip_items(session, start, end) + mention_items(session, start, end, tz)


def iter_coverage_items(
    session: Session, start: date, end: date, tz: ZoneInfo = ZoneInfo("America/Bogota")
) -> Iterator[CoverageItem]:
    """`coverage_items` read as it goes: clips streamed in batches, then web mentions."""

    # Chained, not re-yielded: a generator frame per clip less. The mentions are read once the
    # clips are through.
    def mentions() -> Iterator[CoverageItem]:
        yield from mention_items(session, start, end, tz)

    return itertools.chain(iter_clip_items(session, start, end), mentions())
