"""What the growth page shows, as CSV (the same bytes as `pulso growth --format csv`) or XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from pulso.cli.growth_cmd import COLUMNS
from storage.growth import Growth

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def flat(item: Growth) -> dict[str, Any]:
    return {
        "platform": item.platform,
        "account": item.account,
        "start_date": item.start.day if item.start else None,
        "start_followers": item.start.followers if item.start else None,
        "end_date": item.end.day if item.end else None,
        "end_followers": item.end.followers if item.end else None,
        "change": item.change,
        "change_pct": item.change_pct,
    }


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def growth_csv(items: Sequence[Growth]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in COLUMNS])
    for item in items:
        row = flat(item)
        writer.writerow([_csv_cell(row[c.key]) for c in COLUMNS])
    return out.getvalue()


def _xlsx_cell(value: Any, kind: str) -> Any:
    if kind == "pct" and isinstance(value, Decimal):
        return float(value / 100)  # a spreadsheet percentage is a fraction shown as %
    return value


def growth_xlsx(items: Sequence[Growth], lang: str) -> bytes:
    """Native numbers and dates (formatted by the reader's locale), headers in `lang`."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Crecimiento" if lang == "es" else "Growth"
    sheet.append([c.header(lang) for c in COLUMNS])
    formats = {"int": "#,##0", "signed": "+#,##0;-#,##0;0", "pct": "0.00%", "date": "dd/mm/yyyy"}
    for item in items:
        row = flat(item)
        sheet.append([_xlsx_cell(row[c.key], c.kind) for c in COLUMNS])
        for cell, column in zip(sheet[sheet.max_row], COLUMNS, strict=True):
            if column.kind in formats:
                cell.number_format = formats[column.kind]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
