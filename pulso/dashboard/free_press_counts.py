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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import islice
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pulso.dashboard.weeks import WeekRow, iso_week
from storage.clips import iter_clip_items, mention_items
from storage.coverage_counts import CoverageCounts
from valuation.free_press import CoverageItem, Tally, UnvaluedItem, Valuation, item_value
from valuation.rate_cards import Priced, RateIndex
from valuation.units import Measure


@dataclass(frozen=True)
class CountedValue:
    valued: Valuation  # totals, subtotals and counts (no items)
    rows: list[WeekRow]  # value and count per week and outlet, in order
    unvalued_clips: Counter[date]  # unvalued clips per air day (to find the first ones)
    unvalued_mentions: Counter[date]


class _Sums:
    """Running sums of a valuation fed one distinct item and its count at a time."""

    def __init__(self, rates: RateIndex) -> None:
        self.rates = rates
        self.tally = Tally(rates)
        self.counts: dict[tuple[str, str], int] = {}
        self.values: dict[tuple[str, str], int | None] = {}
        self.weeks: dict[date, str] = {}
        self.prices: dict[tuple[int, int | None, Decimal | None], int] = {}

    def rate(self, outlet_key: str, program_key: str, measure: Measure, day: date) -> Priced | None:
        """The rate in force (None: the item is unvalued), as Tally.value finds it."""
        starts, priced = self.rates.timeline(outlet_key, program_key, measure)
        return priced[bisect_right(starts, day) - 1]

    def add(
        self, item: CoverageItem, count: int, priced: Priced | None, unvalued: Counter[date]
    ) -> None:
        week = self.weeks.get(item.aired_on)
        if week is None:
            week = self.weeks[item.aired_on] = iso_week(item.aired_on)
        cell = (week, item.outlet)
        self.counts[cell] = self.counts.get(cell, 0) + count
        tally = self.tally
        if priced is None:
            tally.unvalued += count
            unvalued[item.aired_on] += count
            self.values.setdefault(cell, None)
            return
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
    unvalued_clips: Counter[date] = Counter()
    for (day, outlet_id, program_key, seconds, cm), count in counts.clips.items():
        outlet, outlet_key = outlets[outlet_id]
        item = CoverageItem(outlet, outlet_key, day, "", None, program_key, seconds, cm)
        priced = sums.rate(outlet_key, program_key, item.measure, day)
        sums.add(item, count, priced, unvalued_clips)
    unvalued_mentions: Counter[date] = Counter()
    for (day, outlet_id), count in counts.mentions.items():
        outlet, outlet_key = outlets[outlet_id]
        item = CoverageItem(outlet, outlet_key, day, "")
        sums.add(item, count, sums.rate(outlet_key, "", "item", day), unvalued_mentions)
    rows = [WeekRow(k[0], k[1], sums.counts[k], sums.values[k]) for k in sorted(sums.counts)]
    valued = sums.tally.valuation(start, end, iva_rate)
    return CountedValue(valued, rows, unvalued_clips, unvalued_mentions)


def first_unvalued(
    session: Session,
    rates: RateIndex,
    counted: CountedValue,
    tz: ZoneInfo,
    limit: int,
) -> list[UnvaluedItem]:
    """The first `limit` unvalued items of the period in `pulso valuate`'s order (clips, then
    web mentions, each oldest first), with their reasons: only the days up to the one where
    enough have gone by are read and valued again, as storage.clips reads and Tally values
    them for the whole period."""
    start, end = counted.valued.start, counted.valued.end
    reads: tuple[tuple[Counter[date], Callable[[date, date], Iterable[CoverageItem]]], ...] = (
        (counted.unvalued_clips, lambda first, last: iter_clip_items(session, first, last)),
        (counted.unvalued_mentions, lambda first, last: mention_items(session, first, last, tz)),
    )
    shown: list[UnvaluedItem] = []
    for per_day, read in reads:
        wanted = limit - len(shown)
        if wanted <= 0 or not per_day:
            continue
        days = sorted(per_day)
        last, running = days[-1], 0
        for day in days:
            running += per_day[day]
            if running >= wanted:
                last = day
                break
        found = Tally(rates).value(read(days[0], last), start=start, end=end)
        shown += islice((r for r in found if isinstance(r, UnvaluedItem)), wanted)
    return shown
