"""Write the weekly report: the one step behind `pulso report weekly`, the weekly flow, the
demo and the dashboard's Reports page.

`out_dir` is always the reports folder: the files of week YYYY-Www go to `<out_dir>/YYYY-Www/`
(default `<data dir>/<report.out_dir>`), one folder per week, so a re-run replaces only that
week and the dashboard finds every week under the same root. The week defaults to the last
complete one (Monday to Sunday in the configured zone) as of `now`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from reports.messages import notice_text
from reports.model import Notice
from reports.week import Week, last_complete_week
from reports.weekly import build_weekly_report
from reports.write import reports_root, write_weekly_report
from settings import Settings
from settings.load import logo_path
from storage.db import session_factory


@dataclass(frozen=True, slots=True)
class WrittenReport:
    week: Week
    directory: Path
    files: tuple[Path, ...]
    # What the report says it was made without (no pulso.toml, no targets, a bad logo).
    notices: tuple[Notice, ...] = field(default=())
    lang: str = "es"

    def notice_lines(self) -> list[str]:
        return [notice_text(n, self.lang) for n in self.notices]


log = logging.getLogger("pulso.report")


def report_dir(settings: Settings, out_dir: str | Path | None, week: Week) -> Path:
    """`<out_dir>/<YYYY-Www>`, by default `<data dir>/<report.out_dir>/<YYYY-Www>`."""
    root = Path(out_dir) if out_dir else reports_root(settings.data_dir, settings.config)
    return root / week.label


def weekly_report(
    engine: Engine,
    settings: Settings,
    *,
    out_dir: str | Path | None = None,
    week: Week | None = None,
    lang: str | None = None,
    now: datetime | None = None,
) -> WrittenReport:
    """Build the report of `week` and write it into its week's folder under `out_dir`."""
    now = now or datetime.now(UTC)
    week = week or last_complete_week(now, settings.config.tz)
    with session_factory(engine)() as session:
        report = build_weekly_report(
            session,
            week_start=week.start,
            config=settings.config,
            now=now,
            config_found=settings.config_found,
            config_path=str(settings.config_path),
            logo_path=logo_path(settings),
        )
    directory = report_dir(settings, out_dir, week)
    lang = lang or settings.config.report.lang
    files = write_weekly_report(report, directory, lang)
    written = WrittenReport(week, directory, tuple(files), report.notices, lang)
    for line in written.notice_lines():
        log.warning("%s: %s", week.label, line)
    return written
