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
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import String, delete, func, literal, select, type_coerce, union_all
from sqlalchemy.orm import Session

from storage.days import day_end, day_start, local_day
from storage.models import Article, Mention, MentionWeek, MentionWeeksState, Outlet
from storage.outlets import is_press

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


def usable(session: Session, tz: tzinfo) -> bool:
    """Whether the kept weeks count exactly the stored mentions, in `tz`'s weeks."""
    count, last = _live()
    found = session.execute(
        select(MentionWeeksState.zone, MentionWeeksState.mentions, MentionWeeksState.last_id)
        .add_columns(count, last)
        .where(MentionWeeksState.id == STATE_ID)
    ).first()
    if found is None:
        return False
    zone, mentions, last_id, live_count, live_last = found
    return bool(zone == zone_name(tz) and mentions == live_count and last_id == live_last)


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


def _kept_press(first: date, last: date, outlet_id: int | None) -> list[Any]:
    where = [
        is_press(),
        MentionWeek.week >= first,
        MentionWeek.week <= last,
        MentionWeek.mentions > 0,  # a row without mentions is no row of the week table
    ]
    return where if outlet_id is None else [*where, MentionWeek.outlet_id == outlet_id]


def week_sums(
    session: Session, first: date, last: date, outlet_id: int | None
) -> list[tuple[date, int, int]]:
    """Per Monday first..last that has kept mentions of press outlets, in order: (Monday,
    mentions, outlets with mentions that week), i.e. the week's bar and its rows in the
    week × outlet table of `week_counts`, which this sums in the database."""
    query = (
        select(
            _monday(session),
            func.sum(MentionWeek.mentions),
            func.count(func.distinct(Outlet.name)),
        )
        .join(Outlet, Outlet.id == MentionWeek.outlet_id)
        .where(*_kept_press(first, last, outlet_id))
        .group_by(MentionWeek.week)
        .order_by(MentionWeek.week)
    )
    found = session.connection().execute(query)
    return [(_day(week), int(count), int(outlets)) for week, count, outlets in found]


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
    name: Any = Outlet.name
    if session.get_bind().dialect.name == "postgresql":
        name = Outlet.name.collate("C")
    query = (
        select(_monday(session), Outlet.name, func.sum(MentionWeek.mentions))
        .join(Outlet, Outlet.id == MentionWeek.outlet_id)
        .where(*_kept_press(first, last, outlet_id))
        .group_by(MentionWeek.week, Outlet.name)
        .order_by(MentionWeek.week, name)
        .limit(limit)
        .offset(offset)
    )
    found = session.connection().execute(query)
    return [(_day(week), outlet, int(count)) for week, outlet, count in found]


def _monday(session: Session) -> Any:
    """The week column as read: SQLite's text as it is (parsed below in C, not by
    SQLAlchemy's regular expression a row), PostgreSQL's dates as its driver gives them."""
    if session.get_bind().dialect.name == "sqlite":
        return type_coerce(MentionWeek.week, String)
    return MentionWeek.week


def _day(found: date | str) -> date:
    return date.fromisoformat(found) if isinstance(found, str) else found


def _days(column: Any, from_: date, to: date, tz: tzinfo) -> list[Any]:
    lo, hi = day_start(from_, tz), day_end(to, tz)
    return [*([column >= lo] if lo is not None else []), *([column < hi] if hi is not None else [])]


def _mentions(outlet_id: int | None, *where: Any) -> Any:
    query = (
        select(Outlet.name, func.count(Mention.id))
        .select_from(Article)
        .join(Mention, Mention.article_id == Article.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(is_press(), *where)
    )
    return query if outlet_id is None else query.where(Article.outlet_id == outlet_id)


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
    first, last = whole
    kept = select(func.coalesce(func.sum(MentionWeek.mentions), 0)).join(
        Outlet, Outlet.id == MentionWeek.outlet_id
    )
    parts = [kept.where(*_kept_press(first, last, outlet_id)).scalar_subquery()]
    dated = Article.published_at.is_not(None)
    if from_ < first:
        head = _days(Article.published_at, from_, first - timedelta(days=1), tz)
        parts.append(_count(outlet_id, dated, *head))
    if last + timedelta(days=6) < to:
        tail = _days(Article.published_at, last + timedelta(days=7), to, tz)
        parts.append(_count(outlet_id, dated, *tail))
    undated = _days(Article.fetched_at, from_, to, tz)
    parts.append(_count(outlet_id, Article.published_at.is_(None), *undated))
    summed: Any = parts[0]
    for part in parts[1:]:
        summed = summed + part
    return int(session.connection().execute(select(summed)).scalar_one())


def _count(outlet_id: int | None, *where: Any) -> Any:
    return _mentions(outlet_id, *where).with_only_columns(func.count(Mention.id)).scalar_subquery()


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
    from_, to = days
    first, last = whole
    undated = _mentions(
        outlet_id, Article.published_at.is_(None), *_days(Article.fetched_at, from_, to, tz)
    ).with_only_columns(literal(2), literal(""), func.count(Mention.id))
    parts: list[Any] = [undated]
    for index, (start, end) in enumerate(
        ((from_, first - timedelta(days=1)), (last + timedelta(days=7), to))
    ):
        if start <= end:
            dated = _mentions(
                outlet_id,
                Article.published_at.is_not(None),
                *_days(Article.published_at, start, end, tz),
            )
            parts.append(
                dated.with_only_columns(
                    literal(index), Outlet.name, func.count(Mention.id)
                ).group_by(Outlet.name)
            )
    found: tuple[list[tuple[str, int]], list[tuple[str, int]], list[tuple[str, int]]]
    found = ([], [], [])
    for index, name, count in session.connection().execute(union_all(*parts)):
        found[int(index)].append((name, int(count)))
    return found[0], found[1], sum(count for _, count in found[2])
