"""Printing answers: a Rich table for people, JSON and CSV for scripts.

Columns, labels, cells and CSV come from the shared presentation model (reports.tables,
reports.i18n, reports.answers), the same the dashboard uses; this module only prints.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from reports.answers.text import csv_text, format_cell
from reports.tables import Col

if TYPE_CHECKING:  # Rich loads with the first table printed: JSON and CSV never need it
    from rich.console import Console


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def print_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Col],
    lang: str,
    *,
    title: str | None = None,
    console: Console | None = None,
) -> None:
    from rich.console import Console
    from rich.table import Table

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


def print_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[Col]) -> None:
    sys.stdout.write(csv_text(rows, columns))
