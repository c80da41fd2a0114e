"""/api/valuation equals `pulso valuate --format json`; the free-press page shows the AVE note."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine

from flows.steps.valuation import import_clips, import_rates
from pulso.cli import context
from pulso.cli.app import main
from tests.spreadsheets.hostile import people_csv_rows

RATES = """medio,programa,tipo,unidad,tarifa,vigente_desde
Noticiero 90 Minutos,,tv,minuto,3.900.000,2020-01-01
El País,,print,cm_columna,150.000,2020-01-01
"""
# The 2020 report's newscast: five items, 591 s at $3.900.000 a minute = $38.415.000.
CLIPS = """medio,programa,fecha,titulo,duracion,cm_columna
Noticiero 90 Minutos,Emisión central,13/05/2020,Vacunación,2:48,
Noticiero 90 Minutos,Emisión central,13/05/2020,Obras,1:45,
Noticiero 90 Minutos,Emisión central,13/05/2020,Salud,2:46,
Noticiero 90 Minutos,Emisión central,13/05/2020,Movilidad,1:23,
Noticiero 90 Minutos,Emisión central,13/05/2020,Cultura,1:09,
El País,,21/05/2020,Alcalde anuncia,,12.5
Caracol Radio,,22/05/2020,<script>alert(1)</script> Entrevista,3:00,
"""


@pytest.fixture
def valued(client: TestClient, seeded: Engine, tmp_path: Path) -> TestClient:
    (tmp_path / "rates.csv").write_text(RATES, encoding="utf-8")
    (tmp_path / "clips.csv").write_text(CLIPS, encoding="utf-8")
    import_rates(seeded, tmp_path / "rates.csv")
    import_clips(seeded, tmp_path / "clips.csv")
    return client


def cli_json(capsys: pytest.CaptureFixture[str], args: dict[str, str]) -> object:
    context.reset()
    argv = ["valuate", "--format", "json"]
    for key, value in args.items():
        argv += [f"--{key.replace('_', '-')}", value]
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "args",
    [
        {},
        {"from": "2020-05-13", "to": "2020-05-13"},
        {"from": "13/05/2020", "to": "2020-05-31", "broadcasts": "27"},
        {"to": "2020-05-21", "monitored_share": "70"},
        {"from": "2021-01-01", "to": "2021-12-31"},
    ],
)
def test_api_valuation_equals_cli_json(
    valued: TestClient, capsys: pytest.CaptureFixture[str], args: dict[str, str]
) -> None:
    response = valued.get("/api/valuation", params=args)
    assert response.status_code == 200
    assert response.json() == cli_json(capsys, args)


def test_the_worked_example_is_valued_right(valued: TestClient) -> None:
    data = valued.get("/api/valuation", params={"from": "2020-05-13", "to": "2020-05-13"}).json()
    assert data["total_before_iva"] == 38_415_000


@pytest.mark.parametrize(
    "query",
    [
        {"from": "2020-13-01"},
        {"monitored_share": "NaN"},
        {"monitored_share": "0"},
        {"broadcasts": "0"},
        {"broadcasts": "muchas"},
        {"from": "2020-06-01", "to": "2020-05-01"},
    ],
)
def test_bad_valuation_parameters_are_400(valued: TestClient, query: dict[str, str]) -> None:
    response = valued.get("/api/valuation", params=query)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_free_press_page_by_week_and_outlet_with_the_ave_note(valued: TestClient) -> None:
    page = valued.get("/valuation", params={"from": "2020-05-01", "to": "2020-05-31"}).text
    assert "$38.415.000" in page  # week 2020-W20, Noticiero 90 Minutos
    assert "2020-W20" in page and "2020-W21" in page
    assert ">11/05/2020 – 17/05/2020</td>" in page
    assert "Principios de Barcelona" in page
    assert "Caracol Radio" in page  # unvalued, listed with its reason
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Entrevista" in page and "<script>" not in page
    english = valued.get("/valuation", params={"from": "2020-05-01", "lang": "en"}).text
    assert "$38,415,000" in english and "Barcelona Principles" in english
    # The reason in the page's language, the report's words.
    assert "Caracol Radio no tiene tarifario cargado" in page and "no rate card" not in page
    assert "Caracol Radio has no rate card loaded" in english


def test_free_press_downloads_by_week_and_outlet(valued: TestClient) -> None:
    response = valued.get("/valuation.csv", params={"from": "2020-05-01", "to": "2020-05-31"})
    rows = people_csv_rows(response.content)
    assert rows[0] == ["Semana", "Medio", "Notas", "Valor antes de IVA"]
    assert ["2020-W20", "Noticiero 90 Minutos", "5", "38415000"] in rows
    assert ["2020-W21", "Caracol Radio", "1", "sin datos"] in rows  # unvalued: never 0
    response = valued.get("/valuation.xlsx", params={"from": "2020-05-01", "lang": "en"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None and sheet["D1"].value == "Value before VAT"  # the report's English


def test_free_press_opens_on_the_last_12_weeks_with_every_week_a_bar(client: TestClient) -> None:
    """Today is Saturday 21/11/2026: twelve weeks from Monday 31/08/2026, empty ones as zero."""
    soup = BeautifulSoup(client.get("/valuation").text, "html.parser")
    period = soup.select_one("#period")
    assert period is not None and period.get_text() == "31/08/2026 – 21/11/2026"
    field = soup.select_one('input[name="from"]')
    assert field is not None and field["value"] == "31/08/2026"
    # Nothing was valued in those weeks: no chart, but the page still answers for the period.
    assert soup.select("#bars") == [] and "No hay datos" in soup.get_text()


def test_free_press_weeks_are_bars_in_order_with_their_values_on_hover(valued: TestClient) -> None:
    page = valued.get("/valuation", params={"from": "04/05/2020", "to": "31/05/2020"}).text
    titles = [g.title.get_text() for g in BeautifulSoup(page, "html.parser").select("#bars g.week")]  # type: ignore[union-attr]
    assert titles[0] == "Semana del 04/05/2020 al 10/05/2020: $0"
    assert titles[1] == "Semana del 11/05/2020 al 17/05/2020: $38.415.000"
    assert len(titles) == 4


def _money(text: str) -> int:
    return int(text.replace("$", "").replace(".", "").strip())


@pytest.fixture
def long_valued(client: TestClient, seeded: Engine, tmp_path: Path) -> TestClient:
    """130 weeks of newscast clips (one a week, lengths varying), a print clip every 10 weeks
    and three clips of an outlet without a rate: more week × outlet rows than one page holds."""
    from datetime import date, timedelta

    lines = ["medio,programa,fecha,titulo,duracion,cm_columna"]
    for n in range(130):
        day = date(2020, 6, 1) + timedelta(weeks=n, days=n % 7)
        lines.append(
            f"Noticiero 90 Minutos,Emisión central,{day:%d/%m/%Y},Nota {n},{1 + n % 3}:{n % 60:02d},"
        )
        if n % 10 == 0:
            lines.append(f"El País,,{day:%d/%m/%Y},Columna {n},,{3 + n % 7}.5")
        if n % 50 == 0:
            lines.append(f"Caracol Radio,,{day:%d/%m/%Y},Entrevista {n},2:00,")
    (tmp_path / "rates.csv").write_text(RATES, encoding="utf-8")
    (tmp_path / "clips.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_rates(seeded, tmp_path / "rates.csv")
    import_clips(seeded, tmp_path / "clips.csv")
    return client


def test_free_press_page_totals_equal_pulso_valuate_and_its_table_pages(
    long_valued: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    period = {"from": "2020-06-01", "to": "2022-12-31"}
    cli = cli_json(capsys, period)
    assert isinstance(cli, dict)
    first = BeautifulSoup(long_valued.get("/valuation", params=period).text, "html.parser")
    totals = [_money(td.get_text()) for td in first.select("#totals td")]
    assert totals == [cli["total_before_iva"], cli["iva"], cli["total_with_iva"]]
    showing = first.select_one("#pager-top .showing")
    assert showing is not None and showing.get_text() == "Mostrando 1–100 de 146"
    following = first.select_one("#pager-top a[rel=next]")
    assert following is not None and str(following["href"]).startswith("/valuation?")
    second = BeautifulSoup(long_valued.get(str(following["href"])).text, "html.parser")
    assert second.select_one("#pager-top a[rel=next]") is None
    assert second.select_one("#pager-top a[rel=prev]") is not None
    cells = [
        [td.get_text() for td in tr.find_all("td")]
        for page in (first, second)
        for tr in page.select("#by-week tbody tr")
    ]
    assert len(cells) == 146
    # Every valued clip of the period is in the table once: its values add up to the total.
    assert sum(_money(c[3]) for c in cells if c[3] != "sin datos") == cli["total_before_iva"]
    assert sum(int(c[2]) for c in cells) == 130 + 13 + 3
    unvalued = first.select_one("h2 + .table-scroll #unvalued")
    assert unvalued is not None and len(unvalued.select("tbody tr")) == 3
    rows = people_csv_rows(long_valued.get("/valuation.csv", params=period).content)
    assert len(rows) - 1 == 146  # the download holds every row
