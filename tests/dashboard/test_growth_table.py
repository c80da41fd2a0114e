"""The growth table's % cell, computed in integers, is what the template's filter wrote from
`Growth.change_pct` (a Decimal), for every pair of figures: ties, shrinking, tiny and huge."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pulso.dashboard.growth_table import _pct_cell
from reports.formatting import fmt_pct
from storage.growth import Growth, Point

DAY = date(2026, 1, 1)
figures = st.one_of(
    st.integers(0, 10_000),
    st.integers(0, 10**7),
    st.integers(0, 10**16),
    st.sampled_from([1, 2, 8, 16, 20_000, 40_000, 80_000, 10**12, 10**15 - 1, 10**15]),
)


@given(figures, figures, st.sampled_from(["es", "en", "fr"]))
def test_the_integer_percent_is_the_decimal_one(first: int, last: int, lang: str) -> None:
    g = Growth("facebook", "x", True, Point(DAY, first), Point(DAY, last))
    assert _pct_cell(g, lang) == fmt_pct(g.change_pct, lang, 2)


def test_ties_round_away_from_zero_and_missing_figures_read_so() -> None:
    for first, last, es in [(20_000, 20_001, "+0,01 %"), (20_000, 19_999, "−0,01 %")]:
        g = Growth("facebook", "x", True, Point(DAY, first), Point(DAY, last))
        assert _pct_cell(g, "es") == fmt_pct(g.change_pct, "es", 2) == es.lstrip("+")
    assert _pct_cell(Growth("facebook", "x", True, None, Point(DAY, 5)), "en") == "no data"
    assert _pct_cell(Growth("facebook", "x", True, Point(DAY, 0), Point(DAY, 5)), "es") == (
        "sin datos"
    )
