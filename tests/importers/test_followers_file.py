"""The followers backfill file: both header languages, both separators, BOM, XLSX, bad rows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from collectors.records import FollowerFigure
from importers.followers import read_follower_file
from importers.problems import ImportRejected

EXPECTED = [
    FollowerFigure("instagram", "alcaldiadecali", date(2020, 1, 1), 80_000),
    FollowerFigure("instagram", "alcaldiadecali", date(2021, 9, 30), 183_900),
]


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "plataforma;cuenta;fecha;seguidores\nInstagram;@alcaldiadecali;01/01/2020;80.000\ninstagram;alcaldiadecali;30/09/2021;183.900\n",
            "utf-8",
        ),
        (
            "\ufeffPlataforma;Cuenta;Fecha;Seguidores\r\ninstagram;alcaldiadecali;01/01/2020;80.000\r\ninstagram;alcaldiadecali;30/09/2021;183.900\r\n",
            "utf-8",
        ),
        (
            "platform,account,date,followers\ninstagram,alcaldiadecali,2020-01-01,80000\nIG,alcaldiadecali,2021-09-30,183900\n",
            "utf-8",
        ),
        (
            'PLATAFORMA;CUENTA;FECHA;SEGUIDORES;Notas\ninstagram;alcaldiadecali;01/01/2020;80.000;inicio de administración\ninstagram;alcaldiadecali;30/09/2021;"183.900";\n',
            "cp1252",
        ),
    ],
    ids=["semicolon-spanish", "bom-crlf", "comma-english", "windows-excel-extra-column"],
)
def test_csv_variants(tmp_path: Path, text: str, encoding: str) -> None:
    assert read_follower_file(_write(tmp_path / "historico.csv", text, encoding)) == EXPECTED


def test_xlsx_with_real_dates_and_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Plataforma", "Cuenta", "Fecha", "Seguidores"])
    sheet.append(["instagram", "alcaldiadecali", datetime(2020, 1, 1), 80000])
    sheet.append(["instagram", "alcaldiadecali", "30/09/2021", "183.900"])
    workbook.save(tmp_path / "historico.xlsx")
    assert read_follower_file(tmp_path / "historico.xlsx") == EXPECTED


def test_every_bad_row_is_named_with_file_row_column_and_value(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "malo.csv",
        "plataforma;cuenta;fecha;seguidores\n"
        "myspace;alcaldiadecali;01/01/2020;10\n"
        "instagram;alcaldiadecali;31/02/2021;100\n"
        "instagram;alcaldiadecali;01/03/2021;-5\n"
        "instagram;;01/04/2021;mil\n"
        "instagram;alcaldiadecali;01/05/2021;100\n",
    )
    with pytest.raises(ImportRejected) as rejected:
        read_follower_file(path)
    assert [str(p) for p in rejected.value.problems] == [
        f"{path}:2: plataforma: unknown platform 'myspace' (expected one of facebook, instagram, twitter, youtube, tiktok)",
        f"{path}:3: fecha: '31/02/2021' is not a real date",
        f"{path}:4: seguidores: '-5' is negative; a count cannot be",
        f"{path}:5: cuenta: empty account",
        f"{path}:5: seguidores: 'mil' is not a whole number (e.g. 235343 or 235.343)",
    ]


def test_contradictory_duplicate_rows_are_rejected(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "d.csv",
        "platform,account,date,followers\nfacebook,a,2020-01-01,5\nfacebook,A,2020-01-01,6\nfacebook,a,2020-01-01,5\n",
    )
    with pytest.raises(ImportRejected) as rejected:
        read_follower_file(path)
    assert [str(p) for p in rejected.value.problems] == [
        f"{path}:3: followers: 6 contradicts row 2 for the same account and date"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "{path}: the file is empty (no header row)"),
        (
            "plataforma;cuenta;fecha\ninstagram;a;01/01/2020\n",
            "{path}:1: followers: required column missing (header: followers or seguidores or subscribers or suscriptores)",
        ),
    ],
    ids=["empty", "missing-column"],
)
def test_header_problems(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path / "h.csv", text)
    with pytest.raises(ImportRejected) as rejected:
        read_follower_file(path)
    assert [str(p) for p in rejected.value.problems] == [expected.format(path=path)]


def test_missing_file_is_a_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected) as rejected:
        read_follower_file(tmp_path / "nope.csv")
    assert str(rejected.value.problems[0]).endswith("nope.csv: file not found")
