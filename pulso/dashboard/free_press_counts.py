"""The free-press page's sums from the period's counted items (storage.coverage_counts).

Identical items are worth the same (the rule in valuation/free_press.py values each item on its
own: round-half-up(quantity × price) in whole pesos), so each distinct (day, outlet, program,
measure, seconds or space) is valued once with `item_value` at the rate the index's timeline has
in force that day, and counted `count` times into the valuation's own running sums
(free_press.Tally): the totals, subtotals and counts are `pulso valuate`'s, to the peso, without
reading or valuing every item of a five-year period per request.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pulso.dashboard.weeks import WeekRow, iso_week
from storage.clips import iter_clip_items, mention_items
from storage.coverage_counts import CoverageCounts
from valuation.free_press import (
    CoverageItem,
    Tally,
    UnvaluedItem,
    Valuation,
    ValuedItem,
    item_value,
)
from valuation.rate_cards import Priced, RateIndex
from valuation.units import Measure

# `pulso valuate`'s lists, in its order: valued items (clips, then web mentions), then the
# unvalued ones (clips, then web mentions); each oldest first.
Part = tuple[bool, bool]  # (clips?, valued?)
ORDER: tuple[Part, ...] = ((True, True), (False, True), (True, False), (False, False))


@dataclass(frozen=True)
class CountedValue:
    valued: Valuation  # totals, subtotals and counts (no items)
    rows: list[WeekRow]  # value and count per week and outlet, in order
    per_day: dict[Part, Counter[date]]  # items of each part per day: where to read a page


class _Sums:
    """Running sums of a valuation fed one distinct item and its count at a time."""

    def __init__(self, rates: RateIndex) -> None:
        self.rates = rates
        self.tally = Tally(rates)
        self.counts: dict[tuple[str, str], int] = {}
        self.values: dict[tuple[str, str], int | None] = {}
        self.weeks: dict[date, str] = {}
        self.prices: dict[tuple[int, int | None, Decimal | None], int] = {}
        self.per_day: dict[Part, Counter[date]] = {part: Counter() for part in ORDER}

    def rate(self, outlet_key: str, program_key: str, measure: Measure, day: date) -> Priced | None:
        """The rate in force (None: the item is unvalued), as Tally.value finds it."""
        starts, priced = self.rates.timeline(outlet_key, program_key, measure)
        return priced[bisect_right(starts, day) - 1]

    def add(self, item: CoverageItem, count: int, priced: Priced | None, clip: bool) -> None:
        week = self.weeks.get(item.aired_on)
        if week is None:
            week = self.weeks[item.aired_on] = iso_week(item.aired_on)
        cell = (week, item.outlet)
        self.counts[cell] = self.counts.get(cell, 0) + count
        tally = self.tally
        if priced is None:
            tally.unvalued += count
            self.per_day[(clip, False)][item.aired_on] += count
            self.values.setdefault(cell, None)
            return
        self.per_day[(clip, True)][item.aired_on] += count
        position, seconds, cm = priced.position, item.seconds, item.column_cm
        key = (position, seconds, cm)
        value = self.prices.get(key)
        if value is None:
            value = self.prices[key] = item_value(item, priced.rate)
        self.values[cell] = (self.values.get(cell) or 0) + count * value
        tally.total[position] += count * value
        tally.count[position] += count
        if seconds is not None:
            tally.seconds[position] += count * seconds
            tally.airtime += count * value
            tally.on_air.add((item.outlet_key, item.program_key, item.aired_on))
        elif cm is not None:
            tally.cm[position] += count * cm


def value_counts(
    counts: CoverageCounts, rates: RateIndex, start: date, end: date, iva_rate: Decimal
) -> CountedValue:
    """Value every counted clip and web mention (aired in [start, end]) of `counts`."""
    sums = _Sums(rates)
    outlets = counts.outlets
    for (day, outlet_id, program_key, seconds, cm), count in counts.clips.items():
        outlet, outlet_key = outlets[outlet_id]
        item = CoverageItem(outlet, outlet_key, day, "", None, program_key, seconds, cm)
        priced = sums.rate(outlet_key, program_key, item.measure, day)
        sums.add(item, count, priced, True)
    for (day, outlet_id), count in counts.mentions.items():
        outlet, outlet_key = outlets[outlet_id]
        item = CoverageItem(outlet, outlet_key, day, "")
        sums.add(item, count, sums.rate(outlet_key, "", "item", day), False)
    rows = [WeekRow(k[0], k[1], sums.counts[k], sums.values[k]) for k in sorted(sums.counts)]
    valued = sums.tally.valuation(start, end, iva_rate)
    return CountedValue(valued, rows, sums.per_day)


def listed(
    session: Session,
    rates: RateIndex,
    counted: CountedValue,
    tz: ZoneInfo,
    *,
    offset: int,
    limit: int,
) -> tuple[list[ValuedItem], list[UnvaluedItem]]:
    """`limit` items from `offset` of `pulso valuate`'s valued items followed by its unvalued
    ones (each list in its order), with their values or reasons: only the days that hold them
    are read (storage.clips) and valued again (Tally), as for the whole period."""
    valued: list[ValuedItem] = []
    unvalued: list[UnvaluedItem] = []
    for part in ORDER:
        per_day = counted.per_day[part]
        size = sum(per_day.values())
        if offset >= size:
            offset -= size
            continue
        if limit <= 0:
            break
        found = _read(session, rates, counted, tz, part, offset, limit)
        if part[1]:
            valued += cast(list[ValuedItem], found)
        else:
            unvalued += cast(list[UnvaluedItem], found)
        offset, limit = 0, limit - len(found)
    return valued, unvalued


def _read(
    session: Session,
    rates: RateIndex,
    counted: CountedValue,
    tz: ZoneInfo,
    part: Part,
    offset: int,
    limit: int,
) -> list[ValuedItem | UnvaluedItem]:
    """`limit` items of one part from its `offset`: the days from the one holding the first
    to the one holding the last are read and valued, the part's items of them kept."""
    per_day = counted.per_day[part]
    first, last, skip, running = None, None, 0, 0
    for day in sorted(per_day):
        if first is None and running + per_day[day] > offset:
            first, skip = day, offset - running
        running += per_day[day]
        last = day
        if first is not None and running >= offset + limit:
            break
    assert first is not None and last is not None  # the caller checked offset < the part's size
    clips, is_valued = part
    items = (
        iter_clip_items(session, first, last) if clips else mention_items(session, first, last, tz)
    )
    start, end = counted.valued.start, counted.valued.end
    results = Tally(rates).value(items, start=start, end=end)
    kept = (r for r in results if isinstance(r, ValuedItem) == is_valued)
    return list(islice(kept, skip, skip + limit))


def first_unvalued(
    session: Session, rates: RateIndex, counted: CountedValue, tz: ZoneInfo, limit: int
) -> list[UnvaluedItem]:
    """The period's first `limit` unvalued items, in `pulso valuate`'s order."""
    counts = counted.valued.counts
    return listed(session, rates, counted, tz, offset=counts.clips + counts.mentions, limit=limit)[
        1
    ]
