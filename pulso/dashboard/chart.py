"""Line and bar charts as plain numbers for SVG templates (pure; no script, nothing inline).

The templates draw paths, dots and labels from these models; every label goes through Jinja's
autoescape, so account names from outside cannot inject markup. A line is broken where a figure
is unknown (a gap in the data stays a gap), and every known figure is a dot whose SVG `<title>`
gives its exact value on hover, without JavaScript.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from markupsafe import Markup, escape

from pulso.dashboard.names import PALETTE, Style, account_label, style_of
from pulso.dashboard.series import Series
from reports.formatting import fmt_date, fmt_int, pct_of_float
from reports.i18n import platform_name  # noqa: F401  (bench/bench_dashboard.py reads it here)

WIDTH, HEIGHT = 900, 360
LEFT, RIGHT, TOP, BOTTOM = 80, 45, 36, 40
COLORS = PALETTE
MODES = ("change", "followers", "small")
_FOLLOWERS = {"es": "seguidores", "en": "followers"}
_SINCE = {"es": "desde el inicio del periodo", "en": "since the start of the period"}


@dataclass(frozen=True, slots=True)
class Frame:
    """An SVG canvas and the plot area inside it."""

    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM

    @property
    def x0(self) -> int:
        return self.left

    @property
    def x1(self) -> int:
        return self.width - self.right

    @property
    def y0(self) -> int:
        return self.height - self.bottom

    @property
    def y1(self) -> int:
        return self.top


FULL = Frame()
SMALL = Frame(width=420, height=200, left=74, right=16, top=12, bottom=30)


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    color: str
    # "x,y x,y ..." of the known figures, written as the SVG's data-points attribute; None
    # (the growth page) leaves it out: the path's `d` already has every coordinate.
    points: str | None
    path: str = ""  # "M x,y L x,y ... M ...": a new M after each gap
    # Every known figure's dot as escaped SVG, cut where each circle's radius goes (the
    # template picks it): one join draws them all (see dots_markup).
    dot_pieces: tuple[str, ...] = ("",)
    dash: str = ""
    peer: bool = False


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
    title: str = ""
    zero: float | None = None  # the y of 0 % in the 'change' mode


def nice_step(span: float, ticks: int = 5) -> float:
    """1, 2 or 5 times a power of ten (at least 1: followers are whole), for round labels."""
    return max(1.0, _nice(span, ticks))


def _nice(span: float, ticks: int = 5) -> float:
    raw = max(span, 1e-6) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def _scale(low: float, high: float, out_low: float, out_high: float, value: float) -> float:
    if high == low:
        return (out_low + out_high) / 2
    return out_low + (value - low) * (out_high - out_low) / (high - low)


def _grouped(value: int, lang: str) -> str:
    # A plain f-string per hover title: babel for every dot of fifty lines is slow.
    text = f"{abs(value):,}".replace(",", "." if lang == "es" else ",")
    return ("-" if value < 0 else "") + text


def _pct_text(value: float, lang: str) -> str:
    # Without Babel (pct_of_float, checked equal to fmt_pct): a chart has thousands of these.
    return ("+" if value > 0 else "") + pct_of_float(value, lang, 2)


@lru_cache(maxsize=8192)
def _day_markup(day: date, lang: str) -> str:
    """A point's date as people read it, escaped; fifty lines share the same days."""
    return str(escape(fmt_date(day, lang)))


# How far apart the dots of a thinned line are (line_chart's `thin`), by the period's length in
# days: every figure up to a month, then one a week, a month, a quarter. The line itself keeps
# every figure; a dot is a hover target and 3,000 of them made most of the growth page's weight.
THIN_STEPS = ((31, "day"), (183, "week"), (3 * 366, "month"))


def dot_step(start: date, end: date) -> str:
    """The dot spacing of a thinned chart over start..end: day, week, month or quarter."""
    span = (end - start).days
    return next((step for limit, step in THIN_STEPS if span <= limit), "quarter")


def _bucket(day: date, step: str) -> int:
    if step == "week":
        return (day.toordinal() - 1) // 7  # Monday to Sunday (ordinal 1 is a Monday)
    if step == "month":
        return day.year * 12 + day.month
    return day.year * 4 + (day.month - 1) // 3


def dot_indexes(values: Sequence[tuple[date, float | None]], step: str) -> set[int] | None:
    """The points of a line that get a dot (None: all of them). Each run of known figures
    keeps its first and last point (so the period's first and last figures, those the page's
    table and the % change are computed from, and a lone figure between two gaps, which draws
    no line, keep theirs), and within a run the last figure of each week, month or quarter."""
    if step == "day":
        return None
    kept: set[int] = set()
    last, bucket_of_last = -1, -1  # the index and bucket of the run's last known point
    for i, (day, value) in enumerate(values):
        if value is None:
            if last >= 0:
                kept.add(last)  # a run ends before a gap
            last = -1
            continue
        bucket = _bucket(day, step)
        if last < 0:
            kept.add(i)  # a run's first figure
        elif bucket != bucket_of_last:
            kept.add(last)  # the last figure of the bucket before
        last, bucket_of_last = i, bucket
    if last >= 0:
        kept.add(last)
    return kept


