"""Reading the stored mentions: the rows of `pulso mentions`, their counts and weekly counts.

Apart from storage/news.py (storing what the crawler found) and written over the Core views
(storage/core.py): `pulso mentions` reads them without importing the ORM or mapping a model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Integer, and_, bindparam, func, or_, select

from storage.core import Article, Mention, Outlet, connection_of, is_press
from storage.days import day_end, day_start
from storage.keys import name_key
from storage.prepared import Prepared
from storage.types import UtcDateTime

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from storage.activity import Window

BOGOTA = ZoneInfo("America/Bogota")


def _utc(value: datetime | None) -> datetime | None:
    """Stored in UTC (SQLite keeps no offset); read back as aware UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def find_outlet_id(session: Session | Connection, name: str) -> int | None:
    """The id of the outlet named `name` (case-, accent- and blank-insensitively), if stored."""
    query = select(Outlet.id).where(Outlet.name_key == name_key(name))
    found = session.execute(query).scalar_one_or_none()
    return None if found is None else int(found)


@dataclass(frozen=True, slots=True)
class MentionRow:
    outlet: str
    medium: str | None
    url: str
    title: str | None
    published_at: datetime | None
    matched_terms: list[str]
    in_title: bool
    in_body: bool
    snippet: str | None
    story_id: int | None


def _mention_days(from_: date | None, to: date | None, tz: tzinfo) -> list[ColumnElement[bool]]:
    """An article is on its publication day in `tz`, an undated one on its fetch day."""
    when_conditions = []
    lo = day_start(from_, tz) if from_ is not None else None
    hi = day_end(to, tz) if to is not None else None
    if lo is not None:
        when_conditions.append(
            or_(
                Article.published_at >= lo,
                and_(Article.published_at.is_(None), Article.fetched_at >= lo),
            )
        )
    if hi is not None:
        when_conditions.append(
            or_(
                Article.published_at < hi,
                and_(Article.published_at.is_(None), Article.fetched_at < hi),
            )
        )
    return when_conditions


