"""A full-size line chart's lines and legend as SVG (pure).

What the loops of `_chart.html` wrote, byte for byte, one string per line: on the growth page's
fifty accounts those loops were a third of the template's time (each attribute looked up,
filtered and escaped through Jinja). Every text is escaped here as Jinja's autoescape did
(tests/dashboard/test_growth_page_bytes.py and test_reach_pages.py compare whole pages).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from pulso.dashboard.chart import Line, dots_markup


def _dash(line: Line, attribute: str = "stroke-dasharray") -> str:
    return f' {attribute}="{escape(line.dash)}"' if line.dash else ""


def line_paths(lines: Sequence[Line], radius: str) -> Markup:
    """Each line of a full-size chart: its path, titled with its label, and its dots."""
    out = []
    for line in lines:
        points = f' data-points="{escape(line.points)}"' if line.points is not None else ""
        out.append(
            '\n  <g class="account">\n  <path class="series" fill="none" '
            f'stroke="{escape(line.color)}" stroke-width="2"{_dash(line)} '
            f'stroke-linejoin="round" d="{escape(line.path)}"{points}><title>'
            f"{escape(line.label)}</title></path>\n  {dots_markup(line, radius)}\n  </g>\n  "
        )
    return Markup("".join(out))  # noqa: S704 (every text escaped above)


def legend(lines: Sequence[Line]) -> Markup:
    """A chart's legend items: each line's colour and dashes, and its label."""
    return Markup(  # noqa: S704 (every text escaped)
        "".join(
            '<li><svg class="swatch" width="18" height="6" aria-hidden="true"><line x1="0" '
            f'x2="18" y1="3" y2="3" stroke="{escape(line.color)}" stroke-width="3"'
            f"{_dash(line)}/></svg> {escape(line.label)}</li>"
            for line in lines
        )
    )
