"""The % cells' fast path (reports.formatting.fmt_pct, the dashboard's `fpct` filter): what Babel
writes, for every kind of value."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest

from reports.formatting import babel_pct, fmt_pct


@pytest.mark.parametrize("lang", ["es", "en", "fr"])
def test_the_fast_percent_is_babels(lang: str) -> None:
    draw = random.Random(17)
    values: list[Decimal | float | None] = [None, 0.5, 12.345, -0.004, float("nan")]
    for digits in (0, 1, 2):
        step = Decimal(1).scaleb(-digits)
        values += [Decimal(0).quantize(step), Decimal("-0").quantize(step), Decimal("1E+3")]
        for _ in range(3000):
            size = 10 ** draw.randrange(0, 13)
            raw = Decimal(draw.randrange(-size, size + 1)) / Decimal(draw.choice((1, 7, 300)))
            values.append(raw.quantize(step, rounding=ROUND_HALF_UP))
            values.append(raw)  # more decimals than shown: Babel's path
        for value in values:
            if value is not None and not isinstance(value, Decimal) and value != value:
                continue  # NaN is not a figure the dashboard shows
            assert fmt_pct(value, lang, digits) == babel_pct(value, lang, digits), (value, digits)
