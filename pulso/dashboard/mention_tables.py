"""The mentions page's two tables (week × outlet, and the list), their rows built in Python.

The same markup, byte for byte, as the loops `templates/mentions.html` had (a test renders
those loops and compares): 200 rows a page, each cell looked up, filtered and escaped by
Jinja one at a time, cost about as much as the page's queries. Every text is escaped here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup, escape

from pulso.dashboard.weeks import WeekRow, week_end, week_start
from reports.formatting import fmt_date, fmt_datetime, fmt_int
from reports.i18n import medium_name

SafeUrl = Callable[[str | None], str | None]


def week_label(code: str, lang: str) -> str:
    """'2026-W47' as its dates, '16/11/2026 – 22/11/2026': the office does not read ISO weeks."""
    try:
        monday = week_start(code)
    except ValueError:
        return code
    return f"{fmt_date(monday, lang)} – {fmt_date(week_end(monday), lang)}"


def week_rows(rows: Sequence[WeekRow], lang: str, no_data: str) -> Markup:
    """The body rows of the week × outlet table (a week's label written once per week)."""
    if not rows:
        return Markup(f'\n    <tr><td colspan="3">{escape(no_data)}</td></tr>\n  ')  # noqa: S704
    labels: dict[str, str] = {}
    parts = []
    for row in rows:
        week = row.week
        label = labels.get(week)
        if label is None:
            label = labels[week] = f'"{escape(week)}">{escape(week_label(week, lang))}'
        parts.append(
            f"\n    <tr><td data-week={label}</td><td>{escape(row.outlet)}</td>"
            f'<td class="num">{escape(fmt_int(row.count, lang))}</td></tr>\n  '
        )
    return Markup("".join(parts))  # noqa: S704 - every text above was escaped


def list_rows(rows: Sequence[dict[str, Any]], lang: str, no_data: str, safe_url: SafeUrl) -> Markup:
    """The body rows of the mention list: its time, outlet, medium, linked title and terms."""
    if not rows:
        return Markup(f'\n    <tr><td colspan="5">{escape(no_data)}</td></tr>\n  ')  # noqa: S704
    parts = []
    for row in rows:
        href = safe_url(row["url"])
        text = escape(row["title"] or row["url"])
        title = (
            f'<a href="{escape(href)}" rel="noopener noreferrer nofollow" target="_blank">{text}</a>'
            if href
            else str(text)
        )
        medium = medium_name(row["medium"], lang) or ""
        parts.append(
            "\n    \n    <tr>\n"
            f"      <td>{escape(fmt_datetime(row['published_at'], lang))}</td>"
            f"<td>{escape(row['outlet'])}</td><td>{escape(medium)}</td>\n"
            f"      <td>{title}</td>\n"
            f"      <td>{escape(', '.join(str(term) for term in row['matched_terms']))}</td>\n"
            "    </tr>\n  "
        )
    return Markup("".join(parts))  # noqa: S704 - every text above was escaped
