"""Free-press value (advertising value equivalency) of clips and web mentions.

Value of an item = round-half-up to whole pesos of `seconds × price / unit_seconds`, or
`column_cm × price`, or `price` per item; the rate is the one in force (rate_cards). Exact
integer arithmetic throughout: Decimals are turned into integer ratios, never floats, so a
total is always the sum of the items shown. IVA = round-half-up(total × iva_rate), on the total.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from valuation.rate_cards import NoRate, Rate, RateIndex, price_ratio
from valuation.units import Measure

DEFAULT_IVA_RATE = Decimal("0.19")


@dataclass(frozen=True, slots=True)
class CoverageItem:
    """A clip (airtime `seconds` or print `column_cm`) or a web mention (neither)."""

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
    sums = _Sums(len(rates.rates))
    # Locals and inlined arithmetic: this loop runs once per clip of a year of logs.
    lookup, total, count, airtime = rates.lookup, sums.total, sums.count, sums.seconds
    for item in items:
        day = item.aired_on
        if day < start or day > end:
            continue
        found = lookup(item.outlet_key, item.program_key, day, item.measure, item.outlet)
        if isinstance(found, NoRate):
            unvalued.append(
                UnvaluedItem(item, found.reason, found.reason_es, found.code, found.params)
            )
            continue
        seconds, position = item.seconds, found.position
        if seconds is not None:
            q_num, q_den = seconds, 1
            airtime[position] += seconds
        else:
            q_num, q_den = quantity(item)
            sums.cm[position] += item.column_cm or 0
        denominator = q_den * found.price_den  # round_half_up(q × price), exactly
        value = (2 * q_num * found.price_num + denominator) // (2 * denominator)
        valued.append(ValuedItem(item, found.rate, value))
        total[position] += value
        count[position] += 1
    return _summarise(start, end, iva_rate, valued, unvalued, sums.per_rate(rates.rates))


class _Sums:
    """Running sums per rate (by index position): subtotals and counts without a second pass."""

    __slots__ = ("total", "count", "seconds", "cm")

    def __init__(self, size: int) -> None:
        self.total, self.count, self.seconds = [0] * size, [0] * size, [0] * size
        self.cm = [Decimal(0)] * size

    def per_rate(self, rates: list[Rate]) -> list[_RateSums]:
        return [
            _RateSums(rate, self.total[i], self.count[i], self.seconds[i], self.cm[i])
            for i, rate in enumerate(rates)
            if self.count[i]
        ]


class _RateSums(NamedTuple):
    rate: Rate
    total: int
    items: int
    seconds: int
    cm: Decimal


def _summarise(
    start: date,
    end: date,
    iva_rate: Decimal,
    valued: list[ValuedItem],
    unvalued: list[UnvaluedItem],
    per_rate: list[_RateSums],
) -> Valuation:
    total = sum(s.total for s in per_rate)
    iva = iva_of(total, iva_rate)
    return Valuation(
        start=start,
        end=end,
        iva_rate=iva_rate,
        items=tuple(valued),
        unvalued=tuple(unvalued),
        total_before_iva=total,
        iva=iva,
        total_with_iva=total + iva,
        by_outlet=_subtotals(per_rate, lambda rate: rate.outlet),
        by_medium=_subtotals(per_rate, lambda rate: rate.medium),
        counts=_counts(per_rate, len(unvalued)),
    )


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
