"""`pulso paac`: the PAAC's publishing targets against what the office published, month by
month (the configured plan, or the goal spread evenly), with the evidence control interno
asks for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pulso.cli import context
from pulso.cli.app import main
from reports.answers.paac import linear_plan
from settings.model import Config
from storage.outlets import ensure_outlet
from tests.storage.activity_seed import article, at, seed_office

CONFIG = """timezone = "America/Bogota"
[targets]
facebook = 24
web = 12
[targets.monthly]
facebook = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]
[targets.formula]
web = "Número de publicaciones en www.cali.gov.co"
"""


@pytest.fixture
def office_db(
    engine: Engine, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Engine:
    with Session(engine) as session:
        seed_office(session)
        portal = ensure_outlet(session, name="Portal Alcaldía", medium="web", own=True)
        press = ensure_outlet(session, name="El País", medium="print")
        session.add(article(portal, "https://www.cali.gov.co/n/1", at(2026, 1, 8)))
        session.add(article(portal, "https://www.cali.gov.co/n/2", at(2026, 3, 8)))
        session.add(article(press, "https://elpais.test/=cmd", at(2026, 3, 9)))
        session.commit()
    monkeypatch.setenv("PULSO_DATABASE_URL", database_url)
    (tmp_path / "pulso.toml").write_text(CONFIG, encoding="utf-8")
    context.reset()
    return engine


def test_linear_plan_adds_up_to_the_goal() -> None:
    assert linear_plan(2200) == [183, 183, 184] * 4
    assert sum(linear_plan(5000)) == 5000 and sum(linear_plan(7)) == 7
    assert linear_plan(12) == [1] * 12


def test_json_per_target_with_the_monthly_plan(
    office_db: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["paac", "--year", "2026", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(t["target"], t["goal"], t["actual"], t["pct"]) for t in found] == [
        ("facebook", 24, 3, 12.5),
        ("web", 12, 2, 16.67),
    ]
    facebook, web = found
    assert facebook["formula"] == (
        "Número total de publicaciones en la cuenta oficial de Facebook en el año"
    )
    assert web["formula"] == "Número de publicaciones en www.cali.gov.co"
    assert facebook["months"][:3] == [
        {"month": "2026-01", "plan": 2, "actual": 2},
        {"month": "2026-02", "plan": 2, "actual": 1},
        {"month": "2026-03", "plan": 2, "actual": 0},
    ]
    # No [targets.monthly] for web: the goal spread evenly.
    assert [m["plan"] for m in web["months"]] == [1] * 12
    assert [m["actual"] for m in web["months"]][:3] == [1, 0, 1]


def test_xlsx_and_the_evidence_csv_list_every_publication_counted(
    office_db: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "paac"
    assert main(["paac", "--year", "2026", "--format", "xlsx", "--out", str(out)]) == 0
    written = capsys.readouterr().out.split()
    evidence = out / "paac-2026-evidencia.csv"
    assert written == [str(evidence), str(out / "paac-2026.xlsx")]
    raw = evidence.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Spanish Excel reads the accents
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "Plataforma;Cuenta;Fecha;Dirección (URL)"
    assert lines[1:] == [
        "Facebook;AlcaldiaDeCali;05/01/2026;",
        "Portal web;Portal Alcaldía;08/01/2026;https://www.cali.gov.co/n/1",
        "Facebook;AlcaldiaDeCali;31/01/2026;",
        "Facebook;AlcaldiaDeCali;01/02/2026;",
        "Portal web;Portal Alcaldía;08/03/2026;https://www.cali.gov.co/n/2",
    ]
    book = load_workbook(out / "paac-2026.xlsx")
    assert book.sheetnames == ["Metas PAAC", "Plan mensual", "Evidencias"]
    rows = list(book["Metas PAAC"].iter_rows(values_only=True))
    # Title rows first (the office's spreadsheet convention), then the table's header.
    first = next(i for i, row in enumerate(rows) if row[0] == "Meta")
    assert first >= 1 and rows[0][0] == "Metas PAAC"
    targets = rows[first:]
    assert targets[0] == (
        "Meta",
        "Fórmula del indicador",
        "Meta anual",
        "Publicado",
        "% de cumplimiento",
    )
    assert targets[1][:4] == (
        "Facebook",
        "Número total de publicaciones en la cuenta oficial de Facebook en el año",
        24,
        3,
    )
    assert book["Plan mensual"].max_row == first + 1 + 2 * 12


def test_months_that_do_not_add_up_to_the_goal_are_refused() -> None:
    with pytest.raises(ValueError, match="the months sum to 11, the yearly goal is 12"):
        Config.model_validate({"targets": {"web": 12, "monthly": {"web": [1] * 11 + [0]}}})
    with pytest.raises(ValueError, match="12 monthly goals"):
        Config.model_validate({"targets": {"web": 12, "monthly": {"web": [6, 6]}}})


def test_without_targets_and_with_a_bad_year_exit_2(
    office_db: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["paac", "--year", "20266"]) == 2
    assert "--year" in capsys.readouterr().err
    (tmp_path / "pulso.toml").write_text('timezone = "America/Bogota"\n', encoding="utf-8")
    context.reset()
    assert main(["paac", "--year", "2026"]) == 2
    assert "no [targets]" in capsys.readouterr().err
