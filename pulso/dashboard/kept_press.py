"""The free-press page's kept figures from memory, per process (issue 17, sixth pass).

The page summed its period from the kept days (storage.free_press_days) on every request: the
freshness check (two count(*) and the rate cards' digest), the totals, the week sums, a page of
week × outlet rows and the days holding the first unvalued items, ten statements each built,
compiled and run again for every date range. This is a materialized view of the press outlets'
kept day rows, per process, loaded only while `free_press_days.usable` says they value exactly
the stored items: each (rate card, measure, kind)'s days with running sums (a period's totals
are two bisects per key), each part's items per day, each week's outlet cells.

It is never stale. Before every read it asks the database's change marker
(pulso.dashboard.change_marker: SQLite's data_version, PostgreSQL's current snapshot) whether
anything changed since it loaded, and starts over when it did; an engine without one (an
in-memory SQLite) holds nothing and reads the statements as before.
The freshness check and the load run between two readings of that marker: when they differ, a
commit landed in between, nothing is kept and the page reads the database as before. When the
kept days are not usable (the state no longer describes the stored items or rates), that is
what is remembered until the next change: the page counts the items as before. The first
request after a change reads the database as before and the second loads (~0.3 s), so a page
opened while writes follow one another never loads for each request.
It is not the result cache the benchmark turns off: nothing computed from a date range is kept.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, Select, bindparam, case, func, select
from sqlalchemy.orm import Session

from pulso.dashboard.change_marker import ChangeMarker, PerEngine
from pulso.dashboard.weeks import WeekRow, iso_week, week_end, weeks_holding
from storage import free_press_days
from storage.coverage_reads import mention_items, read_rates
from storage.db import session_factory
from storage.driver_rows import driver_rows
from storage.mention_weeks import full_weeks, zone_name
from storage.models import Clip as ClipRow
from storage.models import FreePressDay, FreePressWeek, Outlet
from storage.outlets import is_press
from valuation.free_press import CoverageItem, Tally, UnvaluedItem
from valuation.rate_cards import Rate, RateIndex

Key = tuple[int | None, str, bool]  # (rate card or None, measure, clip?)
Part = tuple[bool, bool]  # (clips?, valued?)
Cell = list[Any]  # [outlet name, items, valued items, value of the valued ones]
WeekSums = list[tuple[date, int, int]]  # (Monday, cells, summed value), in order
WeekCell = tuple[str, str, int, int | None]  # (ISO week, outlet, items, value or None)


@dataclass(frozen=True)
class _Runs:
    """One key's days (in order) and the running sums of its day rows up to each: index i
    holds the sums of the first i days (items, seconds, cm × 100, value, day rows)."""

    days: list[date]
    sums: list[tuple[int, int, int, int, int]]


class KeptPress:
    """The press outlets' kept free press, as the database held it at one moment."""

    def __init__(
        self,
        rated: Sequence[tuple[int, Rate]],
        sums: Iterable[Sequence[Any]],
        cells: Iterable[Sequence[Any]],
        weeks: Iterable[Sequence[Any]],
    ) -> None:
        """`sums`: (rate card or None, measure, clip?, day, items, seconds, cm × 100, value,
        day rows) per key and day, in that order; `cells`: (day, outlet id, outlet name, items,
        valued items, their value) per day and outlet, in day order; `weeks`: (Monday, outlet
        id, outlet name, items, valued items, their value), free_press_weeks' rows. Press
        outlets only; days as dates, sums as ints."""
        self.rated = list(rated)
        self.index = RateIndex(rate for _, rate in rated)
        self._keys: dict[Key, _Runs] = {}
        per_part: dict[Part, dict[date, int]] = {}
        runs: _Runs | None = None
        key: Key | None = None
        for card, measure, clip, day, items, seconds, cents, value, rows in sums:
            found = (card or None, measure, bool(clip))
            if found != key:
                key, runs = found, _Runs([], [(0, 0, 0, 0, 0)])
                self._keys[found] = runs
            assert runs is not None
            a, b, c, d, e = runs.sums[-1]
            runs.days.append(day)
            runs.sums.append((a + items, b + seconds, c + cents, d + value, e + rows))
            part = per_part.setdefault((bool(clip), card is not None), {})
            part[day] = part.get(day, 0) + items
        self._parts = {part: sorted(days.items()) for part, days in per_part.items()}
        self._part_days = {part: [day for day, _ in found] for part, found in self._parts.items()}
        self._days: list[date] = []
        self._cells: list[list[tuple[int, Cell]]] = []
        for day, outlet_id, name, items, valued, value in cells:
            if not self._days or self._days[-1] != day:
                self._days.append(day)
                self._cells.append([])
            self._cells[-1].append((outlet_id, [name, items, valued, value]))
        self._names: dict[date, str] = {}
        # Each (clips?, day)'s unvalued items, in order, once a page needed them.
        self._unvalued: dict[tuple[bool, date], tuple[UnvaluedItem, ...]] = {}
        # Whole weeks, free_press_weeks' rows: per Monday, its cells and their value.
        self._full: dict[date, tuple[list[WeekCell], int]] = {}
        for monday, _, name, items, valued, value in weeks:
            listed, total = self._full.get(monday, ([], 0))
            listed.append(self._row(monday, [name, items, valued, value]))
            self._full[monday] = (listed, total + value)
        self._mondays = sorted(self._full)

    def totals(self, start: date, end: date) -> dict[Key, free_press_days.Sums]:
        """`free_press_days.totals(session, start, end)`."""
        found: dict[Key, free_press_days.Sums] = {}
        for key, runs in self._keys.items():
            first, after = bisect_left(runs.days, start), bisect_right(runs.days, end)
            if after > first:
                high, low = runs.sums[after], runs.sums[first]
                found[key] = (
                    high[0] - low[0],
                    high[1] - low[1],
                    high[2] - low[2],
                    high[3] - low[3],
                    high[4] - low[4],
                )
        return found

    def day_counts(self, start: date, end: date, part: Part) -> Iterator[tuple[date, int]]:
        """`free_press_days.day_counts(session, start, end, *part)`."""
        found = self._parts.get(part, [])
        for at in range(bisect_left(self._part_days.get(part, []), start), len(found)):
            day, items = found[at]
            if day > end:
                return
            yield day, items

    def week_sums(self, start: date, end: date) -> WeekSums:
        """`free_press_days.week_sums(session, start, end)`."""
        found: dict[date, list[int]] = {}
        edges, mondays = self._split(start, end)
        for low, high in edges:
            for monday, cells in self._by_monday(low, high).items():
                kept = found.setdefault(monday, [0, 0])
                kept[0] += len(cells)
                kept[1] += sum(cell[3] for cell in cells.values())
        for monday in mondays:
            rows, value = self._full[monday]
            kept = found.setdefault(monday, [0, 0])
            kept[0] += len(rows)
            kept[1] += value
        return [(monday, cells, value) for monday, (cells, value) in sorted(found.items())]

    def week_rows(self, start: date, end: date) -> list[WeekRow]:
        """`free_press_counts.week_rows(session, start, end)`: the week × outlet cells of
        [start, end], sorted as the page lists them."""
        edges, mondays = self._split(start, end)
        cells: list[WeekCell] = []
        for low, high in edges:
            for monday, found in self._by_monday(low, high).items():
                cells += [self._row(monday, cell) for cell in found.values()]
        for monday in mondays:
            cells += self._full[monday][0]
        cells.sort()
        return [WeekRow(*cell) for cell in cells]

    def _split(self, start: date, end: date) -> tuple[list[tuple[int, int]], list[date]]:
        """As the kept weeks' readers split [start, end]: the days of its partial weeks at
        either end (positions in the days), and its whole weeks' Mondays."""
        days = self._days
        weeks = full_weeks(start, end)
        if weeks is None:
            return [(bisect_left(days, start), bisect_right(days, end))], []
        first, last = weeks
        after = last + timedelta(days=7)
        edges = [
            (bisect_left(days, start), bisect_left(days, first)),
            (bisect_left(days, after), bisect_right(days, end)),
        ]
        mondays = self._mondays
        return edges, mondays[bisect_left(mondays, first) : bisect_right(mondays, last)]

    def _by_monday(self, low: int, high: int) -> dict[date, dict[int, Cell]]:
        """The outlet cells of the days at positions [low, high), summed per Monday."""
        weeks: dict[date, dict[int, Cell]] = {}
        for at in range(low, high):
            day = self._days[at]
            cells = weeks.setdefault(day - timedelta(days=day.weekday()), {})
            for outlet_id, (name, items, valued, value) in self._cells[at]:
                kept = cells.get(outlet_id)
                if kept is None:
                    cells[outlet_id] = [name, items, valued, value]
                else:
                    kept[1] += items
                    kept[2] += valued
                    kept[3] += value
        return weeks

    def _row(self, monday: date, cell: Cell) -> WeekCell:
        name = self._names.get(monday)
        if name is None:
            name = self._names[monday] = iso_week(monday)
        return (name, cell[0], cell[1], cell[3] if cell[2] else None)

    def iso_week(self, monday: date) -> str:
        """`iso_week(monday)`, each Monday's made once."""
        name = self._names.get(monday)
        if name is None:
            name = self._names[monday] = iso_week(monday)
        return name

    def rows_at(
        self, start: date, end: date, sums: WeekSums, offset: int, limit: int
    ) -> list[WeekRow]:
        """Rows `offset` to `offset + limit` of [start, end]'s week × outlet rows, from the
        weeks holding them (`sums`: this period's `week_sums`), as coverage._kept_rows reads
        them from the database."""
        weeks, skip = weeks_holding(sums, offset, limit)
        if not weeks:
            return []
        found = self.week_rows(max(start, weeks[0]), min(end, week_end(weeks[-1])))
        return found[skip : skip + limit]

    def first_unvalued(
        self, engine: Engine, start: date, end: date, tz: ZoneInfo, limit: int
    ) -> list[UnvaluedItem]:
        """`free_press_counts.first_unvalued`: the first `limit` unvalued items of [start, end]
        (clips, then web mentions; each in `pulso valuate`'s order). Each day's unvalued items
        are read and valued once (Tally, as there) and then held with the figures: a day's
        items and their reasons depend on the stored items and rates alone."""
        found: list[UnvaluedItem] = []
        for clips in (True, False):
            need = limit - len(found)
            if need <= 0:
                break
            days, running = [], 0
            for day, items in self.day_counts(start, end, (clips, False)):
                days.append(day)
                running += items
                if running >= need:
                    break
            for day in self._read_unvalued(engine, tz, clips, days):
                found += self._unvalued[(clips, day)][: limit - len(found)]
        return found

    def _read_unvalued(
        self, engine: Engine, tz: ZoneInfo, clips: bool, days: list[date]
    ) -> list[date]:
        """`days` (in order), each one's unvalued items held once this returns: the days not
        held yet are read in runs of consecutive ones, one statement a run."""
        runs: list[list[date]] = []
        for at, day in enumerate(days):
            if (clips, day) in self._unvalued:
                continue
            if runs and runs[-1][-1] == days[at - 1]:
                runs[-1].append(day)
            else:
                runs.append([day])
        if runs:
            with session_factory(engine)() as session:
                for run in runs:
                    first, last = run[0], run[-1]
                    items = (
                        _clip_items(session, first, last)
                        if clips
                        else mention_items(session, first, last, tz)
                    )
                    per_day: dict[date, list[UnvaluedItem]] = {day: [] for day in run}
                    for result in Tally(self.index).value(items, start=first, end=last):
                        if isinstance(result, UnvaluedItem):
                            per_day.setdefault(result.item.aired_on, []).append(result)
                    for day, listed in per_day.items():
                        self._unvalued[(clips, day)] = tuple(listed)
        return days


