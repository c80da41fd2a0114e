"""Dated mentions per outlet and local ISO week, kept exact beside the mentions (issue 17).

Counting a five-year mentions page joined and bucketed every mention of the period on each
request (~0.3 s over 50,000); `mention_weeks` holds one row per week and outlet instead. The
transaction that stores mentions (storage.news.store_harvest, their only writer) adds to it.
Readers use it only while `mention_weeks_state` still describes the mentions table (the same
count and highest id) in the reader's zone; otherwise (rows written past storage, outlets or
articles deleted, another zone configured) they count the mentions themselves, exactly as
before, and the next stored harvest rebuilds the weeks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cache
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    String,
    bindparam,
    delete,
    func,
    literal,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from storage.days import day_end, day_start, local_day
from storage.models import Article, Mention, MentionWeek, MentionWeeksState, Outlet
from storage.outlets import is_press
from storage.prepared import Prepared
from storage.types import UtcDateTime

STATE_ID = 1


def week_of(published: datetime, tz: tzinfo) -> date:
    """The Monday (a local day in `tz`) of the ISO week a UTC instant falls in."""
    day = local_day(published, tz)
    return day - timedelta(days=day.weekday())


def tally(rows: Iterable[tuple[int, datetime | None]], tz: tzinfo) -> Counter[tuple[date, int]]:
    """(outlet id, publication instant) rows -> dated mentions per (Monday, outlet id)."""
    return Counter(
        (week_of(published, tz), outlet_id)
        for outlet_id, published in rows
        if published is not None
    )


def zone_name(tz: tzinfo) -> str | None:
    """The IANA name the weeks are kept under; a bare offset has none (weeks not kept)."""
    name = getattr(tz, "key", None)
    return name if isinstance(name, str) else None


def full_weeks(from_: date, to: date) -> tuple[date, date] | None:
    """The first and last Mondays of the whole ISO weeks inside [from_, to]; None if none."""
    try:
        first = from_ + timedelta(days=-from_.weekday() % 7)
        last = to - timedelta(days=(to.weekday() + 1) % 7) - timedelta(days=6)
    except OverflowError:  # the calendar's ends: counted from the mentions
        return None
    return (first, last) if first <= last else None


def _live() -> tuple[Any, Any]:
    count = select(func.count()).select_from(Mention).scalar_subquery()
    last = select(func.coalesce(func.max(Mention.id), 0)).scalar_subquery()
    return count, last


@dataclass(frozen=True)
class Freshness:
    usable: bool  # the kept weeks count exactly the stored mentions, in the reader's weeks
    unique_names: bool  # no two press outlets share a name (a week's rows are its outlets)


# Read on every page request, so built once: the state beside the live count and highest id,
# and how many press outlets' names repeat another's.
_STATE = Prepared(
    select(MentionWeeksState.zone, MentionWeeksState.mentions, MentionWeeksState.last_id)
    .add_columns(*_live())
    .add_columns(
        select(func.count() - func.count(func.distinct(Outlet.name)))
        .where(is_press())
        .scalar_subquery()
    )
    .where(MentionWeeksState.id == STATE_ID)
)


def freshness(session: Session, tz: tzinfo) -> Freshness:
    """Whether the kept weeks count exactly the stored mentions in `tz`'s weeks, and whether
    press outlets' names are unique."""
    found = _STATE.rows(session.connection())
    if not found:
        return Freshness(False, False)
    zone, mentions, last_id, live_count, live_last, repeated = found[0]
    fresh = zone == zone_name(tz) and mentions == live_count and last_id == live_last
    return Freshness(bool(fresh), repeated == 0)


def usable(session: Session, tz: tzinfo) -> bool:
    """Whether the kept weeks count exactly the stored mentions, in `tz`'s weeks."""
    return freshness(session, tz).usable


def week_counts(
    session: Session, first: date, last: date, outlet_id: int | None
) -> list[tuple[date, str, int]]:
    """Kept (Monday, outlet name, mentions) of press outlets for the Mondays first..last."""
    query = (
        select(MentionWeek.week, Outlet.name, func.sum(MentionWeek.mentions))
        .join(Outlet, Outlet.id == MentionWeek.outlet_id)
        .where(is_press(), MentionWeek.week >= first, MentionWeek.week <= last)
        .group_by(MentionWeek.week, Outlet.name)
    )
    if outlet_id is not None:
        query = query.where(MentionWeek.outlet_id == outlet_id)
    # Core rows (thousands over five years): the ORM's result machinery is not needed here.
    found = session.connection().execute(query)
    return [(week, name, int(count)) for week, name, count in found if count]


