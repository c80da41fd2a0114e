"""Free-press value (advertising value equivalency) of clips and web mentions.

Value of an item = round-half-up to whole pesos of `seconds × price / unit_seconds`, or
`column_cm × price`, or `price` per item; the rate is the one in force (rate_cards). Exact
integer arithmetic throughout: Decimals are turned into integer ratios, never floats, so a
total is always the sum of the items shown. IVA = round-half-up(total × iva_rate), on the total.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from valuation.rate_cards import NoRate, Rate, RateIndex, Timeline, price_ratio
from valuation.units import Measure

DEFAULT_IVA_RATE = Decimal("0.19")


class CoverageItem(NamedTuple):
    """A clip (airtime `seconds` or print `column_cm`) or a web mention (neither)."""

    # A tuple, not a dataclass: a frozen dataclass costs twice as much to build, and
    # `pulso valuate` builds one per clip of a million-clip log.

    outlet: str
    outlet_key: str
    aired_on: date
    title: str
    program: str | None = None
    program_key: str = ""
    seconds: int | None = None
    column_cm: Decimal | None = None

    @property
    def measure(self) -> Measure:
        if self.seconds is not None:
            return "time"
        return "space" if self.column_cm is not None else "item"


class ValuedItem(NamedTuple):
    # A tuple, not a dataclass: a year of clip logs makes a million of these.
    item: CoverageItem
    rate: Rate
    value_cop: int


@dataclass(frozen=True, slots=True)
class UnvaluedItem:
    item: CoverageItem
    reason: str
    reason_es: str = ""
    code: str = ""  # NoRate's code and parameters
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Counts:
    """What an AVE figure comes from: shown beside it wherever it is shown."""

    clips: int  # airtime and print items valued
    airtime_s: int
    column_cm: Decimal
    mentions: int  # web items valued
    unvalued: int


@dataclass(frozen=True, slots=True)
class Valuation:
    start: date
    end: date
    iva_rate: Decimal
    items: tuple[ValuedItem, ...]
    unvalued: tuple[UnvaluedItem, ...]
    total_before_iva: int
    iva: int
    total_with_iva: int
    by_outlet: dict[str, int]
    by_medium: dict[str, int]
    counts: Counts
    # Airtime items: distinct broadcasts (outlet, program, day) and their value, kept as sums
    # so a valuation streamed without its items still gives the per-broadcast estimate.
    broadcasts: int = 0
    airtime_value: int = 0


# An item's measure by [seconds is None][column_cm is None], as CoverageItem.measure says.
_MEASURE: tuple[tuple[Measure, Measure], tuple[Measure, Measure]] = (
    ("time", "time"),
    ("space", "item"),
)


def round_half_up(numerator: int, denominator: int) -> int:
    """Nearest integer to numerator/denominator, halves up (non-negative values)."""
    return (2 * numerator + denominator) // (2 * denominator)


def quantity(item: CoverageItem) -> tuple[int, int]:
    """Seconds, column-centimetres or one item, as an exact integer ratio."""
    if item.seconds is not None:
        return item.seconds, 1
    if item.column_cm is not None:
        return item.column_cm.as_integer_ratio()
    return 1, 1


def item_value(item: CoverageItem, rate: Rate) -> int:
    """Whole pesos before IVA for one item at one rate: round-half-up(quantity × price)."""
    (q_num, q_den), (p_num, p_den) = quantity(item), price_ratio(rate)
    return round_half_up(q_num * p_num, q_den * p_den)


def iva_of(total: int, iva_rate: Decimal) -> int:
    rate_num, rate_den = iva_rate.as_integer_ratio()
    return round_half_up(total * rate_num, rate_den)


def value_coverage(
    items: Iterable[CoverageItem],
    rates: RateIndex,
    *,
    start: date,
    end: date,
    iva_rate: Decimal = DEFAULT_IVA_RATE,
) -> Valuation:
    """Value every item aired in [start, end]; items without a rate are listed, not zeroed."""
    valued: list[ValuedItem] = []
    unvalued: list[UnvaluedItem] = []
    tally = Tally(rates)
    for result in tally.value(items, start=start, end=end):
        if isinstance(result, UnvaluedItem):
            unvalued.append(result)
        else:
            valued.append(result)
    return tally.valuation(start, end, iva_rate, tuple(valued), tuple(unvalued))


class Tally:
    """Running sums of a valuation (per rate, by index position): totals, subtotals and counts
    without a second pass and without keeping the items, so a million clips can stream through
    and their rows go straight to the output."""

    __slots__ = (
        "rates",
        "total",
        "count",
        "seconds",
        "cm",
        "unvalued",
        "airtime",
        "timelines",
    )

    def __init__(self, rates: RateIndex) -> None:
        size = len(rates.rates)
        self.rates = rates
        self.total, self.count, self.seconds = [0] * size, [0] * size, [0] * size
        self.cm = [Decimal(0)] * size
        self.unvalued, self.airtime = 0, 0
        # Each (outlet, program, measure)'s timeline, with the days its airtime items were
        # valued on: the distinct broadcasts (outlet, program, day) without a tuple per item.
        self.timelines: dict[tuple[str, str, Measure], tuple[Timeline, set[date]]] = {}

    def value(
        self, items: Iterable[CoverageItem], *, start: date, end: date
    ) -> Iterator[ValuedItem | UnvaluedItem]:
        """Each item aired in [start, end], valued or unvalued with the reason, in order."""
        # Locals and inlined arithmetic: this loop runs once per clip of a year of logs. The
        # rate comes from the index's timeline of the item's (outlet, program, measure): one
        # bisect on the day; `lookup` only words why an item has no rate.
        lookup, total, count, airtime = self.rates.lookup, self.total, self.count, self.seconds
        timeline, timelines = self.rates.timeline, self.timelines
        measure, new = _MEASURE, tuple.__new__  # tuple.__new__: a NamedTuple without its __new__
        for item in items:
            day = item.aired_on
            if day < start or day > end:
                continue
            seconds, column_cm = item.seconds, item.column_cm
            key = (item.outlet_key, item.program_key, measure[seconds is None][column_cm is None])
            found = timelines.get(key)
            if found is None:
                found = timelines[key] = (timeline(*key), set())
            (starts, rates), days = found
            priced = rates[bisect_right(starts, day) - 1]
            if priced is None:
                missing = lookup(*key[:2], day, key[2], item.outlet)
                assert isinstance(missing, NoRate)  # the timeline has every rate in force
                self.unvalued += 1
                yield UnvaluedItem(
                    item, missing.reason, missing.reason_es, missing.code, missing.params
                )
                continue
            rate, price_num, price_den, position = priced
            if seconds is not None:  # round_half_up(q × price), exactly
                value = (2 * seconds * price_num + price_den) // (2 * price_den)
                airtime[position] += seconds
                days.add(day)
                self.airtime += value
            else:
                q_num, q_den = quantity(item)
                denominator = q_den * price_den
                value = (2 * q_num * price_num + denominator) // (2 * denominator)
                self.cm[position] += column_cm or 0
            total[position] += value
            count[position] += 1
            yield new(ValuedItem, (item, rate, value))

    def broadcasts(self) -> int:
        """Distinct (outlet, program, day) among the valued airtime items."""
        return sum(
            len(days) for (_, _, measure), (_, days) in self.timelines.items() if measure == "time"
        )

    def per_rate(self) -> list[_RateSums]:
        return [
            _RateSums(rate, self.total[i], self.count[i], self.seconds[i], self.cm[i])
            for i, rate in enumerate(self.rates.rates)
            if self.count[i]
        ]

    def valuation(
        self,
        start: date,
        end: date,
        iva_rate: Decimal,
        valued: tuple[ValuedItem, ...] = (),
        unvalued: tuple[UnvaluedItem, ...] = (),
    ) -> Valuation:
        """The summary of what went through; `valued`/`unvalued` when the caller kept them."""
        per_rate = self.per_rate()
        total = sum(s.total for s in per_rate)
        iva = iva_of(total, iva_rate)
        return Valuation(
            start=start,
            end=end,
            iva_rate=iva_rate,
            items=valued,
            unvalued=unvalued,
            total_before_iva=total,
            iva=iva,
            total_with_iva=total + iva,
            by_outlet=_subtotals(per_rate, lambda rate: rate.outlet),
            by_medium=_subtotals(per_rate, lambda rate: rate.medium),
            counts=_counts(per_rate, self.unvalued),
            broadcasts=self.broadcasts(),
            airtime_value=self.airtime,
        )


class _RateSums(NamedTuple):
    rate: Rate
    total: int
    items: int
    seconds: int
    cm: Decimal


def _subtotals(per_rate: list[_RateSums], key: Callable[[Rate], str]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for sums in per_rate:
        name = key(sums.rate)
        totals[name] = totals.get(name, 0) + sums.total
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


def _counts(per_rate: list[_RateSums], unvalued: int) -> Counts:
    mentions = sum(s.items for s in per_rate if s.rate.unit == "item")
    return Counts(
        clips=sum(s.items for s in per_rate) - mentions,
        airtime_s=sum(s.seconds for s in per_rate),
        column_cm=sum((s.cm for s in per_rate), Decimal(0)),
        mentions=mentions,
        unvalued=unvalued,
    )
