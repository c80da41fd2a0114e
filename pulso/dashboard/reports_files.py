"""The weekly and period reports on disk: listing them and resolving a requested file safely.

Only `YYYY-Www/<plain file name>` (a week) or `2021-S1/`, `2021/`, `2020-01-01_2021-09-30/`
(a period, `pulso report period`) under the reports folder can be served: names are checked
against strict patterns and the resolved path must stay inside that folder, so `..`,
absolute paths and symlinks pointing elsewhere are all refused. Which files are a report's
HTML, PDF and XLSX is reports.files' answer, the one the writers name them by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reports.files import MAIN_KINDS, is_main_file
from reports.period import Period, parse_label

WEEK = re.compile(r"^\d{4}-W\d{2}$")
PERIOD = re.compile(r"^\d{4}(?:-S[12])?$|^\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}$")
FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".json": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
}


@dataclass(frozen=True, slots=True)
class ReportFile:
    name: str
    size: int


@dataclass(frozen=True, slots=True)
class WeekReports:
    week: str  # the folder: a week (2026-W47) or, with kind "period", a period label (2021-S1)
    files: tuple[ReportFile, ...]
    kind: str = "weekly"  # weekly | period

    @property
    def main(self) -> dict[str, ReportFile]:
        """The week's report by kind ("html", "pdf", "xlsx"): `informe-semanal-2026-W47.pdf`,
        `weekly-report-2026-W47.pdf` or, in folders written before 0.2.0, `report.html`; a
        period's `informe-periodo-2021-S1.pdf` / `period-report-2021-S1.pdf` (or `report.*`)."""
        found: dict[str, ReportFile] = {}
        for file in self.files:
            if is_main_file(file.name, self.week, self.kind):
                found.setdefault(Path(file.name).suffix.lstrip("."), file)
        return {kind: found[kind] for kind in MAIN_KINDS if kind in found}

    @property
    def tables(self) -> tuple[ReportFile, ...]:
        """Everything else in the folder: one CSV per table."""
        main = set(self.main.values())
        return tuple(f for f in self.files if f not in main)


def _files(folder: Path) -> tuple[ReportFile, ...]:
    found = []
    for path in sorted(folder.iterdir()):
        if FILE.match(path.name) and path.suffix in MEDIA_TYPES and _inside(folder, path):
            found.append(ReportFile(path.name, path.stat().st_size))
    return tuple(found)


def _inside(folder: Path, path: Path) -> bool:
    try:
        resolved = path.resolve(strict=True)
    except OSError:
        return False
    return resolved.is_file() and resolved.parent == folder.resolve()


def list_reports(root: Path) -> list[WeekReports]:
    """Newest week first; folders that are not report weeks are ignored."""
    if not root.is_dir():
        return []
    weeks = [p for p in root.iterdir() if p.is_dir() and WEEK.match(p.name)]
    return [WeekReports(p.name, _files(p)) for p in sorted(weeks, reverse=True)]


def list_period_reports(root: Path) -> list[tuple[Period, WeekReports]]:
    """Period report folders (`pulso report period`), the latest end first (then the longest);
    folders named like a period that no calendar has (2021-02-30_...) are ignored."""
    if not root.is_dir():
        return []
    found = []
    for folder in root.iterdir():
        if not folder.is_dir() or not PERIOD.match(folder.name):
            continue
        try:
            period = parse_label(folder.name)
        except ValueError:
            continue
        found.append((period, WeekReports(folder.name, _files(folder), "period")))
    return sorted(found, key=lambda item: (item[0].end, -item[0].start.toordinal()), reverse=True)


def resolve_report(root: Path, week: str, name: str) -> Path | None:
    """The file to serve, or None (the caller answers 404) for anything else."""
    folder_ok = WEEK.match(week) or PERIOD.match(week)
    if not folder_ok or not FILE.match(name) or Path(name).suffix not in MEDIA_TYPES:
        return None
    folder = root / week
    path = folder / name
    return path if folder.is_dir() and _inside(folder, path) else None
