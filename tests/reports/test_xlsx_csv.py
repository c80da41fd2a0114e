"""report.xlsx opened with openpyxl, and the CSV files read back as Spanish Excel would."""

import csv
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reports.csv_export import write_csv
from reports.model import WeeklyReport
from reports.tables import Col, Table
from reports.write import write_weekly_report
from reports.xlsx import write_xlsx
from tests.spreadsheets.hostile import HOSTILE, csv_cells, shown, xlsx_cells


@pytest.fixture
def out(report: WeeklyReport, tmp_path: Path) -> Path:
    write_weekly_report(report, tmp_path, "es")
    return tmp_path


def test_workbook_has_a_sheet_per_table_with_frozen_headers(out: Path) -> None:
    book = load_workbook(out / "report.xlsx")
    assert book.sheetnames[:3] == ["Resumen", "Seguidores", "Referentes"]
    assert len(book.sheetnames) == 19  # data quality lists given-up news pages too
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert len(sheet.title) <= 31


def test_workbook_numbers_are_numbers_with_formats(out: Path) -> None:
    book = load_workbook(out / "report.xlsx")
    followers = book["Seguidores"]
    assert [c.value for c in followers[1]] == [
        "Plataforma",
        "Cuenta",
        "Inicio",
        "Fin",
        "Nuevos seguidores",
        "Crecimiento",
    ]
    assert [c.value for c in followers[2]][:5] == [
        "Facebook",
        "Alcaldía de Cali",
        486_000,
        486_513,
        513,
    ]
    assert followers["E5"].value == "sin datos"  # YouTube: no figures, never 0
    value = book["Free press por medio"]
    assert value["B2"].value == 38_415_000 and value["B2"].number_format == '"$"#,##0'
    assert value["C2"].value == 45_713_850


def test_workbook_dates_are_dates_and_ids_text(out: Path) -> None:
    book = load_workbook(out / "report.xlsx")
    annex = book["Anexo free press"]
    titles = {row[4].value: row for row in annex.iter_rows(min_row=2)}
    assert titles["Nota 1"][3].value == datetime(2026, 11, 13)
    assert titles["Nota 1"][3].number_format == "DD/MM/YYYY"
    origin = titles["Nota 1"][11]
    assert origin.value == "tarifas.csv:2" and origin.data_type == "s"
    assert book["Anexo free press"]["L1"].value == "Origen"
    top = book["Top publicaciones"]
    assert top["D2"].value == datetime(2026, 11, 11, 10, 0)


def test_csv_is_semicolon_utf8_bom_with_ids_as_text(out: Path) -> None:
    raw = (out / "top_posts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (out / "top_posts.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:3] == ["#", "Plataforma", "Cuenta"]
    assert "ID" not in rows[0]  # no raw platform id column
    texts = [row[4] for row in rows[1:]]
    assert '<script>alert("x")</script> hola' in texts
    with (out / "free_press_items.csv").open(encoding="utf-8-sig", newline="") as handle:
        items = list(csv.reader(handle, delimiter=";"))
    assert items[0][-1] == "Origen"
    assert {row[-1] for row in items[1:]} >= {'="tarifas.csv:2"', '="tarifas.csv:3"'}


def test_csv_numbers_use_the_spanish_decimal_mark(out: Path) -> None:
    with (out / "followers.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["Plataforma", "Cuenta", "Inicio", "Fin", "Nuevos seguidores", "Crecimiento"]
    assert rows[1] == ["Facebook", "Alcaldía de Cali", "486000", "486513", "513", "0,11"]
    assert rows[4][2:] == ["sin datos"] * 4


def test_every_table_has_a_csv(out: Path) -> None:
    names = sorted(p.name for p in out.glob("*.csv"))
    assert "free_press_items.csv" in names and "quality_given_up.csv" in names
    assert len(names) == 19


def hostile_table() -> Table:
    columns = (Col("account"), Col("title"), Col("new_followers", "signed"), Col("post_id", "id"))
    rows = tuple((text, text, -5, "1790000000000000001") for text in HOSTILE)
    return Table("top_posts", "top_posts", columns, rows)


def test_report_csv_writes_formula_like_text_as_text_and_numbers_as_numbers(
    tmp_path: Path,
) -> None:
    path = write_csv(hostile_table(), tmp_path / "top_posts.csv", "es")
    rows = csv_cells(path.read_text(encoding="utf-8-sig"), delimiter=";")
    assert [row[0] for row in rows[1:]] == ["'" + t.replace("\r", "\n") for t in HOSTILE]
    assert {tuple(row[2:]) for row in rows[1:]} == {("-5", '="1790000000000000001"')}


def test_report_xlsx_has_no_formula_cell_and_negative_growth_is_a_number(tmp_path: Path) -> None:
    path = write_xlsx([hostile_table()], tmp_path / "report.xlsx", "es")
    rows = xlsx_cells(path.read_bytes())
    assert "'" + HOSTILE[0] in shown(rows)
    assert {tuple(row[2:]) for row in rows[1:]} == {(-5, "1790000000000000001")}
