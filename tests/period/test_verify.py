"""`pulso verify`: stated figures against Pulso's, row by row, with the office's own slips."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from importers.figures import parse_figure
from pulso.cli.app import main

HEADER = "indicador;plataforma;cuenta;desde;hasta;valor\n"


def _file(folder: Path, body: str, name: str = "cifras.csv") -> Path:
    path = folder / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _verify(capsys: pytest.CaptureFixture[str], path: Path, code: int) -> list[dict]:
    assert main(["verify", str(path), "--format", "json"]) == code
    return json.loads(capsys.readouterr().out)


def test_the_2021_reports_instagram_slip_differs_by_minus_10000(period_cli: Path, capsys) -> None:
    path = _file(
        period_cli, "seguidores_nuevos;Instagram;@alcaldiadecali;01/01/2020;30/09/2021;113.900\n"
    )
    assert _verify(capsys, path, 3) == [
        {
            "indicator": "new_followers",
            "platform": "instagram",
            "account": "alcaldiadecali",
            "from": "2020-01-01",
            "to": "2021-09-30",
            "stated": 113900,
            "computed": 103900,
            "difference": -10000,
            "verdict": "differs",
        }
    ]


def test_every_indicator_agrees_when_the_figures_are_right(period_cli: Path, capsys) -> None:
    path = _file(
        period_cli,
        "seguidores_inicio;instagram;alcaldiadecali;2020-01-01;2021-09-30;80.000\n"
        "followers_end;instagram;alcaldiadecali;2020-01-01;2021-09-30;183900\n"
        "seguidores_nuevos;facebook;;01/01/2020;30/09/2021;251.170\n"
        "seguidores_nuevos;;;01/01/2020;30/09/2021;355.070\n"  # every own account together
        "publicaciones;facebook;AlcaldiaDeCali;01/01/2020;30/09/2021;3\n"
        "interacciones;facebook;AlcaldiaDeCali;01/01/2020;30/09/2021;1.400\n"
        "menciones;;;01/01/2020;30/09/2021;7\n"
        "menciones;tv;;01/01/2020;30/09/2021;3\n"
        "menciones;;El Pais;01/01/2020;30/09/2021;4\n"
        "free_press;;;01/05/2020;31/05/2020;$ 38.415.000\n"
        "free_press;televisión;;01/05/2020;31/05/2020;38415000\n",
    )
    checks = _verify(capsys, path, 0)
    assert [c["verdict"] for c in checks] == ["agrees"] * 11
    assert checks[2]["computed"] == 486_513 - 235_343


def test_table_speaks_the_offices_words_and_exit_3(period_cli: Path, capsys) -> None:
    path = _file(
        period_cli,
        "seguidores_nuevos;instagram;alcaldiadecali;01/01/2020;30/09/2021;113.900\n"
        "seguidores_nuevos;youtube;AlcaldiaCali;01/01/2020;30/09/2021;5.946\n",
    )
    assert main(["verify", str(path)]) == 3
    out = capsys.readouterr().out
    assert "difiere" in out and "sin datos" in out
    assert "\u221210.000" in out and "103.900" in out and "113.900" in out


def test_no_data_when_pulso_has_no_figure(period_cli: Path, capsys) -> None:
    path = _file(
        period_cli,
        "seguidores_nuevos;youtube;AlcaldiaCali;01/01/2020;30/09/2021;5.946\n"
        "free_press;;;01/01/2021;31/01/2021;1.000.000\n",
    )
    checks = _verify(capsys, path, 3)
    assert [(c["computed"], c["difference"], c["verdict"]) for c in checks] == [
        (None, None, "no_data"),
        (None, None, "no_data"),
    ]


def test_csv_output_keeps_the_contracts_keys(period_cli: Path, capsys) -> None:
    path = _file(period_cli, "menciones;;;01/01/2020;30/09/2021;8\n")
    assert main(["verify", str(path), "--format", "csv"]) == 3
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "indicator,platform,account,from,to,stated,computed,difference,verdict"
    assert lines[1] == "mentions,,,2020-01-01,2021-09-30,8,7,-1,differs"


def test_xlsx_with_english_headers_and_typed_cells(period_cli: Path, capsys) -> None:
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Indicator", "Platform", "Account", "From", "To", "Value"])
    sheet.append(
        [
            "new_followers",
            "instagram",
            "alcaldiadecali",
            datetime(2020, 1, 1),
            datetime(2021, 9, 30),
            103900,
        ]
    )
    path = period_cli / "figures.xlsx"
    book.save(path)
    checks = _verify(capsys, path, 0)
    assert checks[0]["verdict"] == "agrees"


def test_an_invalid_file_lists_every_problem_and_exits_2(period_cli: Path, capsys) -> None:
    path = _file(
        period_cli,
        "seguidores;instagram;x;01/01/2020;30/09/2021;1\n"
        "seguidores_nuevos;myspace;x;01/01/2020;30/09/2021;1\n"
        "seguidores_nuevos;instagram;x;31/02/2020;30/09/2021;1\n"
        "seguidores_nuevos;instagram;x;01/01/2021;30/09/2020;1\n"
        "seguidores_nuevos;instagram;x;01/01/2020;30/09/2021;=1+1\n"
        "menciones;facebook;;01/01/2020;30/09/2021;7\n",
    )
    assert main(["verify", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2: indicador: unknown indicator 'seguidores'" in err
    assert f"{path}:3: plataforma: unknown platform 'myspace'" in err
    assert f"{path}:4: desde: '31/02/2020' is not a real date" in err
    assert f"{path}:5: hasta: 2020-09-30 is before the start 2021-01-01" in err
    assert f"{path}:6: valor: '=1+1' is not a number" in err
    assert f"{path}:7: plataforma: unknown medium 'facebook'" in err
    assert "6 problems found; nothing was checked" in err


def test_missing_columns_and_empty_files_are_named(period_cli: Path, capsys) -> None:
    path = period_cli / "bad.csv"
    path.write_text("indicador;valor\nmenciones;7\n", encoding="utf-8")
    assert main(["verify", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:1: from: required column missing (header: from or desde" in err
    assert main(["verify", str(period_cli / "nope.csv")]) == 2
    assert "file not found" in capsys.readouterr().err


def test_a_formula_in_a_text_cell_is_text_and_never_reaches_a_spreadsheet_as_one(
    period_cli: Path, capsys
) -> None:
    path = _file(period_cli, 'menciones;;=HYPERLINK("http://x");01/01/2020;30/09/2021;0\n')
    assert main(["verify", str(path), "--format", "csv"]) == 3
    line = capsys.readouterr().out.splitlines()[1]
    # Read as an outlet's name, which Pulso does not know; written back neutralised.
    assert line == 'mentions,,"\'=HYPERLINK(""http://x"")",2020-01-01,2021-09-30,0,,,no_data'


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("113.900", Decimal(113900)),
        ("1.239.439", Decimal(1239439)),
        ("66,6", Decimal("66.6")),
        ("66.6", Decimal("66.6")),  # a spreadsheet's own number
        ("-10.000", Decimal(-10000)),
        ("−10.000", Decimal(-10000)),
        ("$ 24.343.000.000", Decimal(24343000000)),
        ("38415000", Decimal(38415000)),
        ("2.290.000.000,50", Decimal("2290000000.50")),
    ],
)
def test_es_co_figures_are_read(text: str, value: Decimal) -> None:
    assert parse_figure(text) == value


@pytest.mark.parametrize("text", ["", "muchos", "=1+1", "1.2,5", "1,2,3", "12.34.5"])
def test_what_is_not_a_figure_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_figure(text)


def test_an_xlsx_formula_is_never_run_only_its_saved_value_or_a_problem(
    period_cli: Path, capsys
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["indicador", "plataforma", "cuenta", "desde", "hasta", "valor"])
    sheet.append(["menciones", "", "", "01/01/2020", "30/09/2021", "=3+4"])
    path = period_cli / "formula.xlsx"
    book.save(path)  # written by a program: the formula has no saved value
    assert main(["verify", str(path)]) == 2
    assert f"{path}:2: valor: formula without a saved value" in capsys.readouterr().err


def test_the_own_portals_publications_are_web_posts(period_cli: Path, capsys) -> None:
    from datetime import UTC, datetime

    from storage.db import make_engine, session_factory
    from storage.models import Article, Outlet

    engine = make_engine(f"sqlite:///{period_cli / 'period.db'}")
    with session_factory(engine)() as session:
        portal = Outlet(name="Portal Alcaldía", name_key="portal alcaldia", medium="web", own=True)
        session.add(portal)
        session.flush()
        for n in range(3):
            at = datetime(2021, 3, 1 + n, 15, tzinfo=UTC)
            session.add(
                Article(
                    outlet_id=portal.id,
                    canonical_url=f"https://www.cali.gov.co/{n}",
                    url=f"https://www.cali.gov.co/{n}",
                    title=f"boletín {n}",
                    published_at=at,
                    published_day=at.date(),
                    fetched_at=at,
                )
            )
        session.commit()
    engine.dispose()
    path = _file(
        period_cli,
        "publicaciones;web;;01/01/2021;31/03/2021;3\npublicaciones;portal;;01/01/2021;31/03/2021;5\n",
    )
    checks = _verify(capsys, path, 3)
    assert [(c["platform"], c["computed"], c["verdict"]) for c in checks] == [
        ("web", 3, "agrees"),
        ("web", 3, "differs"),
    ]


def test_a_figure_over_every_account_says_todas_not_sin_datos(period_cli: Path, capsys) -> None:
    path = _file(period_cli, "menciones;;;01/01/2020;30/09/2021;7\n")
    assert main(["verify", str(path)]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "menciones" in line)
    assert row.count("todas") == 2  # the platform and the account columns
    assert "sin datos" not in row
