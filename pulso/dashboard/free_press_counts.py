"""The free-press page's sums from the period's counted items (storage.coverage_counts).

Identical items are worth the same (the rule in valuation/free_press.py values each item on its
own: round-half-up(quantity × price) in whole pesos), so each distinct (day, outlet, program,
measure, seconds or space) is valued once with `item_value` at the rate the index's timeline has
in force that day, and counted `count` times into the valuation's own running sums
(free_press.Tally): the totals, subtotals and counts are `pulso valuate`'s, to the peso, without
reading or valuing every item of a five-year period per request.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple, cast
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pulso.dashboard.weeks import WeekRow, iso_week
from storage import free_press_days as kept_days
from storage.coverage_counts import ClipKey, CoverageCounts, MentionKey, press_outlets
from storage.coverage_reads import iter_clip_items, mention_items
from valuation.free_press import (
    CoverageItem,
    Tally,
    UnvaluedItem,
    Valuation,
    ValuedItem,
    item_value,
)
from valuation.rate_cards import Priced, Rate, RateIndex, Timeline
from valuation.units import Measure

# `pulso valuate`'s lists, in its order: valued items (clips, then web mentions), then the
# unvalued ones (clips, then web mentions); each oldest first.
Part = tuple[bool, bool]  # (clips?, valued?)
ORDER: tuple[Part, ...] = ((True, True), (False, True), (True, False), (False, False))


@dataclass(frozen=True)
class CountedValue:
    valued: Valuation  # totals, subtotals and counts (no items)
    rows: list[WeekRow]  # value and count per week and outlet, in order
    sizes: dict[Part, int]  # items of each part
    # A part's items per day, in day order: where to read a page.
    per_day: Callable[[Part], Iterable[tuple[date, int]]]


class _Sums:
    """Running sums of a valuation (free_press.Tally's) and of the page's week × outlet cells,
    fed one distinct item and its count at a time."""

    def __init__(self, rates: RateIndex) -> None:
        self.rates = rates
        self.tally = Tally(rates)
        self.counts: dict[tuple[str, str], int] = {}
        self.values: dict[tuple[str, str], int | None] = {}
        self.per_day: dict[Part, Counter[date]] = {part: Counter() for part in ORDER}
        self._weeks: dict[date, str] = {}
        self._prices: dict[tuple[int, int | None, Decimal | None], int] = {}

    def add_clips(self, clips: Counter[ClipKey], outlets: dict[int, tuple[str, str]]) -> None:
        # Locals, and a CoverageItem only for an item not priced yet: this loop runs once per
        # distinct clip of the period (tens of thousands on five years).
        tally, counts, values, prices = self.tally, self.counts, self.values, self._prices
        valued_days, unvalued_days = self.per_day[(True, True)], self.per_day[(True, False)]
        total, number, airtime = tally.total, tally.count, tally.seconds
        week_of, timeline_of = self._week, self._timeline
        unvalued = 0
        for (day, outlet_id, program_key, seconds, cm), count in clips.items():
            outlet, outlet_key = outlets[outlet_id]
            measure: Measure = "time" if seconds is not None else "item" if cm is None else "space"
            cell = (week_of(day), outlet)
            counts[cell] = counts.get(cell, 0) + count
            (starts, rates), on_air = timeline_of(outlet_key, program_key, measure)
            priced = rates[bisect_right(starts, day) - 1]
            if priced is None:
                unvalued += count
                unvalued_days[day] += count
                values.setdefault(cell, None)
                continue
            valued_days[day] += count
            position = priced.position
            value = prices.get((position, seconds, cm))
            if value is None:
                item = CoverageItem(outlet, outlet_key, day, "", None, program_key, seconds, cm)
                value = prices[(position, seconds, cm)] = item_value(item, priced.rate)
            values[cell] = (values.get(cell) or 0) + count * value
            total[position] += count * value
            number[position] += count
            if seconds is not None:
                airtime[position] += count * seconds
                tally.airtime += count * value
                on_air.add(day)
            elif cm is not None:
                tally.cm[position] += count * cm
        tally.unvalued += unvalued

    def add_mentions(
        self, mentions: Counter[MentionKey], outlets: dict[int, tuple[str, str]]
    ) -> None:
        """Web mentions: priced per item, outlet-wide ("" program)."""
        tally, counts, values = self.tally, self.counts, self.values
        valued_days, unvalued_days = self.per_day[(False, True)], self.per_day[(False, False)]
        week_of, in_force = self._week, self._in_force
        prices: dict[int, int] = {}
        for (day, outlet_id), count in mentions.items():
            outlet, outlet_key = outlets[outlet_id]
            cell = (week_of(day), outlet)
            counts[cell] = counts.get(cell, 0) + count
            priced = in_force(outlet_key, "", "item", day)
            if priced is None:
                tally.unvalued += count
                unvalued_days[day] += count
                values.setdefault(cell, None)
                continue
            valued_days[day] += count
            position = priced.position
            value = prices.get(position)
            if value is None:
                item = CoverageItem(outlet, outlet_key, day, "")
                value = prices[position] = item_value(item, priced.rate)
            values[cell] = (values.get(cell) or 0) + count * value
            tally.total[position] += count * value
            tally.count[position] += count

    def _week(self, day: date) -> str:
        week = self._weeks.get(day)
        if week is None:
            week = self._weeks[day] = iso_week(day)
        return week

    def _in_force(
        self, outlet_key: str, program_key: str, measure: Measure, day: date
    ) -> Priced | None:
        """The rate in force (None: the item is unvalued), as Tally.value finds it: the
        index's timeline of the item's (outlet, program, measure), bisected on the day."""
        starts, priced = self._timeline(outlet_key, program_key, measure)[0]
        return priced[bisect_right(starts, day) - 1]

    def _timeline(
        self, outlet_key: str, program_key: str, measure: Measure
    ) -> tuple[Timeline, set[date]]:
        """The (outlet, program, measure)'s timeline with the days its airtime was valued on,
        in the tally's own table, so `Tally.broadcasts` counts this path's broadcasts too."""
        key = (outlet_key, program_key, measure)
        found = self.tally.timelines.get(key)
        if found is None:
            found = self.tally.timelines[key] = (self.rates.timeline(*key), set())
        return found


def value_counts(
    counts: CoverageCounts, rates: RateIndex, start: date, end: date, iva_rate: Decimal
) -> CountedValue:
    """Value every counted clip and web mention (aired in [start, end]) of `counts`."""
    sums = _Sums(rates)
    sums.add_clips(counts.clips, counts.outlets)
    sums.add_mentions(counts.mentions, counts.outlets)
    rows = [WeekRow(k[0], k[1], sums.counts[k], sums.values[k]) for k in sorted(sums.counts)]
    valued = sums.tally.valuation(start, end, iva_rate)
    sizes = {part: sum(days.values()) for part, days in sums.per_day.items()}
    return CountedValue(valued, rows, sizes, lambda part: sorted(sums.per_day[part].items()))


def kept_value(
    session: Session,
    rates: Sequence[tuple[int, Rate]],
    index: RateIndex,
    start: date,
    end: date,
    iva_rate: Decimal,
    *,
    weeks: bool = True,
) -> CountedValue:
    """`value_counts`'s figures from the kept days (storage.free_press_days, while `usable`):
    each row holds its items' values summed one by one at the rate in force, so feeding the
    rows' sums to the valuation's own running sums (Tally, by the rate's index position) gives
    the same totals, subtotals and counts; a part's days are read only when a page needs them,
    the week × outlet rows only with `weeks` (the page shows them, /api/valuation does not)."""
    found = kept_days.totals(session, start, end)
    valued, sizes = valued_from_totals(found, rates, index, start, end, iva_rate)
    rows = week_rows(session, start, end) if weeks else []
    return CountedValue(
        valued,
        rows,
        sizes,
        lambda part: kept_days.day_counts(session, start, end, *part),
    )


KeptTotals = dict[tuple[int | None, str, bool], kept_days.Sums]


def valued_from_totals(
    found: KeptTotals,
    rates: Sequence[tuple[int, Rate]],
    index: RateIndex,
    start: date,
    end: date,
    iva_rate: Decimal,
) -> tuple[Valuation, dict[Part, int]]:
    """The valuation (no items) and each part's size from the kept days' sums of [start, end]
    (`free_press_days.totals`, or the same sums held in memory: pulso.dashboard.kept_press)."""
    position = {card_id: n for n, (card_id, _) in enumerate(rates)}
    tally = Tally(index)
    sizes = dict.fromkeys(ORDER, 0)
    broadcasts = 0
    for (card, measure, clip), (items, seconds, cents, value, days) in found.items():
        sizes[(clip, card is not None)] += items
        if card is None:
            tally.unvalued += items
            continue
        at = position[card]
        tally.total[at] += value
        tally.count[at] += items
        if measure == "time":
            tally.seconds[at] += seconds
            tally.airtime += value
            broadcasts += days  # one day row per (day, outlet, program) aired: a broadcast
        elif measure == "space":
            tally.cm[at] += Decimal(cents).scaleb(-2)
    valued = dataclasses.replace(tally.valuation(start, end, iva_rate), broadcasts=broadcasts)
    return valued, sizes


def week_rows(session: Session, start: date, end: date) -> list[WeekRow]:
    """The kept week × outlet cells of [start, end], as `value_counts` orders its rows."""
    names = {id_: name for id_, (name, _) in press_outlets(session).items()}
    weeks: dict[date, str] = {}
    cells = []
    for monday, outlet, count, worth in kept_days.week_cells(session, start, end, names):
        week = weeks.get(monday)
        if week is None:
            week = weeks[monday] = iso_week(monday)
        cells.append((week, outlet, count, worth))
    cells.sort()
    return [WeekRow(*cell) for cell in cells]


class _Plan(NamedTuple):
    """Which items of one part a page holds: from `first` to `last` (days), the part's items
    of those days after the first `skip`, `take` of them."""

    first: date
    last: date
    skip: int
    take: int


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
    are read (storage.clips, once for clips and once for web mentions) and valued again
    (Tally), as for the whole period."""
    plans = {
        part: day_plan(counted.per_day(part), skip, take)
        for part, (skip, take) in shares(counted, offset, limit).items()
    }
    found: dict[Part, list[ValuedItem | UnvaluedItem]] = {part: [] for part in plans}
    for clips in (True, False):
        wanted = {part[1]: plan for part, plan in plans.items() if part[0] == clips}
        if wanted:
            _read(session, rates, counted, tz, clips, wanted, found)
    valued = [r for part in ORDER if part[1] for r in found.get(part, ())]
    unvalued = [r for part in ORDER if not part[1] for r in found.get(part, ())]
    return cast(list[ValuedItem], valued), cast(list[UnvaluedItem], unvalued)


def shares(counted: CountedValue, offset: int, limit: int) -> dict[Part, tuple[int, int]]:
    """Which items of each part the items `offset` to `offset + limit` of the four lists (in
    ORDER) are: (how many of the part's to skip, how many to take), parts without any left
    out."""
    found: dict[Part, tuple[int, int]] = {}
    for part in ORDER:
        size = counted.sizes[part]
        if offset >= size:
            offset -= size
            continue
        if limit <= 0:
            break
        take = min(limit, size - offset)
        found[part] = (offset, take)
        offset, limit = 0, limit - take
    return found


def day_plan(per_day: Iterable[tuple[date, int]], offset: int, take: int) -> _Plan:
    """The days holding a part's items `offset` to `offset + take` (0 < take)."""
    first, last, skip, running = None, None, 0, 0
    for day, count in per_day:
        if first is None and running + count > offset:
            first, skip = day, offset - running
        running += count
        last = day
        if first is not None and running >= offset + take:
            break
    assert first is not None and last is not None  # offset is below the part's size
    return _Plan(first, last, skip, take)


def _read(
    session: Session,
    rates: RateIndex,
    counted: CountedValue,
    tz: ZoneInfo,
    clips: bool,
    wanted: dict[bool, _Plan],
    found: dict[Part, list[ValuedItem | UnvaluedItem]],
) -> None:
    """One read of clips (or web mentions) over the days the plans need, valued in order; each
    plan's items (valued or unvalued, by `wanted`'s key) go to `found`."""
    first = min(plan.first for plan in wanted.values())
    last = max(plan.last for plan in wanted.values())
    items = (
        iter_clip_items(session, first, last) if clips else mention_items(session, first, last, tz)
    )
    start, end = counted.valued.start, counted.valued.end
    skipped = dict.fromkeys(wanted, 0)
    missing = sum(plan.take for plan in wanted.values())
    for result in Tally(rates).value(items, start=start, end=end):
        is_valued = isinstance(result, ValuedItem)
        plan = wanted.get(is_valued)
        if plan is None or result.item.aired_on < plan.first:
            continue
        kept = found[(clips, is_valued)]
        if skipped[is_valued] < plan.skip:
            skipped[is_valued] += 1
        elif len(kept) < plan.take:
            kept.append(result)
            missing -= 1
            if not missing:
                break


def first_unvalued(
    session: Session, rates: RateIndex, counted: CountedValue, tz: ZoneInfo, limit: int
) -> list[UnvaluedItem]:
    """The period's first `limit` unvalued items, in `pulso valuate`'s order."""
    counts = counted.valued.counts
    return listed(session, rates, counted, tz, offset=counts.clips + counts.mentions, limit=limit)[
        1
    ]
