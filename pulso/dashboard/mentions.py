"""Mentions for the dashboard: the shared rows (memoised), a search and weekly counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import HTTPException
from sqlalchemy.orm import Session

from flows.steps.mentions import mentions_rows
from pulso.dashboard.state import Board
from pulso.dashboard.weeks import WeekRow, by_week_and_outlet, iso_week, week_totals
from reports.spikes import spike_summary
from storage import mention_weeks
from storage.activity import MAX_PERIODS, TooManyPeriods, period_count
from storage.keys import name_key
from storage.mention_reads import mention_total, mention_week_counts
from storage.models import Outlet
from storage.outlets import find_outlet
from storage.spikes import spike_figures_between

SAFE_SCHEMES = ("http://", "https://")
PAGE_SIZE = 100  # items listed a page at a time; the downloads hold them all


@dataclass(frozen=True)
class WeekTablePage:
    """One page of the week × outlet table (five years hold thousands of its rows)."""

    listed: list[WeekRow]
    page: int  # 1-based, clamped to the last page
    pages: int
    first: int  # 1-based position of the first row listed (0 when none)
    total: int  # rows in the whole table


@dataclass(frozen=True)
class MentionsPage:
    """What the mentions page shows: counts over the whole period, one page of the list."""

    total: int  # in the period (and outlet)
    matches: int  # of those, the ones the search keeps (= total without a search)
    totals: list[tuple[str, int]]  # mentions per ISO week (weeks with some), in order
    weeks: WeekTablePage  # the page asked for of the week × outlet table
    listed: list[dict[str, Any]]  # this page's items, newest first
    page: int  # 1-based, clamped to the last page
    pages: int

    @property
    def first(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1 if self.listed else 0

    @property
    def last(self) -> int:
        return (self.page - 1) * PAGE_SIZE + len(self.listed)


def week_table_page(weekly: list[WeekRow], number: int) -> WeekTablePage:
    shown = min(number, _pages(len(weekly)))
    listed = weekly[(shown - 1) * PAGE_SIZE : shown * PAGE_SIZE]
    first = (shown - 1) * PAGE_SIZE + 1 if listed else 0
    return WeekTablePage(listed, shown, _pages(len(weekly)), first, len(weekly))


def _known_outlet(session: Session, outlet: str | None) -> Outlet | None:
    """A page or API call naming an outlet Pulso does not know answers 404, not an empty list."""
    if not outlet:
        return None
    found = find_outlet(session, outlet)
    if found is None:
        raise HTTPException(404, f"outlet: no outlet {outlet!r}")
    return found


def _session(board: Board) -> Session:
    """A session as storage.db.session_factory makes them, without a new sessionmaker (a new
    Session subclass, ~0.1 ms) on every request."""
    return Session(board.engine, expire_on_commit=False)


def _pages(count: int) -> int:
    return max(1, -(-count // PAGE_SIZE))


def page(
    board: Board,
    start: date,
    end: date,
    outlet: str | None,
    query: str | None,
    number: int,
    weeks_number: int = 1,
) -> MentionsPage:
    """Without a search the database counts (in total and per week and outlet) and lists only
    the page asked for (of the mentions and of the week × outlet table); a search
    (accent-insensitive, over title, outlet, terms and snippet) reads the period's rows once
    and narrows everything the page counts."""
    if name_key(query).split():
        return _searched_page(board, start, end, outlet, query, number, weeks_number)

    def compute() -> MentionsPage | None:
        tz = board.settings.config.tz
        with _session(board) as session:
            found = _known_outlet(session, outlet)
            outlet_id = found.id if found is not None else None
            kept = _kept_table(session, start, end, outlet_id, tz, weeks_number)
            if kept is not None:
                totals, weeks, total = kept
            else:
                try:
                    counts = mention_week_counts(session, from_=start, to=end, outlet=outlet, tz=tz)
                except TooManyPeriods:  # centuries asked for: counted from the rows instead
                    return None
                weekly = _named(counts)
                totals = week_totals(weekly, money=False)
                weeks = week_table_page(weekly, weeks_number)
                # Every dated row is in one week; the undated ones are counted apart (few).
                total = sum(count for _, _, count in counts) + mention_total(
                    session, from_=start, to=end, outlet=outlet, tz=tz, undated=True
                )
            shown = min(number, _pages(total))
            listed = mentions_rows(
                session,
                start,
                end,
                outlet,
                tz=tz,
                newest_first=True,
                limit=PAGE_SIZE,
                offset=(shown - 1) * PAGE_SIZE,
            )
        return MentionsPage(total, total, totals, weeks, listed, shown, _pages(total))

    key = ("mentions-page", start, end, outlet, number, weeks_number)
    found = board.cache.get_or_compute(key, compute)
    return found or _searched_page(board, start, end, outlet, None, number, weeks_number)


def _named(counts: list[tuple[date, str, int]]) -> list[WeekRow]:
    """(first day in the period of a week, outlet, mentions) -> rows by week code and outlet.
    Thousands of rows over five years but a few hundred weeks: each week named once, and the
    rows sorted as plain tuples before they become WeekRows."""
    codes: dict[date, str] = {}
    named = sorted(
        (codes.get(day) or codes.setdefault(day, iso_week(day)), name, count)
        for day, name, count in counts
    )
    return [WeekRow(week, name, count, None) for week, name, count in named]


def _kept_table(
    session: Session, start: date, end: date, outlet_id: int | None, tz: Any, number: int
) -> tuple[list[tuple[str, int]], WeekTablePage, int] | None:
    """The chart's week totals, page `number` of the week × outlet table and the mentions
    (dated and undated), summed by the database from the kept weeks (storage.mention_weeks)
    with the partial weeks at either end counted from the mentions: only the table rows
    shown are read. None where the kept weeks do not answer (not exact for the stored mentions, no
    whole week, past storage.activity's bound of weeks, or years before 1000, whose week
    codes would not sort as their dates): the caller counts every row then."""
    if not isinstance(tz, ZoneInfo) or start.year < 1000:
        return None
    if period_count(start, end, "week") > MAX_PERIODS:
        return None
    whole = mention_weeks.full_weeks(start, end)
    if whole is None:
        return None
    state = mention_weeks.freshness(session, tz)
    if not state.usable:
        return None
    first, last = whole
    # The partial weeks at either end (at most six days each) counted from the mentions.
    head, tail, undated = mention_weeks.edge_counts(session, (start, end), whole, outlet_id, tz)
    head.sort()
    tail.sort()
    sums = mention_weeks.week_sums(session, first, last, outlet_id, unique_names=state.unique_names)
    totals = [(iso_week(monday), count) for monday, count, _ in sums]
    if head:
        totals.insert(0, (iso_week(start), sum(count for _, count in head)))
    if tail:
        totals.append((iso_week(last + timedelta(days=7)), sum(count for _, count in tail)))
    table = _table_page(session, outlet_id, number, head, sums, tail, (start, last))
    return totals, table, sum(count for _, count in totals) + undated


def _table_page(
    session: Session,
    outlet_id: int | None,
    number: int,
    head: list[tuple[str, int]],
    sums: list[tuple[date, int, int]],
    tail: list[tuple[str, int]],
    days: tuple[date, date],
) -> WeekTablePage:
    """Page `number` of the week × outlet table: the first partial week's rows (`head`), the
    kept weeks' (counted per week in `sums`, read only for the weeks the page shows), the
    last partial week's (`tail`); `days`: the period's first day and its last whole Monday."""
    start, last = days
    kept_rows = sum(outlets for _, _, outlets in sums)
    rows = len(head) + kept_rows + len(tail)
    shown = min(number, _pages(rows))
    skip = (shown - 1) * PAGE_SIZE
    listed = [WeekRow(iso_week(start), name, count, None) for name, count in head[skip:]]
    listed = listed[:PAGE_SIZE]
    inner = max(0, skip - len(head))  # the first kept row shown, counted from the first
    wanted = PAGE_SIZE - len(listed)
    if wanted and inner < kept_rows:
        # Only the weeks holding the rows shown are read, from the row shown first.
        before = lo_before = 0
        lo: date | None = None
        hi: date | None = None
        for monday, _, outlets in sums:
            if lo is None and before + outlets > inner:
                lo, lo_before = monday, before
            if lo is not None:
                hi = monday
                if before + outlets >= inner + wanted:
                    break
            before += outlets
        assert lo is not None and hi is not None
        found = mention_weeks.week_rows(
            session, lo, hi, outlet_id, offset=inner - lo_before, limit=wanted
        )
        listed += [WeekRow(iso_week(monday), name, count, None) for monday, name, count in found]
    wanted = PAGE_SIZE - len(listed)
    if wanted:
        skip_tail = max(0, skip - len(head) - kept_rows)
        code = iso_week(last + timedelta(days=7))
        listed += [WeekRow(code, name, count, None) for name, count in tail[skip_tail:][:wanted]]
    table = WeekTablePage(listed, shown, _pages(rows), skip + 1 if listed else 0, rows)
    return table


def _searched_page(
    board: Board,
    start: date,
    end: date,
    outlet: str | None,
    query: str | None,
    number: int,
    weeks_number: int,
) -> MentionsPage:
    found = rows(board, start, end, outlet)
    kept = search(found, query)
    dated = [row for row in kept if row["published_at"] is not None]
    newest = dated[::-1] + [row for row in kept if row["published_at"] is None]
    shown = min(number, _pages(len(kept)))
    listed = newest[(shown - 1) * PAGE_SIZE : shown * PAGE_SIZE]
    weekly = by_week(kept)
    return MentionsPage(
        len(found),
        len(kept),
        week_totals(weekly, money=False),
        week_table_page(weekly, weeks_number),
        listed,
        shown,
        _pages(len(kept)),
    )


def rows(
    board: Board, start: date | None, end: date | None, outlet: str | None
) -> list[dict[str, Any]]:
    def compute() -> list[dict[str, Any]]:
        with _session(board) as session:
            _known_outlet(session, outlet)
            return mentions_rows(session, start, end, outlet, tz=board.settings.config.tz)

    return board.cache.get_or_compute(("mentions", start, end, outlet), compute)


# /api/mentions' default page (at most API_MAX_LIMIT a request): as many as the page lists, so
# a client that follows the Link header gets quick answers (it was 1,000, ~4/5 of a request).
API_LIMIT = 100
API_MAX_LIMIT = 10_000


def api_rows(
    board: Board,
    start: date | None,
    end: date | None,
    outlet: str | None,
    limit: int,
    offset: int,
) -> tuple[list[dict[str, Any]], int]:
    """`limit` rows from `offset` in `pulso mentions`' order (oldest first), and how many the
    period has in all."""

    def compute() -> tuple[list[dict[str, Any]], int]:
        tz = board.settings.config.tz
        with _session(board) as session:
            named = _known_outlet(session, outlet)
            total = None
            if start is not None and end is not None and isinstance(tz, ZoneInfo):
                outlet_id = named.id if named is not None else None
                total = mention_weeks.kept_total(session, start, end, outlet_id, tz)
            if total is None:
                total = mention_total(session, from_=start, to=end, outlet=outlet, tz=tz)
            found = mentions_rows(session, start, end, outlet, tz=tz, limit=limit, offset=offset)
            return found, total

    return board.cache.get_or_compute(("api-mentions", start, end, outlet, limit, offset), compute)


def search(found: Sequence[dict[str, Any]], query: str | None) -> list[dict[str, Any]]:
    """Rows whose title, outlet, terms or snippet contain every word (case/accent-insensitive)."""
    words = name_key(query).split()
    if not words:
        return list(found)

    def text(row: dict[str, Any]) -> str:
        terms = " ".join(row.get("matched_terms") or [])
        return name_key(f"{row['title'] or ''} {row['outlet']} {terms} {row.get('snippet') or ''}")

    return [row for row in found if all(word in text(row) for word in words)]


def safe_url(url: str | None) -> str | None:
    """Only web links become hrefs: a scraped `javascript:` URL stays plain text."""
    if url and url.lower().startswith(SAFE_SCHEMES):
        return url
    return None


def by_week(found: Sequence[dict[str, Any]]) -> list[WeekRow]:
    dated = [r for r in found if r["published_at"] is not None]
    return by_week_and_outlet((r["published_at"].date(), r["outlet"], None) for r in dated)


def spike_lines(board: Board, start: date, end: date, lang: str) -> list[str]:
    """The mention spikes the nightly flow alerted in the period, one sentence each."""

    def compute() -> list[str]:
        with board.engine.connect() as connection:
            found = spike_figures_between(connection, start, end)
        return [spike_summary(s, lang) for s in reversed(found)]

    return board.cache.get_or_compute(("spikes", start, end, lang), compute)