def _values(item: Series, mode: str) -> list[tuple[date, float | None]]:
    """The series in the chart's unit: followers, or % change since the first known figure."""
    if mode != "change":
        return [(d, float(v) if v is not None else None) for d, v in item.points]
    base = next((v for _, v in item.points if v is not None), None)
    if not base:
        return [(d, None) for d, _ in item.points]
    return [(d, 100.0 * (v - base) / base if v is not None else None) for d, v in item.points]


def _bounds(values: Sequence[float], mode: str) -> tuple[float, float, float]:
    low, high = min(values), max(values)
    if mode == "change":
        low, high = min(low, 0.0), max(high, 0.0)
        step = _nice(high - low) if high > low else 1.0
    else:
        step = nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _line(
    item: Series,
    values: list[tuple[date, float | None]],
    scale: tuple[float, float, float, float],
    style: Style,
    label: str,
    mode: str,
    lang: str,
    frame: Frame,
    peer: bool = False,
    unit: str | None = None,
    xs: dict[date, str] | None = None,
    step: str = "day",
    coordinates: bool = True,
) -> Line:
    """One account's line: its path, and its dots with their hover titles already as SVG.

    A page draws 3,000 dots: each is one f-string here, its texts escaped once per line (the
    label, the unit) or per day (markupsafe's escape works character by character, so escaping
    the parts equals escaping the whole title). `xs` are x coordinates already formatted, by
    day, shared by the chart's lines (they depend on the day only). `step`: which points get
    a dot (dot_indexes); `coordinates`: write the known points' "x,y" list (Line.points)."""
    first, last, low, high = scale
    x_in, y_in = (last - first) or 1.0, (high - low) or 1.0
    x_out, y_out = frame.x1 - frame.x0, frame.y1 - frame.y0
    x0, y0, middle = frame.x0, frame.y0, (frame.y0 + frame.y1) / 2
    word, change = unit or _FOLLOWERS[lang], mode == "change"
    xs = {} if xs is None else xs
    # Plain str, escaped: an f-string takes its fast path for str, not for Markup.
    fill, head, tail = str(escape(style.color)), str(escape(label)), str(escape(word))
    path, coords, pen = [], [], "M"
    pieces = ['<circle cx="']
    dotted = dot_indexes(values, step)
    for i, ((day, value), (_, raw)) in enumerate(zip(values, item.points, strict=True)):
        if value is None or raw is None:
            pen = "M"
            continue
        x = xs.get(day)
        if x is None:
            ordinal = day.toordinal()
            x = xs[day] = f"{x0 + (ordinal - first) * x_out / x_in if last != first else x0:.1f}"
        y = f"{y0 + (value - low) * y_out / y_in if high != low else middle:.1f}"
        xy = f"{x},{y}"
        path.append(pen + xy)
        if coordinates:
            coords.append(xy)
        pen = "L"
        if dotted is not None and i not in dotted:
            continue
        title = f"{head} · {_day_markup(day, lang)}: {_grouped(raw, lang)} {tail}"
        if change:
            title = f"{title} ({_pct_text(value, lang)})"
        pieces[-1] += f'{x}" cy="{y}" r="'
        pieces.append(f'" fill="{fill}"><title>{title}</title></circle><circle cx="')
    pieces[-1] = pieces[-1].removesuffix('<circle cx="')
    points = " ".join(coords) if coordinates else None
    return Line(label, style.color, points, " ".join(path), tuple(pieces), style.dash, peer)


def dots_markup(line: Line, radius: str) -> Markup:
    """A line's dots as SVG, each with its exact figure as its <title> (escaped when the line
    was built): what the template's loop over 3,000 dots wrote, in one join."""
    # Every text in the pieces was escaped and every number formatted by _line.
    # (str.join: Markup.join would escape the pieces a second time.)
    return Markup(str(escape(radius)).join(line.dot_pieces))  # noqa: S704


def _x_ticks(start: date, end: date, lang: str, frame: Frame, count: int = 5) -> tuple[Tick, ...]:
    span = end.toordinal() - start.toordinal()
    ordinals = sorted({start.toordinal() + round(i * span / (count - 1)) for i in range(count)})
    return tuple(
        Tick(
            _scale(start.toordinal(), end.toordinal(), frame.x0, frame.x1, o),
            fmt_date(date.fromordinal(o), lang),
        )
        for o in ordinals
    )


def _y_label(value: float, mode: str, lang: str) -> str:
    if mode == "change":
        return _pct_text(value, lang).replace(",00", "").replace(".00", "")
    return fmt_int(int(value), lang)


