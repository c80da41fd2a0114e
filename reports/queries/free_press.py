"""Free press of the week: the valuation module's figures, reshaped for the report.

The value rule lives in valuation/free_press.py; storage/coverage_reads.py loads a period's
clips, web mentions and the rate cards and values them (`value_days`, shared by every caller
through flows.steps.valuation.value_period); this module turns the resulting Valuation into
the report's section.
"""

from __future__ import annotations

from decimal import Decimal

from reports.model import FreePress, UnvaluedLine, ValuedLine, ValueRow
from valuation.free_press import (
    Valuation,
    ValuedItem,
    iva_of,
)


def _value_rows(subtotals: dict[str, int], iva_rate: Decimal) -> tuple[ValueRow, ...]:
    # IVA per row is rounded on its own, so rows may differ from the total's IVA by a peso.
    return tuple(
        ValueRow(name, value, value + iva_of(value, iva_rate)) for name, value in subtotals.items()
    )


def free_press_section(valuation: Valuation, *, lines: bool = True) -> FreePress:
    """`lines` False leaves out the per-item annex (a long period's report: `pulso valuate`
    lists them)."""
    anything = bool(valuation.items or valuation.unvalued)
    counts = valuation.counts
    return FreePress(
        available=anything,
        iva_rate=valuation.iva_rate,
        total_before_iva=valuation.total_before_iva if valuation.items else None,
        iva=valuation.iva if valuation.items else None,
        total_with_iva=valuation.total_with_iva if valuation.items else None,
        by_outlet=_value_rows(valuation.by_outlet, valuation.iva_rate),
        by_medium=_value_rows(valuation.by_medium, valuation.iva_rate),
        clips=counts.clips,
        airtime_s=counts.airtime_s,
        column_cm=counts.column_cm,
        web_items=counts.mentions,
        items=tuple(_line(v) for v in valuation.items) if lines else (),
        unvalued=tuple(
            UnvaluedLine(
                u.item.outlet,
                u.item.program,
                u.item.aired_on,
                u.item.title,
                u.reason,
                u.code,
                u.params,
            )
            for u in valuation.unvalued
        ),
    )


def _line(valued: ValuedItem) -> ValuedLine:
    item, rate = valued.item, valued.rate
    return ValuedLine(
        outlet=item.outlet,
        medium=rate.medium,
        program=item.program,
        aired_on=item.aired_on,
        title=item.title,
        seconds=item.seconds,
        column_cm=item.column_cm,
        unit=rate.unit,
        rate_cop=rate.price_cop,
        rate_ref=rate.ref,
        value_before_iva=valued.value_cop,
        rate_outlet=rate.outlet,
        rate_program=rate.program,
        rate_valid_from=rate.valid_from,
        rate_valid_to=rate.valid_to,
    )
