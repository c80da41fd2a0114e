"""Tables as shown, for spreadsheets: CSV (raw values, the CLI's keys) or XLSX (native cells).

The growth CSV is byte for byte what `pulso growth --format csv` prints for the same rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from pulso.cli.growth_cmd import COLUMNS
from pulso.cli.output import Column
from reports.formatting import BOGOTA
from storage.growth import Growth

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "int": "#,##0",
    "signed": "+#,##0;-#,##0;0",
    "money": '"$"#,##0',
    "pct": "0.00%",
    "date": "dd/mm/yyyy",
    "datetime": "dd/mm/yyyy hh:mm",
}


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
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def table_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(row.get(c.key)) for c in columns])
    return out.getvalue()


def _xlsx_cell(value: Any, kind: str) -> Any:
    if kind == "pct" and isinstance(value, Decimal | float | int):
        return float(Decimal(str(value)) / 100)  # a spreadsheet percentage is a fraction
    if isinstance(value, datetime) and value.tzinfo:
        return value.astimezone(BOGOTA).replace(tzinfo=None)  # cells cannot hold a zone
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def table_xlsx(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[Column], lang: str, title: str
) -> bytes:
    """Native numbers and dates (shown in the reader's locale), headers in `lang`."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([c.header(lang) for c in columns])
    for row in rows:
        sheet.append([_xlsx_cell(row.get(c.key), c.kind) for c in columns])
        for cell, column in zip(sheet[sheet.max_row], columns, strict=True):
            if column.kind in FORMATS:
                cell.number_format = FORMATS[column.kind]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def growth_csv(items: Sequence[Growth]) -> str:
    return table_csv([flat(item) for item in items], COLUMNS)


def growth_xlsx(items: Sequence[Growth], lang: str) -> bytes:
    title = "Crecimiento" if lang == "es" else "Growth"
    return table_xlsx([flat(item) for item in items], COLUMNS, lang, title)