def week_total(session: Session, first: date, last: date, outlet_id: int | None) -> int:
    """The kept mentions of press outlets for the Mondays first..last, summed."""
    query = (
        select(func.coalesce(func.sum(MentionWeek.mentions), 0))
        .join(Outlet, Outlet.id == MentionWeek.outlet_id)
        .where(is_press(), MentionWeek.week >= first, MentionWeek.week <= last)
    )
    if outlet_id is not None:
        query = query.where(MentionWeek.outlet_id == outlet_id)
    return int(session.execute(query).scalar_one())


def _insert(session: Session) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def _add(session: Session, counts: Counter[tuple[date, int]]) -> None:
    if not counts:
        return
    statement = _insert(session)(MentionWeek)
    statement = statement.on_conflict_do_update(
        index_elements=["week", "outlet_id"],
        set_={"mentions": MentionWeek.__table__.c.mentions + statement.excluded.mentions},
    )
    rows = [{"week": w, "outlet_id": o, "mentions": n} for (w, o), n in sorted(counts.items())]
    session.execute(statement, rows)


def rebuild(session: Session, tz: tzinfo) -> None:
    """Count every stored dated mention again into `tz`'s weeks (after a write that bypassed
    storage, or a new zone); a bare offset leaves no state, so readers count the mentions."""
    session.execute(delete(MentionWeek))
    session.execute(delete(MentionWeeksState))
    zone = zone_name(tz)
    if zone is None:
        return
    dated = (
        select(Article.outlet_id, Article.published_at)
        .join(Mention, Mention.article_id == Article.id)
        .where(Article.published_at.is_not(None))
    )
    _add(session, tally(session.execute(dated).tuples(), tz))
    count, last = _live()
    live_count, live_last = session.execute(select(count, last)).one()
    session.add(MentionWeeksState(id=STATE_ID, zone=zone, mentions=live_count, last_id=live_last))
    session.flush()


def stored(session: Session, added: Sequence[tuple[int, int, datetime | None]], tz: tzinfo) -> None:
    """Keep the weeks exact for mentions this transaction just stored (flushed: with their
    ids), given as (mention id, outlet id, publication instant or None)."""
    zone = zone_name(tz)
    # Locked first: transactions storing mentions at once (PostgreSQL) take turns here, so
    # each one's count below sees every other one's committed mentions and its own.
    state = session.scalars(
        select(MentionWeeksState).where(MentionWeeksState.id == STATE_ID).with_for_update()
    ).one_or_none()
    count, last = _live()
    live_count, live_last = session.execute(select(count, last)).one()
    fresh = (
        state is not None
        and zone is not None
        and state.zone == zone
        and state.mentions + len(added) == live_count
        and max([state.last_id, *(mention_id for mention_id, _, _ in added)]) == live_last
    )
    if not fresh:
        if zone is not None or state is not None:
            rebuild(session, tz)
        return
    assert state is not None and zone is not None
    _add(session, tally(((o, p) for _, o, p in added), tz))
    state.mentions, state.last_id = live_count, live_last
    session.flush()


def _kept_press(outlet: bool) -> list[Any]:
    """The kept rows of press outlets for the Mondays `first`..`last` (bound when run)."""
    where = [
        is_press(),
        MentionWeek.week >= bindparam("first", type_=Date),
        MentionWeek.week <= bindparam("last", type_=Date),
        MentionWeek.mentions > 0,  # a row without mentions is no row of the week table
    ]
    return [*where, MentionWeek.outlet_id == bindparam("outlet_id")] if outlet else where


def _kept(outlet_id: int | None, first: date, last: date) -> dict[str, Any]:
    found: dict[str, Any] = {"first": first, "last": last}
    if outlet_id is not None:
        found["outlet_id"] = outlet_id
    return found


