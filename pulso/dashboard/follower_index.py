"""The growth chart's figures from memory: each account's known follower figures as two columns.

The chart asks, for 60 sample days per account, the last known figure on or before each day
(`series.sampled`): 6,000 index seeks per page on 50 accounts, most of an uncached page's time.
This is a materialized view of those figures, per process: an account's days (as ordinals) and
followers, sorted, loaded on first use; a sample is then a bisect.

It is never stale. Before every read it asks the database's change marker
(pulso.dashboard.change_marker: SQLite's data_version, PostgreSQL's current snapshot) whether
anything changed since it loaded, and starts over when it did (the load reads after that
check, so a change made during it only causes one more reload); an engine without one (an
in-memory SQLite) has no index: the statement as before.
It is not the result cache the benchmark turns off: nothing computed from a date range is kept.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_right
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from typing import TypeVar, cast

from sqlalchemy import Engine, select

from pulso.dashboard.change_marker import ChangeMarker, PerEngine
from pulso.dashboard.gaps import breaks_of_ordinals, with_all_gaps
from pulso.dashboard.series import (
    Sampled,
    Series,
    SeriesColumns,
    columns_of,
    sample_days,
    sampled,
)
from storage.core import accounts as accounts_table
from storage.core import follower_snapshots

Columns = tuple["array[int]", "array[int]"]  # day ordinals, followers (known figures only)


@dataclass(frozen=True, slots=True)
class _Plan:
    """Where accounts with the same days find their figures on a period's sample days."""

    found: list[int]  # the positions in the columns of the distinct figures the samples show
    days: tuple[date, ...]  # the day each is drawn on, repeated before a break's None
    breaks: list[int]  # where a None goes among them (last first), where the line breaks


T = TypeVar("T")


