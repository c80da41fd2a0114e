"""The demo office's past: its earlier nights and a backfill, from recordings, through the
real collectors and storage (no Prefect: tonight's night is the one the demo runs as a flow).

The nights collect the social accounts night by night over the last complete week and since,
so the weekly report the demo writes has what a week of Pulso gives: each day's reach and
views, the posts' figures as read during the week, and the week's live broadcast. The
backfill is `pulso backfill posts --since D` on recorded answers: posts from before Pulso.
A re-run the same day replays only what an earlier run did not store (pulso/demo/stored.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from flows.steps.collection import SOCIAL, collect, plan_sources
from flows.steps.post_history import BackfillOutcome, backfill_posts
from flows.steps.sources import RunSummary
from pulso.demo import generate, stored
from settings import load_settings

GRAPH_VERSION = "v25.0"


def run_nights(
    engine: Engine, nights: list[tuple[datetime, Path]], recorded_on: date
) -> list[RunSummary]:
    """Collect the social accounts once per recorded night, oldest first (a night already
    stored adds nothing: every write is an upsert on its day); each run is marked with the
    night it replayed (`stored.mark_night`)."""
    settings = load_settings()
    summaries = []
    for moment, recordings in nights:
        plan = plan_sources(settings, replay_dir=recordings, only=SOCIAL, engine=engine)
        try:
            summary = collect(engine, settings, plan, kind="demo", now=moment).summary
        finally:
            plan.close()
        stored.mark_night(engine, summary.run_id, moment, recorded_on)
        summaries.append(summary)
    return summaries


def run_backfill(
    engine: Engine, recordings: Path, since: date, now: datetime
) -> list[BackfillOutcome]:
    """`pulso backfill posts --since` on the recorded answers: the own accounts' posts back
    to `since`, stored as the command stores them (X within its configured page limit)."""
    return backfill_posts(engine, load_settings(), since=since, replay_dir=recordings, now=now)


@dataclass(frozen=True, slots=True)
class Past:
    nights: int  # the earlier nights the week's report needs
    nights_stored: int  # of those, already stored by an earlier run today: not replayed
    backfill_since: date
    backfilled_posts: int
    backfill_stored: bool  # stored by an earlier run today: not replayed


def replay_past(engine: Engine, out: Path, now: datetime) -> Past:
    """Write and replay the earlier nights (DIR/nights/DAY) and the backfill (DIR/backfill),
    except those an earlier run today already stored from recordings still in DIR."""
    today = generate.today_in_bogota(now)
    moments = generate.night_moments(now)
    folder = out / "nights"
    kept = {
        m
        for m in stored.stored_nights(engine, today) & set(moments)
        if (folder / m.date().isoformat()).is_dir()
    }
    nights = generate.write_nights(folder, now, GRAPH_VERSION, keep={m.date() for m in kept})
    run_nights(engine, [(m, path) for m, path in nights if m not in kept], today)
    since = generate.backfill_since(today)
    recordings = out / "backfill"
    done = stored.stored_backfill(engine, today, since) if recordings.is_dir() else None
    if done is not None:
        return Past(len(nights), len(kept), since, done.posts, backfill_stored=True)
    generate.write_backfill(recordings, now, GRAPH_VERSION, since)
    outcomes = run_backfill(engine, recordings, since, now)
    posts = sum(o.posts for o in outcomes if o.status == "ok")
    return Past(len(nights), len(kept), since, posts, backfill_stored=False)
