"""The names of a week's report files: `informe-semanal-2026-W47.html` (es) or
`weekly-report-2026-W47.html` (en), beside one CSV per table, in the week's folder `2026-W47/`.

The dashboard's Reports page, the e-mail and the tests find the files through these names; the
names before 0.2.0 (`report.html`, `report.xlsx`) are still recognised in old folders.
"""

from __future__ import annotations

from reports.i18n import report_title
from reports.model import WeeklyReport

STEMS = {"es": "informe-semanal", "en": "weekly-report"}
LEGACY_STEM = "report"
MAIN_KINDS = ("html", "pdf", "xlsx")


def report_stem(week_label: str, lang: str) -> str:
    """`informe-semanal-2026-W47` / `weekly-report-2026-W47`."""
    return f"{STEMS.get(lang, STEMS['es'])}-{week_label}"


def is_main_file(name: str, week_label: str) -> bool:
    """Is `name` the week's HTML, PDF or XLSX report (in either language, or the old name)?"""
    stem, dot, suffix = name.rpartition(".")
    if not dot or suffix not in MAIN_KINDS:
        return False
    return stem == LEGACY_STEM or stem in {report_stem(week_label, lang) for lang in STEMS}


def report_heading(report: WeeklyReport, lang: str) -> str:
    """`Alcaldía de Santiago de Cali · Informe semanal · 16 al 22 de noviembre de 2026`: the
    first row of every sheet and the printed pages' footer."""
    title = report_title(report.week.start, report.week.end, lang)
    return f"{report.organization} · {title}" if report.organization else title
