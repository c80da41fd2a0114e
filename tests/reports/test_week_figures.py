"""The summary's "previous week" column is that week's own report's "this week" column."""

from __future__ import annotations

from sqlalchemy.orm import Session

from reports.weekly import build_weekly_report
from settings.model import Config
from tests.reports.seed import NOW, WEEK_START


def test_last_weeks_figures_are_what_last_weeks_report_says(
    seeded: Session, config: Config
) -> None:
    this = build_weekly_report(seeded, week_start=WEEK_START, config=config, now=NOW)
    before = build_weekly_report(
        seeded, week_start=this.week.shifted(-1).start, config=config, now=NOW
    )
    previous = {h.key: h.previous for h in this.summary}
    assert previous == {h.key: h.value for h in before.summary}
    assert previous["free_press"] == 3_900_000 and previous["mentions"] == 1
