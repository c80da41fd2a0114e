"""The pages show `pulso growth`'s numbers, es-CO by default, and download what they show."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine

from collectors.records import FollowerFigure
from flows.steps.followers import growth_report
from pulso.cli import context
from pulso.cli.app import main
from reports.formatting import fmt_signed
from storage.db import transaction
from storage.followers import upsert_imported_followers
from tests.dashboard.conftest import TODAY
from tests.spreadsheets.hostile import people_csv_rows


def rows(page: str, table: str) -> list[list[str]]:
    body = page.split(f'id="{table}"')[1].split("</table>")[0]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        ]
        for tr in re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[1], re.S)
    ]


def test_growth_table_has_the_cli_numbers_in_es_co(client: TestClient, seeded: Engine) -> None:
    page = client.get("/growth", params={"platform": "facebook", "range": "year"}).text
    expected = growth_report(
        seeded, platform="facebook", from_=TODAY.replace(month=1, day=1), to=TODAY
    )
    first = expected[0]
    assert first.start and first.end and first.change and first.change_pct
    assert rows(page, "growth-table")[0] == [
        "Facebook",  # the display name the CLI's table and the report show
        first.account,
        first.start.day.strftime("%d/%m/%Y"),
        f"{first.start.followers:,}".replace(",", "."),
        first.end.day.strftime("%d/%m/%Y"),
        f"{first.end.followers:,}".replace(",", "."),
        "+" + f"{first.change:,}".replace(",", "."),
        f"{first.change_pct}".replace(".", ",") + " %",
    ]
    assert len(rows(page, "growth-table")) == len(expected) == 2


def test_english_switch(client: TestClient) -> None:
    page = client.get("/growth", params={"lang": "en", "account": "facebook:Cuenta00"}).text
    assert 'lang="en"' in page and "Start followers" in page and "Español" in page
    assert re.search(r"\d{4}-\d{2}-\d{2}</td>", page)


def test_changing_the_range_changes_chart_and_table(client: TestClient) -> None:
    year = client.get("/growth", params={"range": "year"}).text
    weeks = client.get("/growth", params={"range": "last4w"}).text
    since = client.get("/growth", params={"range": "since2020"}).text
    assert rows(year, "growth-table") != rows(weeks, "growth-table") != rows(since, "growth-table")
    # Each line's path (the growth page writes no data-points attribute: `d` has them all).
    lines = [re.findall(r'<path class="series"[^>]* d="([^"]+)"', p) for p in (year, weeks, since)]
    assert all(len(found) == 10 for found in lines)
    assert lines[0] != lines[1] != lines[2]
    assert "01/01/2026 – 21/11/2026" in year and "24/10/2026 – 21/11/2026" in weeks


def test_custom_range_and_quarter(client: TestClient) -> None:
    custom = client.get("/growth", params={"from": "2025-01-01", "to": "31/03/2025"}).text
    assert "01/01/2025 – 31/03/2025" in custom
    quarter = client.get("/growth", params={"range": "quarter"}).text
    assert "01/10/2026 – 21/11/2026" in quarter


def test_csv_download_is_for_people_and_the_cli_csv_for_scripts(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """The dashboard's CSV follows the office's conventions (BOM, `;`, decimal comma, Spanish
    headers); `pulso growth --format csv` keeps the contract's keys and raw values."""
    query = {"platform": "twitter", "from": "2025-01-01", "to": "2025-12-31"}
    response = client.get("/growth.csv", params=query)
    assert response.headers["content-disposition"].startswith("attachment;")
    rows = people_csv_rows(response.content)
    assert rows[0][:4] == ["Plataforma", "Cuenta", "Fecha inicial", "Seguidores iniciales"]
    assert all(row[0] == "X (Twitter)" for row in rows[1:]) and len(rows) > 1
    pct = rows[1][rows[0].index("Crecimiento")]
    assert "," in pct and "." not in pct  # decimal comma
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", rows[1][2])  # dd/mm/aaaa
    context.reset()
    capsys.readouterr()
    args = ["growth", "--platform", "twitter", "--from", "2025-01-01", "--to", "2025-12-31"]
    assert main([*args, "--format", "csv"]) == 0
    raw = capsys.readouterr().out
    assert raw.startswith("platform,account,start_date") and "\ufeff" not in raw
    english = people_csv_rows(
        client.get("/growth.csv", params={**query, "lang": "en"}).content, "en"
    )
    assert english[0][:2] == ["Platform", "Account"] and english[1][0] == "X (Twitter)"


