"""How the dashboard writes a table's percentages (the templates' `fpct` filter)."""

from __future__ import annotations

from decimal import Decimal

from reports import formatting

_EXACT_LIMIT = Decimal(10**12)


def fmt_pct(value: Decimal | float | None, lang: str = "es", digits: int = 1) -> str:
    """`formatting.fmt_pct` (a page's every % cell), without Babel for a Decimal that already has
    `digits` decimals, such as growth's change_pct: its float prints the same digits (well
    inside a double's 15), which pct_of_float groups as Babel does (test_app_formatting.py)."""
    if (
        isinstance(value, Decimal)
        and value.is_finite()
        and value.as_tuple().exponent == -digits
        and value
        and abs(value) < _EXACT_LIMIT
    ):
        return formatting.pct_of_float(float(value), lang, digits)
    return formatting.fmt_pct(value, lang, digits)
