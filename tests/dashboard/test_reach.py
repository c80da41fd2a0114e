"""The Alcance page and /api/reach: `pulso insights`' figures per account, per day, the most
viewed posts and the period's live broadcasts; a refused figure reads "sin datos", never 0;
platform text is escaped; the downloads hold what the tables show."""

from __future__ import annotations

import html
import io
import json
from datetime import date

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine

from pulso.cli import context
from pulso.cli.app import main
from tests.dashboard.reach_seed import NO_PEAK, REFUSED, SCRIPT, seed_reach
from tests.dashboard.test_pages import rows
from tests.spreadsheets.hostile import people_csv_rows

PERIOD = {"from": "2026-11-10", "to": "2026-11-20"}
OWN_PAGE = {**PERIOD, "account": ["facebook:AlcaldiaDeCali", "instagram:alcaldiadecali"]}


@pytest.fixture
def reach(client: TestClient, seeded: Engine) -> TestClient:
    seed_reach(seeded)
    return client


def test_accounts_table_adds_daily_reach_and_never_shows_a_missing_figure_as_zero(
    reach: TestClient,
) -> None:
    page = reach.get("/reach", params=OWN_PAGE).text
    assert rows(page, "reach-accounts") == [
        # 402.118 + 398.000 (the 18th's reach was refused); views of the 16th and the 18th.
        ["Facebook", "AlcaldiaDeCali", "800.118", "2.384.310", "3", "58.210"],
        ["Instagram", "alcaldiadecali", "51.000", "sin datos", "1", "sin datos"],
    ]


def test_daily_table_names_the_refusal_and_says_sin_datos(reach: TestClient) -> None:
    page = reach.get("/reach", params=OWN_PAGE).text
    days = rows(page, "reach-days")
    assert days[0] == [
        "18/11/2026",
        "Facebook",
        "AlcaldiaDeCali",
        "sin datos",
        "1.100.000",
        REFUSED,
    ]
    assert ["17/11/2026", "Facebook", "AlcaldiaDeCali", "398.000", "sin datos", ""] in days
    assert ["16/11/2026", "Instagram", "alcaldiadecali", "51.000", "sin datos", ""] in days
    assert len(days) == 4


def test_charts_draw_the_known_days_only(reach: TestClient) -> None:
    page = reach.get("/reach", params=OWN_PAGE).text
    chart = page.split('id="reach-chart"')[1].split("</figure>")[0]
    assert "Facebook · AlcaldiaDeCali · 16/11/2026: 402.118 personas alcanzadas" in chart
    assert "Facebook · AlcaldiaDeCali · 17/11/2026: 398.000 personas alcanzadas" in chart
    assert "Facebook · AlcaldiaDeCali · 18/11/2026" not in chart  # refused: no point, no 0
    views = page.split('id="views-chart"')[1].split("</figure>")[0]
    facebook = views.split('<g class="account">')[1]
    # Views on the 16th and the 18th, none stored for the 17th: the line breaks (a new M).
    path = facebook.split(' d="')[1].split('"')[0]
    assert path.count("M") == 2 and "L" not in path
    assert "18/11/2026: 1.100.000 reproducciones" in facebook


def test_top_posts_rank_by_views_and_name_x_impressions(reach: TestClient) -> None:
    page = reach.get("/reach", params=PERIOD).text
    top = rows(page, "top-posts")
    assert [r[1:3] + [r[4]] for r in top] == [
        ["Facebook", "AlcaldiaDeCali", "58.210"],
        ["X (Twitter)", "AlcaldiaDeCali", "18.450 (impresiones)"],
    ]
    assert top[0][0] == "12/11/2026 10:00"  # 15:00 UTC in Bogotá
    assert "Sin vistas medidas" not in page  # a post without views is not ranked as 0


