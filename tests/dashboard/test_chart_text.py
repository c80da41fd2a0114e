"""A chart's numbers written a line at a time are the texts the one-at-a-time code wrote."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pulso.dashboard.chart import _grouped, _pct_text
from pulso.dashboard.chart_text import grouped, signed_pcts, tenths

coordinates = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-5, max_value=1200),
    # Halves and near-halves of a tenth, where rounding is decided.
    st.integers(-10, 12_000).map(lambda n: n / 20),
    st.integers(0, 12_000).map(lambda n: (n + 0.5) / 10),
    st.sampled_from([0.0, -0.0, 0.25, 0.75, 0.05, 0.15, 999.95, 999.85, 320.0, 80]),
)


@given(st.lists(coordinates, max_size=80))
def test_tenths_are_formattings(values: list[float]) -> None:
    assert tenths(values) == [f"{v:.1f}" for v in values]


@given(st.lists(st.integers(-(10**15), 10**15), max_size=40), st.sampled_from(["es", "en"]))
def test_grouped_figures_are_the_titles_figures(values: list[int], lang: str) -> None:
    assert grouped(values, lang) == [_grouped(v, lang) for v in values]


@given(
    st.lists(
        st.one_of(st.floats(allow_nan=False), st.sampled_from([0.0, -0.0, 0.004, -0.004, 1e3])),
        max_size=40,
    ),
    st.sampled_from(["es", "en", "fr"]),
)
def test_signed_percentages_are_the_titles_percentages(values: list[float], lang: str) -> None:
    assert signed_pcts(values, lang) == [_pct_text(v, lang) for v in values]
