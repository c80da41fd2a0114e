"""The weekly report as a Prefect flow: last complete Bogotá week, into the configured folder.

With `[email]` configured (and `send_weekly` left on), the written report is then e-mailed,
once per week: a week already delivered is not sent again unless `resend` is given. A failed
sending is recorded and alerted, the files stay, and the run ends Failed so it shows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flows.prefect_env import configure

configure()

from prefect import flow, get_run_logger  # noqa: E402 - Prefect must see the quiet environment first
from prefect.runtime import flow_run  # noqa: E402

from flows.nightly import open_engine  # noqa: E402
from flows.steps.delivery import deliver_weekly  # noqa: E402
from flows.steps.weekly import weekly_report  # noqa: E402
from reports.week import last_complete_week, parse_iso_week  # noqa: E402
from settings import load_settings  # noqa: E402


def week_name() -> str:
    """`weekly-2026-W47`: the week the report covers (the one asked for, or the last complete)."""
    asked = flow_run.parameters.get("week")
    if asked:
        return f"weekly-{asked}"
    now = datetime.now(UTC)
    return f"weekly-{last_complete_week(now, load_settings().config.tz).label}"


@flow(name="pulso-weekly", flow_run_name=week_name, persist_result=False, log_prints=True)
def weekly(
    out_dir: str | None = None,
    week: str | None = None,
    lang: str | None = None,
    resend: bool = False,
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
        email = settings.config.email
        if email is not None and email.send_weekly:
            outcome = deliver_weekly(engine, settings, written, lang=lang, resend=resend)
            print(f"e-mail {outcome.week}: {outcome.status} ({outcome.recipients} recipients)")
    finally:
        engine.dispose()
    if written.pdf_error:
        # The other files are written and returned; the run says what is missing and why.
        get_run_logger().error("PDF not written: %s", written.pdf_error)
    return [str(path) for path in written.files]
