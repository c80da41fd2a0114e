"""Rate cards: the rate records, their validation, and the indexed lookup of the rate in force.

Lookup rule (design.md): the rate for the same outlet in force on the air date, a
program-specific rate winning over an outlet-wide one, the latest `valid_from` winning among
equals. Only units that measure what the clip has count: airtime clips take second, minute or
spot30 rates; print clips column_cm; web mentions item.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from valuation.units import (
    MEASURE_OF_UNIT,
    UNIT_SECONDS,
    UNITS,
    UNITS_OF_MEDIUM,
    Measure,
    Medium,
    Unit,
    unit_fits_medium,
)

MEASURE_UNITS: dict[Measure, tuple[Unit, ...]] = {
    measure: tuple(u for u in UNITS if MEASURE_OF_UNIT[u] == measure)
    for measure in ("time", "space", "item")
}
_MEASURE_NAMES: dict[Measure, str] = {
    "time": "airtime (second, minute or spot30)",
    "space": "column_cm",
    "item": "item",
}
_MEASURE_NAMES_ES: dict[Measure, str] = {
    "time": "tiempo al aire (segundo, minuto o cuña de 30 s)",
    "space": "cm-columna",
    "item": "nota",
}


@dataclass(frozen=True, slots=True)
class Rate:
    """One rate-card row. `ref` names the row ("tarifas.csv:4", "rate 12") in every breakdown."""

    ref: str
    outlet: str
    outlet_key: str
    medium: Medium
    unit: Unit
    price_cop: Decimal
    valid_from: date
    valid_to: date | None = None  # inclusive; None: still in force
    program: str | None = None
    program_key: str = ""  # '' for an outlet-wide rate

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def period(self) -> str:
        return (
            f"{self.valid_from.isoformat()}..{self.valid_to.isoformat() if self.valid_to else ''}"
        )


@dataclass(frozen=True, slots=True)
class RateProblem:
    """A rate row that cannot be used: which row, which column, why."""

    ref: str
    column: str
    message: str
    other: Rate | None = None  # the row an overlapping period collides with


@dataclass(frozen=True, slots=True)
class NoRate:
    """Why an item has no rate; the item is listed as unvalued, never valued at zero."""

    reason: str
    reason_es: str = ""
    # The same reason as a code and its parameters, for reports to word in their language:
    # no_rate_card(outlet) | no_unit_rate(outlet, measure, units) |
    # not_in_force(outlet, day, periods) | ambiguous(refs, day). Dates are ISO, lists ", "-joined.
    code: str = ""
    params: tuple[tuple[str, str], ...] = ()


def validate_rates(rates: Sequence[Rate]) -> list[RateProblem]:
    """Every problem in a set of rates: per row, then overlapping periods naming both rows."""
    problems = [p for rate in rates for p in _row_problems(rate)]
    return problems + _overlaps(rates)


def _row_problems(rate: Rate) -> list[RateProblem]:
    problems = []
    if not unit_fits_medium(rate.unit, rate.medium):
        fitting = ", ".join(UNITS_OF_MEDIUM[rate.medium])
        message = f"unit {rate.unit!r} does not fit medium {rate.medium!r} (use {fitting})"
        problems.append(RateProblem(rate.ref, "unit", message))
    if rate.price_cop <= 0:
        problems.append(
            RateProblem(rate.ref, "price", f"must be more than 0, got {rate.price_cop}")
        )
    if rate.valid_to is not None and rate.valid_to < rate.valid_from:
        message = f"{rate.valid_to} is before valid_from {rate.valid_from}"
        problems.append(RateProblem(rate.ref, "valid_to", message))
    return problems


def _overlaps(rates: Sequence[Rate]) -> list[RateProblem]:
    """Two periods of the same outlet, program and unit may not share a day."""
    groups: dict[tuple[str, str, str], list[Rate]] = defaultdict(list)
    for rate in rates:
        groups[(rate.outlet_key, rate.program_key, rate.unit)].append(rate)
    problems = []
    for group in groups.values():
        group.sort(key=lambda r: r.valid_from)
        reaching: Rate | None = None  # the earlier row whose period reaches furthest
        for rate in group:
            if reaching is not None and _reaches(reaching, rate.valid_from):
                problems.append(overlap_problem(rate, reaching))
            if reaching is None or _ends_later(rate, reaching):
                reaching = rate
    return problems


def _reaches(rate: Rate, day: date) -> bool:
    return rate.valid_to is None or rate.valid_to >= day


def _ends_later(a: Rate, b: Rate) -> bool:
    return b.valid_to is not None and (a.valid_to is None or a.valid_to > b.valid_to)


def overlap_problem(rate: Rate, other: Rate) -> RateProblem:
    """`rate`'s period collides with `other`'s; the problem is reported on `rate`."""
    program = f", program {rate.program!r}" if rate.program_key else ""
    message = (
        f"period {rate.period} overlaps {other.ref} (period {other.period}) for the same "
        f"outlet {rate.outlet!r}{program} and unit {rate.unit!r}"
    )
    return RateProblem(rate.ref, "valid_from", message, other)


def price_ratio(rate: Rate) -> tuple[int, int]:
    """The price per second, column-centimetre or item, as an exact integer ratio."""
    numerator, denominator = rate.price_cop.as_integer_ratio()
    return numerator, denominator * UNIT_SECONDS.get(rate.unit, 1)


class Priced(NamedTuple):
    """A rate with its price ratio and its position in the index (for running subtotals)."""

    rate: Rate
    price_num: int
    price_den: int
    position: int


class RateIndex:
    """Rates grouped by (outlet, program, measure), sorted by `valid_from`: a lookup is a bisect.

    Walking back from the latest start on or before the day, the first rate still in force is
    the one with the latest `valid_from`; validated rates of one unit never overlap, so the
    walk is short.
    """

    def __init__(self, rates: Iterable[Rate]) -> None:
        self.rates = list(rates)
        groups: dict[tuple[str, str, Measure], list[Priced]] = defaultdict(list)
        self._by_outlet: dict[str, list[Rate]] = defaultdict(list)
        for position, rate in enumerate(self.rates):
            priced = Priced(rate, *price_ratio(rate), position)
            groups[(rate.outlet_key, rate.program_key, MEASURE_OF_UNIT[rate.unit])].append(priced)
            self._by_outlet[rate.outlet_key].append(rate)
        self._groups: dict[tuple[str, str, Measure], tuple[list[date], list[Priced]]] = {}
        for key, group in groups.items():
            group.sort(key=lambda p: p.rate.valid_from)
            self._groups[key] = ([p.rate.valid_from for p in group], group)
        self._missing: dict[tuple[str, str, date, Measure], NoRate] = {}
        self._timelines: dict[tuple[str, str, Measure], Timeline] = {}

    def find(
        self, outlet_key: str, program_key: str, day: date, measure: Measure, outlet: str = ""
    ) -> Rate | NoRate:
        """The rate in force for an item, or why there is none."""
        found = self.lookup(outlet_key, program_key, day, measure, outlet)
        return found if isinstance(found, NoRate) else found.rate

    def lookup(
        self, outlet_key: str, program_key: str, day: date, measure: Measure, outlet: str = ""
    ) -> Priced | NoRate:
        """Like `find`, with the price ratio."""
        found = self._rule(outlet_key, program_key, day, measure)
        if found is not None:
            return found
        key = (outlet_key, program_key, day, measure)
        missing = self._missing.get(key)
        if missing is None:
            rates = self._by_outlet.get(outlet_key, [])
            missing = self._missing[key] = _why_none(rates, day, measure, outlet or outlet_key)
        return missing

    def _rule(
        self, outlet_key: str, program_key: str, day: date, measure: Measure
    ) -> Priced | NoRate | None:
        """The lookup rule: the program's rate in force, else the outlet-wide one (None: no
        rate in force, whose reason `lookup` words)."""
        if program_key:
            entry = self._groups.get((outlet_key, program_key, measure))
            found = _in_force(entry, day) if entry is not None else None
            if found is not None:
                return found
        entry = self._groups.get((outlet_key, "", measure))
        return _in_force(entry, day) if entry is not None else None

    def timeline(self, outlet_key: str, program_key: str, measure: Measure) -> Timeline:
        """`lookup` for one (outlet, program, measure) precomputed over time: the hot path of a
        valuation (a bisect on the day, no rule walked per item).

        Which rates are in force changes only on a `valid_from` or the day after a `valid_to`
        of the program's and the outlet-wide group, so the rule's answer is constant from one
        such day to the next: it is computed once per stretch. A stretch without a single
        rate (none in force, or an ambiguous tie) holds None: ask `lookup` for the reason.
        """
        key = (outlet_key, program_key, measure)
        timeline = self._timelines.get(key)
        if timeline is not None:
            return timeline
        days = {date.min}
        for group in {(outlet_key, program_key, measure), (outlet_key, "", measure)}:
            for priced in self._groups.get(group, ((), ()))[1]:
                days.add(priced.rate.valid_from)
                valid_to = priced.rate.valid_to
                if valid_to is not None and valid_to < date.max:
                    days.add(valid_to + timedelta(days=1))
        starts = sorted(days)
        answers = [self._rule(outlet_key, program_key, day, measure) for day in starts]
        timeline = self._timelines[key] = Timeline(
            starts, [found if isinstance(found, Priced) else None for found in answers]
        )
        return timeline


class Timeline(NamedTuple):
    """Stretches of days, each with its rate: `priced[bisect_right(starts, day) - 1]`."""

    starts: list[date]
    priced: list[Priced | None]


def _in_force(entry: tuple[list[date], list[Priced]], day: date) -> Priced | NoRate | None:
    """In one (outlet, program, measure) group: the latest-starting rate in force on `day`."""
    starts, group = entry
    position = bisect.bisect_right(starts, day) - 1
    while position >= 0:
        priced = group[position]
        valid_to = priced.rate.valid_to
        if valid_to is None or day <= valid_to:
            if position and starts[position - 1] == starts[position]:
                return _unless_tied(priced, [p.rate for p in group[:position]], day)
            return priced
        position -= 1
    return None


def _unless_tied(priced: Priced, earlier: list[Rate], day: date) -> Priced | NoRate:
    """Two units of one measure starting the same day leave no single answer."""
    rate = priced.rate
    tied = [r for r in earlier if r.valid_from == rate.valid_from and r.in_force(day)]
    if not tied:
        return priced
    refs = " and ".join(sorted(r.ref for r in [*tied, rate]))
    return NoRate(
        f"ambiguous: rates {refs} are both in force from {rate.valid_from}",
        f"ambigua: las tarifas {refs.replace(' and ', ' y ')} rigen desde {rate.valid_from}",
        "ambiguous",
        (("refs", ", ".join(sorted(r.ref for r in [*tied, rate]))), ("day", str(rate.valid_from))),
    )


def _why_none(rates: list[Rate], day: date, measure: Measure, outlet: str) -> NoRate:
    if not rates:
        return NoRate(
            f"no rate card for outlet {outlet!r}",
            f"no hay tarifario del medio {outlet!r}",
            "no_rate_card",
            (("outlet", outlet),),
        )
    fitting = [r for r in rates if MEASURE_OF_UNIT[r.unit] == measure]
    if not fitting:
        units = ", ".join(sorted({r.unit for r in rates}))
        return NoRate(
            f"{outlet!r} has no {_MEASURE_NAMES[measure]} rate (its rates are per {units})",
            f"{outlet!r} no tiene tarifa por {_MEASURE_NAMES_ES[measure]} (sus tarifas: {units})",
            "no_unit_rate",
            (("outlet", outlet), ("measure", measure), ("units", units)),
        )
    periods = ", ".join(sorted({r.period for r in fitting}))
    return NoRate(
        f"no rate for {outlet!r} in force on {day.isoformat()} (rate periods: {periods})",
        f"ninguna tarifa de {outlet!r} vigente el {day:%d/%m/%Y} (vigencias: {periods})",
        "not_in_force",
        (("outlet", outlet), ("day", day.isoformat()), ("periods", periods)),
    )