@cache
def _week_sums(dialect: str, outlet: bool, distinct: bool) -> Prepared:
    # Where no two press outlets share a name (storage's outlets never do: names are unique
    # by their key), a week's rows are its kept rows: counted without SQLite's temporary
    # b-tree per week that counting distinct names takes (half of this statement's time).
    outlets = func.count(func.distinct(Outlet.name)) if distinct else func.count()
    return Prepared(
        select(_monday(dialect), func.sum(MentionWeek.mentions), outlets)
        .join(Outlet, Outlet.id == MentionWeek.outlet_id)
        .where(*_kept_press(outlet))
        .group_by(MentionWeek.week)
        .order_by(MentionWeek.week)
    )


def week_sums(
    session: Session,
    first: date,
    last: date,
    outlet_id: int | None,
    *,
    unique_names: bool = False,
) -> list[tuple[date, int, int]]:
    """Per Monday first..last that has kept mentions of press outlets, in order: (Monday,
    mentions, outlets with mentions that week), i.e. the week's bar and its rows in the
    week × outlet table of `week_counts`, which this sums in the database. `unique_names`:
    no two press outlets share a name (`Freshness.unique_names`)."""
    connection = session.connection()
    distinct = outlet_id is None and not unique_names
    statement = _week_sums(connection.dialect.name, outlet_id is not None, distinct)
    found = statement.rows(connection, **_kept(outlet_id, first, last))
    return [(_day(week), int(count), int(outlets)) for week, count, outlets in found]


@cache
def _week_rows(dialect: str, outlet: bool) -> Prepared:
    name: Any = Outlet.name.collate("C") if dialect == "postgresql" else Outlet.name
    return Prepared(
        select(_monday(dialect), Outlet.name, func.sum(MentionWeek.mentions))
        .join(Outlet, Outlet.id == MentionWeek.outlet_id)
        .where(*_kept_press(outlet))
        .group_by(MentionWeek.week, Outlet.name)
        .order_by(MentionWeek.week, name)
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
    )


def week_rows(
    session: Session,
    first: date,
    last: date,
    outlet_id: int | None,
    *,
    offset: int,
    limit: int,
) -> list[tuple[date, str, int]]:
    """`limit` rows from `offset` of `week_counts` for the Mondays first..last, ordered by
    Monday then outlet name by code point (as Python sorts strings; PostgreSQL's "C"
    collation, SQLite's default one)."""
    connection = session.connection()
    statement = _week_rows(connection.dialect.name, outlet_id is not None)
    values = _kept(outlet_id, first, last)
    found = statement.rows(connection, **values, offset=offset, limit=limit)
    return [(_day(week), outlet, int(count)) for week, outlet, count in found]


def _monday(dialect: str) -> Any:
    """The week column as read: SQLite's text as it is (parsed below in C, not by
    SQLAlchemy's regular expression a row), PostgreSQL's dates as its driver gives them."""
    if dialect == "sqlite":
        return type_coerce(MentionWeek.week, String)
    return MentionWeek.week


def _day(found: date | str) -> date:
    return date.fromisoformat(found) if isinstance(found, str) else found


# A part of the period (the days before the first whole week, those after the last one, or
# all of them for the undated mentions): its UTC bounds, each bound only where the calendar
# has one (day_start/day_end give None at its ends). `Days` says which bounds a statement has.
Days = tuple[bool, bool]


def _days(column: Any, part: str, days: Days) -> list[Any]:
    lo, hi = days
    return [
        *([column >= bindparam(f"{part}_lo", type_=UtcDateTime())] if lo else []),
        *([column < bindparam(f"{part}_hi", type_=UtcDateTime())] if hi else []),
    ]


def _day_values(part: str, from_: date, to: date, tz: tzinfo, values: dict[str, Any]) -> Days:
    """Adds the part's bounds to `values`; which of them there are."""
    lo, hi = day_start(from_, tz), day_end(to, tz)
    if lo is not None:
        values[f"{part}_lo"] = lo
    if hi is not None:
        values[f"{part}_hi"] = hi
    return lo is not None, hi is not None


