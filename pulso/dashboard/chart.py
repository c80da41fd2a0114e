"""A line chart as plain numbers for an SVG template (pure; no script, nothing inline to trust).

The template draws polylines and labels from this model; every label goes through Jinja's
autoescape, so account names from outside cannot inject markup.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pulso.dashboard.series import Series
from reports.formatting import fmt_date, fmt_int
from reports.i18n import platform_name

WIDTH, HEIGHT = 900, 360
LEFT, RIGHT, TOP, BOTTOM = 80, 45, 20, 40
COLORS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
)


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    color: str
    points: str  # "x,y x,y ..." for <polyline points>


@dataclass(frozen=True, slots=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    lines: tuple[Line, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM


def nice_step(span: float, ticks: int = 5) -> float:
    """1, 2 or 5 times a power of ten (at least 1: followers are whole), for round labels."""
    raw = max(span, 1.0) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return float(max(1, next(m * power for m in (1, 2, 5, 10) if m * power >= raw)))


def _scale(low: float, high: float, out_low: float, out_high: float, value: float) -> float:
    if high == low:
        return (out_low + out_high) / 2
    return out_low + (value - low) * (out_high - out_low) / (high - low)


def _bounds(series: Sequence[Series]) -> tuple[float, float] | None:
    values = [v for s in series for _, v in s.points if v is not None]
    if not values:
        return None
    step = nice_step(max(values) - min(values))
    return math.floor(min(values) / step) * step, math.ceil(max(values) / step) * step


def _line(
    index: int, item: Series, days: tuple[date, date], y: tuple[float, float], lang: str
) -> Line:
    first, last = days[0].toordinal(), days[1].toordinal()
    if first == last or y[0] == y[1]:  # a flat range: _scale's midpoint rule
        coords = [
            f"{_scale(first, last, LEFT, WIDTH - RIGHT, day.toordinal()):.1f},"
            f"{_scale(y[0], y[1], HEIGHT - BOTTOM, TOP, value):.1f}"
            for day, value in item.points
            if value is not None
        ]
    else:  # _scale inlined, same arithmetic: fifty lines of sixty points per uncached page
        x_out, y_out, x_in, y_in = (
            WIDTH - RIGHT - LEFT,
            TOP - HEIGHT + BOTTOM,
            last - first,
            y[1] - y[0],
        )
        coords = [
            f"{LEFT + (day.toordinal() - first) * x_out / x_in:.1f},"
            f"{HEIGHT - BOTTOM + (value - y[0]) * y_out / y_in:.1f}"
            for day, value in item.points
            if value is not None
        ]
    label = f"{platform_name(item.platform, lang)} · {item.account}"
    return Line(label, COLORS[index % len(COLORS)], " ".join(coords))


def _x_ticks(start: date, end: date, lang: str, count: int = 5) -> tuple[Tick, ...]:
    span = end.toordinal() - start.toordinal()
    ordinals = sorted({start.toordinal() + round(i * span / (count - 1)) for i in range(count)})
    return tuple(
        Tick(
            _scale(start.toordinal(), end.toordinal(), LEFT, WIDTH - RIGHT, o),
            fmt_date(date.fromordinal(o), lang),
        )
        for o in ordinals
    )


def line_chart(series: Sequence[Series], start: date, end: date, lang: str) -> Chart | None:
    """None when no series has a single known figure (the page says 'no data' instead)."""
    bounds = _bounds(series)
    if bounds is None:
        return None
    low, high = bounds
    step = nice_step(high - low)
    y_ticks = tuple(
        Tick(
            _scale(low, high, HEIGHT - BOTTOM, TOP, low + i * step),
            fmt_int(int(low + i * step), lang),
        )
        for i in range(int(round((high - low) / step)) + 1)
    )
    lines = tuple(_line(i, s, (start, end), bounds, lang) for i, s in enumerate(series))
    return Chart(WIDTH, HEIGHT, lines, y_ticks, _x_ticks(start, end, lang))


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value_label: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    baseline: float


def bar_chart(totals: Sequence[tuple[str, int]], labels: Sequence[str]) -> BarChart | None:
    """One bar per (label, value); `labels` are the formatted values shown on hover."""
    if not totals or max(v for _, v in totals) <= 0:
        return None
    top = max(v for _, v in totals)
    slot = (WIDTH - LEFT - RIGHT) / len(totals)
    base = HEIGHT - BOTTOM
    bars = []
    for i, ((name, value), shown) in enumerate(zip(totals, labels, strict=True)):
        height = (base - TOP) * max(value, 0) / top
        bars.append(
            Bar(name, shown, LEFT + i * slot + slot * 0.1, base - height, slot * 0.8, height)
        )
    return BarChart(WIDTH, HEIGHT, tuple(bars), base)
