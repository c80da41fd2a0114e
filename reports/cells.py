"""One table cell as text: fully formatted for people (HTML), or plain for spreadsheets (CSV)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from reports import formatting as f
from reports.spreadsheet import KeepAsText
from reports.tables import Kind

_DISPLAY: dict[str, Callable[[Any, str], str]] = {
    "int": f.fmt_int,
    "signed": f.fmt_signed,
    "money": f.fmt_money,
    "date": f.fmt_date,
    "datetime": f.fmt_datetime,
}


def display(value: Any, kind: Kind, lang: str, digits: int = 1) -> str:
    """'$38.415.000', '66,6 %', '13/05/2020' (es) or their English forms; None -> 'sin datos'."""
    if value is None:
        return f.missing(lang)
    if kind in _DISPLAY:
        return _DISPLAY[kind](value, lang)
    if kind == "pct":
        return f.fmt_pct(value, lang, digits)
    if kind == "signed_pct":
        return f.fmt_signed_pct(value, lang, digits)
    if kind == "decimal":
        return f.fmt_decimal(value, lang, digits)
    if kind == "dates":
        return ", ".join(f.fmt_date(d, lang) for d in value)
    return str(value)


def _plain_number(value: int | Decimal, lang: str) -> str:
    # No thousands separator, the language's decimal mark: what Excel parses as a number.
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",") if lang == "es" else text


def plain(value: Any, kind: Kind, lang: str) -> str:
    """A CSV cell: numbers without separators, dates as the locale writes them, ids as text.

    Text is returned as it is: the CSV writer (reports.spreadsheet) neutralises formulas."""
    if value is None:
        # A text field left empty (no program, no reason) is not missing data.
        return "" if kind == "text" else f.missing(lang)
    if kind == "id":
        return KeepAsText(value)
    if kind in ("int", "signed", "money", "pct", "signed_pct", "decimal"):
        return _plain_number(value, lang)
    if kind == "datetime" and isinstance(value, datetime):
        return f.fmt_datetime(value, lang)
    if kind == "date" and isinstance(value, date):
        return f.fmt_date(value, lang)
    if kind == "dates":
        return ", ".join(f.fmt_date(d, lang) for d in value)
    return str(value)
