"""Text a spreadsheet would run, and the checks that a written file runs none of it."""

from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook

HOSTILE = ['=WEBSERVICE("http://x")', "@SUM(1)", "+1+1", "-2+3", "\t=1", "\r=1"]
# Written independently of reports.spreadsheet, so the check does not share its mistakes.
_STARTS = tuple("=+-@＝＋－＠")
_NUMBER = re.compile(r"-?\d+([.,]\d+)?")
# ="1790000000000000001": the constant string Pulso writes so Excel keeps an id's digits.
_CONSTANT = re.compile(r'="([^"]|"")*"')


def live(text: str) -> bool:
    if _NUMBER.fullmatch(text) or _CONSTANT.fullmatch(text):
        return False
    return text[:1] in ("\t", "\r") or text.lstrip().startswith(_STARTS)


def csv_cells(text: str, delimiter: str = ",") -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    for row in rows:
        for cell in row:
            assert not live(cell), f"live formula in CSV: {cell!r}"
    return rows


def xlsx_cells(body: bytes) -> list[list[object]]:
    book = load_workbook(io.BytesIO(body))
    rows: list[list[object]] = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula cell {cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert not live(cell.value), f"live text {cell.coordinate}: {cell.value!r}"
            rows.append([cell.value for cell in row])
    return rows


def shown(rows: list[list[object]]) -> set[object]:
    return {cell for row in rows for cell in row}


def people_csv_rows(body: bytes, lang: str = "es") -> list[list[str]]:
    """A CSV for people read as Excel does: UTF-8 BOM first, `;` (es) or `,` (en)."""
    assert body.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM"
    return csv_cells(body.decode("utf-8-sig"), delimiter=";" if lang == "es" else ",")
