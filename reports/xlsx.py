"""The report as a workbook: one sheet per table, numbers as numbers, dates as dates.

Every sheet starts with a title row (organisation, report, week dates) above the header row;
both repeat on every printed page, which is A4 landscape, one page wide. Columns are as wide as
their longest cell (a date never shows `###`). Money carries a COP number format; percentages
are fractions (0.666) with a % format, so a formula over them works. A missing number is an
empty cell with the note "sin datos" ("no data") as its comment: never text in a number column,
never 0. Links are clickable.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports import formatting as f
from reports.cells import display
from reports.i18n import label, sheet_name
from reports.spreadsheet import KeepAsText, xlsx_cell
from reports.tables import Col, Kind, Table, cell_kind

COP = '"$"#,##0'
FORMATS: dict[str, str] = {
    "int": "#,##0",
    "signed": "+#,##0;-#,##0;0",
    "money": COP,
    "pct": "0.0%",
    "signed_pct": "+0.0%;-0.0%;0.0%",
    "decimal": "#,##0.0",
    "date": "DD/MM/YYYY",
    "datetime": "DD/MM/YYYY HH:MM",
    "id": "@",
}
HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_ALIGN = Alignment(vertical="center", wrap_text=True)
TITLE_FONT = Font(bold=True, size=13, color="1F3A5F")
LINK_FONT = Font(color="0563C1", underline="single")
TITLE_ROWS = 2  # the title row and the header row, repeated on every printed page
MIN_WIDTH, MAX_WIDTH, WRAP_WIDTH = 8, 60, 48
# Widths Excel needs for a formatted value beyond its digits: "$", separators, "DD/MM/YYYY HH:MM".
KIND_WIDTH = {"date": 12, "datetime": 17, "pct": 9, "signed_pct": 10}


def _local_naive(value: datetime) -> datetime:
    # Excel has no time zones: the tables hold wall-clock times of the report's zone.
    return value.replace(tzinfo=None)


def _pct_format(digits: int, signed: bool = False) -> str:
    plain = "0" + ("." + "0" * digits if digits else "") + "%"
    return f"+{plain};-{plain};{plain}" if signed else plain


def _missing_cell(sheet: Worksheet, lang: str) -> Cell:
    cell = xlsx_cell(sheet, None)
    note = Comment(f.missing(lang), "Pulso")
    note.width, note.height = 120, 30
    cell.comment = note
    return cell


def _cell(sheet: Worksheet, value: Any, kind: Kind, lang: str, digits: int) -> Cell:
    if value is None:
        return xlsx_cell(sheet, None) if kind in ("text", "url") else _missing_cell(sheet, lang)
    if kind == "dates":
        return xlsx_cell(sheet, ", ".join(f.fmt_date(d, lang) for d in value))
    if kind == "url":
        return _link(sheet, str(value), lang)
    if kind == "datetime" and isinstance(value, datetime):
        value = _local_naive(value)
    if kind in ("pct", "signed_pct"):
        # A spreadsheet percentage is a fraction: 66.6 % is stored as 0.666.
        fmt = _pct_format(digits, signed=kind == "signed_pct")
        return xlsx_cell(sheet, Decimal(str(value)) / 100, fmt)
    if kind in ("text", "id"):
        value = KeepAsText(value) if kind == "id" else str(value)
    return xlsx_cell(sheet, value, FORMATS.get(kind))


def _link(sheet: Worksheet, url: str, lang: str) -> Cell:
    cell = xlsx_cell(sheet, url)
    if url.lower().startswith(("http://", "https://")):
        cell.hyperlink = url
        cell.font = LINK_FONT
    return cell


def _text_width(value: Any, col: Col, kind: Kind, lang: str) -> int:
    if value is None:
        return len(f.missing(lang)) if kind not in ("text", "url") else 0
    if kind in ("pct", "signed_pct"):
        return len(f.fmt_pct(value, lang, col.digits)) + 2
    if kind == "url":
        return len(str(value))
    return max(len(display(value, kind, lang, col.digits)), KIND_WIDTH.get(kind, 0))


def column_widths(table: Table, keep: Sequence[tuple[int, Col]], lang: str) -> list[float]:
    """Each column as wide as its longest cell or header word, within MIN..MAX; long text
    columns wrap at WRAP_WIDTH instead of stretching the printed page."""
    widths = []
    for i, col in keep:
        header = label(col.label or col.key, lang)
        longest = max([len(word) for word in header.split()] + [len(header) // 2])
        for row in table.rows:
            value, kind = cell_kind(row[i], col)
            longest = max(longest, _text_width(value, col, kind, lang))
        cap = WRAP_WIDTH if col.kind in ("text", "url") else MAX_WIDTH
        widths.append(float(min(cap, max(MIN_WIDTH, longest + 2))))
    return widths


def _print_setup(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{TITLE_ROWS}"
    sheet.print_options.gridLines = False
    sheet.oddFooter.center.text = "&P / &N"


def _fill_sheet(sheet: Worksheet, table: Table, lang: str, heading: str) -> None:
    keep = [(i, c) for i, c in enumerate(table.columns) if c.kind != "spark"]
    for n, width in enumerate(column_widths(table, keep, lang), start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = f"A{TITLE_ROWS + 1}"
    if table.rows:
        last = f"{get_column_letter(len(keep))}{len(table.rows) + TITLE_ROWS}"
        sheet.auto_filter.ref = f"A{TITLE_ROWS}:{last}"
    _print_setup(sheet)
    title = xlsx_cell(sheet, heading)
    title.font = TITLE_FONT
    sheet.append([title])
    sheet.append([_header(sheet, label(c.label or c.key, lang)) for _, c in keep])
    for row in table.rows:
        cells = [cell_kind(row[i], col) + (col.digits,) for i, col in keep]
        sheet.append([_cell(sheet, value, kind, lang, digits) for value, kind, digits in cells])


def _header(sheet: Worksheet, text: str) -> Cell:
    cell = xlsx_cell(sheet, text)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGN
    return cell


def write_xlsx(tables: list[Table], path: Path, lang: str, *, heading: str = "") -> Path:
    """`heading` (organisation · report · week dates) is each sheet's first row."""
    # Write-only mode streams rows to disk: several times faster for the long annex.
    book = Workbook(write_only=True)
    for table in tables:
        name = sheet_name(table.name, lang)
        _fill_sheet(book.create_sheet(name), table, lang, heading or name)
    book.save(path)
    return path
