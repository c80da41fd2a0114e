"""The demo office's past: its earlier nights and a backfill, from recordings, through the
real collectors and storage (no Prefect: tonight's night is the one the demo runs as a flow).

The nights collect the social accounts night by night over the last complete week and since,
so the weekly report the demo writes has what a week of Pulso gives: each day's reach and
views, the posts' figures as read during the week, and the week's live broadcast. The
backfill is `pulso backfill posts --since D` on recorded answers: posts from before Pulso.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from flows.steps.collection import SOCIAL, collect, plan_sources
from flows.steps.post_history import BackfillOutcome, backfill_posts
from flows.steps.sources import RunSummary
from pulso.demo import generate
from settings import load_settings

GRAPH_VERSION = "v25.0"


def run_nights(engine: Engine, nights: list[tuple[datetime, Path]]) -> list[RunSummary]:
    """Collect the social accounts once per recorded night, oldest first (a night already
    stored adds nothing: every write is an upsert on its day)."""
    settings = load_settings()
    summaries = []
    for moment, recordings in nights:
        plan = plan_sources(settings, replay_dir=recordings, only=SOCIAL, engine=engine)
        try:
            summaries.append(collect(engine, settings, plan, kind="demo", now=moment).summary)
        finally:
            plan.close()
    return summaries


def run_backfill(
    engine: Engine, recordings: Path, since: date, now: datetime
) -> list[BackfillOutcome]:
    """`pulso backfill posts --since` on the recorded answers: the own accounts' posts back
    to `since`, stored as the command stores them (X within its configured page limit)."""
    return backfill_posts(engine, load_settings(), since=since, replay_dir=recordings, now=now)


@dataclass(frozen=True, slots=True)
class Past:
    nights: int
    backfill_since: date
    backfill: tuple[BackfillOutcome, ...]

    @property
    def backfilled_posts(self) -> int:
        return sum(o.posts for o in self.backfill if o.status == "ok")


def replay_past(engine: Engine, out: Path, now: datetime) -> Past:
    """Write and replay the earlier nights (DIR/nights/DAY) and the backfill (DIR/backfill)."""
    nights = run_nights(engine, generate.write_nights(out / "nights", now, GRAPH_VERSION))
    since = generate.backfill_since(generate.today_in_bogota(now))
    recordings = generate.write_backfill(out / "backfill", now, GRAPH_VERSION, since)
    return Past(len(nights), since, tuple(run_backfill(engine, recordings, since, now)))
