"""A week's report files say what they are and which week: informe-semanal-2026-W46.pdf."""

from __future__ import annotations

from pathlib import Path

from pulso.dashboard.reports_files import list_reports
from reports.files import is_main_file, report_stem
from reports.model import WeeklyReport
from reports.write import write_report_files


def test_spanish_and_english_reports_are_named_by_their_week(
    report: WeeklyReport, tmp_path: Path
) -> None:
    spanish = write_report_files(report, tmp_path / "es", "es", pdf=False)
    english = write_report_files(report, tmp_path / "en", "en", pdf=False)
    assert (spanish.html.name, spanish.xlsx.name) == (
        "informe-semanal-2026-W46.html",
        "informe-semanal-2026-W46.xlsx",
    )
    assert (english.html.name, english.xlsx.name) == (
        "weekly-report-2026-W46.html",
        "weekly-report-2026-W46.xlsx",
    )
    assert {p.name for p in spanish.csvs} >= {"followers.csv", "top_posts.csv"}


def test_the_reports_page_finds_each_weeks_html_pdf_and_xlsx(tmp_path: Path) -> None:
    for week, stem in (("2026-W46", report_stem("2026-W46", "es")), ("2026-W45", "report")):
        folder = tmp_path / week
        folder.mkdir()
        for suffix in (".html", ".pdf", ".xlsx"):
            (folder / f"{stem}{suffix}").write_bytes(b"x")
        (folder / "followers.csv").write_bytes(b"x")
    (tmp_path / "2026-W44").mkdir()
    (tmp_path / "2026-W44" / "weekly-report-2026-W44.html").write_bytes(b"x")
    newest, older, oldest = list_reports(tmp_path)
    assert {k: f.name for k, f in newest.main.items()} == {
        "html": "informe-semanal-2026-W46.html",
        "pdf": "informe-semanal-2026-W46.pdf",
        "xlsx": "informe-semanal-2026-W46.xlsx",
    }
    assert [f.name for f in newest.tables] == ["followers.csv"]
    assert older.main["pdf"].name == "report.pdf"  # folders written before 0.2.0
    assert list(oldest.main) == ["html"]


def test_only_the_weeks_own_names_are_its_report() -> None:
    assert is_main_file("informe-semanal-2026-W46.pdf", "2026-W46")
    assert not is_main_file("informe-semanal-2026-W45.pdf", "2026-W46")
    assert not is_main_file("informe-semanal-2026-W46.csv", "2026-W46")
    assert not is_main_file("followers.xlsx", "2026-W46")


def test_period_reports_are_named_by_the_same_function() -> None:
    assert report_stem("2021-S1", "es", "period") == "informe-periodo-2021-S1"
    assert report_stem("2021", "en", "period") == "period-report-2021"
    assert is_main_file("informe-periodo-2021-S1.pdf", "2021-S1", "period")
    assert is_main_file("report.html", "2021-S1", "period")  # written before the rename
    assert not is_main_file("informe-semanal-2021-S1.pdf", "2021-S1", "period")
    assert not is_main_file("informe-periodo-2021-S1.pdf", "2021-S1")
