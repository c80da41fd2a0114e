"""Line and bar charts as plain numbers for SVG templates (pure; no script, nothing inline).

The templates draw paths, dots and labels from these models; every label goes through Jinja's
autoescape, so account names from outside cannot inject markup. A line is broken where a figure
is unknown (a gap in the data stays a gap), and every known figure is a dot whose SVG `<title>`
gives its exact value on hover, without JavaScript.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TypeVar, cast

from markupsafe import Markup, escape

from pulso.dashboard.chart_text import dot_pieces, grouped, signed_pcts, tenths
from pulso.dashboard.names import PALETTE, Style, account_label, style_of
from pulso.dashboard.series import Series, SeriesColumns
from reports.formatting import fmt_date, fmt_int, pct_of_float
from reports.i18n import platform_name  # noqa: F401  (bench/bench_dashboard.py reads it here)

WIDTH, HEIGHT = 900, 360
LEFT, RIGHT, TOP, BOTTOM = 80, 45, 36, 40
COLORS = PALETTE
MODES = ("change", "followers", "small")
T = TypeVar("T")
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


def _figures(item: Series | SeriesColumns) -> tuple[tuple[date, ...], Sequence[int | None]]:
    """A series' days and figures as two columns."""
    if isinstance(item, SeriesColumns):
        return item.days, item.figures
    if not item.points:
        return (), ()
    days, figures = zip(*item.points, strict=True)
    return days, figures


def _values(figures: Sequence[int | None], mode: str) -> list[float | None]:
    """The figures in the chart's unit: followers, or % change since the first known figure."""
    every = None not in figures
    if mode != "change":
        if every:
            return list(map(float, cast("Sequence[int]", figures)))
        return [float(v) if v is not None else None for v in figures]
    base = next((v for v in figures if v is not None), None)
    if not base:
        return [None] * len(figures)
    if every:
        return [100.0 * (v - base) / base for v in cast("Sequence[int]", figures)]
    return [100.0 * (v - base) / base if v is not None else None for v in figures]


def _bounds(low: float, high: float, mode: str) -> tuple[float, float, float]:
    if mode == "change":
        low, high = min(low, 0.0), max(high, 0.0)
        step = _nice(high - low) if high > low else 1.0
    else:
        step = nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _unit_values(
    figures: Sequence[int | None], mode: str
) -> tuple[list[float | None], list[float], tuple[int, ...]]:
    """The figures in the chart's unit (`_values`), the known ones among them, and where the
    unknown ones are."""
    values = _values(figures, mode)
    if None not in values:
        return values, cast("list[float]", values), ()
    gaps = tuple(i for i, v in enumerate(values) if v is None)
    return values, [v for v in values if v is not None], gaps


@dataclass(frozen=True, slots=True)
class _Days:
    """What the lines over the same days, broken in the same places, share (fifty accounts
    collected together do): which points are known, the stretches drawn unbroken, the known
    points' x, which of them get a dot and those dots' days as text."""

    known: list[int] | None  # the known points' places among all (None: every point)
    runs: list[tuple[int, int]]  # each unbroken stretch, a slice of the known points
    xs: list[str]
    dotted: list[int] | None  # the dotted points' places among the known ones (None: all)
    marks: list[str]  # each dot's day, escaped


def _days(
    days: tuple[date, ...],
    values: list[float | None],
    step: str,
    lang: str,
    x_texts: Callable[[Sequence[date]], list[str]],
) -> _Days:
    known: list[int] | None = None
    if None in values:
        places = [i for i, v in enumerate(values) if v is not None]
        known, shown = places, [days[i] for i in places]
        # A stretch ends at a gap: where the next known point is not the next point.
        ends = [k for k in range(1, len(places)) if places[k] != places[k - 1] + 1]
        edges = [0, *ends, len(places)] if places else []
        runs = list(zip(edges, edges[1:], strict=False))
    else:
        shown = list(days)
        runs = [(0, len(days))] if days else []
    dots = dot_indexes(list(zip(days, values, strict=True)), step)
    dotted = None
    if dots is not None:
        where = range(len(days)) if known is None else known
        dotted = [k for k, i in enumerate(where) if i in dots]
    marks = [_day_markup(d, lang) for d in (shown if dotted is None else _pick(shown, dotted))]
    return _Days(known, runs, x_texts(shown), dotted, marks)


def _pick(column: Sequence[T], places: list[int]) -> list[T]:
    return list(map(column.__getitem__, places))


