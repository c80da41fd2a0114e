"""Rendering query results: a Rich table for people, JSON and CSV for scripts.

Tables follow the configured language (Spanish column names and es-CO numbers by default);
JSON and CSV keep the contract's keys and raw values so scripts never parse "235.343".
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from rich.console import Console
from rich.table import Table

from reports import formatting as f
from reports.i18n import medium_name, platform_name
from reports.spreadsheet import csv_writer

Kind = Literal[
    "text", "int", "signed", "money", "pct", "date", "datetime", "list", "platform", "medium"
]


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    es: str
    en: str
    kind: Kind = "text"
    digits: int = 1

    def header(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


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


def print_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    lang: str,
    *,
    title: str | None = None,
    console: Console | None = None,
) -> None:
    table = Table(title=title, header_style="bold")
    for column in columns:
        numeric = column.kind in ("int", "signed", "money", "pct")
        table.add_column(column.header(lang), justify="right" if numeric else "left")
    for row in rows:
        table.add_row(*(format_cell(row.get(c.key), c.kind, lang, c.digits) for c in columns))
    (console or Console(soft_wrap=False, width=200)).print(table)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n")


def csv_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> str:
    """The contract's keys as header, raw values (ISO dates, plain numbers) below; text that a
    spreadsheet would run as a formula is neutralised (JSON keeps it raw)."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for row in rows:
        writer.writerow([csv_value(row.get(c.key)) for c in columns])
    return out.getvalue()


def print_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> None:
    sys.stdout.write(csv_text(rows, columns))


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
