"""The weekly report as a Prefect flow: last complete Bogotá week, into the configured folder."""

from __future__ import annotations

from flows.prefect_env import configure

configure()

from prefect import flow  # noqa: E402 - Prefect must see the quiet environment first

from flows.nightly import open_engine  # noqa: E402
from flows.steps.weekly import weekly_report  # noqa: E402
from reports.week import parse_iso_week  # noqa: E402
from settings import load_settings  # noqa: E402


@flow(name="pulso-weekly", persist_result=False)
def weekly(
    out_dir: str | None = None, week: str | None = None, lang: str | None = None
) -> list[str]:
    """Build the weekly report (the last complete week unless `week` = YYYY-Www is given)."""
    settings = load_settings()
    engine = open_engine(settings)
    try:
        written = weekly_report(
            engine,
            settings,
            out_dir=out_dir,
            week=parse_iso_week(week) if week else None,
            lang=lang,
        )
    finally:
        engine.dispose()
    return [str(path) for path in written.files]
