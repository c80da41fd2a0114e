"""The week's figures and its free press take the configured zone, never a literal one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from sqlalchemy.orm import Session

from reports.weekly import build_weekly_report
from reports.write import write_report_files
from settings.model import Config
from storage.keys import name_key
from storage.models import Article, Mention, Outlet
from tests.reports.conftest import TARGETS
from tests.reports.seed import NOW, T0, WEEK_START, local


def _late_sunday_web_item(session: Session) -> None:
    """Undated, found at 22:00 on Sunday 15 Nov in Cali: Monday 16 Nov in Madrid."""
    outlet = session.query(Outlet).filter_by(name="Cali es Cali").one()
    article = Article(
        outlet_id=outlet.id,
        canonical_url="https://news.example.org/late",
        url="https://news.example.org/late",
        title="Domingo tarde",
        title_key=name_key("Domingo tarde"),
        published_day=None,
        fetched_at=local(2026, 11, 15, 22),
    )
    session.add(article)
    session.flush()
    session.add(Mention(article_id=article.id, matched_terms=["Alcaldía de Cali"], matched_at=T0))
    session.flush()


def _valued_titles(session: Session, timezone: str) -> list[str]:
    config = Config.model_validate({"targets": TARGETS, "timezone": timezone})
    now = NOW.astimezone(config.tz)
    report = build_weekly_report(session, week_start=WEEK_START, config=config, now=now)
    return [item.title for item in report.free_press.items]


def test_an_undated_web_mention_is_valued_in_the_configured_zones_week(seeded: Session) -> None:
    _late_sunday_web_item(seeded)
    assert "Domingo tarde" in _valued_titles(seeded, "America/Bogota")
    assert "Domingo tarde" not in _valued_titles(seeded, "Europe/Madrid")


def test_the_same_mention_counts_in_the_week_where_it_is_valued(seeded: Session) -> None:
    _late_sunday_web_item(seeded)
    config = Config.model_validate({"targets": TARGETS, "timezone": "Europe/Madrid"})
    at = datetime(2026, 11, 16, 15, tzinfo=config.tz)
    report = build_weekly_report(seeded, week_start=WEEK_START, config=config, now=at)
    titles = {item.title for item in report.free_press.items}
    summary = {h.key: h.value for h in report.summary}
    assert "Domingo tarde" not in titles
    assert summary["free_press"] == report.free_press.total_before_iva


def test_times_in_the_report_files_are_in_the_configured_zone(
    seeded: Session, tmp_path: Path
) -> None:
    config = Config.model_validate({"targets": TARGETS, "timezone": "Europe/Madrid"})
    report = build_weekly_report(seeded, week_start=WEEK_START, config=config, now=NOW)
    published = report.top_posts[0].published_at
    assert published is not None
    madrid = published.astimezone(ZoneInfo("Europe/Madrid")).strftime("%d/%m/%Y %H:%M")
    cali = published.astimezone(ZoneInfo("America/Bogota")).strftime("%d/%m/%Y %H:%M")
    written = write_report_files(report, tmp_path, "es", pdf=False)
    html = written.html.read_text(encoding="utf-8")
    assert madrid in html and cali not in html
    assert "Horas en Europe/Madrid" in html
    top = (tmp_path / "top_posts.csv").read_text(encoding="utf-8-sig")
    assert madrid in top and cali not in top
    sheet = load_workbook(written.xlsx)["Top publicaciones"]
    cell = sheet.cell(row=3, column=4).value  # row 1: title, row 2: headers
    assert cell.strftime("%d/%m/%Y %H:%M") == madrid
