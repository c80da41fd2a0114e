"""Share of voice: `[[peers]]` news terms are matched at collection and stored tagged with the
peer, never as the office's mentions nor free press; `pulso share`, /api/share and the Cuota de
voz page give own ÷ (own + peers') × 100 per outlet and week."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from unittest.mock import Mock

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from collectors.news.harvest import Harvest, Harvested, OutletPlan
from collectors.news.matching import Matcher, MentionMatch
from collectors.records import Article as ArticleRecord
from flows.steps.news import NewsSource, peer_matchers
from flows.steps.sources import RunContext
from pulso.cli import context
from pulso.cli.app import main
from pulso.dashboard import create_app
from reports.answers.share import share_pct, share_rows
from settings import load_settings
from settings.load import ConfigError
from storage.coverage_reads import mention_items
from storage.mention_reads import mention_rows
from storage.models import Mention, Outlet, PeerMention, RateCard
from storage.peers import tag_period, voice_counts

NOW = datetime(2026, 11, 12, 7, 0, tzinfo=UTC)
CONFIG = """timezone = "America/Bogota"
[mentions]
terms = ["Alcaldía de Cali"]
[[peers]]
name = "Medellín"
terms = ["Alcaldía de Medellín"]
[[peers]]
name = "<i>Bogotá</i>"
terms = ["Alcaldía de Bogotá", "Alcaldía Mayor de Bogotá"]
"""
OFFICE = MentionMatch(("Alcaldía de Cali",), in_title=True, in_body=False, snippet="x")


def item(outlet: str, n: int, title: str, text: str, office: bool, day: int = 10) -> Harvested:
    url = f"https://{outlet.lower().replace(' ', '')}.test/{n}"
    record = ArticleRecord(
        outlet=outlet,
        url=url,
        canonical_url=url,
        fetched_at=NOW,
        title=title,
        published_at=datetime(2026, 11, day, 15, n, tzinfo=UTC),
        text=text,
    )
    return Harvested(record, OFFICE if office else None, None)


def source(name: str, peers: dict[str, Matcher], own: bool = False) -> NewsSource:
    plan = OutletPlan(name=name, medium="web", feeds=("https://x.test/rss",), own=own)
    return NewsSource(
        plan, Mock(), Matcher(["Alcaldía de Cali"]), load_settings().config.tz, peers=peers
    )


def collect(session: Session, peers: dict[str, Matcher]) -> dict[str, int]:
    ctx = RunContext(run_id=1, now=NOW, day=date(2026, 11, 12))
    pais = source("El País", peers)
    items = [
        item("El País", 1, "La Alcaldía de Cali abre colegios", "Texto", True),
        item("El País", 2, "Medellín", "La ALCALDIA DE MEDELLIN anunció obras", False),
        item("El País", 3, "Cali y Medellín", "Alcaldía de Cali y Alcaldía de Medellín", True),
        item("El País", 4, "Bogotá", "La Alcaldía Mayor de Bogotá informó", False),
        item("El País", 5, "Nada", "Otra cosa: alcaldía de Medellínense", False),
        item("El País", 6, "Otra semana", "Alcaldía de Medellín", False, day=3),
    ]
    counts = pais.store(session, Harvest(outlet=pais.plan, items=items), ctx)
    portal = source("Portal Alcaldía", peers, own=True)
    own_items = [item("Portal Alcaldía", 7, "Medellín", "Alcaldía de Medellín visita", False)]
    portal.store(session, Harvest(outlet=portal.plan, items=own_items), ctx)
    blu = source("Blu Radio", peers)
    blu.store(
        session,
        Harvest(
            outlet=blu.plan, items=[item("Blu Radio", 8, "Medellín", "Alcaldía de Medellín", False)]
        ),
        ctx,
    )
    session.commit()
    return counts


@pytest.fixture
def office(
    engine: Engine, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Engine:
    (tmp_path / "pulso.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.setenv("PULSO_DATABASE_URL", database_url)
    context.reset()
    with Session(engine) as session:
        counts = collect(session, peer_matchers(load_settings().config))
        assert counts["peer_mentions"] == 4  # 2: Medellín; 3: Medellín; 4: Bogotá; 6: Medellín
        assert counts["mentions"] == 2
    return engine


def test_peers_are_read_and_checked(tmp_path: Path) -> None:
    (tmp_path / "pulso.toml").write_text(CONFIG, encoding="utf-8")
    peers = load_settings().config.peers
    assert [(p.name, p.terms) for p in peers] == [
        ("Medellín", ["Alcaldía de Medellín"]),
        ("<i>Bogotá</i>", ["Alcaldía de Bogotá", "Alcaldía Mayor de Bogotá"]),
    ]
    for bad, message in (
        ('[[peers]]\nname = "A"\nterms = []\n', "at least 1"),
        ('[[peers]]\nname = "A"\nterms = [" "]\n', "must not be blank"),
        ('[[peers]]\nname = "A"\nterms = ["x"]\n[[peers]]\nname = "a"\nterms = ["y"]\n', "twice"),
    ):
        (tmp_path / "pulso.toml").write_text(bad, encoding="utf-8")
        with pytest.raises(ConfigError) as error:
            load_settings()
        assert message in str(error.value)


def test_peer_matches_are_tagged_not_the_offices_mentions(office: Engine) -> None:
    with Session(office) as session:
        rows = session.execute(select(PeerMention.peer, PeerMention.matched_terms)).all()
        assert sorted((peer, tuple(terms)) for peer, terms in rows) == [
            ("<i>Bogotá</i>", ("Alcaldía Mayor de Bogotá",)),
            ("Medellín", ("Alcaldía de Medellín",)),
            ("Medellín", ("Alcaldía de Medellín",)),
            ("Medellín", ("Alcaldía de Medellín",)),
            ("Medellín", ("Alcaldía de Medellín",)),  # Blu Radio's
        ]
        # The office's mentions and free press never see the peers' articles.
        assert session.scalar(select(func.count(Mention.id))) == 2
        assert len(mention_rows(session, from_=date(2026, 11, 1))) == 2
        for outlet in session.scalars(select(Outlet)):
            session.add(
                RateCard(
                    outlet_id=outlet.id,
                    medium="web",
                    unit="item",
                    price_cop=Decimal(1_000_000),
                    valid_from=date(2026, 1, 1),
                    imported_at=NOW,
                )
            )
        session.flush()
        assert len(mention_items(session, date(2026, 11, 1), date(2026, 11, 30))) == 2


def test_rematching_a_period_stores_each_match_once(office: Engine) -> None:
    config = load_settings().config
    with Session(office) as session:
        before = session.scalar(select(func.count(PeerMention.id)))
        tag_period(session, peer_matchers(config), date(2026, 11, 1), date(2026, 11, 30), config.tz)
        session.commit()
        assert session.scalar(select(func.count(PeerMention.id))) == before


def test_share_per_outlet_and_week(office: Engine) -> None:
    with Session(office) as session:
        counts = voice_counts(
            session, date(2026, 11, 1), date(2026, 11, 30), load_settings().config.tz
        )
    rows = share_rows(counts, ["Medellín", "<i>Bogotá</i>"])
    assert [(r["week"], r["outlet"], r["own"], r["peers"], r["share_pct"]) for r in rows] == [
        ("2026-W45", "El País", 0, {"Medellín": 1, "<i>Bogotá</i>": 0}, 0.0),
        ("2026-W46", "Blu Radio", 0, {"Medellín": 1, "<i>Bogotá</i>": 0}, 0.0),
        # 2 own; Medellín 2 (one article names both), Bogotá 1: 2 ÷ 5
        ("2026-W46", "El País", 2, {"Medellín": 2, "<i>Bogotá</i>": 1}, 40.0),
    ]


def test_share_pct_is_null_when_nobody_was_mentioned() -> None:
    assert share_pct(0, 0) is None
    assert share_pct(2, 1) == 66.7
    assert share_rows({}, ["Medellín"]) == []


def test_cli_api_and_page_agree(office: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    context.reset()
    capsys.readouterr()
    assert main(["share", "--from", "2026-11-01", "--to", "30/11/2026", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found[-1] == {
        "outlet": "El País",
        "week": "2026-W46",
        "own": 2,
        "peers": {"Medellín": 2, "<i>Bogotá</i>": 1},
        "share_pct": 40.0,
    }
    assert main(["share", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "week,outlet,own,peers_total,share_pct,peer:Medellín,peer:<i>Bogotá</i>"
    assert lines[-1] == "2026-W46,El País,2,3,40.0,2,1"
    app = create_app(load_settings(), office, today=lambda: date(2026, 11, 21))
    with TestClient(app) as client:
        api = client.get("/api/share", params={"from": "2026-11-01", "to": "2026-11-30"})
        assert api.json() == found
        for edges in ({"from": "0001-01-01", "to": "9999-12-31"}, {"to": "0001-01-01"}):
            assert client.get("/api/share", params=edges).status_code == 200
        page = client.get("/share", params={"from": "2026-11-01", "to": "2026-11-30"})
        assert page.status_code == 200 and "<i>Bogotá</i>" not in page.text
        soup = BeautifulSoup(page.text, "html.parser")
        assert soup.select_one('nav a[aria-current="page"]').get_text() == "Cuota de voz"
        headers = [th.get_text() for th in soup.select("#share-table thead th")]
        assert headers == [
            "Semana",
            "Medio",
            "Menciones propias",
            "Medellín",
            "<i>Bogotá</i>",
            "Cuota de voz",
        ]
        last = [
            td.get_text(" ", strip=True)
            for td in soup.select("#share-table tbody tr")[-1].select("td")
        ]
        assert last == ["09/11/2026 – 15/11/2026", "El País", "2", "2", "1", "40,0 %"]
        main_text = soup.get_text(" ")
        for english in ("Share of voice", "Own mentions", "Week", "Outlet", "no data", "peers"):
            assert english not in main_text, english