def test_xlsx_download_has_native_numbers(client: TestClient, seeded: Engine) -> None:
    response = client.get(
        "/growth.xlsx", params={"account": "youtube:Cuenta03", "range": "since2020"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    header, row = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert header[:3] == ["Plataforma", "Cuenta", "Fecha inicial"]
    (expected,) = growth_report(
        seeded,
        platform="youtube",
        account="Cuenta03",
        from_=TODAY.replace(year=2020, month=1, day=1),
        to=TODAY,
    )
    assert row[1] == "Cuenta03" and row[3] == expected.start.followers and row[6] == expected.change  # type: ignore[union-attr]


def test_compare_this_year_with_last_year_over_the_same_dates(
    client: TestClient, seeded: Engine
) -> None:
    page = client.get("/compare", params={"platform": "facebook"}).text
    assert "01/01/2026 al 21/11/2026 frente al 01/01/2025 al 21/11/2025" in page
    now = growth_report(seeded, platform="facebook", from_=TODAY.replace(month=1, day=1), to=TODAY)[
        0
    ]
    before = growth_report(
        seeded,
        platform="facebook",
        from_=TODAY.replace(year=2025, month=1, day=1),
        to=TODAY.replace(year=2025),
    )[0]
    assert now.change is not None and before.change is not None
    cells = rows(page, "compare-table")[0]
    assert cells[0:2] == ["Facebook", now.account]
    # The year so far, then the same dates last year, then the difference in new followers.
    assert cells[3] == "+" + f"{now.change:,}".replace(",", ".")
    assert cells[5] == "+" + f"{before.change:,}".replace(",", ".")
    assert cells[7] == fmt_signed(now.change - before.change, "es")


def test_text_from_outside_is_escaped(client: TestClient, seeded: Engine) -> None:
    with transaction(seeded) as session:
        upsert_imported_followers(
            session, [FollowerFigure("tiktok", "<img src=x onerror=alert(1)>", TODAY, 5)]
        )
    page = client.get("/growth", params={"range": "last4w"}).text
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_bad_page_parameters_are_400_pages(client: TestClient) -> None:
    for query in (
        {"range": "forever"},
        {"from": "ayer"},
        {"platform": "<b>x</b>"},
        {"account": "nocolon"},
    ):
        response = client.get("/growth", params=query)
        assert response.status_code == 400
        assert "<b>x</b>" not in response.text and 'id="error"' in response.text


def test_home_goes_to_growth(client: TestClient) -> None:
    response = client.get("/", params={"lang": "en"}, follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/growth?lang=en"


def test_links_never_come_from_the_host_header(client: TestClient) -> None:
    poisoned = client.get("/growth?range=year", headers={"Host": "evil.example"})
    assert poisoned.status_code == 200 and "evil.example" not in poisoned.text
    assert "evil.example" not in client.get("/growth?range=year").text
    assert 'href="/growth?range=year&amp;lang=en"' in client.get("/growth?range=year").text


def test_compare_downloads(client: TestClient) -> None:
    rows = people_csv_rows(client.get("/compare.csv", params={"platform": "youtube"}).content)
    assert rows[0][:3] == ["Plataforma", "Cuenta", "Seguidores finales (este año)"]
    assert len(rows) == 3 and all(row[0] == "YouTube" for row in rows[1:])
    sheet = load_workbook(io.BytesIO(client.get("/compare.xlsx").content)).active
    assert sheet is not None and sheet["I1"].value == "Diferencia" and sheet.max_row == 11


def test_platforms_are_named_as_in_the_report(client: TestClient) -> None:
    """Table, chart legend and choices say "Facebook", as the CLI's table and the weekly report
    do; the choices still send the platform's code."""
    page = client.get("/growth", params={"platform": "facebook", "range": "year"}).text
    assert "Facebook · " in page and "facebook · " not in page
    assert 'value="facebook"' in page and "> Facebook</label>" in page
    assert rows(page, "growth-table")[0][0] == "Facebook"
