"""A page of `pulso valuate`'s valued or unvalued items, read with the kept days' help.

/api/valuation lists up to 10,000 items a request. Read as `pulso valuate` reads them (every clip
or web mention of the days holding the page, each valued to find out which list it belongs to),
half the rows read are the other list's. While storage.free_press_days is `usable`, its day rows
already say, per (day, outlet, program, measure), whether a rate is in force: these reads return
only the items of one list, in `pulso valuate`'s order, for the caller to value (Tally) as it
values the whole period's.

The statements are built once (a request runs several; building and keying one costs about as
much as reading a hundred rows), their values bound on each call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, Select, and_, bindparam, case, false, select, true
from sqlalchemy.orm import Session

from storage.days import day_end, day_start, local_day
from storage.models import Article, Clip, FreePressDay, Mention, Outlet
from storage.outlets import is_press
from valuation.free_press import CoverageItem


def _rated(valued: bool) -> Any:
    card = FreePressDay.rate_card_id
    return card.is_not(None) if valued else card.is_(None)


@cache
def _clips(valued: bool) -> Select[Any]:
    d = FreePressDay
    measure = case(  # free_press_days' measure of a clip: valuation.free_press's rule
        (Clip.duration_s.is_not(None), "time"),
        (Clip.column_cm.is_(None), "item"),
        else_="space",
    )
    kept_day = and_(
        d.day == Clip.aired_on,
        d.outlet_id == Clip.outlet_id,
        d.program_key == Clip.program_key,
        d.measure == measure,
        d.clip == true(),
    )
    # CoverageItem's fields, in order, and iter_clip_items' order.
    return (
        select(
            Outlet.name,
            Outlet.name_key,
            Clip.aired_on,
            Clip.title,
            Clip.program,
            Clip.program_key,
            Clip.duration_s,
            Clip.column_cm,
        )
        .join(Outlet, Clip.outlet_id == Outlet.id)
        .join(d, kept_day)
        .where(Clip.aired_on.between(bindparam("first"), bindparam("last")), is_press())
        # The same days of the day rows, said again: PostgreSQL does not carry a range across
        # the join's equality, and would read every day row of that kind.
        .where(d.day.between(bindparam("first"), bindparam("last")))
        .where(_rated(valued))
        .order_by(Clip.aired_on, Outlet.name, Clip.program_key, Clip.id)
        .offset(bindparam("skip", type_=Integer))
        .limit(bindparam("take", type_=Integer))
    )


def clips(
    session: Session, first: date, last: date, *, valued: bool, skip: int, take: int
) -> list[CoverageItem]:
    """Clips aired from `first` to `last` with (or without) a rate in force, in
    storage.clips.iter_clip_items' order: `take` of them after the first `skip`."""
    values = {"first": first, "last": last, "skip": skip, "take": take}
    new = tuple.__new__  # a NamedTuple without its Python-level constructor
    return [new(CoverageItem, row) for row in session.connection().execute(_clips(valued), values)]


@cache
def _mention_days() -> Select[Any]:
    d = FreePressDay
    between = d.day.between(bindparam("first"), bindparam("last"))
    return (
        select(d.day, d.outlet_id, d.rate_card_id.is_not(None), d.items)
        .join(Outlet, Outlet.id == d.outlet_id)
        .where(is_press(), d.clip == false(), between)
    )


def mention_days(
    session: Session, first: date, last: date
) -> dict[tuple[date, int], tuple[bool, int]]:
    """Per (day, press outlet id) with web mentions from `first` to `last`: whether a rate is in
    force, and how many there are (the kept days')."""
    rows = session.connection().execute(_mention_days(), {"first": first, "last": last})
    return {(day, outlet_id): (bool(rated), items) for day, outlet_id, rated, items in rows}


# A mention's day is its publication instant's day in the harvest's zone (storage.news): UTC-12
# to UTC+14, so less than a day from the instant's UTC day. The days' mentions are first looked
# for by that instant (it has an index; the day has none), from two days before the first day
# to two days after the last.
_EARLY, _LATE = timedelta(days=-2), timedelta(days=3)


