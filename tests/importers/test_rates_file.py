"""Rate-card files: both header languages, both separators, BOM, XLSX, es-CO amounts, bad rows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from importers.problems import ImportRejected
from importers.rates import conflicts_with_stored, read_rate_file
from tests.valuation.factories import rate
from valuation.rate_cards import Rate

SPANISH = (
    "medio;programa;tipo;unidad;tarifa;vigente_desde;vigente_hasta\n"
    "Noticiero 90 Minutos;Emisión central;tv;minuto;$ 3.900.000;01/01/2020;31/12/2020\n"
    "El País;;prensa;cm_columna;120.000;01/01/2020;\n"
)
# Problems name the column as the file's header writes it (SPANISH's headers are Spanish).
ES = {
    "outlet": "medio",
    "medium": "tipo",
    "unit": "unidad",
    "price": "tarifa",
    "valid_from": "vigente_desde",
    "valid_to": "vigente_hasta",
}
ENGLISH = (
    "outlet,program,medium,unit,price,valid_from,valid_to\n"
    "Noticiero 90 Minutos,Emisión central,tv,minute,3900000,2020-01-01,2020-12-31\n"
    "El País,,print,column_cm,120000,2020-01-01,\n"
)


def _expected(file: str) -> list[Rate]:
    return [
        Rate(
            ref=f"{file}:2",
            outlet="Noticiero 90 Minutos",
            outlet_key="noticiero 90 minutos",
            medium="tv",
            unit="minute",
            price_cop=Decimal(3_900_000),
            valid_from=date(2020, 1, 1),
            valid_to=date(2020, 12, 31),
            program="Emisión central",
            program_key="emision central",
        ),
        Rate(
            ref=f"{file}:3",
            outlet="El País",
            outlet_key="el pais",
            medium="print",
            unit="column_cm",
            price_cop=Decimal(120_000),
            valid_from=date(2020, 1, 1),
        ),
    ]


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (SPANISH, "utf-8"),
        (ENGLISH, "utf-8"),
        ("\ufeff" + SPANISH.replace("\n", "\r\n"), "utf-8"),
        (SPANISH.replace("medio;", "MEDIO;").replace("vigente_desde", "Vigente Desde"), "cp1252"),
    ],
    ids=["semicolon-spanish", "comma-english", "bom-crlf", "windows-excel"],
)
def test_csv_variants(tmp_path: Path, text: str, encoding: str) -> None:
    rates, rows = read_rate_file(_write(tmp_path / "tarifas.csv", text, encoding))
    assert rates == _expected("tarifas.csv")
    assert rows == {"tarifas.csv:2": 2, "tarifas.csv:3": 3}


def test_xlsx_with_real_dates_and_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["Medio", "Programa", "Tipo", "Unidad", "Tarifa", "Vigente desde", "Vigente hasta"]
    )
    sheet.append(
        [
            "Noticiero 90 Minutos",
            "Emisión central",
            "TV",
            "Minutos",
            3900000,
            datetime(2020, 1, 1),
            datetime(2020, 12, 31),
        ]
    )
    sheet.append(["El País", None, "Prensa", "cm_columna", "$ 120.000", "01/01/2020", None])
    workbook.save(tmp_path / "tarifas.xlsx")
    rates, _ = read_rate_file(tmp_path / "tarifas.xlsx")
    assert rates == _expected("tarifas.xlsx")


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (";;tv;minuto;3.900.000;01/01/2020;", "outlet", "empty; this column is required"),
        ("Canal C;;cine;minuto;3.900.000;01/01/2020;", "medium", "unknown medium 'cine'"),
        ("Canal C;;tv;hora;3.900.000;01/01/2020;", "unit", "unknown unit 'hora'"),
        (
            "Canal C;;tv;cm_columna;3.900.000;01/01/2020;",
            "unit",
            "unit 'column_cm' does not fit medium 'tv'",
        ),
        (
            "Canal C;;tv;minuto;tres millones;01/01/2020;",
            "price",
            "'tres millones' is not an amount in pesos",
        ),
        ("Canal C;;tv;segundo;65.000,50;01/01/2020;", "price", "use whole pesos"),
        ("Canal C;;tv;minuto;0;01/01/2020;", "price", "must be more than 0"),
        (
            "Canal C;;tv;minuto;3.900.000;31/02/2020;",
            "valid_from",
            "'31/02/2020' is not a real date",
        ),
        ("Canal C;;tv;minuto;3.900.000;;", "valid_from", "is not a date"),
        (
            "Canal C;;tv;minuto;3.900.000;01/02/2020;31/01/2020",
            "valid_to",
            "2020-01-31 is before valid_from 2020-02-01",
        ),
    ],
)
def test_each_kind_of_bad_row_is_named(tmp_path: Path, row: str, column: str, message: str) -> None:
    path = _write(tmp_path / "tarifas.csv", SPANISH + row + "\n")
    with pytest.raises(ImportRejected) as caught:
        read_rate_file(path)
    problems = caught.value.problems
    assert [(p.row, p.column) for p in problems] == [(4, ES[column])]
    assert message in problems[0].message
    assert str(problems[0]).startswith(f"{path}:4: {ES[column]}: ")


def test_overlapping_periods_in_one_file_name_both_rows(tmp_path: Path) -> None:
    text = SPANISH + "noticiero 90 minutos;emision central;tv;minuto;4.000.000;01/06/2020;\n"
    with pytest.raises(ImportRejected) as caught:
        read_rate_file(_write(tmp_path / "tarifas.csv", text))
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (4, "vigente_desde")
    assert "overlaps tarifas.csv:2 (period 2020-01-01..2020-12-31)" in problem.message


def test_every_problem_of_the_file_is_reported_together(tmp_path: Path) -> None:
    text = SPANISH + "Canal C;;cine;hora;x;ayer;\n;;tv;minuto;1;01/01/2020;\n"
    with pytest.raises(ImportRejected) as caught:
        read_rate_file(_write(tmp_path / "tarifas.csv", text))
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (4, "tipo"),
        (4, "unidad"),
        (4, "tarifa"),
        (4, "vigente_desde"),
        (5, "medio"),
    ]


def test_a_missing_required_column_is_named(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "tarifas.csv", "medio;tipo;unidad;vigente_desde\nCanal C;tv;minuto;01/01/2020\n"
    )
    with pytest.raises(ImportRejected) as caught:
        read_rate_file(path)
    assert [(p.row, p.column) for p in caught.value.problems] == [(1, "price")]


def test_new_periods_that_overlap_stored_ones_name_the_stored_row() -> None:
    stored = [rate("stored rate #7 from tarifas_2020.csv:5", 3_900_000, valid_to=None)]
    new = [rate("tarifas_2021.csv:2", 4_200_000, valid_from=date(2021, 1, 1))]
    (problem,) = conflicts_with_stored("tarifas_2021.csv", new, {"tarifas_2021.csv:2": 2}, stored)
    assert (problem.row, problem.column) == (2, "valid_from")
    assert (
        "overlaps stored rate #7 from tarifas_2020.csv:5 (period 2020-01-01..)" in problem.message
    )


def test_a_new_row_replacing_a_stored_one_is_not_an_overlap() -> None:
    stored = [rate("stored rate #7 from tarifas.csv:2", 3_900_000)]
    corrected = [rate("tarifas.csv:2", 3_900_000, valid_to=date(2020, 6, 30))]
    assert conflicts_with_stored("tarifas.csv", corrected, {"tarifas.csv:2": 2}, stored) == []


def test_a_new_row_starting_before_a_stored_one_is_reported_on_the_new_row() -> None:
    stored = [rate("stored rate #7 from a.csv:2", 1, valid_from=date(2021, 1, 1))]
    new = [rate("b.csv:3", 1, valid_from=date(2020, 1, 1))]
    (problem,) = conflicts_with_stored("b.csv", new, {"b.csv:3": 3}, stored)
    assert problem.row == 3
    assert problem.message.startswith("period 2020-01-01.. overlaps stored rate #7 from a.csv:2")
