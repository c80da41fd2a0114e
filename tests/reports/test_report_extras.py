"""The weekly and period reports' "Alcance y reproducciones", "Campañas" and "Cuota de voz en
medios" sections (issue 16): seeded reach, live broadcasts, a campaign and peer mentions,
rendered to HTML (read with BeautifulSoup), XLSX sheets and CSVs; empty or unconfigured, a
one-line note."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from collectors.records import InsightValue, LiveVideo
from reports.period import Period
from reports.period_render import write_period_report
from reports.period_report import build_period_report
from reports.weekly import build_weekly_report
from reports.write import write_report_files
from settings.model import Config
from storage.insights import store_account_insights, store_live_videos
from storage.models import Account, Article, Outlet, PeerMention
from tests.reports.conftest import ACCOUNTS, TARGETS
from tests.reports.seed import NOW, SCRIPT, WEEK_START

AT = datetime(2026, 11, 14, 7, 0, tzinfo=UTC)
CAMPAIGNS = [
    {"name": "Cali Hola", "terms": ["hola"], "from": "2026-11-01", "to": "2026-11-30"},
    {"name": "Navidad pasada", "terms": ["navidad"], "from": "2025-12-01", "to": "2025-12-31"},
]
PEERS = [{"name": "Alcaldía de Medellín", "terms": ["Medellín"]}]


def full_config() -> Config:
    return Config.model_validate(
        {"targets": TARGETS, "accounts": ACCOUNTS, "campaigns": CAMPAIGNS, "peers": PEERS}
    )


def seed_extras(session: Session) -> None:
    """Facebook reach on two days of the week, a live broadcast with a hostile title, and two
    peer mentions in El País (which names the office three times that week)."""
    page = session.scalars(
        select(Account).where(Account.platform == "facebook", Account.handle == "AlcaldiaDeCali")
    ).one()
    values = [
        InsightValue("page_total_media_view_unique", 402118, day=date(2026, 11, 10)),
        InsightValue("page_total_media_view_unique", 100000, day=date(2026, 11, 11)),
        InsightValue("page_media_view", 1284310, day=date(2026, 11, 10)),
    ]
    store_account_insights(
        session, page, values, day=date(2026, 11, 12), collected_at=AT, run_id=None
    )
    live = LiveVideo(
        platform="facebook",
        account_handle="AlcaldiaDeCali",
        live_id="L1",
        fetched_at=AT,
        title=SCRIPT + " Rendición de cuentas",
        started_at=datetime(2026, 11, 12, 23, 0, tzinfo=UTC),
        duration_s=7385,
        total_views=48730,
    )
    store_live_videos(session, page, [live], run_id=None)
    pais = session.scalars(
        select(Article.id).join(Outlet).where(Outlet.name == "El País").order_by(Article.id)
    ).all()
    for article_id in pais[:2]:
        session.add(
            PeerMention(
                article_id=article_id,
                peer="Alcaldía de Medellín",
                matched_terms=["Medellín"],
                matched_at=AT,
            )
        )
    session.flush()


@pytest.fixture
def extras_session(seeded: Session) -> Session:
    seed_extras(seeded)
    return seeded


def section(soup: BeautifulSoup, section_id: str) -> Tag:
    found = soup.find("section", id=section_id)
    assert isinstance(found, Tag), section_id
    return found


def rows(table: Tag) -> list[list[str]]:
    return [
        [td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")
    ]  # type: ignore[union-attr]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";" if ";" in path.read_text() else ","))


def test_weekly_report_shows_reach_lives_campaigns_and_share(
    extras_session: Session, tmp_path: Path
) -> None:
    report = build_weekly_report(
        extras_session, week_start=WEEK_START, config=full_config(), now=NOW
    )
    files = write_report_files(report, tmp_path, "es", pdf=False)
    html = files.html.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")

    reach = section(soup, "reach")
    assert reach.h2 is not None and reach.h2.get_text() == "Alcance y reproducciones"
    table = reach.find("table", class_="reach")
    assert isinstance(table, Tag)
    by_account = {r[1]: r for r in rows(table)}
    facebook = by_account["Alcaldía de Cali"]
    # Daily reach added over the two days measured, es-CO thousands.
    assert facebook[2:4] == ["502.118", "1.284.310"]
    assert facebook[-1] == "2"
    twitter = next(r for r in rows(table) if r[0].startswith("X"))
    assert twitter[2] == "sin datos" and "Impresiones" in twitter
    lives = reach.find("table", class_="live_videos")
    assert isinstance(lives, Tag)
    (live,) = rows(lives)
    assert SCRIPT + " Rendición de cuentas" in live  # shown as text, escaped
    assert "12/11/2026" in live[3] and "18:00" in live[3]  # Bogotá time
    assert live[4] == "2 h 3 min 5 s" and live[5] == "48.730"
    assert "<script>" not in html and "&lt;script&gt;" in html

    campaigns = section(soup, "campaigns")
    table = campaigns.find("table", class_="campaigns")
    assert isinstance(table, Tag)
    (campaign,) = rows(table)  # only the campaign running this week
    assert campaign[0] == "Cali Hola" and campaign[1:3] == ["09/11/2026", "15/11/2026"]
    assert campaign[3] == "1"

    share = section(soup, "share")
    assert share.h2 is not None and share.h2.get_text() == "Cuota de voz en medios"
    table = share.find("table", class_="share_of_voice")
    assert isinstance(table, Tag)
    outlets = {r[0]: r for r in rows(table)}
    # El País: the office 2 this week (its third article is from the week before), Medellín 2.
    assert outlets["El País"][1:] == ["2", "2", "50,0 %"]
    assert outlets["Cali es Cali"][2:] == ["0", "100,0 %"]

    book = load_workbook(files.xlsx)
    assert {"Alcance", "Transmisiones en vivo", "Campañas", "Cuota de voz"} <= set(book.sheetnames)
    names = {p.name for p in files.csvs}
    assert {"reach.csv", "live_videos.csv", "campaigns.csv", "share_of_voice.csv"} <= names
    share_csv = read_csv(tmp_path / "share_of_voice.csv")
    assert share_csv[0] == ["Medio", "Menciones propias", "Menciones de referentes", "Cuota de voz"]

    # "Lo más importante" is as it was: the sections add no sentence to it.
    plain = build_weekly_report(
        extras_session,
        week_start=WEEK_START,
        config=Config.model_validate({"accounts": ACCOUNTS}),
        now=NOW,
    )
    from reports.highlights import highlights

    assert highlights(report, "es") == highlights(plain, "es")


def test_weekly_report_in_english(extras_session: Session, tmp_path: Path) -> None:
    report = build_weekly_report(
        extras_session, week_start=WEEK_START, config=full_config(), now=NOW
    )
    files = write_report_files(report, tmp_path, "en", pdf=False)
    soup = BeautifulSoup(files.html.read_text(encoding="utf-8"), "html.parser")
    assert section(soup, "reach").h2.get_text() == "Reach and views"  # type: ignore[union-attr]
    assert section(soup, "campaigns").h2.get_text() == "Campaigns"  # type: ignore[union-attr]
    share = section(soup, "share")
    assert share.h2.get_text() == "Share of voice in the news"  # type: ignore[union-attr]
    assert "50.0%" in share.get_text()
    assert {"Reach", "Live broadcasts", "Campaigns", "Share of voice"} <= set(
        load_workbook(files.xlsx).sheetnames
    )


def test_weekly_sections_without_data_or_configuration_say_so(
    session: Session, tmp_path: Path
) -> None:
    unconfigured = Config.model_validate({"accounts": ACCOUNTS})
    report = build_weekly_report(session, week_start=WEEK_START, config=unconfigured, now=NOW)
    files = write_report_files(report, tmp_path, "es", pdf=False)
    soup = BeautifulSoup(files.html.read_text(encoding="utf-8"), "html.parser")
    assert section(soup, "reach").find("p", class_="empty").get_text() == (  # type: ignore[union-attr]
        "Sin datos de alcance ni de reproducciones en este periodo."
    )
    assert "No configurado" in section(soup, "campaigns").get_text()
    assert "No configurado" in section(soup, "share").get_text()
    assert section(soup, "reach").find("table") is None
    # The sheets and CSVs are there, with headers and no rows.
    assert len(read_csv(tmp_path / "reach.csv")) == 1

    configured = build_weekly_report(session, week_start=WEEK_START, config=full_config(), now=NOW)
    other = tmp_path / "configured"
    files = write_report_files(configured, other, "es", pdf=False)
    soup = BeautifulSoup(files.html.read_text(encoding="utf-8"), "html.parser")
    # A configured campaign running in a week without posts: a row of measured zeros.
    assert "Cali Hola" in section(soup, "campaigns").get_text()
    assert "Sin datos: ninguna mención" in section(soup, "share").get_text()


def test_period_report_shows_the_three_sections(extras_session: Session, tmp_path: Path) -> None:
    period = Period(date(2026, 11, 1), date(2026, 11, 30))
    report = build_period_report(extras_session, period=period, config=full_config(), now=NOW)
    files = write_period_report(report, tmp_path, "es", pdf=False)
    html = files.html.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    reach = section(soup, "reach")
    assert reach.h2.get_text() == "Alcance y reproducciones"  # type: ignore[union-attr]
    assert "502.118" in reach.get_text() and "48.730" in reach.get_text()
    assert "<script>" not in html
    campaigns = section(soup, "campaigns")
    table = campaigns.find("table", class_="campaigns")
    assert isinstance(table, Tag)
    (campaign,) = rows(table)
    assert campaign[1:3] == ["01/11/2026", "30/11/2026"]
    share = section(soup, "share")
    table = share.find("table", class_="share_of_voice")
    assert isinstance(table, Tag)
    # Over the month El País named the office 3 times (4 Nov too) and Medellín 2.
    assert {r[0]: r[1:] for r in rows(table)}["El País"] == ["3", "2", "60,0 %"]
    book = load_workbook(files.xlsx)
    assert {"Alcance", "Transmisiones en vivo", "Campañas", "Cuota de voz"} <= set(book.sheetnames)
    assert {"reach.csv", "live_videos.csv", "campaigns.csv", "share_of_voice.csv"} <= {
        p.name for p in files.csvs
    }


def test_a_configured_campaign_not_running_in_the_week_is_named_so(
    session: Session, tmp_path: Path
) -> None:
    past_only = Config.model_validate({"accounts": ACCOUNTS, "campaigns": CAMPAIGNS[1:]})
    report = build_weekly_report(session, week_start=WEEK_START, config=past_only, now=NOW)
    files = write_report_files(report, tmp_path, "es", pdf=False)
    soup = BeautifulSoup(files.html.read_text(encoding="utf-8"), "html.parser")
    campaigns = section(soup, "campaigns")
    assert campaigns.find("table") is None
    assert "Ninguna campaña corrió en este periodo." in campaigns.get_text()


def test_the_spanish_sections_hold_no_english(extras_session: Session, tmp_path: Path) -> None:
    from tests.reports.test_report_language import _english_fragments

    report = build_weekly_report(
        extras_session, week_start=WEEK_START, config=full_config(), now=NOW
    )
    files = write_report_files(report, tmp_path, "es", pdf=False)
    soup = BeautifulSoup(files.html.read_text(encoding="utf-8"), "html.parser")
    text = " ".join(
        " ".join(section(soup, name).get_text(" ", strip=True).split())
        for name in ("reach", "campaigns", "share")
    )
    assert "Impresiones" in text and "Cuota de voz" in text
    assert [f for f in _english_fragments() if f in text] == []


def test_accounts_without_any_reach_measured_make_one_line(seeded: Session, tmp_path: Path) -> None:
    # Own accounts exist and posted, but no reach, views or broadcast was measured.
    report = build_weekly_report(seeded, week_start=WEEK_START, config=full_config(), now=NOW)
    assert report.extras.reach and not report.extras.has_reach
    files = write_report_files(report, tmp_path, "es", pdf=False)
    soup = BeautifulSoup(files.html.read_text(encoding="utf-8"), "html.parser")
    reach = section(soup, "reach")
    assert reach.find("table") is None
    assert "Sin datos de alcance ni de reproducciones" in reach.get_text()
    # The spreadsheet still lists the accounts, each figure "sin datos".
    assert len(read_csv(tmp_path / "reach.csv")) == 1 + len(report.extras.reach)
