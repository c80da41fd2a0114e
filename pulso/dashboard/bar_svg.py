"""A bar chart's SVG as one string, the `_bars.html` macro's markup byte for byte.

The free-press page draws up to 260 weekly bars (five years); Jinja's loop over them, with a
format and an escape per number, cost more than the rest of the page. Here the numbers are
formatted once in Python and only the labels (text from outside) go through markupsafe's
escape, as autoescape would. tests/dashboard/test_bar_svg.py checks the bytes against the
macro's.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from pulso.dashboard.chart import BarChart


def bar_svg(chart: BarChart, title: str) -> Markup:
    """What `{{ bar_chart(chart, title) }}` (templates/_bars.html) renders."""
    left, right, base = chart.plot_left, chart.plot_right, chart.baseline
    name = escape(title)
    parts = [
        '<figure class="chart bars" id="bars">\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {chart.width} {chart.height}" '
        f'role="img" aria-label="{name}">\n  <title>{name}</title>\n  '
    ]
    for tick in chart.y_ticks:
        at = f"{tick.position:.1f}"
        parts.append(
            f'\n  <line x1="{left}" x2="{right}" y1="{at}" y2="{at}" stroke="#e3e3e3"/>\n'
            f'  <text class="y" x="{left - 6}" y="{tick.position + 4:.1f}" text-anchor="end" '
            f'font-size="12" fill="#444">{escape(tick.label)}</text>\n  '
        )
    parts.append(f'\n  <line x1="{left}" x2="{right}" y1="{base}" y2="{base}" stroke="#888"/>\n  ')
    top = chart.y_ticks[-1].position if chart.y_ticks else 0
    hit_y, hit_height = str(top), f"{base - top:.1f}"
    for bar in chart.bars:
        x, width = f"{bar.x:.1f}", f"{bar.width:.1f}"
        zero = bar.height == 0
        y = bar.y - (2 if zero else 0)
        height = bar.height if bar.height > 0 else 2
        parts.append(
            f'\n  <g class="week"><title>{escape(bar.value_label)}</title>\n'
            f'    <rect class="hit" x="{x}" y="{hit_y}" width="{width}" height="{hit_height}" '
            'fill="transparent"/>\n'
            f'    <rect class="bar{" zero" if zero else ""}" x="{x}" y="{y:.1f}" width="{width}" '
            f'height="{height:.1f}" fill="#0b4f8a"/>\n  </g>\n  '
        )
    parts.append("\n  ")
    for tick in chart.x_ticks:
        parts.append(
            f'\n  <text class="x" x="{tick.position:.1f}" y="{base + 18}" font-size="12" '
            f'fill="#444" text-anchor="middle">{escape(tick.label)}</text>\n  '
        )
    parts.append("\n</svg>\n</figure>")
    return Markup("".join(parts))  # noqa: S704  (every label escaped above)
