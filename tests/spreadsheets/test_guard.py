"""The one guard: formula-like text is neutralised, numbers and ordinary text are not."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from reports.spreadsheet import KeepAsText, csv_writer, neutralise, xlsx_cell
from tests.spreadsheets.hostile import HOSTILE, csv_cells, xlsx_cells


@pytest.mark.parametrize(
    "text",
    [
        *HOSTILE,
        '=HYPERLINK("http://x")',
        "+57 300 123 4567",
        "=cmd|' /C calc'!A0",
        "＝WEBSERVICE(1)",
        "＠SUM(1)",
        "＋1",
        "－2+3",
        "  =1+1",
        "\u00a0@SUM(1)",
        "\n=1",
        "-",
    ],
)
def test_formula_like_text_gets_a_leading_quote(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize(
    "text",
    ["-5", "+57", "-1,5", "-0.25", "1e9", "Alcaldía de Cali", "sin datos", "", "a=b", "5-3"],
)
def test_numbers_and_ordinary_text_are_left_alone(text: str) -> None:
    assert neutralise(text) == text


def test_csv_writer_guards_text_keeps_numbers_and_ids() -> None:
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerows([[title, -5, "-5", KeepAsText("1790000000000000001")] for title in HOSTILE])
    rows = csv_cells(out.getvalue())
    # A carriage return inside text is written as a line feed, quoted with its cell.
    assert [row[0] for row in rows] == ["'" + t.replace("\r", "\n") for t in HOSTILE]
    assert {tuple(row[1:]) for row in rows} == {("-5", "-5", '="1790000000000000001"')}


def test_xlsx_cells_are_strings_never_formulas_and_numbers_stay_numbers() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for title in [*HOSTILE, "#N/A", "bell\x07 in a title"]:
        sheet.append([xlsx_cell(sheet, title), xlsx_cell(sheet, -5, "#,##0")])
    out = io.BytesIO()
    book.save(out)
    rows = xlsx_cells(out.getvalue())
    assert [row[0] for row in rows] == ["'" + t for t in HOSTILE] + ["#N/A", "bell in a title"]
    assert {row[1] for row in rows} == {-5}
