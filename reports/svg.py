"""Charts as inline SVG (no script, no network): sparklines, bars and progress bars.

Every label is escaped here, since the SVG is inserted into the page as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

INK = "#1f3a5f"
ACCENT = "#d9822b"
MUTED = "#c9d3df"


def _trusted(svg: str) -> Markup:
    # Every text that came from outside went through `escape` while `svg` was built.
    return Markup(svg)  # noqa: S704


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def sparkline(values: Sequence[int | None], *, width: int = 120, height: int = 28) -> Markup:
    """A line through the known points; an unknown week breaks the line. Empty when no point."""
    known = [v for v in values if v is not None]
    if not known:
        return Markup("")
    low, high = min(known), max(known)
    span = (high - low) or 1
    step = (width - 6) / max(len(values) - 1, 1)

    def point(i: int, v: int) -> tuple[float, float]:
        return 3 + i * step, height - 3 - (v - low) / span * (height - 6)

    segments: list[list[tuple[float, float]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            segments.append([])
        else:
            segments[-1].append(point(i, v))
    lines = "".join(
        f'<polyline points="{" ".join(f"{_n(x)},{_n(y)}" for x, y in seg)}" fill="none" '
        f'stroke="{INK}" stroke-width="1.5"/>'
        for seg in segments
        if len(seg) > 1
    )
    last_i = max(i for i, v in enumerate(values) if v is not None)
    x, y = point(last_i, values[last_i] or 0)
    dot = f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.2" fill="{ACCENT}"/>'
    return _trusted(
        f'<svg class="spark" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">{lines}{dot}</svg>'
    )


def bar_chart(
    bars: Sequence[tuple[str, int | None, str]], *, title: str, width: int = 520, bar_h: int = 18
) -> Markup:
    """Horizontal bars: (label, value, formatted value). Unknown values get no bar."""
    if not bars:
        return Markup("")
    top = max((v for _, v, _ in bars if v is not None), default=0) or 1
    label_w, value_w = 150, 110
    room = width - label_w - value_w
    rows = []
    for i, (name, value, shown) in enumerate(bars):
        y = i * (bar_h + 6)
        length = 0 if value is None else max(value, 0) / top * room
        rows.append(
            f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{_n(length)}" height="{bar_h}" fill="{INK}"/>'
            f'<text x="{_n(label_w + length + 6)}" y="{y + bar_h - 5}">{escape(shown)}</text>'
        )
    height = len(bars) * (bar_h + 6)
    return _trusted(
        f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(rows)}</svg>"
    )


def progress_chart(
    bars: Sequence[tuple[str, float | None, str]],
    *,
    expected: float,
    title: str,
    width: int = 520,
    bar_h: int = 18,
) -> Markup:
    """Share of an annual target reached (0..1+), with a mark where the calendar says we should be."""
    if not bars:
        return Markup("")
    label_w, value_w = 150, 110
    room = width - label_w - value_w
    mark = label_w + min(expected, 1.0) * room
    rows = []
    for i, (name, share, shown) in enumerate(bars):
        y = i * (bar_h + 6)
        filled = 0 if share is None else min(share, 1.0) * room
        rows.append(
            f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{room}" height="{bar_h}" fill="{MUTED}"/>'
            f'<rect x="{label_w}" y="{y}" width="{_n(filled)}" height="{bar_h}" fill="{INK}"/>'
            f'<line x1="{_n(mark)}" x2="{_n(mark)}" y1="{y - 2}" y2="{y + bar_h + 2}" '
            f'stroke="{ACCENT}" stroke-width="2"/>'
            f'<text x="{label_w + room + 6}" y="{y + bar_h - 5}">{escape(shown)}</text>'
        )
    height = len(bars) * (bar_h + 6)
    return _trusted(
        f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(rows)}</svg>"
    )