def test_live_broadcasts_in_bogota_time_with_the_title_escaped(reach: TestClient) -> None:
    page = reach.get("/reach", params=PERIOD).text
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(&#39;vivo&#39;)&lt;/script&gt;" in page
    lives = [[html.unescape(cell) for cell in row] for row in rows(page, "lives")]
    assert lives[0] == [
        "Facebook",
        "AlcaldiaDeCali",
        "<script>alert('vivo')</script>",  # as text, once the cell's markup is read
        "13/11/2026 19:30",
        "2 h 3 min 5 s",
        "sin datos",  # Meta gave no peak: not 0
        "48.730",
        NO_PEAK,  # why the peak is missing, as the collector noted it
    ]
    assert lives[1][3:] == ["18/11/2026 15:00", "1 h 0 min 0 s", "1.450", "12.000", ""]


def test_english_page(reach: TestClient) -> None:
    page = reach.get("/reach", params={**OWN_PAGE, "lang": "en"}).text
    assert "<h1>Reach</h1>" in page and "Live broadcasts" in page
    days = rows(page, "reach-days")
    assert days[0][:5] == ["2026-11-18", "Facebook", "AlcaldiaDeCali", "no data", "1,100,000"]


def test_every_page_links_to_the_reach_page(reach: TestClient) -> None:
    for url in ("/growth", "/mentions", "/reach"):
        assert '<a href="/reach?lang=es"' in reach.get(url).text
    assert (
        'href="/reach?lang=en" aria-current="page">Reach</a>'
        in reach.get("/reach", params={"lang": "en"}).text
    )


def test_api_is_the_cli_json_plus_days_and_top_posts(
    reach: TestClient,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    answer = reach.get("/api/reach", params=PERIOD).json()
    monkeypatch.setenv("PULSO_DATABASE_URL", database_url)
    context.reset()
    capsys.readouterr()
    assert (
        main(["insights", "--format", "json", "--from", PERIOD["from"], "--to", PERIOD["to"]]) == 0
    )
    cli = json.loads(capsys.readouterr().out)
    assert {k: answer[k] for k in cli} == cli
    refused = [d for d in answer["days"] if d["day"] == "2026-11-18"]
    assert refused == [
        {
            "day": "2026-11-18",
            "platform": "facebook",
            "account": "AlcaldiaDeCali",
            "reach": None,
            "views": 1100000,
            "note": REFUSED,
        }
    ]
    assert [p["views_label"] for p in answer["top_posts"]] == ["views", "impressions"]
    assert answer["live_videos"][0]["title"] == SCRIPT  # JSON keeps the raw text


def test_api_chooses_accounts_like_the_page(reach: TestClient) -> None:
    answer = reach.get(
        "/api/reach", params={**PERIOD, "account": "instagram:alcaldiadecali"}
    ).json()
    assert [a["platform"] for a in answer["accounts"]] == ["instagram"]
    assert answer["live_videos"] == [] and answer["top_posts"] == []
    assert {d["platform"] for d in answer["days"]} == {"instagram"}
    only_x = reach.get("/api/reach", params={**PERIOD, "platform": "twitter"}).json()
    assert [p["platform"] for p in only_x["top_posts"]] == ["twitter"]


def test_api_default_period_is_the_cli_one(reach: TestClient) -> None:
    answer = reach.get("/api/reach").json()
    assert (answer["from"], answer["to"]) == ("2026-11-14", "2026-11-20")  # today is the 21st


def test_calendar_ends_are_answered(reach: TestClient) -> None:
    for url in ("/reach", "/api/reach", "/reach.csv"):
        response = reach.get(url, params={"from": "0001-01-01", "to": "9999-12-31"})
        assert response.status_code == 200, (url, response.text[:300])
    answer = reach.get("/api/reach", params={"from": "0001-01-01", "to": "9999-12-31"}).json()
    assert len(answer["live_videos"]) == 2


def test_downloads_hold_each_table(reach: TestClient) -> None:
    days = people_csv_rows(reach.get("/reach.csv", params=OWN_PAGE).content)
    assert days[0] == ["Fecha", "Plataforma", "Cuenta", "Alcance", "Reproducciones", "Motivo"]
    assert ["18/11/2026", "Facebook", "AlcaldiaDeCali", "sin datos", "1100000", REFUSED] in days
    lives = people_csv_rows(reach.get("/reach.csv", params={**PERIOD, "table": "lives"}).content)
    assert lives[1][2:] == [
        SCRIPT,
        "13/11/2026 19:30",
        "2 h 3 min 5 s",
        "48730",
        "sin datos",
        NO_PEAK,
    ]
    book = load_workbook(
        io.BytesIO(reach.get("/reach.xlsx", params={**PERIOD, "table": "posts"}).content)
    )
    sheet = book.active
    assert sheet is not None and sheet.title == "Top publicaciones"
    assert [c.value for c in sheet[2]][1:5] == [
        "Facebook",
        "AlcaldiaDeCali",
        "Vacunación en la comuna 15",
        58210,
    ]
    bad = reach.get("/reach.csv", params={"table": "nada"})
    assert bad.status_code == 400 and "tabla desconocida" in bad.text


def test_an_empty_database_says_so(client: TestClient) -> None:
    page = client.get("/reach", params={"range": "last4w"}).text
    assert "Sin datos de alcance ni de reproducciones en este periodo." in page
    assert "Ninguna transmisión en vivo en este periodo." in page
    assert date(2026, 11, 21).strftime("%d/%m/%Y") in page
