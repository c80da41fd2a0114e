"""The growth page's table rows as HTML (pure): what `_growth_table.html` wrote, cell by cell.

Fifty rows of nine filtered, escaped cells were a fifth of the page's time in Jinja; here each
cell is formatted by the same function its filter called, every cell of the table is escaped by
one call (escaping works character by character, so escaping the cells joined equals escaping
each), and each row is one str.format (tests/dashboard/test_growth_page_bytes.py compares whole
pages with what the template wrote).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from pulso.dashboard.names import Style, account_name, style_of
from reports.formatting import fmt_date, fmt_int, fmt_pct, fmt_signed, pct_of_float
from reports.i18n import platform_name
from storage.growth import Growth

# One row, with the whitespace the template's loop wrote around it.
_ROW = """
    <tr>
      <td>{}</td><td><svg class="dot" width="10" height="10" aria-hidden="true"><circle cx="5" \
cy="5" r="5" fill="{}"/></svg> {}</td>
      <td>{}</td>
      <td class="num">{}</td>
      <td>{}</td>
      <td class="num">{}</td>
      <td class="num">{}</td>
      <td class="num">{}</td>
    </tr>
  """
_EMPTY = '\n    <tr><td colspan="8">{}</td></tr>\n  '


def _cells(
    g: Growth, lang: str, names: dict[tuple[str, str], str], styles: dict[tuple[str, str], Style]
) -> list[str]:
    start, end = g.start, g.end
    return [
        platform_name(g.platform, lang),
        style_of(styles, g.platform, g.account).color,
        account_name(g.platform, g.account, names),
        fmt_date(start.day if start else None, lang),
        fmt_int(start.followers if start else None, lang),
        fmt_date(end.day if end else None, lang),
        fmt_int(end.followers if end else None, lang),
        fmt_signed(g.change, lang),
        _pct_cell(g, lang),
    ]


# Past these, Decimal's 28 digits could round the quotient before it is quantized.
_EXACT_FIGURES = 10**15


def _pct_cell(g: Growth, lang: str) -> str:
    """`fmt_pct(g.change_pct, lang, 2)` without Decimal: the change in hundredths of a percent,
    rounded half away from zero as change_pct's quantize does, in integers; its float is the
    one `float(change_pct)` gives (both the nearest to the same decimal), which fmt_pct writes
    (tests/dashboard/test_growth_table.py compares them)."""
    start, end = g.start, g.end
    if start is not None and end is not None:
        first, change = start.followers, end.followers - start.followers
        if 0 < first < _EXACT_FIGURES and abs(change) < _EXACT_FIGURES:
            hundredths = (abs(20_000 * change) + first) // (2 * first)
            # Zero is Decimal('0.00') or '-0.00', and past 10**12 %, fmt_pct asks Babel.
            if 0 < hundredths < 10**14:
                return pct_of_float((hundredths if change > 0 else -hundredths) / 100, lang, 2)
    return fmt_pct(g.change_pct, lang, 2)


def growth_rows(
    items: Sequence[Growth],
    lang: str,
    names: dict[tuple[str, str], str],
    styles: dict[tuple[str, str], Style],
    no_data: str,
) -> Markup:
    """The rows of a growth table's body, or its 'no data' row."""
    if not items:
        return Markup(_EMPTY.format(escape(no_data)))  # noqa: S704 (escaped here)
    texts = [text for g in items for text in _cells(g, lang, names, styles)]
    joined = "\0".join(texts)
    if joined.count("\0") == len(texts) - 1:
        cells = str(escape(joined)).split("\0")
    else:  # a NUL in a name: the cut mark would cut it
        cells = [str(escape(text)) for text in texts]
    # Every cell was escaped above and the row's markup is fixed.
    return Markup((_ROW * len(items)).format(*cells))  # noqa: S704