def line_chart(
    series: Sequence[Series],
    start: date,
    end: date,
    lang: str,
    *,
    mode: str = "followers",
    styles: dict[tuple[str, str], Style] | None = None,
    names: dict[tuple[str, str], str] | None = None,
    peers: frozenset[tuple[str, str]] = frozenset(),
    frame: Frame = FULL,
    title: str = "",
    unit: str | None = None,
    thin: bool = False,
) -> Chart | None:
    """None when no series has a single known figure (the page says 'no data' instead).

    `mode` is 'followers' or 'change' (% since each account's first figure of the period, so a
    20 000-follower account is not a flat line under a 1,4-million one); `unit` names the
    figures on hover (default: followers). `thin` (the growth page): dots a week, a month or a
    quarter apart on long periods (dot_step), and no data-points attribute."""
    converted = [_values(s, mode) for s in series]
    known = [v for values in converted for _, v in values if v is not None]
    if not known:
        return None
    low, high, step = _bounds(known, mode)
    y_ticks = tuple(
        Tick(
            _scale(low, high, frame.y0, frame.y1, low + i * step),
            _y_label(low + i * step, mode, lang),
        )
        for i in range(int(round((high - low) / step)) + 1)
    )
    scale = (float(start.toordinal()), float(end.toordinal()), low, high)
    lines = []
    dots = dot_step(start, end) if thin else "day"
    xs: dict[date, str] = {}
    for i, (item, values) in enumerate(zip(series, converted, strict=True)):
        style = _style(styles, item, i)
        label = account_label(item.platform, item.account, lang, names)
        peer = (item.platform, item.account) in peers
        lines.append(
            _line(
                item, values, scale, style, label, mode, lang, frame, peer, unit, xs, dots, not thin
            )
        )
    zero = _scale(low, high, frame.y0, frame.y1, 0.0) if mode == "change" else None
    return Chart(
        frame.width,
        frame.height,
        tuple(lines),
        y_ticks,
        _x_ticks(start, end, lang, frame, 5 if frame is FULL else 3),
        frame.x0,
        frame.x1,
        frame.y1,
        frame.y0,
        title,
        zero,
    )


def _style(styles: dict[tuple[str, str], Style] | None, item: Series, index: int) -> Style:
    if styles is None:
        return Style(COLORS[index % len(COLORS)], "")
    return style_of(styles, item.platform, item.account)


def small_multiples(
    series: Sequence[Series],
    start: date,
    end: date,
    lang: str,
    *,
    styles: dict[tuple[str, str], Style] | None = None,
    names: dict[tuple[str, str], str] | None = None,
    thin: bool = False,
) -> list[Chart]:
    """One small followers chart per account, each on its own scale; accounts without any
    figure in the period are left out."""
    charts = []
    for item in series:
        title = account_label(item.platform, item.account, lang, names)
        chart = line_chart(
            [item],
            start,
            end,
            lang,
            styles=styles,
            names=names,
            frame=SMALL,
            title=title,
            thin=thin,
        )
        if chart is not None:
            charts.append(chart)
    return charts


def change_label(lang: str) -> str:
    return _SINCE[lang if lang in _SINCE else "es"]


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
    y_ticks: tuple[Tick, ...] = ()
    x_ticks: tuple[Tick, ...] = ()
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT


def bar_chart(
    totals: Sequence[tuple[str, int]],
    labels: Sequence[str],
    *,
    axis: Sequence[str] | None = None,
    lang: str = "es",
    money: bool = False,
) -> BarChart | None:
    """One bar per (label, value); `labels` are the formatted values shown on hover and `axis`
    the short names under the bars (some of them, so they never overlap). Weeks with zero keep
    their slot: the time axis stays continuous."""
    if not totals or max(v for _, v in totals) <= 0:
        return None
    top_value = max(v for _, v in totals)
    step = nice_step(top_value)
    top = math.ceil(top_value / step) * step
    slot = (WIDTH - LEFT - RIGHT) / len(totals)
    base = HEIGHT - BOTTOM
    bars = []
    for i, ((name, value), shown) in enumerate(zip(totals, labels, strict=True)):
        height = (base - TOP) * max(value, 0) / top
        bars.append(
            Bar(name, shown, LEFT + i * slot + slot * 0.1, base - height, slot * 0.8, height)
        )
    y_ticks = tuple(
        Tick(base - (base - TOP) * (i * step) / top, _short(int(i * step), lang, money))
        for i in range(int(round(top / step)) + 1)
    )
    names = list(axis) if axis is not None else [name for name, _ in totals]
    every = max(1, math.ceil(len(totals) / 8))
    x_ticks = tuple(
        Tick(LEFT + i * slot + slot / 2, names[i]) for i in range(0, len(totals), every)
    )
    return BarChart(WIDTH, HEIGHT, tuple(bars), base, y_ticks, x_ticks)


def _short(value: int, lang: str, money: bool) -> str:
    """Axis labels: '$38 M' rather than '$38.415.000' (hover titles keep the exact figure)."""
    if money and value >= 1_000_000:
        millions = value / 1_000_000
        text = f"{millions:,.0f}" if millions == int(millions) else f"{millions:,.1f}"
        if lang == "es":
            text = text.replace(",", "_").replace(".", ",").replace("_", ".")
        return f"${text} M"
    return ("$" if money else "") + _grouped(value, lang)
