"""One call for the CLI, the weekly flow and the demo: build a week's report and write it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from reports.week import Week, last_complete_week
from reports.weekly import build_weekly_report
from reports.write import report_dir, write_weekly_report
from settings.model import Config
from storage.db import session_factory


def generate_weekly_report(
    engine: Engine,
    *,
    config: Config,
    data_dir: Path,
    week: Week | None = None,
    out_dir: Path | None = None,
    lang: str | None = None,
    now: datetime | None = None,
) -> list[Path]:
    """Write the report of `week` (default: the last complete one) and return its files.

    Default folder: `<data dir>/<report.out_dir>/<YYYY-Www>/`; default language: the config's.
    """
    now = now or datetime.now(UTC)
    week = week or last_complete_week(now, config.tz)
    with session_factory(engine)() as session:
        report = build_weekly_report(session, week_start=week.start, config=config, now=now)
    target = out_dir or report_dir(data_dir, config, week)
    return write_weekly_report(report, target, lang or config.report.lang)
