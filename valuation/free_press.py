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

from valuation.rate_cards import NoRate, Rate, RateIndex
from valuation.units import UNIT_SECONDS, Measure

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


def price_ratio(rate: Rate) -> tuple[int, int]:
    """The rate's price per unit of measure (second, cm or item) as an exact integer ratio."""
    numerator, denominator = rate.price_cop.as_integer_ratio()
    return numerator, denominator * UNIT_SECONDS.get(rate.unit, 1)


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
    # Clips of one program on one day share a rate: look it up, and price it, once per slot.
    slots: dict[tuple[str, str, date, Measure], _Slot] = {}
    for item in items:
        if not start <= item.aired_on <= end:
            continue
        key = (item.outlet_key, item.program_key, item.aired_on, item.measure)
        slot = slots.get(key)
        if slot is None:
            slot = slots[key] = _Slot(rates.find(*key, outlet=item.outlet))
        if slot.rate is None:
            unvalued.append(UnvaluedItem(item, slot.missing.reason, slot.missing.reason_es))
            continue
        q_num, q_den = quantity(item)
        value = round_half_up(q_num * slot.price_num, q_den * slot.price_den)
        valued.append(ValuedItem(item, slot.rate, value))
        slot.add(item, value)
    return _summarise(start, end, iva_rate, valued, unvalued, list(slots.values()))


class _Slot:
    """One (outlet, program, day, measure): its rate, price ratio and running sums."""

    __slots__ = ("rate", "missing", "price_num", "price_den", "total", "count", "seconds", "cm")

    def __init__(self, found: Rate | NoRate) -> None:
        self.rate: Rate | None = None
        self.missing = NoRate("")
        self.price_num, self.price_den = 0, 1
        if isinstance(found, NoRate):
            self.missing = found
        else:
            self.rate = found
            self.price_num, self.price_den = price_ratio(found)
        self.total = self.count = self.seconds = 0
        self.cm = Decimal(0)

    def add(self, item: CoverageItem, value: int) -> None:
        self.total += value
        self.count += 1
        if item.seconds is not None:
            self.seconds += item.seconds
        elif item.column_cm is not None:
            self.cm += item.column_cm


def _summarise(
    start: date,
    end: date,
    iva_rate: Decimal,
    valued: list[ValuedItem],
    unvalued: list[UnvaluedItem],
    slots: list[_Slot],
) -> Valuation:
    priced = [slot for slot in slots if slot.rate is not None]
    total = sum(slot.total for slot in priced)
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
        by_outlet=_subtotals(priced, lambda rate: rate.outlet),
        by_medium=_subtotals(priced, lambda rate: rate.medium),
        counts=_counts(priced, len(unvalued)),
    )


def _subtotals(slots: list[_Slot], key: Callable[[Rate], str]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for slot in slots:
        assert slot.rate is not None
        name = key(slot.rate)
        totals[name] = totals.get(name, 0) + slot.total
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


def _counts(slots: list[_Slot], unvalued: int) -> Counts:
    mentions = sum(s.count for s in slots if s.rate is not None and s.rate.unit == "item")
    return Counts(
        clips=sum(s.count for s in slots) - mentions,
        airtime_s=sum(s.seconds for s in slots),
        column_cm=sum((s.cm for s in slots), Decimal(0)),
        mentions=mentions,
        unvalued=unvalued,
    )
