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


@dataclass(frozen=True, slots=True)
class ValuedItem:
    item: CoverageItem
    rate: Rate
    value_cop: int


@dataclass(frozen=True, slots=True)
class UnvaluedItem:
    item: CoverageItem
    reason: str


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


def item_value(item: CoverageItem, rate: Rate) -> int:
    """Whole pesos before IVA for one item at one rate."""
    price_num, price_den = rate.price_cop.as_integer_ratio()
    if item.seconds is not None:
        return round_half_up(item.seconds * price_num, price_den * UNIT_SECONDS[rate.unit])
    if item.column_cm is not None:
        cm_num, cm_den = item.column_cm.as_integer_ratio()
        return round_half_up(cm_num * price_num, cm_den * price_den)
    return round_half_up(price_num, price_den)


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
    # Clips of one program on one day share a rate: look it up once.
    found: dict[tuple[str, str, date, Measure], Rate | NoRate] = {}
    for item in items:
        if not start <= item.aired_on <= end:
            continue
        key = (item.outlet_key, item.program_key, item.aired_on, item.measure)
        rate = found.get(key)
        if rate is None:
            rate = found[key] = rates.find(*key, outlet=item.outlet)
        if isinstance(rate, NoRate):
            unvalued.append(UnvaluedItem(item, rate.reason))
        else:
            valued.append(ValuedItem(item, rate, item_value(item, rate)))
    return _summarise(start, end, iva_rate, valued, unvalued)


def _summarise(
    start: date,
    end: date,
    iva_rate: Decimal,
    valued: list[ValuedItem],
    unvalued: list[UnvaluedItem],
) -> Valuation:
    total = sum(v.value_cop for v in valued)
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
        by_outlet=_subtotals(valued, lambda v: v.item.outlet),
        by_medium=_subtotals(valued, lambda v: v.rate.medium),
        counts=_counts(valued, len(unvalued)),
    )


def _subtotals(valued: list[ValuedItem], key: Callable[[ValuedItem], str]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for v in valued:
        name = key(v)
        totals[name] = totals.get(name, 0) + v.value_cop
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


def _counts(valued: list[ValuedItem], unvalued: int) -> Counts:
    clips = [v.item for v in valued if v.item.measure != "item"]
    return Counts(
        clips=len(clips),
        airtime_s=sum(i.seconds or 0 for i in clips),
        column_cm=sum((i.column_cm or Decimal(0) for i in clips), Decimal(0)),
        mentions=len(valued) - len(clips),
        unvalued=unvalued,
    )
