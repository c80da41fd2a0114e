"""The mentions and free-press pages' bar chart, built in Python (bars.bar_figure), is the
`bar_chart` macro's markup byte for byte, for any weeks, values, languages and labels that need
escaping."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from pulso.dashboard.app import _templates
from pulso.dashboard.bars import bar_figure
from pulso.dashboard.chart import BarChart, bar_chart
from pulso.dashboard.weeks import iso_week

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
    assert 'class="bar zero"' in str(bar_figure(chart, "t"))


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
def test_many_weeks_values_and_labels_give_the_macro_markup(chart: BarChart, title: str) -> None:
    assert str(bar_figure(chart, title)) == _macro(chart, title)
