"""The weekly reports on disk are listed and served, and nothing else on disk is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient


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
