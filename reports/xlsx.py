"""The report as a workbook: one sheet per table, numbers as numbers, dates as dates.

Money carries a COP number format, percentages a percent-units format, the header row is
frozen and filterable. Missing values are the words "sin datos" / "no data", never 0.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports import formatting as f
from reports.i18n import label, sheet_name
from reports.spreadsheet import KeepAsText, xlsx_cell
from reports.tables import Kind, Table, cell_kind

COP = '"$"#,##0'
FORMATS: dict[str, str] = {
    "int": "#,##0",
    "signed": "+#,##0;-#,##0;0",
    "money": COP,
    "pct": '0.0" %"',
    "signed_pct": '+0.0" %";-0.0" %";0.0" %"',
    "decimal": "#,##0.0",
    "date": "DD/MM/YYYY",
    "datetime": "DD/MM/YYYY HH:MM",
    "id": "@",
}
HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_ALIGN = Alignment(vertical="center", wrap_text=True)


def _local_naive(value: datetime) -> datetime:
    # Excel has no time zones: the tables hold wall-clock times of the report's zone.
    return value.replace(tzinfo=None)


def _cell(sheet: Worksheet, value: Any, kind: Kind, lang: str, digits: int) -> Cell:
    if value is None:
        return xlsx_cell(sheet, None if kind == "text" else f.missing(lang))
    if kind == "dates":
        return xlsx_cell(sheet, ", ".join(f.fmt_date(d, lang) for d in value))
    if kind == "datetime" and isinstance(value, datetime):
        value = _local_naive(value)
    if kind in ("text", "id", "url"):
        value = KeepAsText(value) if kind == "id" else str(value)
    fmt = FORMATS.get(kind)
    if kind == "pct" and digits != 1:
        fmt = "0." + "0" * digits + '" %"'
    return xlsx_cell(sheet, value, fmt)


def _fill_sheet(sheet: Worksheet, table: Table, lang: str) -> None:
    keep = [(i, c) for i, c in enumerate(table.columns) if c.kind != "spark"]
    headers = [label(c.key, lang) for _, c in keep]
    for n, (_, col) in enumerate(keep, start=1):
        width = 48 if col.kind in ("text", "url") else max(12, len(headers[n - 1]) + 2)
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "A2"
    if table.rows:
        last = f"{get_column_letter(len(keep))}{len(table.rows) + 1}"
        sheet.auto_filter.ref = f"A1:{last}"
    sheet.append([_header(sheet, h) for h in headers])
    for row in table.rows:
        cells = [cell_kind(row[i], col) + (col.digits,) for i, col in keep]
        sheet.append([_cell(sheet, value, kind, lang, digits) for value, kind, digits in cells])


def _header(sheet: Worksheet, text: str) -> Cell:
    cell = xlsx_cell(sheet, text)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGN
    return cell


def write_xlsx(tables: list[Table], path: Path, lang: str) -> Path:
    # Write-only mode streams rows to disk: several times faster for the long annex.
    book = Workbook(write_only=True)
    for table in tables:
        _fill_sheet(book.create_sheet(sheet_name(table.name, lang)), table, lang)
    book.save(path)
    return path
