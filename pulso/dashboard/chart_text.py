"""A chart's numbers as text, a whole line's at once (pure).

The growth page writes 3,000 coordinates and 1,000 hover titles: written one f-string at a
time, the interpreter's work per number cost more than the page's queries. Here each list is
formatted by a few C-level calls (map, str.format, %) over the whole line, and every result is
the text the one-at-a-time code wrote (tests/dashboard/test_chart_text.py compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from operator import mul, sub

from reports.formatting import GROUPING, LOCALES, MINUS

# f"{r / 10:.1f}" for every r a coordinate can round to: charts are at most 1,000 px high or
# wide (a larger one falls back to formatting).
_TENTHS = tuple(f"{r // 10}.{r % 10}" for r in range(10_000))
# A float scaled by 10 whose fraction is further than 2**-20 from one half rounds as the exact
# product would: the product's error is below 2**-36 for numbers under 10,000.
_NOT_HALF = 0.5 - 2**-20
_SWAP = str.maketrans(",.", ".,")


def tenths(values: Sequence[float]) -> list[str]:
    """`[f"{v:.1f}" for v in values]`, each the same text.

    Formatting rounds each float's exact binary value to a tenth (half to even). Ten times the
    value, rounded to an integer, is that tenth unless the product lies within its rounding
    error of a half, which the check below rules out for the whole list (else every value is
    formatted); a positive tenth's text then comes from a table."""
    scaled = list(map(mul, values, repeat(10.0)))
    try:
        rounded = list(map(round, scaled))
    except (ValueError, OverflowError):  # NaN or infinity: formatted as ever
        return [f"{v:.1f}" for v in values]
    if scaled and (
        min(scaled) <= 0  # formatting writes -0.0, the table cannot
        or max(rounded) >= len(_TENTHS)
        or max(map(abs, map(sub, scaled, rounded))) >= _NOT_HALF
    ):
        return [f"{v:.1f}" for v in values]
    return list(map(_TENTHS.__getitem__, rounded))


def _joined(spec: str, values: Sequence[object]) -> str:
    """`format(v, spec)` of each value, NUL between them (it never appears in a formatted
    number), in one str.format call."""
    return "\0".join(repeat("{:" + spec + "}", len(values))).format(*values)


def grouped(values: Sequence[int], lang: str) -> list[str]:
    """Whole numbers with thousands separators, '.' in Spanish and ',' otherwise (a hover
    title's figure): `f"{v:,}"`, the separator swapped."""
    if not values:
        return []
    if not set(map(type, values)) <= {int}:  # a float's -0.0 would keep its sign here
        return [_grouped_one(v, lang) for v in values]
    text = _joined(",", values)
    return (text.replace(",", ".") if lang == "es" else text).split("\0")


def _grouped_one(value: int, lang: str) -> str:
    text = f"{abs(value):,}".replace(",", "." if lang == "es" else ",")
    return ("-" if value < 0 else "") + text


def signed_pcts(values: Sequence[float], lang: str) -> list[str]:
    """`("+" if v > 0 else "") + formatting.pct_of_float(v, lang, 2)` of each value: two
    decimals, grouped as the language groups, a true minus sign, '+' when above zero."""
    if not values:
        return []
    specs = "\0".join(["{:+,.2f}" if v > 0 else "{:,.2f}" for v in values])
    text = specs.format(*values)
    if GROUPING.get(lang if lang in LOCALES else "es", ".") == ".":
        text = text.translate(_SWAP)
    suffix = " %" if lang == "es" else "%"
    # A '-' can only be a number's sign (pct_of_float makes it U+2212).
    text = text.replace("-", MINUS).replace("\0", suffix + "\0") + suffix
    return text.split("\0")


def dot_pieces(
    fill: str, title: str, xs: list[str], ys: list[str], *columns: list[str]
) -> tuple[str, ...]:
    """A line's dots as SVG cut where each radius goes (chart.Line.dot_pieces): dot i at
    (xs[i], ys[i]), its title `title % (column[i] for column in columns)` (a %-template whose
    own '%' are doubled: `literal`). Every text is escaped already."""
    if not xs:
        return ("",)
    between = f'" fill="{literal(fill)}"><title>{title}</title></circle><circle cx="%s" cy="%s" r="'
    ends = '" fill="{}"><title>{}</title></circle>'
    return (
        f'<circle cx="{xs[0]}" cy="{ys[0]}" r="',
        *map(between.__mod__, zip(*columns, xs[1:], ys[1:], strict=False)),
        ends.format(fill, title % tuple(column[-1] for column in columns)),
    )


def literal(text: str) -> str:
    """`text` inside a %-template, as itself."""
    return text.replace("%", "%%")
