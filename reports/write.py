"""Write a built weekly report: report.html, report.xlsx and one CSV per table."""

from __future__ import annotations

from pathlib import Path

from reports.csv_export import write_csvs
from reports.model import WeeklyReport
from reports.render_html import render_html
from reports.tables import all_tables
from reports.xlsx import write_xlsx
from settings.model import Config

LANGS = ("es", "en")


def reports_root(data_dir: Path, config: Config) -> Path:
    """`<data dir>/<report.out_dir>` (an absolute out_dir is used as is): one folder per week
    below it, where the dashboard's Reports page looks."""
    return data_dir / config.report.out_dir


def write_weekly_report(report: WeeklyReport, out_dir: Path, lang: str = "es") -> list[Path]:
    """Write every file into `out_dir` (created when missing); returns the paths written."""
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r} (expected es or en)")
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = all_tables(report, lang)
    html = out_dir / "report.html"
    html.write_text(render_html(report, tables, lang), encoding="utf-8")
    return [
        html,
        write_xlsx(tables, out_dir / "report.xlsx", lang),
        *write_csvs(tables, out_dir, lang),
    ]
