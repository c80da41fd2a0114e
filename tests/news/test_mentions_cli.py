"""`pulso mentions`: the contract's JSON, CSV for spreadsheets, a Spanish table by default."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine

from collectors.news.harvest import Harvest, Harvested, OutletPlan
from collectors.news.matching import MentionMatch
from collectors.records import Article
from pulso.cli.app import main
from storage.db import transaction
from storage.news import store_harvest

NOW = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
MINUS5 = timezone(timedelta(hours=-5))


@pytest.fixture
def stored(engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PULSO_DATABASE_URL", database_url)
    for name, medium, url, title, day in [
        ("El País", "print", "https://elpais.com.co/a", "Alcaldía de Cali anuncia cierres", 20),
        ("90 Minutos", "tv", "https://90minutos.co/b", "Alcaldía de Cali abre inscripciones", 18),
    ]:
        article = Article(
            outlet=name,
            url=url,
            canonical_url=url,
            fetched_at=NOW,
            title=title,
            published_at=datetime(2026, 11, day, 11, 31, tzinfo=MINUS5),
        )
        match = MentionMatch(("Alcaldía de Cali",), True, True, title)
        harvest = Harvest(outlet=OutletPlan(name, medium), items=[Harvested(article, match, None)])
        with transaction(engine) as session:
            store_harvest(session, harvest, now=NOW)


def test_mentions_json_follows_the_contract(
    stored: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["mentions", "--from", "19/11/2026", "--to", "2026-11-20", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "outlet": "El País",
            "medium": "print",
            "url": "https://elpais.com.co/a",
            "title": "Alcaldía de Cali anuncia cierres",
            "published_at": "2026-11-20T11:31:00-05:00",
            "matched_terms": ["Alcaldía de Cali"],
        }
    ]


def test_mentions_csv_and_outlet_filter(stored: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mentions", "--outlet", "90 minutos", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["outlet"], r["matched_terms"], r["in_title"]) for r in rows] == [
        ("90 Minutos", "Alcaldía de Cali", "True")
    ]


def test_mentions_table_is_spanish_with_a_summary(
    stored: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["mentions"]) == 0
    captured = capsys.readouterr()
    assert "Menciones en medios" in captured.out and "20/11/2026 11:31" in captured.out
    assert "2 menciones en 2 medios; 2 historias distintas" in captured.err


def test_mentions_rejects_reversed_dates(stored: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mentions", "--from", "2026-11-21", "--to", "2026-11-20"]) == 2
    assert "--from 2026-11-21 is after --to 2026-11-20" in capsys.readouterr().err


def test_unknown_outlet_is_invalid_input(stored: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mentions", "--outlet", "Noticias Inventadas"]) == 2
    assert "--outlet: no outlet 'Noticias Inventadas'" in capsys.readouterr().err
