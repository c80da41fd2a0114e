"""Every cell Pulso writes to a CSV or XLSX file goes through here, so none runs as a formula.

Scraped headlines, account names and outlet names are untrusted: a cell starting with `=`, `+`,
`-`, `@`, a tab or a carriage return is a formula when Excel, LibreOffice or Google Sheets opens
the file (`=WEBSERVICE(...)` sends data away, `=cmd|...` runs a program). Some programs fold the
full-width forms `＝＋－＠` to ASCII and skip leading blanks before deciding, so those count too.
Such text is prefixed with a single quote (OWASP's advice for CSV injection) and, in XLSX, is
also written as a string cell so openpyxl never stores it as a formula.

A value that is a number stays a number: `-5` in a CSV and a numeric cell in XLSX (negative
growth must still add up); text that reads as a plain number ("-5", "+3,5") cannot call anything
and is left as it is. JSON is never touched: scripts get the raw text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl is imported by the XLSX writer only: CSV and JSON output skip it
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from openpyxl.worksheet.worksheet import Worksheet

TRIGGERS = frozenset("=+-@\t\r＝＋－＠")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)*|[.,]\d+)([eE][+-]?\d+)?")


class KeepAsText(str):
    """Digits a spreadsheet must keep as written (post ids, which Excel turns into 1,79E+18).

    In CSV it is written as `="…"`: a constant string with its quotes doubled, the one formula
    Pulso writes on purpose, since it can reference or call nothing. In XLSX it is a string cell.
    """


def is_live(text: str) -> bool:
    """Would a spreadsheet read this text as the start of a formula?"""
    if not text or _NUMBER.fullmatch(text.strip()):
        return False
    return text[0] in TRIGGERS or text.lstrip()[:1] in TRIGGERS


def neutralise(text: str) -> str:
    """The one guard: formula-like text gets a leading `'`, anything else is unchanged."""
    return "'" + text if is_live(text) else text


def csv_cell(value: Any) -> Any:
    """A value as the CSV writer receives it: text guarded, numbers untouched."""
    if isinstance(value, KeepAsText):
        return '="' + value.replace('"', '""') + '"'
    if isinstance(value, str):
        # Python 3.11's writer leaves a lone CR unquoted when rows end in "\n", and readers take
        # it as a new row whose first cell escaped the guard: line breaks inside text become
        # "\n", which the writer always quotes.
        return neutralise(value).replace("\r\n", "\n").replace("\r", "\n")
    return value


class SafeCsvWriter:
    """`csv.writer` whose every row passes through `csv_cell`."""

    def __init__(self, handle: IO[str], **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(handle: IO[str], **options: Any) -> SafeCsvWriter:
    """The only CSV writer Pulso uses (options as for `csv.writer`)."""
    return SafeCsvWriter(handle, **options)


def xlsx_cell(
    sheet: Worksheet | WriteOnlyWorksheet, value: Any, number_format: str | None = None
) -> Cell:
    """A cell for `sheet.append`: text guarded and typed as a string, other values native."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        # Control characters make openpyxl refuse the whole workbook; they carry no meaning.
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = WriteOnlyCell(
            sheet, value=text if isinstance(value, KeepAsText) else neutralise(text)
        )
        cell.data_type = "s"
    else:
        cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    return cell
