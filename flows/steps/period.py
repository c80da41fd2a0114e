"""Build and write the period report (rendición de cuentas): the one step behind
`pulso report period`.

The files of a period go to `<out_dir>/<label>/` (default `<data dir>/<report.out_dir>`), the
label being how it was asked for: `2021-S1`, `2021`, or `2020-01-01_2021-09-30`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from reports.period import Period
from reports.period_model import PeriodReport
from reports.period_render import write_period_report
from reports.period_report import build_period_report
from reports.write import ReportFiles, reports_root
from settings import Settings
from storage.db import session_factory


@dataclass(frozen=True, slots=True)
class WrittenPeriodReport:
    report: PeriodReport
    directory: Path
    written: ReportFiles  # by kind: html, pdf, xlsx, csvs (the e-mail attaches pdf and xlsx)
    lang: str = "es"

    @property
    def files(self) -> tuple[Path, ...]:
        """HTML, PDF (when written), XLSX, then the CSVs."""
        return tuple(self.written.paths)

    @property
    def pdf_error(self) -> str | None:
        """Why the PDF is missing (the other files were written), or None."""
        return self.written.pdf_error


def period_model(
    engine: Engine, settings: Settings, period: Period, *, now: datetime | None = None
) -> PeriodReport:
    with session_factory(engine)() as session:
        return build_period_report(
            session, period=period, config=settings.config, now=now or datetime.now(UTC)
        )


def period_report(
    engine: Engine,
    settings: Settings,
    period: Period,
    *,
    out_dir: str | Path | None = None,
    lang: str | None = None,
    now: datetime | None = None,
) -> WrittenPeriodReport:
    """Build the report of `period` and write it into its folder under `out_dir`."""
    report = period_model(engine, settings, period, now=now)
    root = Path(out_dir) if out_dir else reports_root(settings.data_dir, settings.config)
    directory = root / period.label
    chosen = lang or settings.config.report.lang
    written = write_period_report(report, directory, chosen)
    return WrittenPeriodReport(report, directory, written, chosen)