@cache
def _mentions(dated: bool, some: bool, near: bool, bounds: tuple[bool, bool]) -> Select[Any]:
    """mention_items' rows (the same joins: one item per mention row), with the outlet's id;
    dated ones by their day, undated ones by their fetch instant (`bounds`: which of `since`
    and `until` the calendar allows); `some`: of the outlets bound; `near`: only those whose
    publication instant is near the days (dated), or that have none (undated)."""
    query = (
        select(Outlet.name, Outlet.name_key, Article.title, Article.url, Article.outlet_id)
        .join(Mention, Mention.article_id == Article.id)
        .join(Outlet, Article.outlet_id == Outlet.id)
        .where(is_press())
    )
    if some:
        query = query.where(Article.outlet_id.in_(bindparam("outlets", expanding=True)))
    if dated:
        between = Article.published_day.between(bindparam("first"), bindparam("last"))
        query = query.add_columns(Article.published_day).where(between)
        if near and bounds[0]:
            query = query.where(Article.published_at >= bindparam("after"))
        if near and bounds[1]:
            query = query.where(Article.published_at < bindparam("before"))
        return query
    query = query.add_columns(Article.fetched_at).where(Article.published_day.is_(None))
    if near:
        query = query.where(Article.published_at.is_(None))
    if bounds[0]:
        query = query.where(Article.fetched_at >= bindparam("since"))
    if bounds[1]:
        query = query.where(Article.fetched_at < bindparam("until"))
    return query


def mentions(
    session: Session,
    first: date,
    last: date,
    tz: ZoneInfo,
    outlets: Sequence[int] | None,
    counts: Mapping[tuple[date, int], int],
) -> list[tuple[CoverageItem, int]]:
    """storage.clips.mention_items' items from `first` to `last` (the day in `tz`; the fetch
    day when undated), in its order, each with its outlet's id; only these outlets' unless
    None. `counts`: how many each (day, press outlet) has (the kept days'): the mentions found
    by their instant are kept when they are that many, else all are read by their day."""
    wanted = {key: n for key, n in counts.items() if outlets is None or key[1] in outlets}
    found = _read(session, first, last, tz, outlets, near=True)
    if Counter((item.aired_on, outlet_id) for item, outlet_id in found) != wanted:
        found = _read(session, first, last, tz, outlets, near=False)
    # mention_items' order; items equal in it are equal in every field (the outlet's id too:
    # one outlet per key), so which of two comes first cannot show.
    found.sort(key=lambda pair: (pair[0].aired_on, pair[0].outlet_key, pair[0].title))
    return found


def _read(
    session: Session,
    first: date,
    last: date,
    tz: ZoneInfo,
    outlets: Sequence[int] | None,
    *,
    near: bool,
) -> list[tuple[CoverageItem, int]]:
    connection = session.connection()
    some = outlets is not None
    values: dict[str, Any] = {"first": first, "last": last, "outlets": list(outlets or ())}
    values["after"], values["before"] = _instant(first, _EARLY), _instant(last, _LATE)
    bounds = (values["after"] is not None, values["before"] is not None)
    found = [
        (CoverageItem(outlet, key, day, title or url), outlet_id)
        for outlet, key, title, url, outlet_id, day in connection.execute(
            _mentions(True, some, near, bounds), values
        )
    ]
    values["since"], values["until"] = day_start(first, tz), day_end(last, tz)
    bounds = (values["since"] is not None, values["until"] is not None)
    for outlet, key, title, url, outlet_id, at in connection.execute(
        _mentions(False, some, near, bounds), values
    ):
        day = local_day(at, tz)
        if first <= day <= last:
            found.append((CoverageItem(outlet, key, day, title or url), outlet_id))
    return found


def _instant(day: date, by: timedelta) -> datetime | None:
    """`day`'s start in UTC moved `by`; None past the calendar's ends."""
    try:
        return datetime.combine(day, time(0), UTC) + by
    except OverflowError:
        return None
