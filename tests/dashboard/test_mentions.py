"""/api/mentions equals `pulso mentions --format json`; the page counts by week and searches."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine

from pulso.cli import context
from pulso.cli.app import main
from storage.db import transaction
from storage.models import Article, Mention
from storage.outlets import ensure_outlet
from tests.spreadsheets.hostile import people_csv_rows

ITEMS = [
    # outlet, medium, url, title, published (UTC)
    (
        "El País",
        "print",
        "https://elpais.com.co/cali/obras.html",
        "Alcaldía de Cali entrega obras",
        datetime(2026, 11, 2, 15, tzinfo=UTC),
    ),
    (
        "El País",
        "print",
        "https://elpais.com.co/cali/salud.html",
        "Vacunación en Cali",
        datetime(2026, 11, 10, 3, tzinfo=UTC),
    ),
    (
        "Blu Radio",
        "radio",
        "https://bluradio.com/cali/movilidad",
        "Movilidad: la Alcaldía responde",
        datetime(2026, 11, 11, 12, tzinfo=UTC),
    ),
    (
        "Cali es Cali",
        "web",
        "javascript:alert(1)",
        "<script>alert('x')</script> Alcaldía",
        datetime(2026, 11, 18, 12, tzinfo=UTC),
    ),
]


@pytest.fixture
def reported(client: TestClient, seeded: Engine) -> TestClient:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    with transaction(seeded) as session:
        for outlet, medium, url, title, published in ITEMS:
            row = ensure_outlet(session, name=outlet, medium=medium)
            article = Article(
                outlet_id=row.id,
                canonical_url=url,
                url=url,
                title=title,
                title_key=title.lower(),
                published_at=published,
                published_day=published.date(),
                fetched_at=now,
            )
            session.add(article)
            session.flush()
            session.add(
                Mention(
                    article_id=article.id,
                    matched_terms=["Alcaldía de Cali"],
                    in_title=True,
                    in_body=False,
                    snippet=title,
                    matched_at=now,
                )
            )
    return client


def cli_json(capsys: pytest.CaptureFixture[str], args: dict[str, str]) -> object:
    context.reset()
    argv = ["mentions", "--format", "json"]
    for key, value in args.items():
        argv += [f"--{key}", value]
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "args",
    [
        {},
        {"from": "2026-11-10"},
        {"from": "01/11/2026", "to": "10/11/2026"},
        {"outlet": "el pais"},
    ],
)
def test_api_mentions_equals_cli_json(
    reported: TestClient, capsys: pytest.CaptureFixture[str], args: dict[str, str]
) -> None:
    response = reported.get("/api/mentions", params=args)
    assert response.status_code == 200
    assert response.json() == cli_json(capsys, args)


def test_unknown_outlet_is_404_as_the_cli_refuses_it(reported: TestClient) -> None:
    response = reported.get("/api/mentions", params={"outlet": "Nadie"})
    assert response.status_code == 404 and "no outlet 'Nadie'" in response.json()["detail"]


def test_bad_mention_dates_are_400(reported: TestClient) -> None:
    assert reported.get("/api/mentions", params={"from": "2026-11-31"}).status_code == 400
    assert (
        reported.get("/api/mentions", params={"from": "2026-11-05", "to": "2026-11-01"}).status_code
        == 400
    )


def test_mentions_page_by_week_and_outlet_and_search(reported: TestClient) -> None:
    page = reported.get("/mentions", params={"range": "last4w"}).text
    assert "2026-W45" in page and "2026-W46" in page and "2026-W47" in page
    # People read the week's dates, not its ISO code.
    assert ">16/11/2026 – 22/11/2026</td>" in page
    assert 'href="https://elpais.com.co/cali/obras.html"' in page
    assert 'href="javascript' not in page
    assert "&lt;script&gt;" in page and "<script>" not in page
    found = reported.get("/mentions", params={"range": "last4w", "q": "vacunacion"}).text
    listed = found.split('id="mention-list"')[1]
    assert "Vacunación en Cali" in listed and "entrega obras" not in listed


def test_mentions_page_names_the_medium_as_the_report_does(reported: TestClient) -> None:
    """ "Prensa" and "Tipo de medio", the weekly report's words, not the code "print"."""
    page = reported.get("/mentions", params={"range": "last4w"}).text
    listed = page.split('id="mention-list"')[1]
    assert "<td>Prensa</td>" in listed and "<td>print</td>" not in listed
    assert "<th>Tipo de medio</th>" in listed
    english = reported.get("/mentions", params={"range": "last4w", "lang": "en"}).text
    assert "<td>Print</td>" in english.split('id="mention-list"')[1]


def test_mentions_download_is_a_spanish_csv_and_xlsx_and_the_cli_csv_stays_raw(
    reported: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    period = {"from": "2026-11-01", "to": "2026-11-21"}
    rows = people_csv_rows(reported.get("/mentions.csv", params=period).content)
    assert rows[0][:3] == ["Publicado", "Medio", "Tipo de medio"]
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", row[0]) for row in rows[1:])
    context.reset()
    capsys.readouterr()
    assert main(["mentions", "--from", "2026-11-01", "--to", "2026-11-21", "--format", "csv"]) == 0
    raw = capsys.readouterr().out.splitlines()
    assert raw[0].startswith("outlet,medium,url,title,published_at") and len(raw) == len(rows)
    searched = reported.get("/mentions.csv", params={"range": "last4w", "q": "vacunación"})
    found = people_csv_rows(searched.content)
    assert len(found) == 2 and "Vacunación en Cali" in found[1]
    book = load_workbook(io.BytesIO(reported.get("/mentions.xlsx?range=last4w").content))
    assert (
        book.active is not None and book.active["A1"].value == "Publicado"
    )  # as the report and the page say
    assert reported.get("/mentions.pdf").status_code == 404


def _bars(page: str) -> list[str]:
    soup = BeautifulSoup(page, "html.parser")
    return [g.title.get_text() for g in soup.select("#bars g.week") if g.title]


def test_weeks_without_mentions_are_zero_bars_on_a_continuous_axis(reported: TestClient) -> None:
    page = reported.get("/mentions", params={"from": "19/10/2026", "to": "21/11/2026"}).text
    assert _bars(page) == [
        "Semana del 19/10/2026 al 25/10/2026: 0 menciones",
        "Semana del 26/10/2026 al 01/11/2026: 0 menciones",
        "Semana del 02/11/2026 al 08/11/2026: 1 mención",
        "Semana del 09/11/2026 al 15/11/2026: 2 menciones",
        "Semana del 16/11/2026 al 22/11/2026: 1 mención",
    ]


def test_the_search_narrows_the_chart_and_the_counts_not_only_the_list(
    reported: TestClient,
) -> None:
    query = {"from": "19/10/2026", "to": "21/11/2026", "q": "vacunacion"}
    soup = BeautifulSoup(reported.get("/mentions", params=query).text, "html.parser")
    count = soup.select_one("#count")
    assert count is not None and count.get_text() == "1"
    assert "de 4 en el periodo" in soup.select_one("#period").get_text()  # type: ignore[union-attr]
    weeks = [row.find_all("td") for row in soup.select("#by-week tbody tr")]
    assert [[c.get_text() for c in cells] for cells in weeks] == [
        ["09/11/2026 – 15/11/2026", "El País", "1"]
    ]
    bars = _bars(str(soup))
    assert len(bars) == 5 and sum(not b.endswith(": 0 menciones") for b in bars) == 1
    assert bars[3] == "Semana del 09/11/2026 al 15/11/2026: 1 mención"
