"""A campaign's figures from the database: `pulso campaigns` (JSON, CSV, table), /api/campaigns
and the Campañas page give the same answers; NULL where nothing was measured, never 0."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pulso.cli import context
from pulso.cli.app import main
from pulso.dashboard import create_app
from settings import load_settings
from storage.accounts import ensure_account
from storage.models import Article, Clip, Mention, Outlet, PostInsight, RateCard
from storage.outlets import ensure_outlet
from tests.storage.activity_seed import BOGOTA, T0, at, metrics, post

TAG = "#LaVacunaEstáEnTusManos"
CONFIG = """timezone = "America/Bogota"
[[campaigns]]
name = "Vacunación"
hashtags = ["LaVacunaEstáEnTusManos"]
terms = ["plan de vacunación"]
from = 2026-01-01
to = 2026-01-31
[[campaigns]]
name = "<b>Guardianes</b> de Vida"
terms = ["Guardianes de Vida"]
from = 2026-03-01
"""
PERIOD = ("--from", "2026-01-01", "--to", "2026-01-31")


def _article(session: Session, outlet: Outlet, n: int, title: str, text: str | None = None) -> None:
    when = at(2026, 1, 7 + n)
    row = Article(
        outlet_id=outlet.id,
        canonical_url=f"https://news.example.org/{n}",
        url=f"https://news.example.org/{n}",
        title=title,
        text=text,
        published_at=when,
        published_day=when.astimezone(BOGOTA).date(),
        fetched_at=T0,
    )
    session.add(row)
    session.flush()
    if not outlet.own:  # the collector never stores the portal's items as mentions
        session.add(Mention(article_id=row.id, matched_terms=["Alcaldía de Cali"], matched_at=T0))


def _rate(session: Session, outlet: Outlet, medium: str, unit: str, price: int) -> None:
    session.add(
        RateCard(
            outlet_id=outlet.id,
            medium=medium,
            unit=unit,
            price_cop=Decimal(price),
            valid_from=date(2026, 1, 1),
            imported_at=T0,
        )
    )


def seed(session: Session) -> None:
    fb = ensure_account(session, platform="facebook", handle="AlcaldiaDeCali")
    ig = ensure_account(session, platform="instagram", handle="alcaldiadecali")
    tw = ensure_account(session, platform="twitter", handle="AlcaldiaDeCali")
    peer = ensure_account(session, platform="facebook", handle="GobValle", own=False)
    p1 = post(session, fb, "fb1", at(2026, 1, 5))
    p1.text = f"Hoy vacunamos en las comunas {TAG}"
    metrics(session, p1, date(2026, 1, 6), reactions=10, comments=2, shares=1)
    metrics(session, p1, date(2026, 1, 20), reactions=100, comments=20, shares=5)  # 125
    metrics(session, p1, date(2026, 2, 3), reactions=999, comments=999, shares=999)  # after
    for day, value in (
        (date(2026, 1, 10), 300),
        (date(2026, 1, 20), 800),
        (date(2026, 2, 3), 5000),
    ):
        session.add(
            PostInsight(
                post_id=p1.id,
                day=day,
                metric="post_total_media_view_unique",
                value=value,
                collected_at=T0,
            )
        )
    p2 = post(session, ig, "ig1", at(2026, 1, 20))
    p2.text = "Jornada #lavacunaestaentusmanos"  # case and accents
    metrics(session, p2, date(2026, 1, 21), reactions=None, comments=4)  # likes hidden: 4
    p3 = post(session, tw, "tw1", at(2026, 1, 12))
    p3.text = "Avanza el PLAN DE VACUNACION en Cali"
    metrics(session, p3, date(2026, 1, 13), reactions=7, comments=3, shares=2, quotes=1)  # 13
    p4 = post(session, fb, "fb2", at(2026, 1, 15))
    p4.text = "Otra campaña #LaVacunaEstáEnTusManosYa"  # another tag
    metrics(session, p4, date(2026, 1, 16), reactions=1000)
    p5 = post(session, fb, "fb3", at(2025, 12, 31))
    p5.text = f"Antes de la campaña {TAG}"
    p6 = post(session, peer, "peer1", at(2026, 1, 10))
    p6.text = f"El peer también {TAG}"
    metrics(session, p6, date(2026, 1, 11), reactions=5000)
    p7 = post(session, fb, "fb4", at(2026, 1, 25))
    p7.text = f"Sin cifras todavía {TAG}"  # a post, no interactions measured
    pais = ensure_outlet(session, name="El País", medium="web")
    blu = ensure_outlet(session, name="Blu Radio", medium="radio")
    portal = ensure_outlet(session, name="Portal Alcaldía", medium="web", own=True)
    _rate(session, pais, "web", "item", 1_000_000)
    _rate(session, blu, "radio", "minute", 600_000)
    _rate(session, portal, "web", "item", 9_000_000)
    _article(session, pais, 1, "Cali avanza en el plan de vacunación")
    _article(session, pais, 2, "Nota del día", f"Sigue la campaña {TAG} en los barrios")
    _article(session, pais, 3, "Otra cosa", "Nada que ver")
    _article(session, portal, 4, "Plan de vacunación: el portal")  # own portal: never counted
    _article(session, blu, 5, "Plan de vacunación en la radio web")  # no web rate: unvalued
    session.add(
        Clip(
            clip_key="c1",
            outlet_id=blu.id,
            program_key="",
            aired_on=date(2026, 1, 11),
            title="El plan de vacunación al aire",
            duration_s=60,
            imported_at=T0,
        )
    )
    session.add(
        Clip(
            clip_key="c2",
            outlet_id=blu.id,
            program_key="",
            aired_on=date(2026, 1, 11),
            title="Otro tema",
            duration_s=600,
            imported_at=T0,
        )
    )
    session.commit()


EXPECTED = [
    {
        "name": "Vacunación",
        "from": "2026-01-01",
        "to": "2026-01-31",
        "posts": 4,
        "interactions": 142,
        "reach": 800,
        "mentions": 3,
        "free_press_before_iva": 2_600_000,
    },
    {
        "name": "<b>Guardianes</b> de Vida",
        "from": None,
        "to": None,
        "posts": 0,
        "interactions": None,
        "reach": None,
        "mentions": 0,
        "free_press_before_iva": None,
    },
]


@pytest.fixture
def office(
    engine: Engine, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Engine:
    with Session(engine) as session:
        seed(session)
    (tmp_path / "pulso.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.setenv("PULSO_DATABASE_URL", database_url)
    context.reset()
    return engine


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    context.reset()
    capsys.readouterr()
    assert main(["campaigns", *args]) == 0
    return capsys.readouterr().out


def test_json_is_the_contracts_list(office: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    assert json.loads(run(capsys, *PERIOD, "--format", "json")) == EXPECTED


def test_a_campaign_part_of_the_period_counts_only_its_days(
    office: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    [vaccine, _] = json.loads(
        run(capsys, "--from", "13/01/2026", "--to", "2026-02-28", "--format", "json")
    )
    # From 13 Jan: the Instagram and the unmeasured Facebook post; interactions at 31 Jan.
    assert vaccine == {
        "name": "Vacunación",
        "from": "2026-01-13",
        "to": "2026-01-31",
        "posts": 2,
        "interactions": 4,
        "reach": None,  # Instagram post reach was never stored: unknown, not 0
        "mentions": 0,
        "free_press_before_iva": None,
    }


def test_csv_and_table(office: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    lines = run(capsys, *PERIOD, "--format", "csv").splitlines()
    assert lines[0] == "name,from,to,posts,interactions,reach,mentions,free_press_before_iva"
    assert lines[1] == "Vacunación,2026-01-01,2026-01-31,4,142,800,3,2600000"
    assert lines[2] == "<b>Guardianes</b> de Vida,,,0,,,0,"
    table = run(capsys, *PERIOD)
    assert "Campañas (01/01/2026 – 31/01/2026)" in table
    assert "$2.600.000" in table and "sin datos" in table


def test_bad_period_exits_2(office: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    context.reset()
    assert main(["campaigns", "--from", "2026-02-01", "--to", "2026-01-01"]) == 2


@pytest.fixture
def client(office: Engine) -> Iterator[TestClient]:
    app = create_app(load_settings(), office, today=lambda: date(2026, 11, 21))
    with TestClient(app) as test_client:
        yield test_client


def test_api_is_the_cli_json(
    client: TestClient, office: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    response = client.get("/api/campaigns", params={"from": "2026-01-01", "to": "31/01/2026"})
    assert response.status_code == 200
    assert response.json() == EXPECTED == json.loads(run(capsys, *PERIOD, "--format", "json"))
    bad = client.get("/api/campaigns", params={"from": "2026-02-01", "to": "2026-01-01"})
    assert bad.status_code == 400
    # The calendar's ends are a period like any other (the whole campaign, then).
    edges = client.get("/api/campaigns", params={"from": "0001-01-01", "to": "9999-12-31"})
    assert edges.status_code == 200 and edges.json()[0]["posts"] == 4
    assert client.get("/campaigns", params={"to": "0001-01-01"}).status_code in (200, 400)


def test_the_spanish_page_shows_the_same_figures_escaped(client: TestClient) -> None:
    response = client.get("/campaigns", params={"from": "2026-01-01", "to": "2026-01-31"})
    assert response.status_code == 200
    assert "<b>Guardianes</b>" not in response.text  # a configured name is text, not markup
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.select_one('nav a[aria-current="page"]').get_text() == "Campañas"
    headers = [th.get_text() for th in soup.select("#campaigns-table thead th")]
    assert headers == [
        "Campaña",
        "Días en el periodo",
        "Publicaciones",
        "Interacciones",
        "Alcance",
        "Menciones",
        "Free press antes de IVA",
    ]
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in soup.select("#campaigns-table tbody tr")
    ]
    assert rows == [
        ["Vacunación", "01/01/2026 – 31/01/2026", "4", "142", "800", "3", "$2.600.000"],
        [
            "<b>Guardianes</b> de Vida",
            "No corrió en el periodo",
            "0",
            "sin datos",
            "sin datos",
            "0",
            "sin datos",
        ],
    ]
    shown = soup.select_one("main").get_text(" ") if soup.select_one("main") else soup.get_text(" ")
    for english in (
        "Campaign",
        "Posts",
        "Interactions",
        "Reach",
        "Mentions",
        "no data",
        "VAT",
        "Days in",
        "Not running",
    ):
        assert english not in shown, english


def test_the_english_page_and_an_office_without_campaigns(
    client: TestClient, tmp_path: Path
) -> None:
    english = client.get(
        "/campaigns", params={"lang": "en", "from": "2026-01-01", "to": "2026-01-31"}
    )
    soup = BeautifulSoup(english.text, "html.parser")
    assert soup.select_one("h1").get_text() == "Campaigns"
    assert "$2,600,000" in english.text
    (tmp_path / "pulso.toml").write_text('timezone = "America/Bogota"\n', encoding="utf-8")
    context.reset()
    empty_app = create_app(
        load_settings(), client.app.state.board.engine, today=lambda: date(2026, 11, 21)
    )  # type: ignore[attr-defined]
    with TestClient(empty_app) as empty:
        page = BeautifulSoup(empty.get("/campaigns").text, "html.parser")
        assert "No hay campañas configuradas" in page.select_one("#campaigns-table").get_text()
        assert empty.get("/api/campaigns").json() == []
