"""The names of a week's report files: `informe-semanal-2026-W47.html` (es) or
`weekly-report-2026-W47.html` (en), beside one CSV per table, in the week's folder `2026-W47/`;
a period report's likewise: `informe-periodo-2021-S1.html` / `period-report-2021-S1.html` in
the period's folder `2021-S1/`.

The dashboard's Reports page, the e-mail and the tests find the files through these names; the
names before 0.2.0 (`report.html`, `report.xlsx`) are still recognised in old folders.
"""

from __future__ import annotations

from reports.i18n import report_title
from reports.model import WeeklyReport

STEMS = {"es": "informe-semanal", "en": "weekly-report"}
PERIOD_STEMS = {"es": "informe-periodo", "en": "period-report"}
_STEMS = {"weekly": STEMS, "period": PERIOD_STEMS}
LEGACY_STEM = "report"
MAIN_KINDS = ("html", "pdf", "xlsx")


def report_stem(label: str, lang: str, kind: str = "weekly") -> str:
    """`informe-semanal-2026-W47` / `weekly-report-2026-W47`; with kind "period",
    `informe-periodo-2021-S1` / `period-report-2021-S1`."""
    stems = _STEMS[kind]
    return f"{stems.get(lang, stems['es'])}-{label}"


def is_main_file(name: str, label: str, kind: str = "weekly") -> bool:
    """Is `name` the week's (or period's) HTML, PDF or XLSX report (in either language, or the
    old name `report.*`)?"""
    stem, dot, suffix = name.rpartition(".")
    if not dot or suffix not in MAIN_KINDS:
        return False
    return stem == LEGACY_STEM or stem in {report_stem(label, lang, kind) for lang in STEMS}


def report_heading(report: WeeklyReport, lang: str) -> str:
    """`Alcaldía de Santiago de Cali · Informe semanal · 16 al 22 de noviembre de 2026`: the
    first row of every sheet and the printed pages' footer."""
    title = report_title(report.week.start, report.week.end, lang)
    return f"{report.organization} · {title}" if report.organization else title
