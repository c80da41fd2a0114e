"""The mentions page's two tables (week × outlet, and the list), their rows built in Python.

The same markup, byte for byte, as the loops `templates/mentions.html` had (a test renders
those loops and compares): 200 rows a page, each cell looked up, filtered and escaped by
Jinja one at a time, cost about as much as the page's queries. Every text is escaped here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from pulso.dashboard.weeks import WeekRow, week_cell
from reports.formatting import fmt_datetime, fmt_int
from reports.i18n import medium_name

SafeUrl = Callable[[str | None], str | None]


def week_rows(rows: Sequence[WeekRow], lang: str, no_data: str) -> Markup:
    """The body rows of the week × outlet table."""
    if not rows:
        return Markup(f'\n    <tr><td colspan="3">{escape(no_data)}</td></tr>\n  ')  # noqa: S704
    parts = [
        # A whole number (fmt_int: digits and separators) needs no escaping.
        f"\n    <tr><td {week_cell(row.week, lang)}</td><td>{escape(row.outlet)}</td>"
        f'<td class="num">{fmt_int(row.count, lang)}</td></tr>\n  '
        for row in rows
    ]
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
        parts.append(
            "\n    \n    <tr>\n"
            f"      <td>{_when(row['published_at'], lang)}</td>"
            f"<td>{escape(row['outlet'])}</td><td>{_medium(row['medium'], lang)}</td>\n"
            f"      <td>{title}</td>\n"
            f"      <td>{escape(', '.join(str(term) for term in row['matched_terms']))}</td>\n"
            "    </tr>\n  "
        )
    return Markup("".join(parts))  # noqa: S704 - every text above was escaped


def _when(value: datetime | None, lang: str) -> str:
    """fmt_datetime's text (digits, '/', '-', ':' and a space; or 'no data'), escaped."""
    return fmt_datetime(value, lang) if value is not None else str(escape(fmt_datetime(None, lang)))


@lru_cache(maxsize=256)
def _medium(medium: str | None, lang: str) -> str:
    """A medium's name in `lang` (the stored word where it has none), escaped."""
    return str(escape(medium_name(medium, lang) or ""))
