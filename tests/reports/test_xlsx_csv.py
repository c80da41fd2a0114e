"""The report's XLSX opened with openpyxl, and the CSV files read back as Spanish Excel would."""

import csv
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from reports.csv_export import write_csv
from reports.model import WeeklyReport
from reports.tables import Col, Table
from reports.write import write_report_files
from reports.xlsx import write_xlsx
from tests.spreadsheets.hostile import HOSTILE, csv_cells, shown, xlsx_cells


@pytest.fixture
def out(report: WeeklyReport, tmp_path: Path) -> Path:
    write_report_files(report, tmp_path, "es", pdf=False)
    return tmp_path


def workbook(out: Path) -> Workbook:
    return load_workbook(out / "informe-semanal-2026-W46.xlsx")


def test_workbook_has_a_sheet_per_table_with_title_and_frozen_headers(out: Path) -> None:
    book = workbook(out)
    assert book.sheetnames[:3] == ["Resumen", "Seguidores", "Referentes"]
    assert len(book.sheetnames) == 23  # given-up news pages; reach, lives, campaigns, share
    for sheet in book.worksheets:
        assert sheet["A1"].value == "Informe semanal · 9 al 15 de noviembre de 2026"
        assert sheet["A1"].font.bold
        assert sheet.freeze_panes == "A3"
        assert len(sheet.title) <= 31


def test_every_sheet_prints_landscape_one_page_wide_with_repeated_headers(out: Path) -> None:
    for sheet in workbook(out).worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == "$1:$2"


def test_columns_are_wide_enough_for_their_dates_and_text(out: Path) -> None:
    book = workbook(out)
    annex = book["Anexo free press"]
    dated = [c.column_letter for c in annex[2] if c.value == "Fecha"]
    assert annex.column_dimensions[dated[0]].width >= len("13/11/2026") + 1
    top = book["Top publicaciones"]
    published = top.column_dimensions["D"].width
    assert published >= len("11/11/2026 10:00") + 1
    text = top.column_dimensions["E"].width
    assert 30 <= text <= 60  # long text wraps instead of stretching the page


def test_workbook_numbers_are_numbers_with_formats(out: Path) -> None:
    book = workbook(out)
    followers = book["Seguidores"]
    assert [c.value for c in followers[2]] == [
        "Plataforma",
        "Cuenta",
        "Inicio",
        "Fin",
        "Nuevos seguidores",
        "Crecimiento",
    ]
    assert [c.value for c in followers[3]][:5] == [
        "Facebook",
        "Alcaldía de Cali",
        486_000,
        486_513,
        513,
    ]
    value = book["Free press por medio"]
    assert value["B3"].value == 38_415_000 and value["B3"].number_format == '"$"#,##0'
    assert value["C3"].value == 45_713_850


def test_percentages_are_fractions_with_a_percent_format(out: Path) -> None:
    followers = workbook(out)["Seguidores"]
    growth = followers["F3"]
    assert growth.value == pytest.approx(513 / 486_000, abs=5e-5)  # 0,11 %
    assert growth.number_format == "0.00%"


def test_a_missing_number_is_an_empty_cell_with_a_note_never_text(out: Path) -> None:
    followers = workbook(out)["Seguidores"]
    youtube = followers["E6"]  # YouTube: no figures this week
    assert youtube.value is None and youtube.comment is not None
    assert youtube.comment.text == "sin datos"
    for sheet in workbook(out).worksheets:
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                if cell.number_format not in ("General", "@"):
                    assert not isinstance(cell.value, str), (sheet.title, cell.coordinate)


def test_links_are_clickable(out: Path) -> None:
    sheet = workbook(out)["Historias principales"]
    [column] = [c.column_letter for c in sheet[2] if c.value == "Enlace"]
    cells = [c for c in sheet[column][2:] if c.value]
    web = [c for c in cells if c.value.startswith(("http://", "https://"))]
    assert web and all(c.hyperlink.target == c.value for c in web)
    # Anything else (a `javascript:` link from a hostile payload) stays plain text.
    assert all(c.hyperlink is None for c in cells if c not in web)


def test_workbook_dates_are_dates_and_ids_text(out: Path) -> None:
    book = workbook(out)
    annex = book["Anexo free press"]
    titles = {row[4].value: row for row in annex.iter_rows(min_row=3)}
    assert titles["Nota 1"][3].value == datetime(2026, 11, 13)
    assert titles["Nota 1"][3].number_format == "DD/MM/YYYY"
    origin = titles["Nota 1"][11]
    assert origin.value == "tarifas.csv:2" and origin.data_type == "s"
    assert book["Anexo free press"]["L2"].value == "Origen"
    top = book["Top publicaciones"]
    assert top["D3"].value == datetime(2026, 11, 11, 10, 0)


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
    assert len(names) == 23


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
    assert {tuple(row[2:]) for row in rows[2:]} == {(-5, "1790000000000000001")}


def test_english_csv_is_comma_separated_with_a_decimal_point_and_english_headers(
    report: WeeklyReport, tmp_path: Path
) -> None:
    """One convention per language: the English report's CSVs open in an English Excel."""
    write_report_files(report, tmp_path, "en", pdf=False)
    raw = (tmp_path / "followers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (tmp_path / "followers.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=","))
    assert rows[0] == ["Platform", "Account", "Start", "End", "New followers", "Growth"]
    assert rows[1] == ["Facebook", "Alcaldía de Cali", "486000", "486513", "513", "0.11"]
    assert rows[4][2:] == ["no data"] * 4


def test_text_longer_than_its_column_wraps(tmp_path: Path) -> None:
    long = "Jornada de vacunación en las 22 comunas de Santiago de Cali con puestos móviles " * 2
    table = Table("top_posts", "top_posts", (Col("text"), Col("views", "int")), ((long, 1),))
    sheet = load_workbook(write_xlsx([table], tmp_path / "t.xlsx", "es"))["Top publicaciones"]
    assert sheet["A3"].alignment.wrap_text and sheet.column_dimensions["A"].width <= 50
    assert not sheet["B3"].alignment.wrap_text
