"""The report as a workbook: one sheet per table, numbers as numbers, dates as dates.

Money carries a COP number format, percentages a percent-units format, the header row is
frozen and filterable. Missing values are the words "sin datos" / "no data", never 0.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell as XlCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports import formatting as f
from reports.i18n import label, sheet_name
from reports.tables import Kind, Table, cell_kind
from reports.week import BOGOTA

COP = '"$"#,##0'
FORMATS: dict[str, str] = {
    "int": "#,##0",
    "signed": "+#,##0;-#,##0;0",
    "money": COP,
    "pct": '0.0" %"',
    "decimal": "#,##0.0",
    "date": "DD/MM/YYYY",
    "datetime": "DD/MM/YYYY HH:MM",
    "id": "@",
}
HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")


def _local_naive(value: datetime) -> datetime:
    # Excel has no time zones: write Bogotá wall-clock time.
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(BOGOTA).replace(tzinfo=None)


def _store(cell: XlCell, value: Any, kind: Kind, lang: str, digits: int) -> None:
    if value is None:
        cell.value = f.missing(lang)
        return
    if kind == "dates":
        cell.value = ", ".join(f.fmt_date(d, lang) for d in value)
    elif kind == "datetime" and isinstance(value, datetime):
        cell.value = _local_naive(value)
    elif kind in ("text", "id", "url"):
        cell.value = str(value)
        # A scraped title starting with '=' is text, never a formula.
        cell.data_type = "s"
    else:
        cell.value = value
    fmt = FORMATS.get(kind)
    if kind == "pct" and digits != 1:
        fmt = "0." + "0" * digits + '" %"'
    if fmt:
        cell.number_format = fmt


def _fill_sheet(sheet: Worksheet, table: Table, lang: str) -> None:
    columns = [c for c in table.columns if c.kind != "spark"]
    headers = [label(c.key, lang) for c in columns]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    keep = [i for i, c in enumerate(table.columns) if c.kind != "spark"]
    for r, row in enumerate(table.rows, start=2):
        for c, (i, col) in enumerate(zip(keep, columns, strict=True), start=1):
            value, kind = cell_kind(row[i], col)
            _store(sheet.cell(row=r, column=c), value, kind, lang, col.digits)
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions
    for c, header in enumerate(headers, start=1):
        width = 48 if columns[c - 1].kind in ("text", "url") else max(12, len(header) + 2)
        sheet.column_dimensions[get_column_letter(c)].width = width


def write_xlsx(tables: list[Table], path: Path, lang: str) -> Path:
    book = Workbook()
    default = book.active
    for table in tables:
        _fill_sheet(book.create_sheet(sheet_name(table.name, lang)), table, lang)
    if default is not None:
        book.remove(default)
    book.save(path)
    return path