def mention_counts(
    session: Session, *, from_: date, to: date, tz: tzinfo = BOGOTA
) -> dict[tuple[str, str | None], int]:
    """How many rows `mention_rows` gives over [from_, to], per (outlet name key, medium),
    counted by the database (`pulso verify` checks many periods)."""
    query = (
        select(Outlet.name_key, Outlet.medium, func.count(Mention.id))
        .join(Article, Article.id == Mention.article_id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(is_press(), *_mention_days(from_, to, tz))
        .group_by(Outlet.name_key, Outlet.medium)
    )
    return {(key, medium): count for key, medium, count in session.execute(query)}


def _mentions_where(
    session: Session | Connection,
    from_: date | None,
    to: date | None,
    outlet: str | None,
    tz: tzinfo,
) -> list[ColumnElement[bool]]:
    """The rows `pulso mentions` gives: press outlets, the period's days, the outlet if named."""
    return [is_press(), *_mention_days(from_, to, tz), *_outlet_where(session, outlet)]


def _outlet_where(session: Session | Connection, outlet: str | None) -> list[ColumnElement[bool]]:
    if outlet is None:
        return []
    found = find_outlet_id(session, outlet)
    return [Outlet.id == (found if found is not None else -1)]


def mention_total(
    session: Session,
    *,
    from_: date | None = None,
    to: date | None = None,
    outlet: str | None = None,
    tz: tzinfo = BOGOTA,
    undated: bool = False,
) -> int:
    """How many rows `mention_rows` gives for the same arguments (`undated`: of those, the ones
    without a publication time), counted by the database."""
    if not undated and from_ is not None and to is not None and isinstance(tz, ZoneInfo):
        dated = _kept_week_counts(session, from_, to, outlet, tz, summed=True)
        if dated is not None:  # the dated ones from the kept weeks, the undated ones counted
            return sum(count for _, _, count in dated) + mention_total(
                session, from_=from_, to=to, outlet=outlet, tz=tz, undated=True
            )
    query = (
        select(func.count(Mention.id))
        .select_from(Article)
        .join(Mention, Mention.article_id == Article.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(*_mentions_where(session, from_, to, outlet, tz))
    )
    if undated:
        query = query.where(Article.published_at.is_(None))
    return int(session.execute(query).scalar_one())


def mention_week_counts(
    session: Session,
    *,
    from_: date,
    to: date,
    outlet: str | None = None,
    tz: ZoneInfo = BOGOTA,
) -> list[tuple[date, str, int]]:
    """Dated mentions per (first day of the week in the period, outlet), counted by the database:
    the whole weeks from the kept weekly counts (storage.mention_weeks) while they are exact,
    otherwise (and for the partial weeks at either end) each row's week is found in SQL by
    halving the weeks' UTC starts (storage.activity.Window).
    Raises storage.activity's TooManyPeriods past its bound of weeks."""
    from storage.activity import Window  # noqa: PLC0415 - its collectors' registry, only here

    window = Window.of(from_, to, "week", tz)
    kept = _kept_week_counts(session, from_, to, outlet, tz)
    if kept is not None:
        return kept
    return _counted_week_counts(session, window, from_, to, outlet, tz)


def _kept_week_counts(
    session: Session,
    from_: date,
    to: date,
    outlet: str | None,
    tz: ZoneInfo,
    *,
    summed: bool = False,
) -> list[tuple[date, str, int]] | None:
    """`mention_week_counts` with its whole weeks read from the kept counts; None when those
    are not exact for the stored mentions in `tz` (or the period holds no whole week).
    `summed`: the whole weeks as one row (first Monday, "", their sum), for a total."""
    from storage import mention_weeks  # noqa: PLC0415 - the ORM's kept counts: not for rows
    from storage.activity import Window  # noqa: PLC0415 - its collectors' registry, only here

    weeks = mention_weeks.full_weeks(from_, to)
    if weeks is None or not mention_weeks.usable(session, tz):
        return None
    first, last = weeks
    outlet_id = None
    if outlet is not None:
        found = find_outlet_id(session, outlet)
        outlet_id = found if found is not None else -1
    if summed:
        counts = [(first, "", mention_weeks.week_total(session, first, last, outlet_id))]
    else:
        counts = mention_weeks.week_counts(session, first, last, outlet_id)
    # The partial weeks at the ends (at most six days each) are counted from the mentions.
    # (Built only when there is such a week: a bound at the calendar's ends has none.)
    ends = [(from_, first - timedelta(days=1))] if from_ < first else []
    ends += [(last + timedelta(days=7), to)] if last + timedelta(days=6) < to else []
    for start, end in ends:
        if start <= end:
            window = Window.of(start, end, "week", tz)
            counts += _counted_week_counts(session, window, start, end, outlet, tz)
    return counts


def _counted_week_counts(
    session: Session,
    window: Window,
    from_: date,
    to: date,
    outlet: str | None,
    tz: ZoneInfo,
) -> list[tuple[date, str, int]]:
    bucket = window.bucket(Article.published_at)
    query = (
        select(bucket, Outlet.name, func.count(Mention.id))
        .select_from(Article)
        .join(Mention, Mention.article_id == Article.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(
            *_mentions_where(session, from_, to, outlet, tz),
            Article.published_at.is_not(None),
            window.within(Article.published_at),
        )
        # One week: the bucket is the constant 0, which GROUP BY would read as a column number.
        .group_by(*((bucket,) if len(window.spans) > 1 else ()), Outlet.name)
    )
    return [
        (window.spans[int(index)][0], name, int(count))
        for index, name, count in session.execute(query)
    ]


def mention_rows(
    session: Session | Connection,
    *,
    from_: date | None = None,
    to: date | None = None,
    outlet: str | None = None,
    tz: tzinfo = BOGOTA,
    newest_first: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[MentionRow]:
    """Articles that mention the office, oldest first (undated last; `newest_first`: newest
    first, undated last); an undated one counts on its fetch day.
    `limit`/`offset` page through that order in SQL."""
    if newest_first or limit is not None or offset:
        return _paged_rows(session, from_, to, outlet, tz, newest_first, limit, offset)
    query = _ROWS.where(*_mentions_where(session, from_, to, outlet, tz))
    rows = [_mention_row_of(found) for found in connection_of(session).execute(query)]
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(rows, key=lambda r: (r.published_at or far, r.outlet, r.url))


# The columns a row shows, read as Core rows: loading three ORM objects per mention (the
# article's body included) was most of the dashboard's mentions page over a long period.
_ROWS = (
    select(
        Outlet.name,
        Outlet.medium,
        Article.canonical_url,
        Article.title,
        Article.published_at,
        Mention.matched_terms,
        Mention.in_title,
        Mention.in_body,
        Mention.snippet,
        Article.story_id,
    )
    .select_from(Article)
    .join(Mention, Mention.article_id == Article.id)
    .join(Outlet, Outlet.id == Article.outlet_id)
)


def _mention_row_of(found: Any) -> MentionRow:
    name, medium, url, title, published_at, terms, in_title, in_body, snippet, story_id = found
    return MentionRow(
        outlet=name,
        medium=medium,
        url=url,
        title=title,
        published_at=_utc(published_at),
        matched_terms=[str(t) for t in terms],
        in_title=in_title,
        in_body=in_body,
        snippet=snippet,
        story_id=story_id,
    )


def _paged_rows(
    session: Session | Connection,
    from_: date | None,
    to: date | None,
    outlet: str | None,
    tz: tzinfo,
    newest_first: bool,
    limit: int | None,
    offset: int,
) -> list[MentionRow]:
    """A page of the ordered rows, read as the dated rows then the undated ones: apart, each
    part's bounds are plain ranges (publication time, fetch time) that an index serves, where
    one `OR` of both made the database sort the whole period for every page."""
    lo = day_start(from_, tz) if from_ is not None else None
    hi = day_end(to, tz) if to is not None else None
    values: dict[str, Any] = {"lo": lo, "hi": hi}
    outlet_id: int | None = None
    if outlet is not None:
        found_id = find_outlet_id(session, outlet)
        values["outlet_id"] = outlet_id = found_id if found_id is not None else -1
    shape = (lo is not None, hi is not None, outlet_id is not None, newest_first)
    connection = connection_of(session)

    def part(undated: bool, size: int | None, skip: int) -> list[tuple[Any, ...]]:
        statement = _page_part(*shape, undated, size is not None, bool(skip))
        return statement.rows(connection, **values, limit=size, offset=skip)

    rows = [_mention_row_of(found) for found in part(False, limit, offset)]
    if limit is not None and len(rows) == limit:
        return rows
    if rows or not offset:
        dated_count = offset + len(rows)
    else:  # the page starts past the dated rows: how many there are
        dated = [is_press(), Article.published_at.is_not(None)]
        dated += [] if outlet_id is None else [Outlet.id == outlet_id]
        dated += [] if lo is None else [Article.published_at >= lo]
        dated += [] if hi is None else [Article.published_at < hi]
        counted = (
            select(func.count(Mention.id))
            .select_from(Article)
            .join(Mention, Mention.article_id == Article.id)
            .join(Outlet, Outlet.id == Article.outlet_id)
            .where(*dated)
        )
        dated_count = int(connection.execute(counted).scalar_one())
    rest = None if limit is None else limit - len(rows)
    skip = max(0, offset - dated_count)
    rows += [_mention_row_of(found) for found in part(True, rest, skip)]
    return rows


@cache
def _page_part(
    lo: bool, hi: bool, outlet: bool, newest_first: bool, undated: bool, limit: bool, offset: bool
) -> Prepared:
    """One part of `_paged_rows` (its dated or its undated rows), built once per shape: which
    bounds the period has, an outlet or not, the order, a limit and an offset or not."""
    when = Article.fetched_at if undated else Article.published_at
    where = [is_press()]
    if outlet:
        where.append(Outlet.id == bindparam("outlet_id"))
    where.append(Article.published_at.is_(None) if undated else Article.published_at.is_not(None))
    if lo:
        where.append(when >= bindparam("lo", type_=UtcDateTime()))
    if hi:
        where.append(when < bindparam("hi", type_=UtcDateTime()))
    order: tuple[Any, ...]
    if newest_first:
        order = (
            (Mention.id.desc(),) if undated else (Article.published_at.desc(), Mention.id.desc())
        )
    else:
        order = (Outlet.name, Article.canonical_url, Mention.id)
        order = order if undated else (Article.published_at, *order)
    query = _ROWS.where(*where).order_by(*order)
    if limit:
        query = query.limit(bindparam("limit", type_=Integer))
    if offset:
        query = query.offset(bindparam("offset", type_=Integer))
    return Prepared(query)
