"""Small builders for rates and coverage items in valuation tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from storage.keys import name_key
from valuation.free_press import CoverageItem
from valuation.rate_cards import Rate
from valuation.units import Medium, Unit


def key(name: str) -> str:
    return name_key(name)


def rate(
    ref: str,
    price: str | int,
    *,
    outlet: str = "Noticiero 90 Minutos",
    unit: Unit = "minute",
    medium: Medium = "tv",
    valid_from: date = date(2020, 1, 1),
    valid_to: date | None = None,
    program: str | None = None,
) -> Rate:
    return Rate(
        ref=ref,
        outlet=outlet,
        outlet_key=key(outlet),
        medium=medium,
        unit=unit,
        price_cop=Decimal(str(price)),
        valid_from=valid_from,
        valid_to=valid_to,
        program=program,
        program_key=key(program or ""),
    )


def clip(
    seconds: int | None = None,
    *,
    outlet: str = "Noticiero 90 Minutos",
    aired_on: date = date(2020, 5, 13),
    title: str = "Nota",
    program: str | None = None,
    column_cm: str | None = None,
) -> CoverageItem:
    return CoverageItem(
        outlet=outlet,
        outlet_key=key(outlet),
        aired_on=aired_on,
        title=title,
        program=program,
        program_key=key(program or ""),
        seconds=seconds,
        column_cm=Decimal(column_cm) if column_cm is not None else None,
    )
