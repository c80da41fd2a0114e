"""The free-press page's bar chart built in Python (bar_svg) is the `_bars.html` macro's
markup, byte for byte, for any weeks, values, languages and labels that need escaping."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from pulso.dashboard.app import _templates
from pulso.dashboard.bar_svg import bar_svg
from pulso.dashboard.chart import BarChart, bar_chart
from pulso.dashboard.weeks import iso_week


def _macro(chart: BarChart, title: str) -> str:
    env = _templates().env
    template = env.from_string('{% from "_bars.html" import bar_chart %}{{ bar_chart(c, t) }}')
    return template.render(c=chart, t=title)


def _charts() -> list[tuple[BarChart, str]]:
    found = []
    draw = random.Random(17)
    for n in range(60):
        weeks = draw.choice([1, 2, 3, 7, 12, 53, 104, 261])
        monday = date(2021, 1, 4) + timedelta(weeks=draw.randrange(200))
        totals = [
            (
                iso_week(monday + timedelta(weeks=i)),
                draw.choice([0, 0, 1, 7, 999, 38_415_000, draw.randrange(10**10)]),
            )
            for i in range(weeks)
        ]
        if n % 5 == 0:
            totals[draw.randrange(weeks)] = (totals[0][0], 1)
        labels = [f'semana <{i}> & "{v}"' for i, (_, v) in enumerate(totals)]
        axis = [f"{i:02d}/'x'" for i in range(weeks)]
        lang = "es" if n % 2 else "en"
        chart = bar_chart(totals, labels, axis=axis, lang=lang, money=n % 3 != 0)
        if chart is not None:
            found.append((chart, "Valor <free> & 'press'" if n % 4 else "Valor"))
    return found


@pytest.mark.parametrize(("chart", "title"), _charts())
def test_bar_svg_is_the_macro_markup(chart: BarChart, title: str) -> None:
    assert str(bar_svg(chart, title)) == _macro(chart, title)


def test_empty_ticks_and_zero_bars() -> None:
    chart = bar_chart([("2024-W01", 5), ("2024-W02", 0)], ["a", "b"], axis=["x", "y"])
    assert chart is not None
    bare = BarChart(chart.width, chart.height, chart.bars, chart.baseline)
    assert str(bar_svg(bare, "t")) == _macro(bare, "t")
    assert 'class="bar zero"' in str(bar_svg(chart, "t"))
