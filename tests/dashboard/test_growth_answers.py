"""What a reader takes from the growth page, its downloads and /api/growth, over many periods:
the same as before issue 17's fifth pass, which thinned the page's chart dots.

`tests/fixtures/dashboard/growth_answers.json` was recorded by `record()` below with the code of
commit 6d807fc (main before that pass) on `history()`'s database; the test records the same
with this code and compares. Recorded per query: the page's tables (every figure a reader
reads), each chart line's path (the line itself is unchanged) and its first and last dot's hover
title (the period's first and last figures, those the table and the % change use), the CSV and
the XLSX download, and /api/growth's JSON, byte for byte (as SHA-256 digests).
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from collectors.records import FollowerFigure
from pulso.cli import context
from pulso.dashboard import create_app
from pulso.dashboard.chart import dot_indexes, dot_step, line_chart
from pulso.dashboard.follower_index import gapped_figures
from settings import load_settings
from storage.db import transaction
from storage.followers import upsert_imported_followers
from tests.dashboard.seed import seed

TODAY = date(2026, 11, 21)
FIRST = date(2024, 1, 1)
RECORDED = Path(__file__).parents[1] / "fixtures" / "dashboard" / "growth_answers.json"
HUECOS = ("tiktok", "Huecos")


def history(engine: Engine) -> None:
    """Ten accounts with a figure a day from 1 Jan 2024, one with weeks and months missing,
    lone figures between gaps, and a day whose figure is unknown."""
    seed(engine, 10, FIRST, (TODAY - FIRST).days + 1)
    days = [*range(0, 40), 70, *range(120, 300), 400, 401, *range(500, 900, 9)]
    figures = [FollowerFigure(*HUECOS, FIRST + timedelta(n), 500 + 2 * n) for n in days]
    figures.append(FollowerFigure(*HUECOS, FIRST + timedelta(450), None))  # type: ignore[arg-type]
    with transaction(engine) as session:
        upsert_imported_followers(session, figures)


def queries(count: int = 60) -> list[str]:
    """Periods from a day to five years, inside and around the history, in both languages and
    the three views, some for one platform or one account."""
    draw, found = random.Random(17), []
    for n in range(count):
        length = draw.choice((0, 6, 13, 30, 31, 32, 90, 182, 183, 184, 365, 700, 1097, 1200))
        start = date(2023, 10, 1) + timedelta(days=draw.randrange(1200))
        end = min(start + timedelta(days=length), TODAY)
        start = min(start, end)
        query = f"from={start.isoformat()}&to={end.isoformat()}&lang={('es', 'en')[n % 2]}"
        query += f"&view={('change', 'followers', 'small')[n % 3]}"
        if n % 5 == 1:
            query += "&platform=tiktok"
        elif n % 5 == 3:
            query += "&account=tiktok:Huecos"
        found.append(query)
    return found


def _digest(value: Any) -> str:
    data = value if isinstance(value, bytes) else json.dumps(value, ensure_ascii=False).encode()
    return hashlib.sha256(data).hexdigest()


def _lines(page: str) -> list[tuple[str, str, str]]:
    """Each chart line's path and its first and last dot's hover title."""
    found = []
    for chunk in page.split('<path class="series"')[1:]:
        path = re.search(r' d="([^"]*)"', chunk)
        titles = re.findall(r"<circle [^>]*><title>([^<]*)</title></circle>", chunk)
        found.append((path.group(1) if path else "", titles[0], titles[-1]))
    return found


def _cells(data: bytes) -> list[list[str]]:
    """Every sheet's cells as text with their number formats (the file's zip dates differ)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        [f"{sheet.title}!{c.coordinate}={c.value!r}:{c.number_format}" for c in row]
        for sheet in book.worksheets
        for row in sheet.iter_rows()
    ]


def record(client: TestClient) -> dict[str, dict[str, str]]:
    answers = {}
    for query in queries():
        page = client.get(f"/growth?{query}")
        assert page.status_code == 200
        api = query.split("&lang=")[0]
        api += "&platform=tiktok&account=Huecos" if "Huecos" in query else ""
        answers[query] = {
            "tables": _digest(re.findall(r"<table id=.*?</table>", page.text, re.S)),
            "lines": _digest(_lines(page.text)),
            "csv": _digest(client.get(f"/growth.csv?{query}").content),
            "xlsx": _digest(_cells(client.get(f"/growth.xlsx?{query}").content)),
            "api": _digest(client.get(f"/api/growth?{api}").content),
        }
    return answers


@pytest.fixture
def office(
    engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    history(engine)
    monkeypatch.setenv("PULSO_DATABASE_URL", database_url)
    context.reset()
    # The cache off, as the benchmark serves it: every answer computed.
    app = create_app(load_settings(), engine, today=lambda: TODAY, cache_ttl_s=0)
    with TestClient(app) as test_client:
        yield test_client
    context.reset()


def test_figures_tables_downloads_and_json_are_what_they_were(office: TestClient) -> None:
    recorded = json.loads(RECORDED.read_text())
    now = record(office)
    assert now.keys() == recorded.keys()
    for query, answers in now.items():
        assert answers == recorded[query], query


def test_every_dot_left_is_one_the_full_chart_draws(office: TestClient, engine: Engine) -> None:
    """The thinned chart's line is the full one, and its dots are some of the full one's: the
    first and last of every run of figures (a lone figure between two gaps keeps its dot)."""
    accounts = [(g["platform"], g["account"]) for g in office.get("/api/growth").json()]
    for query in queries():
        start, end = (date.fromisoformat(v.split("=")[1]) for v in query.split("&")[:2])
        series = gapped_figures(engine, accounts, start, end)
        for mode in ("change", "followers"):
            full = line_chart(series, start, end, "es", mode=mode)
            thin = line_chart(series, start, end, "es", mode=mode, thin=True)
            if full is None:  # a period before the history: no chart either way
                assert thin is None
                continue
            assert thin is not None
            for a, b in zip(full.lines, thin.lines, strict=True):
                assert b.path == a.path and b.points is None and a.points is not None
                dots, kept = _dots(a.dot_pieces), _dots(b.dot_pieces)
                assert set(kept) <= set(dots) and len(dots) == len(a.points.split())
                runs = [run.split(" L") for run in a.path.removeprefix("M").split(" M")]
                ends = {xy for run in runs if run != [""] for xy in (run[0], run[-1])}
                assert ends <= {f"{x},{y}" for x, y, _ in kept}


def _dots(pieces: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """A line's dots: x, y and hover title, in order."""
    markup = "3".join(pieces)
    return re.findall(
        r'<circle cx="([^"]+)" cy="([^"]+)" r="3"[^>]*><title>([^<]*)</title>', markup
    )


def test_dots_thin_to_a_week_a_month_or_a_quarter_as_the_period_grows() -> None:
    first = date(2026, 1, 1)
    assert [
        dot_step(first, first + timedelta(days=n)) for n in (0, 31, 32, 183, 184, 1098, 1099)
    ] == ["day", "day", "week", "week", "month", "month", "quarter"]
    # Daily figures over two months with a gap: each run's first and last, and each month's
    # last figure; a lone figure between two gaps keeps its dot.
    days = [first + timedelta(days=n) for n in range(70)]
    values: list[tuple[date, float | None]] = [(d, 1.0) for d in days]
    values[40] = (days[40], None)
    values[42] = (days[42], None)
    kept = dot_indexes(values, "month")
    assert kept == {0, 30, 39, 41, 43, 58, 69}  # 31 Jan; 28 Feb; 11 Mar is the last
    assert dot_indexes(values, "day") is None
