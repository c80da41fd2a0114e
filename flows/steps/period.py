"""Build and write the period report (rendición de cuentas): the one step behind
`pulso report period`.

The files of a period go to `<out_dir>/<label>/` (default `<data dir>/<report.out_dir>`), the
label being how it was asked for: `2021-S1`, `2021`, or `2020-01-01_2021-09-30`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from reports.period import Period
from reports.period_model import PeriodReport
from reports.period_render import PdfWriter, write_period_report
from reports.period_report import build_period_report
from reports.write import reports_root
from settings import Settings
from storage.db import session_factory


@dataclass(frozen=True, slots=True)
class WrittenPeriodReport:
    report: PeriodReport
    directory: Path
    files: tuple[Path, ...]
    notes: tuple[str, ...] = ()  # what was not written and why (no PDF here)


def pdf_writer() -> PdfWriter | None:
    """The weekly report's PDF writer (`reports.pdf.write_pdf`, WeasyPrint) when this build
    has it; None otherwise, and the period report is HTML, XLSX and CSV."""
    try:
        module = importlib.import_module("reports.pdf")
    except ImportError:
        return None
    writer: PdfWriter | None = getattr(module, "write_pdf", None)
    return writer


def _safe_pdf(writer: PdfWriter, notes: list[str]) -> PdfWriter:
    def write(page: str, path: Path) -> Path:
        try:
            return writer(page, path)
        except Exception as error:  # noqa: BLE001 - the PDF is extra: say why, keep the rest
            notes.append(f"no PDF: {error}")
            return path.with_suffix(".html")

    return write


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
    notes: list[str] = []
    writer = pdf_writer()
    files = write_period_report(
        report,
        directory,
        lang or settings.config.report.lang,
        pdf=_safe_pdf(writer, notes) if writer else None,
    )
    unique = tuple(dict.fromkeys(files))  # a failed PDF points back at the HTML
    return WrittenPeriodReport(report, directory, unique, tuple(notes))
