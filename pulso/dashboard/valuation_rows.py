"""The free-press page's two tables' rows (week × outlet, unvalued items) as HTML, built in
Python with exactly the markup valuation.html's loops wrote (a test compares the bytes).

Two loops of 100 rows through Jinja, each cell a filter call and an escape, were the largest
part of the page's rendering once its figures came from memory (issue 17, sixth pass).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from markupsafe import Markup, escape

from pulso.dashboard.weeks import WeekRow, week_cell
from reports.formatting import fmt_date, fmt_int, fmt_money
from reports.messages import unvalued_reason
from valuation.free_press import UnvaluedItem

# What `fmt_int` and `fmt_money` write for a number (digits, separators, signs, "$") or for none
# ("sin datos", "no data") holds nothing to escape: those cells are written as they are.


@lru_cache(maxsize=1024)
def _text(value: str) -> str:
    """An outlet's name or an unvalued item's reason, escaped (a page repeats a few dozen)."""
    return str(escape(value))


def week_rows_html(rows: Sequence[WeekRow], lang: str, no_data: str) -> Markup:
    """The `by-week` table's body rows, as the template's loop wrote them (its `else`: one row
    saying there is no data)."""
    if not rows:
        return Markup(f'\n    <tr><td colspan="4">{escape(no_data)}</td></tr>\n  ')  # noqa: S704
    parts = [
        f"\n    <tr><td {week_cell(row.week, lang)}</td><td>{_text(row.outlet)}</td>"
        f'<td class="num">{fmt_int(row.count, lang)}</td>'
        f'<td class="num">{fmt_money(row.value, lang)}</td></tr>\n  '
        for row in rows
    ]
    # Every text above was escaped (str.join: Markup.join would escape it a second time).
    return Markup("".join(parts))  # noqa: S704


def reason(item: UnvaluedItem, lang: str) -> str:
    """Why an item was not valued, in the page's language (the template's `freason`)."""
    return unvalued_reason(item.code, item.params, lang) if item.code else item.reason


def unvalued_rows_html(items: Sequence[UnvaluedItem], lang: str) -> Markup:
    """The `unvalued` table's body rows, as the template's loop wrote them."""
    # A date is digits, "/" and "-".
    parts = [
        f"\n    <tr><td>{_text(u.item.outlet)}</td><td>{fmt_date(u.item.aired_on, lang)}"
        f"</td><td>{escape(u.item.title)}</td><td>{_text(reason(u, lang))}</td></tr>\n  "
        for u in items
    ]
    return Markup("".join(parts))  # noqa: S704
