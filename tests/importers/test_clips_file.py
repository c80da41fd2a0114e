"""Clip logs: both header languages, both separators, BOM, XLSX, every duration error, bad rows."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from collectors.records import Clip
from importers.clips import read_clip_file
from importers.problems import ImportRejected

SPANISH = (
    "medio;programa;fecha;titulo;duracion;cm_columna\n"
    "Noticiero 90 Minutos;Emisión central;13/05/2020;Plan de vacunación;2:48;\n"
    "Noticiero 90 Minutos;Emisión central;13/05/2020;Obras en la 5ta;1 minutos 45 segundos;\n"
    "El País;;14/05/2020;Alcaldía anuncia;;35,5\n"
)
ENGLISH = (
    "outlet,program,aired_on,title,duration,column_cm\n"
    "Noticiero 90 Minutos,Emisión central,2020-05-13,Plan de vacunación,168,\n"
    "Noticiero 90 Minutos,Emisión central,2020-05-13,Obras en la 5ta,1:45,\n"
    'El País,,2020-05-14,Alcaldía anuncia,,"35.5"\n'
)
# Problems name the column as the file's header writes it (SPANISH's headers are Spanish).
ES = {
    "outlet": "medio",
    "aired_on": "fecha",
    "title": "titulo",
    "duration": "duracion",
    "column_cm": "cm_columna",
}
EXPECTED = [
    (
        2,
        Clip(
            "Noticiero 90 Minutos", date(2020, 5, 13), "Plan de vacunación", "Emisión central", 168
        ),
    ),
    (3, Clip("Noticiero 90 Minutos", date(2020, 5, 13), "Obras en la 5ta", "Emisión central", 105)),
    (4, Clip("El País", date(2020, 5, 14), "Alcaldía anuncia", None, None, Decimal("35.5"))),
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
        (SPANISH.replace("titulo", "Título").replace("duracion", "DURACIÓN"), "cp1252"),
    ],
    ids=["semicolon-spanish", "comma-english", "bom-crlf", "windows-excel-accented-headers"],
)
def test_csv_variants(tmp_path: Path, text: str, encoding: str) -> None:
    assert read_clip_file(_write(tmp_path / "clips.csv", text, encoding)) == EXPECTED


def test_xlsx_with_dates_text_durations_and_time_cells(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Medio", "Programa", "Fecha", "Título", "Duración", "cm_columna"])
    sheet.append(
        [
            "Noticiero 90 Minutos",
            "Emisión central",
            datetime(2020, 5, 13),
            "Plan de vacunación",
            time(0, 2, 48),
            None,
        ]
    )
    sheet.append(
        ["Noticiero 90 Minutos", "Emisión central", "13/05/2020", "Obras en la 5ta", "1:45", None]
    )
    sheet.append(["El País", None, datetime(2020, 5, 14), "Alcaldía anuncia", None, 35.5])
    workbook.save(tmp_path / "clips.xlsx")
    assert read_clip_file(tmp_path / "clips.xlsx") == EXPECTED


def test_excel_reading_2_48_as_hours_is_caught(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["medio", "fecha", "titulo", "duracion"])
    sheet.append(["Telepacífico", "13/05/2020", "Nota", time(2, 48)])  # what typing 2:48 stores
    workbook.save(tmp_path / "clips.xlsx")
    with pytest.raises(ImportRejected) as caught:
        read_clip_file(tmp_path / "clips.xlsx")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (2, "duracion")
    assert "Excel stored 02:48:00 (2 h 48 min)" in problem.message
    assert "type 0:02:48" in problem.message


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (
            "Telepacífico;;14/05/2020;Nota;8 minutos 61 segundos;",
            "duration",
            "'8 minutos 61 segundos': seconds must be under 60; did you mean 9:01",
        ),
        (
            "Telepacífico;;14/05/2020;Nota;2.48;",
            "duration",
            "'2.48': decimal numbers are not durations; did you mean 2:48?",
        ),
        ("Telepacífico;;14/05/2020;Nota;2,48;", "duration", "did you mean 2:48?"),
        ("Telepacífico;;14/05/2020;Nota;dos minutos;", "duration", "not a duration"),
        ("Telepacífico;;14/05/2020;Nota;0:00;", "duration", "a clip lasts more than 0 seconds"),
        (
            "Telepacífico;;14/05/2020;Nota;;",
            "column_cm",
            "give duration (TV/radio) or column_cm (print)",
        ),
        ("Telepacífico;;14/05/2020;Nota;2:48;10", "duration", "not both"),
        ("El País;;14/05/2020;Nota;;-3", "column_cm", "must be over 0"),
        ("El País;;14/05/2020;Nota;;diez", "column_cm", "not a number of column-centimetres"),
        ("El País;;14/05/2020;Nota;;10,555", "column_cm", "at most 2 decimals"),
        (";;14/05/2020;Nota;2:48;", "outlet", "empty; this column is required"),
        ("Telepacífico;;14/05/2020;;2:48;", "title", "empty; this column is required"),
        ("Telepacífico;;2020-13-01;Nota;2:48;", "aired_on", "not a real date"),
    ],
)
def test_each_kind_of_bad_row_is_named(tmp_path: Path, row: str, column: str, message: str) -> None:
    path = _write(tmp_path / "clips.csv", SPANISH + row + "\n")
    with pytest.raises(ImportRejected) as caught:
        read_clip_file(path)
    problems = caught.value.problems
    assert [(p.row, p.column) for p in problems] == [(5, ES[column])]
    assert message in problems[0].message
    assert str(problems[0]).startswith(f"{path}:5: {ES[column]}: ")


def test_a_log_without_duration_or_space_column_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path / "clips.csv", "medio;fecha;titulo\nCanal C;13/05/2020;Nota\n")
    with pytest.raises(ImportRejected) as caught:
        read_clip_file(path)
    assert [(p.row, p.column) for p in caught.value.problems] == [(1, "duration")]


def test_print_only_log_needs_no_duration_column(tmp_path: Path) -> None:
    path = _write(tmp_path / "prensa.csv", "medio;fecha;titulo;cm\nEl País;14/05/2020;Nota;12\n")
    assert read_clip_file(path) == [
        (2, Clip("El País", date(2020, 5, 14), "Nota", column_cm=Decimal(12)))
    ]