def _clip_items(session: Session, first: date, last: date) -> Iterator[CoverageItem]:
    """`storage.clips.iter_clip_items(session, first, last)`: the same columns, press outlets
    and order, as bound parameters: the statement is compiled once (iter_clip_items writes its
    dates into the SQL, compiled again for each of `pulso valuate`'s reads, a few days here)."""
    found = session.connection().execute(_CLIPS, {"first": first, "last": last})
    new = tuple.__new__
    for row in found:
        yield new(CoverageItem, row)


_CLIPS = (
    select(
        Outlet.name,
        Outlet.name_key,
        ClipRow.aired_on,
        ClipRow.title,
        ClipRow.program,
        ClipRow.program_key,
        ClipRow.duration_s,
        ClipRow.column_cm,
    )
    .join(Outlet, ClipRow.outlet_id == Outlet.id)
    .where(ClipRow.aired_on.between(bindparam("first"), bindparam("last")), is_press())
    .order_by(ClipRow.aired_on, Outlet.name, ClipRow.program_key, ClipRow.id)
)


def _load(session: Session, rated: Sequence[tuple[int, Rate]]) -> KeptPress:
    """The press outlets' kept rows, summed as the page reads them (three statements)."""
    d, w = FreePressDay, FreePressWeek
    valued = d.rate_card_id.is_not(None)
    sums = (
        select(
            d.rate_card_id,
            d.measure,
            d.clip,
            d.day,
            func.sum(d.items),
            func.sum(d.seconds),
            func.sum(d.cm_cents),
            func.sum(d.value),
            func.count(),
        )
        .join(Outlet, Outlet.id == d.outlet_id)
        .where(is_press())
        .group_by(d.rate_card_id, d.measure, d.clip, d.day)
        .order_by(d.rate_card_id, d.measure, d.clip, d.day)
    )
    cells = (
        select(
            d.day,
            d.outlet_id,
            Outlet.name,
            func.sum(d.items),
            func.sum(case((valued, d.items), else_=0)),
            func.sum(case((valued, d.value), else_=0)),
        )
        .join(Outlet, Outlet.id == d.outlet_id)
        .where(is_press())
        .group_by(d.day, d.outlet_id, Outlet.name)
        .order_by(d.day, d.outlet_id)
    )
    weeks = (
        select(w.week, w.outlet_id, Outlet.name, w.items, w.valued, w.value)
        .join(Outlet, Outlet.id == w.outlet_id)
        .where(is_press())
    )
    days: dict[Any, date] = {}

    def rows(query: Select[Any], at: int) -> list[list[Any]]:
        """The rows as the driver gives them, the day (at `at`) a date and the sums ints."""
        found = []
        with driver_rows(session, query, 10_000) as (processors, batches):
            to_day = processors[at]
            for batch in batches:
                for row in batch:
                    listed = list(row)
                    day = days.get(listed[at])
                    if day is None:
                        day = days[listed[at]] = to_day(listed[at]) if to_day else listed[at]
                    listed[at] = day
                    for n in range(len(listed) - 1, len(listed) - 4, -1):
                        listed[n] = int(listed[n])
                    found.append(listed)
        return found

    sum_rows = rows(sums, 3)
    for row in sum_rows:  # items and seconds, before the last three
        row[4], row[5] = int(row[4]), int(row[5])
    return KeptPress(rated, sum_rows, rows(cells, 0), rows(weeks, 0))


