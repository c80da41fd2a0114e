"""A chart's numbers and hover titles as text, a whole line's at once (pure).

The growth page writes 3,000 coordinates and 1,000 hover titles: one f-string and a few calls
each cost more than the page's queries. Here a coordinate's text comes from a table when its
rounding is certain, a line's figures and percentages are formatted by one str.format call,
and its dots are written by one comprehension; every text is the one the one-at-a-time code
wrote (tests/dashboard/test_chart_text.py compares them over any floats and integers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import repeat

from reports.formatting import GROUPING, LOCALES, MINUS

# f"{r / 10:.1f}" for every r a coordinate can round to: charts are at most 1,000 px high or
# wide (a larger one falls back to formatting).
_TENTHS = tuple(f"{r // 10}.{r % 10}" for r in range(10_000))
_LAST = float(len(_TENTHS) - 1)
_NOT_HALF = 0.5 - 2**-20
_SWAP = str.maketrans(",.", ".,")


def tenths(values: Iterable[float]) -> list[str]:
    """`[f"{v:.1f}" for v in values]`, each the same text.

    Formatting rounds a float's exact binary value to a tenth (half to even). Ten times the
    value, rounded to an integer, is that tenth unless the product lies within its rounding
    error of a half (under 2**-39 for products under 10,000), which the check rules out; a
    positive tenth's text then comes from a table. Zero, negatives (-0.0), NaN and infinities
    are formatted."""
    table, last, near = _TENTHS, _LAST, _NOT_HALF
    return [
        table[r]
        if 0.0 < (q := v * 10.0) < last and -near < q - (r := round(q)) < near
        else f"{v:.1f}"
        for v in values
    ]


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
    fill: str,
    head: str,
    tail: str,
    xs: list[str],
    ys: list[str],
    days: list[str],
    figures: list[str],
    changes: list[str] | None,
) -> tuple[str, ...]:
    """A line's dots as SVG cut where each radius goes (chart.Line.dot_pieces): dot i at
    (xs[i], ys[i]), titled '{head} · {days[i]}: {figures[i]} {tail}' and, in the 'change'
    mode, ' ({changes[i]})'. Every text is escaped already."""
    if not xs:
        return ("",)
    if changes is None:
        titles = [f"{head} · {d}: {f} {tail}" for d, f in zip(days, figures, strict=True)]
    else:
        titles = [
            f"{head} · {d}: {f} {tail} ({c})"
            for d, f, c in zip(days, figures, changes, strict=True)
        ]
    return (
        f'<circle cx="{xs[0]}" cy="{ys[0]}" r="',
        *[
            f'" fill="{fill}"><title>{t}</title></circle><circle cx="{x}" cy="{y}" r="'
            for t, x, y in zip(titles, xs[1:], ys[1:], strict=False)
        ],
        f'" fill="{fill}"><title>{titles[-1]}</title></circle>',
    )
