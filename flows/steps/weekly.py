"""The weekly report step: build the report of a Bogotá week and write its files.

Shared by the weekly Prefect flow and the demo; the week defaults to the last complete one
(Monday to Sunday, America/Bogota) as of `now`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from reports.week import Week, last_complete_week
from reports.weekly import build_weekly_report
from reports.write import report_dir as default_report_dir
from reports.write import write_weekly_report
from settings import Settings
from storage.db import session_factory


@dataclass(frozen=True, slots=True)
class WrittenReport:
    week: Week
    directory: Path
    files: tuple[Path, ...]


def report_dir(settings: Settings, out_dir: str | Path | None, week: Week) -> Path:
    """`<out>/<YYYY-Www>`, by default `<data dir>/<report.out_dir>/<YYYY-Www>` as the CLI and
    the dashboard's Reports page use: one folder per week, a re-run replaces only that week."""
    if out_dir:
        return Path(out_dir) / week.label
    return default_report_dir(settings.data_dir, settings.config, week)


def weekly_report(
    engine: Engine,
    settings: Settings,
    *,
    out_dir: str | Path | None = None,
    week: Week | None = None,
    lang: str | None = None,
    now: datetime | None = None,
) -> WrittenReport:
    now = now or datetime.now(UTC)
    week = week or last_complete_week(now, settings.config.tz)
    with session_factory(engine)() as session:
        report = build_weekly_report(
            session, week_start=week.start, config=settings.config, now=now
        )
    directory = report_dir(settings, out_dir, week)
    files = write_weekly_report(report, directory, lang or settings.config.report.lang)
    return WrittenReport(week, directory, tuple(files))