class _Watch:
    """One engine's kept press and the change marker it was loaded under."""

    def __init__(self, engine: Engine) -> None:
        self._changes = ChangeMarker(engine)
        self._lock = threading.Lock()
        self._marker: object = None
        self._zone: str | None = None
        self._kept: KeptPress | None = None
        self._pending: tuple[object, str | None] | None = None  # the change last seen, not loaded
        self.loads = 0  # how many times the kept days were read (tests)

    @property
    def _engine(self) -> Engine:
        return self._changes.engine

    def current(self, tz: tzinfo) -> KeptPress | None:
        """The kept press while the kept days are usable and nothing changed since it was
        loaded; None: read the database as before."""
        zone = zone_name(tz)
        with self._lock:
            marker = self._changes.read()
            if marker == self._marker and zone == self._zone:
                return self._kept
            self._marker, self._kept = None, None
            if (marker, zone) != self._pending:
                # The first request since the database changed reads it as before: while
                # writes follow one another (a night's collection), nothing is loaded for
                # a single request; once a change marker is seen twice, the rows are loaded.
                self._pending = (marker, zone)
                return None
            with session_factory(self._engine)() as session:
                rated = read_rates(session)
                kept = _load(session, rated) if free_press_days.usable(session, tz, rated) else None
            self.loads += 1
            if self._changes.read() != marker:  # a commit landed while reading: not kept
                return None
            self._marker, self._zone, self._kept = marker, zone, kept
            return kept


_WATCHES = PerEngine(_Watch)


def watch_for(engine: Engine) -> _Watch | None:
    return _WATCHES.get(engine)


def kept_press(engine: Engine, tz: tzinfo) -> KeptPress | None:
    """The press outlets' kept free press from memory; None: read the database as before (not
    usable, an engine without a change marker, or a commit during the load)."""
    watch = watch_for(engine)
    return None if watch is None else watch.current(tz)
