"""Write a built weekly report: `informe-semanal-YYYY-Www.{html,pdf,xlsx}` (English:
`weekly-report-YYYY-Www.*`) and one CSV per table, into the week's folder.

The HTML, XLSX and CSVs are written first; the PDF, rendered from the same HTML, comes last, and
when it cannot be rendered the other files stay and the reason is returned (`pdf_error`) for the
caller to report: a missing PDF never loses the week's report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reports.csv_export import write_csvs
from reports.files import report_heading, report_stem
from reports.model import WeeklyReport
from reports.render_html import render_html
from reports.tables import all_tables
from reports.xlsx import write_xlsx
from settings.model import Config

LANGS = ("es", "en")


@dataclass(frozen=True, slots=True)
class ReportFiles:
    """What one week's report wrote: the e-mail attaches `pdf` and `xlsx`."""

    html: Path
    xlsx: Path
    pdf: Path | None  # None when the PDF could not be rendered: see pdf_error
    csvs: tuple[Path, ...]
    pdf_error: str | None = None

    @property
    def paths(self) -> list[Path]:
        main = [self.html, self.pdf, self.xlsx]
        return [p for p in main if p is not None] + list(self.csvs)


def reports_root(data_dir: Path, config: Config) -> Path:
    """`<data dir>/<report.out_dir>` (an absolute out_dir is used as is): one folder per week
    below it, where the dashboard's Reports page looks."""
    return data_dir / config.report.out_dir


def write_report_files(
    report: WeeklyReport, out_dir: Path, lang: str = "es", *, pdf: bool = True
) -> ReportFiles:
    """Write every file into `out_dir` (created when missing)."""
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r} (expected es or en)")
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(report.week.label, lang)
    tables = all_tables(report, lang)
    page = render_html(report, tables, lang)
    html = out_dir / f"{stem}.html"
    html.write_text(page, encoding="utf-8")
    xlsx = write_xlsx(tables, out_dir / f"{stem}.xlsx", lang, heading=report_heading(report, lang))
    csvs = tuple(write_csvs(tables, out_dir, lang))
    if not pdf:
        return ReportFiles(html, xlsx, None, csvs)
    from reports.pdf import PdfError, write_pdf

    try:
        return ReportFiles(html, xlsx, write_pdf(page, out_dir / f"{stem}.pdf"), csvs)
    except PdfError as error:
        return ReportFiles(html, xlsx, None, csvs, pdf_error=str(error))


def write_weekly_report(report: WeeklyReport, out_dir: Path, lang: str = "es") -> list[Path]:
    """`write_report_files` for callers that want only the paths written."""
    return write_report_files(report, out_dir, lang).paths
