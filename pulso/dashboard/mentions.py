"""Mentions for the dashboard: the shared rows (memoised), a search and weekly counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import HTTPException
from sqlalchemy.orm import Session

from flows.steps.mentions import mentions_rows
from pulso.dashboard.state import Board
from pulso.dashboard.weeks import WeekRow, by_week_and_outlet, iso_week
from reports.spikes import spike_summary
from storage.activity import TooManyPeriods
from storage.db import session_factory
from storage.keys import name_key
from storage.news import mention_total, mention_week_counts
from storage.outlets import find_outlet
from storage.spikes import spikes_between

SAFE_SCHEMES = ("http://", "https://")
PAGE_SIZE = 100  # items listed a page at a time; the downloads hold them all


@dataclass(frozen=True)
class MentionsPage:
    """What the mentions page shows: counts over the whole period, one page of the list."""

    total: int  # in the period (and outlet)
    matches: int  # of those, the ones the search keeps (= total without a search)
    weekly: list[WeekRow]
    listed: list[dict[str, Any]]  # this page's items, newest first
    page: int  # 1-based, clamped to the last page
    pages: int

    @property
    def first(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1 if self.listed else 0

    @property
    def last(self) -> int:
        return (self.page - 1) * PAGE_SIZE + len(self.listed)


@dataclass(frozen=True)
class WeekTablePage:
    """One page of the week × outlet table (five years hold thousands of its rows)."""

    listed: list[WeekRow]
    page: int  # 1-based, clamped to the last page
    pages: int
    first: int  # 1-based position of the first row listed (0 when none)
    total: int  # rows in the whole table


def week_table_page(weekly: list[WeekRow], number: int) -> WeekTablePage:
    shown = min(number, _pages(len(weekly)))
    listed = weekly[(shown - 1) * PAGE_SIZE : shown * PAGE_SIZE]
    first = (shown - 1) * PAGE_SIZE + 1 if listed else 0
    return WeekTablePage(listed, shown, _pages(len(weekly)), first, len(weekly))


def _known_outlet(session: Session, outlet: str | None) -> None:
    """A page or API call naming an outlet Pulso does not know answers 404, not an empty list."""
    if outlet and find_outlet(session, outlet) is None:
        raise HTTPException(404, f"outlet: no outlet {outlet!r}")


def _pages(count: int) -> int:
    return max(1, -(-count // PAGE_SIZE))


def page(
    board: Board,
    start: date,
    end: date,
    outlet: str | None,
    query: str | None,
    number: int,
) -> MentionsPage:
    """Without a search the database counts (in total and per week and outlet) and lists only
    the page asked for; a search (accent-insensitive, over title, outlet, terms and snippet)
    reads the period's rows once and narrows everything the page counts."""
    if name_key(query).split():
        return _searched_page(board, start, end, outlet, query, number)

    def compute() -> MentionsPage | None:
        tz = board.settings.config.tz
        with session_factory(board.engine)() as session:
            _known_outlet(session, outlet)
            try:
                counts = mention_week_counts(session, from_=start, to=end, outlet=outlet, tz=tz)
            except TooManyPeriods:  # centuries asked for: counted from the rows instead
                return None
            # Every dated row is in one week; the undated ones are counted apart (few).
            undated = mention_total(
                session, from_=start, to=end, outlet=outlet, tz=tz, undated=True
            )
            total = undated + sum(count for _, _, count in counts)
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
        # Thousands of rows over five years but a few hundred weeks: each week named once, and
        # the rows sorted as plain tuples before they become WeekRows.
        codes: dict[date, str] = {}
        named = sorted(
            (codes.get(day) or codes.setdefault(day, iso_week(day)), name, count)
            for day, name, count in counts
        )
        weekly = [WeekRow(week, name, count, None) for week, name, count in named]
        return MentionsPage(total, total, weekly, listed, shown, _pages(total))

    found = board.cache.get_or_compute(("mentions-page", start, end, outlet, number), compute)
    return found or _searched_page(board, start, end, outlet, None, number)


def _searched_page(
    board: Board,
    start: date,
    end: date,
    outlet: str | None,
    query: str | None,
    number: int,
) -> MentionsPage:
    found = rows(board, start, end, outlet)
    kept = search(found, query)
    dated = [row for row in kept if row["published_at"] is not None]
    newest = dated[::-1] + [row for row in kept if row["published_at"] is None]
    shown = min(number, _pages(len(kept)))
    listed = newest[(shown - 1) * PAGE_SIZE : shown * PAGE_SIZE]
    return MentionsPage(len(found), len(kept), by_week(kept), listed, shown, _pages(len(kept)))


def rows(
    board: Board, start: date | None, end: date | None, outlet: str | None
) -> list[dict[str, Any]]:
    def compute() -> list[dict[str, Any]]:
        with session_factory(board.engine)() as session:
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
        with session_factory(board.engine)() as session:
            _known_outlet(session, outlet)
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
        with session_factory(board.engine)() as session:
            found = spikes_between(session, start, end)
            return [spike_summary(s, lang) for s in reversed(found)]

    return board.cache.get_or_compute(("spikes", start, end, lang), compute)
