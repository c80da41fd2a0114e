"""A scraped headline or an account name like =WEBSERVICE(...) never becomes a live formula in
the office's Excel: every CSV and XLSX download of the dashboard, and every `--format csv` of
the CLI, writes it as text; negative growth stays a number."""

from __future__ import annotations

import csv
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from collectors.records import AccountStats, FollowerFigure, InsightValue, LiveVideo, PostStats
from flows.steps.valuation import import_clips, import_rates
from pulso.cli import context
from pulso.cli.app import main
from storage.db import transaction
from storage.followers import upsert_imported_followers
from storage.insights import store_account_insights, store_live_videos
from storage.models import Article, Mention
from storage.outlets import ensure_outlet
from storage.social import store_account_stats, store_posts
from tests.dashboard.routes import get_routes
from tests.spreadsheets.hostile import HOSTILE, csv_cells, people_csv_rows, shown, xlsx_cells

WEBSERVICE = HOSTILE[0]
PERIOD = {"from": "2020-01-01", "to": "2026-11-21"}


def _figures() -> list[FollowerFigure]:
    # Each hostile account loses followers: its growth is negative and must stay a number.
    # ("\t=1" and "\r=1" are one account once the handle's blanks are trimmed.)
    return [
        FollowerFigure("twitter", handle, day, followers)
        for handle in HOSTILE[:5]
        for day, followers in (
            (date(2025, 1, 1), 900),
            (date(2026, 1, 1), 1000),
            (date(2026, 11, 1), 995),
        )
    ]


def _articles(engine: Engine) -> None:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    with transaction(engine) as session:
        for n, text in enumerate(HOSTILE):
            outlet = ensure_outlet(session, name=text, medium="web")
            url = f"https://noticias.example.co/{n}"
            article = Article(
                outlet_id=outlet.id,
                canonical_url=url,
                url=url,
                title=text,
                title_key=f"{n}",
                published_at=datetime(2026, 11, 10 + n, 15, tzinfo=UTC),
                published_day=date(2026, 11, 10 + n),
                fetched_at=now,
            )
            session.add(article)
            session.flush()
            session.add(
                Mention(
                    article_id=article.id,
                    matched_terms=[text],
                    in_title=True,
                    in_body=False,
                    snippet=text,
                    matched_at=now,
                )
            )


def _clips(engine: Engine, folder: Path) -> None:
    rates, clips = folder / "rates.csv", folder / "clips.csv"
    with rates.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["medio", "tipo", "unidad", "tarifa", "vigente_desde"],
                [WEBSERVICE, "tv", "minuto", "60000", "2020-01-01"],
            ]
        )
    with clips.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["medio", "programa", "fecha", "titulo", "duracion"])
        for n, text in enumerate(HOSTILE):
            writer.writerow(
                [WEBSERVICE if n % 2 else text, text, f"2026-11-{10 + n}", text, "1:00"]
            )
    import_rates(engine, rates)
    import_clips(engine, clips)


def _reach(engine: Engine) -> None:
    """A page named like a formula, its refused reach noted like one, a post and a live
    broadcast titled like one (the page is not WEBSERVICE: growth's test reads that row)."""
    at = datetime(2026, 11, 20, 7, tzinfo=UTC)
    with transaction(engine) as session:
        stats = AccountStats(platform="facebook", handle=HOSTILE[1], fetched_at=at)
        page = store_account_stats(session, stats, day=at.date(), run_id=None, own=True)
        value = [
            InsightValue("page_media_view", 10, day=date(2026, 11, 19)),
            InsightValue(
                "page_total_media_view_unique", None, day=date(2026, 11, 19), note=WEBSERVICE
            ),
        ]
        store_account_insights(session, page, value, day=at.date(), collected_at=at, run_id=None)
        post = PostStats(
            "facebook", HOSTILE[1], "1_9", at, published_at=at, text=WEBSERVICE, views=5
        )
        store_posts(session, page, [post], day=at.date(), run_id=None)
        live = LiveVideo("facebook", HOSTILE[1], "L9", at, title=WEBSERVICE, started_at=at)
        store_live_videos(session, page, [live], run_id=None)


@pytest.fixture
def hostile(client: TestClient, seeded: Engine, tmp_path: Path) -> TestClient:
    with transaction(seeded) as session:
        upsert_imported_followers(session, _figures())
    _articles(seeded)
    _reach(seeded)
    _clips(seeded, tmp_path)
    return client


def download_urls(client: TestClient) -> list[str]:
    """Every download the app declares, read from its route table (a new one is covered)."""
    urls = []
    for path, _ in get_routes(client.app):  # type: ignore[arg-type]
        if re.search(r"\.(csv|xlsx|\{fmt\})$", path):
            base = path.replace(".{fmt}", "")
            urls += [f"{base}.csv", f"{base}.xlsx"] if "{fmt}" in path else [path]
    return sorted(set(urls))


def test_the_app_declares_the_downloads_this_test_knows(hostile: TestClient) -> None:
    assert {"/growth.csv", "/growth.xlsx", "/mentions.xlsx", "/valuation.csv"} <= set(
        download_urls(hostile)
    )


def test_every_dashboard_download_writes_hostile_text_as_text(hostile: TestClient) -> None:
    for url in download_urls(hostile):
        response = hostile.get(url, params=PERIOD)
        assert response.status_code == 200, (url, response.text[:300])
        if url.endswith(".csv"):
            cells = shown(people_csv_rows(response.content))
        else:
            cells = shown(xlsx_cells(response.content))
        assert "'" + WEBSERVICE in cells, url  # the hostile text is there, neutralised


def test_negative_growth_stays_a_number_in_both_downloads(hostile: TestClient) -> None:
    rows = people_csv_rows(hostile.get("/growth.csv", params={"range": "year"}).content)
    change = rows[0].index("Nuevos seguidores")
    hostile_rows = [r for r in rows if r[1] == "'" + WEBSERVICE]
    assert hostile_rows and hostile_rows[0][change] == "-5"
    sheet = xlsx_cells(hostile.get("/growth.xlsx", params={"range": "year"}).content)
    assert -5 in shown(sheet)


@pytest.mark.parametrize("command", ["growth", "mentions", "valuate"])
def test_every_cli_csv_writes_hostile_text_as_text(
    hostile: TestClient, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    context.reset()
    capsys.readouterr()
    assert main([command, "--format", "csv", "--from", PERIOD["from"], "--to", PERIOD["to"]]) == 0
    cells = shown(csv_cells(capsys.readouterr().out))
    assert "'" + WEBSERVICE in cells


def test_json_keeps_the_raw_text(hostile: TestClient) -> None:
    titles = {m["title"] for m in hostile.get("/api/mentions", params=PERIOD).json()}
    assert WEBSERVICE in titles and "-2+3" in titles


@pytest.mark.parametrize("table", ["days", "posts", "lives"])
def test_every_reach_table_writes_hostile_text_as_text(hostile: TestClient, table: str) -> None:
    for fmt in ("csv", "xlsx"):
        response = hostile.get(f"/reach.{fmt}", params={**PERIOD, "table": table})
        assert response.status_code == 200, response.text[:300]
        content = response.content
        cells = shown(people_csv_rows(content) if fmt == "csv" else xlsx_cells(content))
        assert "'" + WEBSERVICE in cells, (table, fmt)
