"""The mentions page counts the whole period in SQL and lists 100 items a page; /api/mentions
pages with limit/offset. Counts equal the unpaged computation, pages cover every item once."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from pulso.cli import context
from pulso.cli.app import main
from storage.db import session_factory, transaction
from storage.mention_weeks import rebuild, usable
from storage.models import Article, Mention
from storage.outlets import ensure_outlet
from tests.spreadsheets.hostile import people_csv_rows

OUTLETS = (("El País", "print"), ("Blu Radio", "radio"), ("Cali es Cali", "web"))
DATED = 243
UNDATED = 7
FIRST = datetime(2026, 8, 1, 4, tzinfo=UTC)  # 31/07 in Bogotá: outside the period
PERIOD = {"from": "2026-08-01", "to": "2026-11-21"}
BOGOTA = ZoneInfo("America/Bogota")


def _published(n: int) -> datetime:
    return FIRST + timedelta(hours=11 * n)


@pytest.fixture(params=["counted", "kept"])
def many(client: TestClient, seeded: Engine, request: pytest.FixtureRequest) -> TestClient:
    """Seeded past storage, so the page counts the mentions themselves ("counted"), or with
    the weekly counts then rebuilt as the next stored harvest would ("kept")."""
    fetched = datetime(2026, 11, 20, 18, tzinfo=UTC)
    with transaction(seeded) as session:
        ids = [ensure_outlet(session, name=name, medium=medium).id for name, medium in OUTLETS]
        for n in range(DATED + UNDATED):
            dated = n < DATED
            title = f"Alcaldía nota {n}"
            if n == DATED - 1:
                title = "<script>alert('x')</script> Alcaldía"
            url = f"https://example.com/{n}"
            article = Article(
                outlet_id=ids[n % 3],
                canonical_url=url,
                url=url,
                title=title,
                title_key=title.lower(),
                published_at=_published(n) if dated else None,
                published_day=_published(n).date() if dated else None,
                fetched_at=fetched,
            )
            session.add(article)
            session.flush()
            session.add(
                Mention(
                    article_id=article.id,
                    matched_terms=["Alcaldía"],
                    in_title=True,
                    in_body=False,
                    snippet=title,
                    matched_at=fetched,
                )
            )
        if request.param == "kept":
            session.flush()
            rebuild(session, BOGOTA)
    with session_factory(seeded)() as session:
        assert usable(session, BOGOTA) == (request.param == "kept")
    return client


def _in_period() -> int:
    """Dated items whose Bogotá day is in the period, plus the undated ones (fetched in it)."""
    days = [_published(n).astimezone(BOGOTA).date() for n in range(DATED)]
    return sum(1 for d in days if d.isoformat() >= PERIOD["from"]) + UNDATED


def _weeks(html: str) -> list[tuple[str, str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        (str(tr.td["data-week"]), *(td.get_text() for td in tr.find_all("td")[1:]))  # type: ignore[index]
        for tr in soup.select("#by-week tbody tr")
    ]


def _listed(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [tr.find_all("td")[3].get_text() for tr in soup.select("#mention-list tbody tr")]


def test_pages_list_every_item_once_newest_first_with_links(many: TestClient) -> None:
    total = _in_period()
    assert total > 200
    first = many.get("/mentions", params=PERIOD).text
    soup = BeautifulSoup(first, "html.parser")
    showing = soup.select_one("#pager-top .showing")
    assert showing is not None and showing.get_text() == f"Mostrando 1–100 de {total}"
    assert soup.select_one("#pager-top a[rel=prev]") is None
    following = soup.select_one("#pager-bottom a[rel=next]")
    assert following is not None and "page=2" in str(following["href"])
    assert str(following["href"]).startswith("/mentions?")  # relative, not from the Host header
    seen: list[str] = []
    for number in range(1, 4):
        page = many.get("/mentions", params={**PERIOD, "page": str(number)}).text
        seen += _listed(page)
    assert len(seen) == total == len(set(seen))
    # Newest first: the latest dated item (its scraped title escaped) opens page 1; the undated
    # ones (publication time unknown) end the last page.
    assert seen[0] == "<script>alert('x')</script> Alcaldía"
    assert seen[1] == f"Alcaldía nota {DATED - 2}"
    assert sorted(seen[-UNDATED:]) == sorted(f"Alcaldía nota {n}" for n in range(DATED, DATED + 7))
    assert "<script>alert" not in first and "&lt;script&gt;" in first
    last = BeautifulSoup(many.get("/mentions", params={**PERIOD, "page": "3"}).text, "html.parser")
    assert last.select_one("#pager-top a[rel=next]") is None
    assert last.select_one("#pager-top a[rel=prev]") is not None
    assert last.select_one("#pager-top .showing").get_text() == (  # type: ignore[union-attr]
        f"Mostrando 201–{total} de {total}"
    )
    english = many.get("/mentions", params={**PERIOD, "lang": "en"}).text
    assert f"Showing 1–100 of {total}" in english


def test_page_past_the_end_shows_the_last_and_a_bad_page_is_400(many: TestClient) -> None:
    past = many.get("/mentions", params={**PERIOD, "page": "99"}).text
    assert _listed(past) == _listed(many.get("/mentions", params={**PERIOD, "page": "3"}).text)
    for bad in ("0", "-1", "x", "2.5"):
        assert many.get("/mentions", params={**PERIOD, "page": bad}).status_code == 400


def test_counts_from_sql_equal_the_unpaged_computation(many: TestClient) -> None:
    """The week × outlet table and the count come from the database without a search and from
    every row with one; a search every item matches must give the same page."""
    plain = many.get("/mentions", params=PERIOD).text
    searched = many.get("/mentions", params={**PERIOD, "q": "alcaldia"}).text
    assert _weeks(plain) == _weeks(searched)
    expected: Counter[tuple[str, str]] = Counter()
    for n in range(DATED):
        day = _published(n).astimezone(BOGOTA).date()
        if day.isoformat() >= PERIOD["from"]:
            year, week, _ = day.isocalendar()
            expected[(f"{year}-W{week:02d}", OUTLETS[n % 3][0])] += 1
    assert [(w, o, int(c)) for w, o, c in _weeks(plain)] == sorted(
        (w, o, c) for (w, o), c in expected.items()
    )
    count = BeautifulSoup(plain, "html.parser").select_one("#count")
    assert count is not None and count.get_text() == str(_in_period())


def test_the_download_still_holds_every_item(many: TestClient) -> None:
    rows = people_csv_rows(many.get("/mentions.csv", params=PERIOD).content)
    assert len(rows) - 1 == _in_period()


def test_api_pages_with_limit_offset_total_and_next_link(
    many: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    context.reset()
    capsys.readouterr()
    assert (
        main(["mentions", "--from", PERIOD["from"], "--to", PERIOD["to"], "--format", "json"]) == 0
    )
    cli = json.loads(capsys.readouterr().out)
    whole = many.get("/api/mentions", params={**PERIOD, "limit": "1000"})
    assert whole.json() == cli and whole.headers["x-total-count"] == str(len(cli))
    assert "link" not in whole.headers
    first = many.get("/api/mentions", params=PERIOD)  # a page of 100 by default
    assert first.json() == cli[:100] and first.headers["x-total-count"] == str(len(cli))
    assert "offset=100" in first.headers["link"]
    pages: list[object] = []
    url: str | None = "/api/mentions?from=2026-08-01&to=2026-11-21&limit=60"
    while url:
        answer = many.get(url)
        assert answer.headers["x-total-count"] == str(len(cli))
        assert len(answer.json()) <= 60
        pages += answer.json()
        link = answer.headers.get("link")
        url = link.split(">")[0].lstrip("<") if link else None
    assert pages == cli
    for bad in ({"limit": "0"}, {"limit": "10001"}, {"offset": "-1"}):
        assert many.get("/api/mentions", params={**PERIOD, **bad}).status_code in (400, 422)


def test_week_table_is_listed_a_page_at_a_time(
    many: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five years hold thousands of week × outlet rows: the table pages (`weeks_page`), the
    chart and the count still cover the whole period."""
    whole = _weeks(many.get("/mentions", params=PERIOD).text)
    assert 20 < len(whole) < 100
    chart = BeautifulSoup(many.get("/mentions", params=PERIOD).text, "html.parser").svg
    monkeypatch.setattr("pulso.dashboard.mentions.PAGE_SIZE", 20)
    # The page (its table page included) is memoised: computed again at the new page size.
    monkeypatch.setattr(many.app.state.board.cache, "ttl_s", 0.0)  # type: ignore[attr-defined]
    first = BeautifulSoup(many.get("/mentions", params=PERIOD).text, "html.parser")
    pager = first.select_one("#pager-weeks")
    assert pager is not None and pager.select_one(".showing").get_text() == (  # type: ignore[union-attr]
        f"Mostrando 1–20 de {len(whole)}"
    )
    assert first.svg == chart
    pages = -(-len(whole) // 20)
    paged: list[tuple[str, str, str]] = []
    for number in range(1, pages + 1):
        paged += _weeks(many.get("/mentions", params={**PERIOD, "weeks_page": str(number)}).text)
    past = many.get("/mentions", params={**PERIOD, "weeks_page": str(pages + 5)}).text
    assert _weeks(past) == whole[(pages - 1) * 20 :]  # past the end: the last page
    assert paged == whole
    assert many.get("/mentions", params={**PERIOD, "weeks_page": "0"}).status_code == 400
