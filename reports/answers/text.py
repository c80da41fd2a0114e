"""Answer rows as text: a cell for people (CLI tables) and CSV for scripts (CLI and dashboard).

Tables follow the language (Spanish names and es-CO numbers by default); CSV keeps the
contract's keys and raw values so scripts never parse "235.343".
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import IO, Any

from reports import formatting as f
from reports.i18n import medium_name, platform_name
from reports.spreadsheet import csv_writer
from reports.tables import Col, Kind


def format_cell(value: Any, kind: Kind, lang: str, digits: int = 1) -> str:
    if kind == "pct":
        return f.fmt_pct(value, lang, digits)
    formatters: dict[str, Callable[[Any, str], str]] = {
        "int": f.fmt_int,
        "signed": f.fmt_signed,
        "money": f.fmt_money,
        "date": f.fmt_date,
        "datetime": f.fmt_datetime,
    }
    if kind in formatters:
        return str(formatters[kind](value, lang))
    if value is None:
        return f.missing(lang)
    if kind == "platform":
        return platform_name(str(value), lang)
    if kind == "medium":
        return medium_name(str(value), lang) or str(value)
    if kind == "list":
        return ", ".join(str(v) for v in value)
    return str(value)


def csv_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[Col]) -> str:
    """The contract's keys as header, raw values (ISO dates, plain numbers) below; text that a
    spreadsheet would run as a formula is neutralised (JSON keeps it raw)."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for row in rows:
        writer.writerow([csv_value(row.get(c.key)) for c in columns])
    return out.getvalue()


class CsvStream:
    """`csv_text` written row by row to `out`: the same bytes, without holding the rows."""

    def __init__(self, out: IO[str], columns: Sequence[Col], *, header: bool = True) -> None:
        self.writer, self.keys = csv_writer(out, lineterminator="\n"), [c.key for c in columns]
        if header:
            self.writer.writerow(self.keys)

    def write(self, row: Mapping[str, Any]) -> None:
        self.writer.writerow([csv_value(row.get(key)) for key in self.keys])

    def write_values(self, values: Sequence[Any]) -> None:
        """A row given as its values in the columns' order."""
        self.writer.writerow([csv_value(value) for value in values])


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
