"""Whole numbers are grouped without Babel, and read exactly as Babel writes them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from reports import formatting as f


@settings(deadline=None)  # the first example loads Babel's locale data
@given(
    value=st.integers(min_value=-(10**15), max_value=10**15),
    lang=st.sampled_from(["es", "en", "pt"]),
)
def test_grouped_integers_are_babels(value: int, lang: str) -> None:
    babel = f.format_decimal(value, format="#,##0", locale=f._locale(lang))
    assert f.grouped(value, lang) == babel
    assert f.fmt_int(value, lang) == babel


@given(
    value=st.decimals(min_value=-(10**12), max_value=10**12, places=2),
    lang=st.sampled_from(["es", "en"]),
)
def test_money_keeps_its_rounding_and_grouping(value: Decimal, lang: str) -> None:
    amount = abs(value).quantize(Decimal(1), rounding="ROUND_HALF_UP")
    sign = "\u2212" if value < 0 else ""
    expected = f"{sign}${f.format_decimal(amount, format='#,##0', locale=f._locale(lang))}"
    assert f.fmt_money(value, lang) == expected


@settings(deadline=None)
@given(
    value=st.floats(min_value=-(10**9), max_value=10**9, allow_nan=False)
    | st.sampled_from([0.0, -0.0, 0.005, -0.005, 0.015, 12.345, -0.001, 99.995, 1234.5]),
    lang=st.sampled_from(["es", "en", "pt"]),
    digits=st.integers(min_value=0, max_value=3),
)
def test_chart_percentages_are_babels(value: float, lang: str, digits: int) -> None:
    babel = f.fmt_pct(Decimal(str(round(value, digits))), lang, digits)
    assert f.pct_of_float(value, lang, digits) == babel


@given(day=st.dates())
def test_dates_are_strftimes(day: date) -> None:
    assert f.fmt_date(day, "es") == day.strftime("%d/%m/%Y")
    assert f.fmt_date(day, "en") == day.isoformat()


def test_the_offices_figures() -> None:
    assert f.fmt_int(235_343) == "235.343"
    assert f.fmt_money(38_415_000) == "$38.415.000"
    assert f.fmt_money(38_415_000, "en") == "$38,415,000"
    assert f.fmt_signed(-1_200) == "\u22121.200"
