"""A bar chart (pulso.dashboard.chart.BarChart) as its SVG figure, built in Python.

The same markup, byte for byte, as the `bar_chart` macro of templates/_bars.html (a test
compares them): the mentions page draws a bar for each of up to 260 weeks, and the template's
loop, escaping every number it wrote, cost more than the page's queries.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from pulso.dashboard.chart import BarChart


def _f(value: float) -> str:
    return "%.1f" % value  # noqa: UP031 - the template's own format


def bar_figure(chart: BarChart, title: str) -> Markup:
    """The <figure> the macro writes for `chart`, its texts escaped."""
    name = str(escape(title))
    top = chart.y_ticks[-1].position if chart.y_ticks else 0
    left, right, base = chart.plot_left, chart.plot_right, chart.baseline
    parts = [
        '<figure class="chart bars" id="bars">\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {chart.width} {chart.height}" '
        f'role="img" aria-label="{name}">\n'
        f"  <title>{name}</title>\n  "
    ]
    for tick in chart.y_ticks:
        y = _f(tick.position)
        parts.append(
            f'\n  <line x1="{left}" x2="{right}" y1="{y}" y2="{y}" stroke="#e3e3e3"/>\n'
            f'  <text class="y" x="{left - 6}" y="{_f(tick.position + 4)}" text-anchor="end" '
            f'font-size="12" fill="#444">{escape(tick.label)}</text>\n  '
        )
    parts.append(f'\n  <line x1="{left}" x2="{right}" y1="{base}" y2="{base}" stroke="#888"/>\n  ')
    hit = f'" y="{top}" width="'
    hit_height = _f(base - top)
    for bar in chart.bars:
        # Formatted in place ("%.1f" and f"{x:.1f}" write the same digits): a call per number
        # of 260 bars cost more than the rest of the figure.
        x, width, zero = f"{bar.x:.1f}", f"{bar.width:.1f}", bar.height == 0
        parts.append(
            f'\n  <g class="week"><title>{escape(bar.value_label)}</title>\n'
            f'    <rect class="hit" x="{x}{hit}{width}" height="{hit_height}" '
            'fill="transparent"/>\n'
            f'    <rect class="bar{" zero" if zero else ""}" x="{x}" '
            f'y="{bar.y - (2 if zero else 0):.1f}" width="{width}" '
            f'height="{bar.height if bar.height > 0 else 2:.1f}" fill="#0b4f8a"/>\n'
            "  </g>\n  "
        )
    parts.append("\n  ")
    for tick in chart.x_ticks:
        parts.append(
            f'\n  <text class="x" x="{_f(tick.position)}" y="{base + 18}" font-size="12" '
            f'fill="#444" text-anchor="middle">{escape(tick.label)}</text>\n  '
        )
    parts.append("\n</svg>\n</figure>")
    # Every text above was escaped (str.join: Markup.join would escape it a second time).
    return Markup("".join(parts))  # noqa: S704