def _x_texts(
    scale: tuple[float, float, float, float], frame: Frame
) -> Callable[[Sequence[date]], list[str]]:
    """Each day's x as text, each day formatted once for the chart's lines."""
    first, last = scale[0], scale[1]
    x_in, x_out, x0 = (last - first) or 1.0, frame.x1 - frame.x0, frame.x0
    found: dict[date, str] = {}

    def texts(days: Sequence[date]) -> list[str]:
        new = [d for d in dict.fromkeys(days) if d not in found]
        if new:
            xs = [x0 + (d.toordinal() - first) * x_out / x_in if last != first else x0 for d in new]
            found.update(zip(new, tenths(xs), strict=True))
        return list(map(found.__getitem__, days))

    return texts


def _line(
    shown: list[float],
    figures: Sequence[int | None],
    shared: _Days,
    scale: tuple[float, float, float, float],
    style: Style,
    label: str,
    mode: str,
    lang: str,
    frame: Frame,
    peer: bool,
    tail: str,
    coordinates: bool,
) -> Line:
    """One account's line: its path, and its dots with their hover titles already as SVG.

    Each column of numbers (y, figures, % changes) is written as text for the whole line at
    once (chart_text); `shared` holds what lines over the same days share (x texts, dots,
    the dots' days escaped); the label is escaped here and the unit (`tail`) by the caller
    (markupsafe's escape works character by character, so escaping the parts equals escaping
    the whole title). `coordinates`: write the known points' "x,y" list (Line.points)."""
    low, high = scale[2], scale[3]
    y_in, y_out = (high - low) or 1.0, frame.y1 - frame.y0
    y0, middle = frame.y0, (frame.y0 + frame.y1) / 2
    known = shared.known
    ys = tenths(
        [y0 + (v - low) * y_out / y_in for v in shown] if high != low else [middle] * len(shown)
    )
    xy = [f"{x},{y}" for x, y in zip(shared.xs, ys, strict=True)]
    path = " ".join("M" + " L".join(xy[a:b]) for a, b in shared.runs)
    raws = cast("Sequence[int]", figures if known is None else _pick(figures, known))
    xs, dotted = shared.xs, shared.dotted
    if dotted is not None:
        xs, ys, shown, raws = (
            _pick(xs, dotted),
            _pick(ys, dotted),
            _pick(shown, dotted),
            _pick(raws, dotted),
        )
    # Plain str, escaped: every text below goes into the SVG as it is.
    fill, head = str(escape(style.color)), str(escape(label))
    changes = signed_pcts(shown, lang) if mode == "change" else None
    pieces = dot_pieces(fill, head, tail, xs, ys, shared.marks, grouped(raws, lang), changes)
    points = " ".join(xy) if coordinates else None
    return Line(label, style.color, points, path, pieces, style.dash, peer)


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
    series: Sequence[Series | SeriesColumns],
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
    columns = [_figures(s) for s in series]
    converted = [_unit_values(figures, mode) for _, figures in columns]
    known = [shown for _, shown, _ in converted if shown]
    if not known:
        return None
    # Each series' lowest and highest, then theirs: the same as over all values at once.
    low, high, step = _bounds(min(map(min, known)), max(map(max, known)), mode)
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
    x_texts = _x_texts(scale, frame)
    shared: dict[tuple[tuple[date, ...], tuple[int, ...]], _Days] = {}
    tail = str(escape(unit or _FOLLOWERS[lang]))  # the figures' unit on hover, escaped
    for i, (item, (days, figures), (values, shown, gaps)) in enumerate(
        zip(series, columns, converted, strict=True)
    ):
        layout = shared.get((days, gaps))
        if layout is None:
            layout = shared[days, gaps] = _days(days, values, dots, lang, x_texts)
        style = _style(styles, item, i)
        label = account_label(item.platform, item.account, lang, names)
        peer = (item.platform, item.account) in peers
        lines.append(
            _line(
                shown,
                figures,
                layout,
                scale,
                style,
                label,
                mode,
                lang,
                frame,
                peer,
                tail,
                not thin,
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


def _style(
    styles: dict[tuple[str, str], Style] | None, item: Series | SeriesColumns, index: int
) -> Style:
    if styles is None:
        return Style(COLORS[index % len(COLORS)], "")
    return style_of(styles, item.platform, item.account)


def small_multiples(
    series: Sequence[Series | SeriesColumns],
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
