"""Files that are technically readable but say nothing true: no rows, formulas never computed,
long values. Each is refused with a line naming file, row and the column as the file names it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from pulso.cli.app import main

RATES_HEADER = ["medio", "programa", "tipo", "unidad", "tarifa", "vigente_desde", "vigente_hasta"]


def problem_lines(err: str) -> list[str]:
    """stderr without the one-off note that a new database was created."""
    return [line for line in err.splitlines() if not line.startswith("database ")]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("name", "kind", "text"),
    [
        ("historico.csv", "followers", "plataforma;cuenta;fecha;seguidores\n"),
        ("tarifas.csv", "rates", ";".join(RATES_HEADER) + "\r\n;;;;;;\r\n"),
        ("clips.csv", "clips", "medio,fecha,titulo,duracion\n\n\n"),
    ],
)
def test_a_file_with_a_header_and_no_rows_is_refused(
    tmp_path: Path, name: str, kind: str, text: str, capsys
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert main(["import", kind, str(path)]) == 2
    assert problem_lines(capsys.readouterr().err)[0] == f"{path}: no rows after the header"


def test_an_xlsx_with_only_a_header_is_refused(tmp_path: Path, capsys) -> None:
    path = _xlsx(tmp_path / "tarifas.xlsx", [RATES_HEADER])
    assert main(["import", "rates", str(path)]) == 2
    assert problem_lines(capsys.readouterr().err)[0] == f"{path}: no rows after the header"


def test_a_formula_excel_never_computed_is_named_not_read_as_empty(tmp_path: Path, capsys) -> None:
    # A workbook written by a program: the formula is stored, its value never was.
    path = _xlsx(
        tmp_path / "tarifas.xlsx",
        [RATES_HEADER, ["Telepacífico", None, "tv", "minuto", "=3900000*1", "01/01/2020", None]],
    )
    assert load_workbook(path, data_only=True).active["E2"].value is None
    assert main(["import", "rates", str(path)]) == 2
    assert problem_lines(capsys.readouterr().err) == [
        f"{path}:2: tarifa: formula without a saved value: open and save the file in Excel",
        "pulso import rates: 1 problem found; nothing was imported",
    ]


def test_english_headers_keep_english_names(tmp_path: Path, capsys) -> None:
    path = tmp_path / "rates.csv"
    path.write_text(
        "outlet,medium,unit,price,valid_from\nCanal C,tv,minute,tres millones,2020-01-01\n",
        encoding="utf-8",
    )
    assert main(["import", "rates", str(path)]) == 2
    assert f"{path}:2: price: 'tres millones' is not an amount in pesos" in capsys.readouterr().err


def test_long_values_are_never_cut_short(tmp_path: Path, capsys) -> None:
    medium = "televisión regional " + "del Pacífico colombiano " * 12 + "(canal público)"
    path = tmp_path / "tarifas.csv"
    path.write_text(
        ";".join(RATES_HEADER) + f"\nTelepacífico;;{medium};minuto;3.900.000;01/01/2020;\n",
        encoding="utf-8",
    )
    assert main(["import", "rates", str(path)]) == 2
    lines = problem_lines(capsys.readouterr().err)
    assert lines[0].startswith(f"{path}:2: tipo: unknown medium {medium!r}")
    assert not any("..." in line or "…" in line for line in lines)