def _mentions(outlet: bool, *where: Any) -> Any:
    query = (
        select(Outlet.name, func.count(Mention.id))
        .select_from(Article)
        .join(Mention, Mention.article_id == Article.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(is_press(), *where)
    )
    return query.where(Article.outlet_id == bindparam("outlet_id")) if outlet else query


def _edges(
    from_: date, to: date, whole: tuple[date, date], tz: tzinfo, values: dict[str, Any]
) -> tuple[Days, Days | None, Days | None]:
    """The undated mentions' days (all of from_..to), the partial week's before the first
    whole one and after the last one (None where there is none); their bounds into `values`."""
    first, last = whole
    undated = _day_values("undated", from_, to, tz, values)
    head = tail = None
    if from_ < first:
        head = _day_values("head", from_, first - timedelta(days=1), tz, values)
    if last + timedelta(days=6) < to:
        tail = _day_values("tail", last + timedelta(days=7), to, tz, values)
    return undated, head, tail


def kept_total(
    session: Session, from_: date, to: date, outlet_id: int | None, tz: tzinfo
) -> int | None:
    """How many mentions in press outlets the days from_..to hold in `tz` (dated ones by their
    publication day, undated ones by their fetch day): the whole weeks from the kept counts,
    the partial weeks at either end and the undated ones counted, in one statement. None when
    the kept weeks do not answer (not exact for the stored mentions, or no whole week)."""
    whole = full_weeks(from_, to)
    if whole is None or not usable(session, tz):
        return None
    values = _kept(outlet_id, *whole)
    undated, head, tail = _edges(from_, to, whole, tz, values)
    statement = _kept_total(outlet_id is not None, undated, head, tail)
    return int(statement.rows(session.connection(), **values)[0][0])


@cache
def _kept_total(outlet: bool, undated: Days, head: Days | None, tail: Days | None) -> Prepared:
    kept = select(func.coalesce(func.sum(MentionWeek.mentions), 0)).join(
        Outlet, Outlet.id == MentionWeek.outlet_id
    )
    parts = [kept.where(*_kept_press(outlet)).scalar_subquery()]
    dated = Article.published_at.is_not(None)
    if head is not None:
        parts.append(_count(outlet, dated, *_days(Article.published_at, "head", head)))
    if tail is not None:
        parts.append(_count(outlet, dated, *_days(Article.published_at, "tail", tail)))
    undated_days = _days(Article.fetched_at, "undated", undated)
    parts.append(_count(outlet, Article.published_at.is_(None), *undated_days))
    summed: Any = parts[0]
    for part in parts[1:]:
        summed = summed + part
    return Prepared(select(summed))


def _count(outlet: bool, *where: Any) -> Any:
    return _mentions(outlet, *where).with_only_columns(func.count(Mention.id)).scalar_subquery()


def edge_counts(
    session: Session,
    days: tuple[date, date],
    whole: tuple[date, date],
    outlet_id: int | None,
    tz: tzinfo,
) -> tuple[list[tuple[str, int]], list[tuple[str, int]], int]:
    """For the days from_..to (`days`) whose whole weeks are the Mondays first..last (`whole`),
    in one statement: the mentions of the partial week before the first Monday and of the one
    after the last week, per outlet name (empty where there is no such week), and the undated
    mentions of the period (by their fetch day)."""
    values: dict[str, Any] = {} if outlet_id is None else {"outlet_id": outlet_id}
    undated, head, tail = _edges(*days, whole, tz, values)
    statement = _edge_counts(outlet_id is not None, undated, head, tail)
    found: tuple[list[tuple[str, int]], list[tuple[str, int]], list[tuple[str, int]]]
    found = ([], [], [])
    for index, name, count in statement.rows(session.connection(), **values):
        found[int(index)].append((name, int(count)))
    return found[0], found[1], sum(count for _, count in found[2])


@cache
def _edge_counts(outlet: bool, undated: Days, head: Days | None, tail: Days | None) -> Prepared:
    undated_days = _days(Article.fetched_at, "undated", undated)
    parts: list[Any] = [
        _mentions(outlet, Article.published_at.is_(None), *undated_days).with_only_columns(
            literal(2), literal(""), func.count(Mention.id)
        )
    ]
    for index, (part, days) in enumerate((("head", head), ("tail", tail))):
        if days is not None:
            dated = _mentions(
                outlet, Article.published_at.is_not(None), *_days(Article.published_at, part, days)
            )
            parts.append(
                dated.with_only_columns(
                    literal(index), Outlet.name, func.count(Mention.id)
                ).group_by(Outlet.name)
            )
    return Prepared(union_all(*parts))
