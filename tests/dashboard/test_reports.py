"""The weekly reports on disk are listed and served, and nothing else on disk is."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from pulso.dashboard.archive import week_dates


@pytest.fixture
def reports(client: TestClient, tmp_path: Path) -> Path:
    root = tmp_path / "data" / "reports"
    week = root / "2026-W46"
    week.mkdir(parents=True)
    (week / "informe-semanal-2026-W46.html").write_text(
        "<html><body><h1>Semana 46</h1></body></html>", encoding="utf-8"
    )
    (week / "informe-semanal-2026-W46.xlsx").write_bytes(b"PK\x03\x04fake")
    (week / "informe-semanal-2026-W46.pdf").write_bytes(b"%PDF-1.7 fake")
    (week / "growth.csv").write_text("platform,account\n", encoding="utf-8")
    (root / "2026-W47").mkdir()
    (root / "notes").mkdir()
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", week / "leak.csv")
    return root


def test_reports_page_lists_weeks_newest_first(client: TestClient, reports: Path) -> None:
    page = client.get("/reports").text
    assert page.index("2026-W47") < page.index("2026-W46")
    assert "/reports/2026-W46/informe-semanal-2026-W46.html" in page
    assert "informe-semanal-2026-W46.xlsx?download=true" in page
    assert "informe-semanal-2026-W46.pdf" in page
    assert "notes" not in page and "leak.csv" not in page


def test_a_report_opens_inline_and_downloads(client: TestClient, reports: Path) -> None:
    opened = client.get("/reports/2026-W46/informe-semanal-2026-W46.html")
    assert opened.status_code == 200 and "Semana 46" in opened.text
    assert opened.headers["content-disposition"].startswith("inline")
    assert "script" not in opened.headers["content-security-policy"]
    downloaded = client.get("/reports/2026-W46/informe-semanal-2026-W46.xlsx")
    assert downloaded.headers["content-type"].startswith("application/vnd.openxmlformats")
    pdf = client.get("/reports/2026-W46/informe-semanal-2026-W46.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert downloaded.headers["content-disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "url",
    [
        "/reports/2026-W46/leak.csv",
        "/reports/2026-W46/..%2F..%2Fsecret.txt",
        "/reports/..%2F..%2F/secret.txt",
        "/reports/2026-W46/%2Fetc%2Fpasswd",
        "/reports/2026-W46/.hidden.csv",
        "/reports/2026-W99x/report.html",
        "/reports/2026-W46/nothere.csv",
    ],
)
def test_nothing_outside_the_reports_is_served(client: TestClient, reports: Path, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "no" != response.text


@pytest.fixture
def archive(client: TestClient, tmp_path: Path) -> Path:
    root = tmp_path / "data" / "reports"
    for week, names in {
        "2026-W46": ("informe-semanal-2026-W46.html", "informe-semanal-2026-W46.xlsx"),
        "2026-W47": (
            "informe-semanal-2026-W47.html",
            "informe-semanal-2026-W47.pdf",
            "informe-semanal-2026-W47.xlsx",
            "followers.csv",
        ),
        "2025-W52": ("report.html",),
    }.items():
        (root / week).mkdir(parents=True)
        for name in names:
            (root / week / name).write_bytes(b"x")
    return root


def test_informes_is_an_archive_of_weekly_cards_newest_first(
    client: TestClient, archive: Path
) -> None:
    soup = BeautifulSoup(client.get("/reports").text, "html.parser")
    cards = soup.select("#archive > li.card")
    assert [c["id"] for c in cards] == ["week-2026-W47", "week-2026-W46", "week-2025-W52"]
    titles = [c.h2.get_text() for c in cards]  # type: ignore[union-attr]
    assert titles == [
        "Informe semanal · 16 al 22 de noviembre de 2026",
        "Informe semanal · 9 al 15 de noviembre de 2026",
        "Informe semanal · 22 al 28 de diciembre de 2025",
    ]
    links = [[a.get_text() for a in c.select(".files a")] for c in cards]
    assert links == [["HTML", "PDF", "XLSX"], ["HTML", "XLSX"], ["HTML"]]
    newest = cards[0]
    hrefs = [a["href"] for a in newest.select(".files a")]
    assert hrefs == [
        "/reports/2026-W47/informe-semanal-2026-W47.html",
        "/reports/2026-W47/informe-semanal-2026-W47.pdf",
        "/reports/2026-W47/informe-semanal-2026-W47.xlsx?download=true",
    ]
    assert [a.get_text() for a in newest.select(".others a")] == ["followers.csv"]


def test_each_card_has_the_weeks_three_figures(client: TestClient, archive: Path) -> None:
    """Seeded accounts grow every day; no mentions nor clips were stored that week."""
    soup = BeautifulSoup(client.get("/reports").text, "html.parser")
    card = soup.select_one("#week-2026-W47")
    assert card is not None
    figures = dict(
        zip(
            [dt.get_text() for dt in card.select("dl.figures dt")],
            [dd.get_text() for dd in card.select("dl.figures dd")],
            strict=True,
        )
    )
    assert list(figures) == [
        "Seguidores nuevos",
        "Menciones en medios",
        "Free press (antes de IVA)",
    ]
    assert figures["Seguidores nuevos"].startswith("+")
    assert (
        figures["Menciones en medios"] == "0"
        and figures["Free press (antes de IVA)"] == "sin datos"
    )


@pytest.mark.parametrize(
    ("start", "end", "lang", "text"),
    [
        ((2026, 11, 16), (2026, 11, 22), "es", "16 al 22 de noviembre de 2026"),
        ((2026, 11, 30), (2026, 12, 6), "es", "30 de noviembre al 6 de diciembre de 2026"),
        ((2026, 12, 28), (2027, 1, 3), "es", "28 de diciembre de 2026 al 3 de enero de 2027"),
        ((2026, 11, 16), (2026, 11, 22), "en", "16–22 November 2026"),
    ],
)
def test_week_dates_read_as_the_office_writes_them(
    start: tuple[int, int, int], end: tuple[int, int, int], lang: str, text: str
) -> None:
    assert week_dates(date(*start), date(*end), lang) == text


def test_period_reports_have_their_own_section_with_the_files_the_writer_names(
    client: TestClient, archive: Path
) -> None:
    for label, names in {
        "2021-S1": ("informe-periodo-2021-S1.html", "informe-periodo-2021-S1.pdf", "a.csv"),
        "2020-01-01_2021-09-30": (
            "informe-periodo-2020-01-01_2021-09-30.html",
            "informe-periodo-2020-01-01_2021-09-30.xlsx",
        ),
        "2021": ("period-report-2021.html",),
        "2021-02-30_2021-03-01": ("informe-periodo-2021-02-30_2021-03-01.html",),  # no such day
    }.items():
        (archive / label).mkdir()
        for name in names:
            (archive / label / name).write_bytes(b"x")
    soup = BeautifulSoup(client.get("/reports").text, "html.parser")
    heading = soup.select_one("h2#periods")
    assert heading is not None and heading.get_text() == "Informes de periodo"
    cards = soup.select("#period-archive > li.card")
    assert [c["id"] for c in cards] == [
        "period-2021",
        "period-2020-01-01_2021-09-30",
        "period-2021-S1",
    ]
    titles = [c.h3.get_text() for c in cards]  # type: ignore[union-attr]
    assert titles[1] == "Informe del periodo · 1 de enero de 2020 al 30 de septiembre de 2021"
    hrefs = [a["href"] for a in cards[2].select(".files a")]
    assert hrefs == [
        "/reports/2021-S1/informe-periodo-2021-S1.html",
        "/reports/2021-S1/informe-periodo-2021-S1.pdf",
    ]
    assert [a.get_text() for a in cards[2].select(".others a")] == ["a.csv"]
    # The weekly cards are unchanged by the period folders beside them.
    assert len(soup.select("#archive > li.card")) == 3
    opened = client.get("/reports/2020-01-01_2021-09-30/informe-periodo-2020-01-01_2021-09-30.html")
    assert opened.status_code == 200
    assert client.get("/reports/2021-S3/informe-periodo-2021-S3.html").status_code == 404


def test_no_period_section_without_period_reports(client: TestClient, archive: Path) -> None:
    soup = BeautifulSoup(client.get("/reports").text, "html.parser")
    assert soup.select_one("#periods") is None and soup.select("#archive > li.card")
