"""The mentions page's bar chart, built in Python, is the `bar_chart` macro's markup."""

from __future__ import annotations

import pytest

from pulso.dashboard.app import _templates
from pulso.dashboard.bars import bar_figure
from pulso.dashboard.chart import BarChart, bar_chart

CASES = [
    ([("2026-W01", 5), ("2026-W02", 0), ("2026-W03", 17)], "es", False),
    ([("2026-W01", 1)], "en", False),
    ([(f"w{n}", (n * 37) % 101) for n in range(260)], "es", False),
    ([("a", 38_415_000), ("b", 0), ("c", 1_250_000)], "es", True),
    ([("a", 999), ("b", 1_000_001)], "en", True),
]


def _macro(chart: BarChart, title: str) -> str:
    env = _templates().env
    template = env.from_string('{% from "_bars.html" import bar_chart %}{{ bar_chart(c, t) }}')
    return template.render(c=chart, t=title)


@pytest.mark.parametrize(("totals", "lang", "money"), CASES)
def test_same_markup_as_the_macro(totals: list[tuple[str, int]], lang: str, money: bool) -> None:
    labels = [f'<b>"{name}" & co</b>: {value}' for name, value in totals]
    axis = [f"{n:02d}/<{n}>" for n in range(len(totals))]
    chart = bar_chart(totals, labels, axis=axis, lang=lang, money=money)
    assert chart is not None
    title = "Menciones <script>'x'</script> & más"
    built = str(bar_figure(chart, title))
    assert built == _macro(chart, title)
    assert "<script>" not in built and "&lt;b&gt;" in built


def test_a_chart_without_ticks_is_drawn_as_the_macro_draws_it() -> None:
    chart = bar_chart([("a", 3), ("b", 0)], ["tres", "cero"], lang="en")
    assert chart is not None
    bare = BarChart(chart.width, chart.height, chart.bars, chart.baseline)
    assert str(bar_figure(bare, "t")) == _macro(bare, "t")