class FollowerIndex:
    def __init__(self, engine: Engine) -> None:
        self._changes = ChangeMarker(engine)
        self._lock = threading.Lock()
        self._marker: object = None
        self._ids: dict[tuple[str, str], int] | None = None
        self._columns: dict[int, Columns] = {}
        self._memo: dict[Hashable, object] = {}  # what depends on the data alone (`memo`)
        self._dates: dict[int, date] = {}  # the held figures' days, by ordinal (`_dates_of`)
        self._days: dict[bytes, array[int]] = {}  # each distinct day column, by its bytes
        self.loads = 0  # how many times figures were read from the database (tests)

    @property
    def _engine(self) -> Engine:
        return self._changes.engine

    def _load(self, missing: list[int]) -> None:
        snapshot = follower_snapshots.c
        query = (
            select(snapshot.account_id, snapshot.day, snapshot.followers)
            .where(snapshot.account_id.in_(missing), snapshot.followers.is_not(None))
            .order_by(snapshot.account_id, snapshot.day)
        )
        found: dict[int, Columns] = {i: (array("i"), array("q")) for i in missing}
        with self._engine.connect() as connection:
            for account_id, day, followers in connection.execute(query):
                days, figures = found[account_id]
                days.append(day.toordinal())
                figures.append(followers)
        # Accounts collected together have the same days: one array serves them all (and
        # `gapped` finds its sample positions once for all of them).
        shared = self._days
        self._columns |= {
            i: (shared.setdefault(days.tobytes(), days), figures)
            for i, (days, figures) in found.items()
        }
        self.loads += 1

    def _fresh_ids(self) -> dict[tuple[str, str], int]:
        marker = self._changes.read()
        if marker != self._marker or self._ids is None:
            self._columns, self._ids, self._memo = {}, None, {}
            self._dates, self._days = {}, {}
            with self._engine.connect() as connection:
                rows = connection.execute(
                    select(accounts_table.c.id, accounts_table.c.platform, accounts_table.c.handle)
                ).all()
            self._ids = {(platform, handle): id_ for id_, platform, handle in rows}
            self._marker = marker
        return self._ids

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, kept until the database changes (the same check as the figures): for
        what a page reads whatever its dates, such as the account list and their colours.
        `compute` must not use this index (its lock is held)."""
        with self._lock:
            self._fresh_ids()
            if key not in self._memo:
                self._memo[key] = compute()
            return cast(T, self._memo[key])  # stored by this method under the same key

    def _shown(self, accounts: Sequence[tuple[str, str]]) -> list[tuple[tuple[str, str], Columns]]:
        """The `accounts` the database knows, in order, each with its columns (loaded now when
        not yet held). Called with the lock held."""
        ids = self._fresh_ids()
        chosen = [a for a in accounts if a in ids]
        missing = [ids[a] for a in chosen if ids[a] not in self._columns]
        if missing:
            self._load(sorted(set(missing)))
        return [(account, self._columns[ids[account]]) for account in chosen]

    def sampled(self, accounts: Sequence[tuple[str, str]], start: date, end: date) -> Sampled:
        """What `series.sampled` answers, from the columns."""
        days = sample_days(start, end)
        ordinals = [d.toordinal() for d in days]
        with self._lock:
            series, taken = [], []
            for account, (known, figures) in self._shown(accounts):
                points: list[tuple[date, int | None]] = []
                when: list[date | None] = []
                for day, ordinal in zip(days, ordinals, strict=True):
                    at = bisect_right(known, ordinal) - 1
                    if at < 0:
                        points.append((day, None))
                        when.append(None)
                    else:
                        points.append((day, figures[at]))
                        when.append(date.fromordinal(known[at]))
                series.append(Series(account[0], account[1], tuple(points)))
                taken.append(when)
        return Sampled(series, taken)

    def gapped(self, accounts: Sequence[tuple[str, str]], start: date, end: date) -> list[Series]:
        """`gaps.with_all_gaps(self.sampled(accounts, start, end), start)`: `gapped_columns`
        as points (tests/dashboard/test_follower_index.py checks both paths agree)."""
        return [drawn.series() for drawn in self.gapped_columns(accounts, start, end)]

    def gapped_columns(
        self, accounts: Sequence[tuple[str, str]], start: date, end: date
    ) -> list[SeriesColumns]:
        """The chart's series in one pass over the columns: each distinct figure the sample
        days show, on the day it was taken (the one before the period on its first day), a None
        figure where the line breaks. The samples find figures in day order, so distinct
        positions in the columns are distinct figures."""
        days = sample_days(start, end)
        ordinals = [d.toordinal() for d in days]
        spacing = (days[-1] - days[0]).days / max(len(days) - 1, 1)
        out = []
        with self._lock:
            plans: dict[int, _Plan] = {}
            for account, (known, figures) in self._shown(accounts):
                plan = plans.get(id(known))  # the arrays are held, so their ids are theirs
                if plan is None:
                    plan = plans[id(known)] = self._plan(known, ordinals, start, spacing)
                shown: list[int | None] = list(map(figures.__getitem__, plan.found))
                for at in plan.breaks:  # from the last: each insert leaves the others' places
                    shown.insert(at, None)
                out.append(SeriesColumns(account[0], account[1], plan.days, shown))
        return out

    def _plan(self, known: array[int], ordinals: list[int], start: date, spacing: float) -> _Plan:
        """What the accounts whose figures were taken on the days `known` share on the sample
        days. Called with the lock held."""
        # Where each sample's search ends, in day order (so a dict keeps them in order, each
        # once); 0: no figure yet on that day.
        ends = dict.fromkeys(map(bisect_right, repeat(known), ordinals))
        ends.pop(0, None)
        found = [at - 1 for at in ends]
        taken = list(map(known.__getitem__, found))
        when = self._dates_of(taken)
        # The first sample day is the period's first, so only the first figure found can
        # precede it: the period's starting figure, drawn on its first day.
        first = start.toordinal()
        if taken and taken[0] < first:
            taken[0], when[0] = first, start
        breaks = sorted(breaks_of_ordinals(taken, spacing), reverse=True)
        for at in breaks:  # a break's None takes the day of the figure after it
            when.insert(at, when[at])
        return _Plan(found, tuple(when), breaks)

    def _dates_of(self, ordinals: list[int]) -> list[date]:
        """The days of figures held, as dates made once per day while the columns last (fifty
        accounts share their days). Called with the lock held."""
        known = self._dates
        found = list(map(known.get, ordinals))
        if None in found:
            for i, ordinal in enumerate(ordinals):
                if found[i] is None:
                    found[i] = known[ordinal] = date.fromordinal(ordinal)
        return cast(list[date], found)


_INDEXES = PerEngine(FollowerIndex)


def index_for(engine: Engine) -> FollowerIndex | None:
    return _INDEXES.get(engine)


def sampled_figures(
    engine: Engine, accounts: Sequence[tuple[str, str]], start: date, end: date
) -> Sampled:
    """The chart's figures and their days: from the index, or by the statement without one."""
    index = index_for(engine)
    if index is None:
        return sampled(engine, accounts, start, end)
    return index.sampled(accounts, start, end)


def gapped_figures(
    engine: Engine, accounts: Sequence[tuple[str, str]], start: date, end: date
) -> list[Series]:
    """The chart's series with their gaps (gaps.with_all_gaps of `sampled_figures`)."""
    index = index_for(engine)
    if index is None:
        return with_all_gaps(sampled(engine, accounts, start, end), start)
    return index.gapped(accounts, start, end)


def gapped_columns(
    engine: Engine, accounts: Sequence[tuple[str, str]], start: date, end: date
) -> list[SeriesColumns]:
    """`gapped_figures` as columns (what the growth page's chart reads)."""
    index = index_for(engine)
    if index is None:
        return [columns_of(s) for s in with_all_gaps(sampled(engine, accounts, start, end), start)]
    return index.gapped_columns(accounts, start, end)
