"""What an earlier `pulso demo` into the same folder already stored from its recordings.

A re-run replays again only what is not stored: each replayed night marks its collection run
with the night it replayed and the day its recordings were written (`DEMO_NIGHT`), and the
backfill's run says its `--since` itself. A night or backfill counts as stored when such a
run finished ok today (the recordings are written for the day the demo runs: another day's
are other recordings) and its folder of recordings is still there, unchanged, to show what
was replayed. Anything else is replayed as on a first run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select

from storage.db import session_factory, transaction
from storage.health import flag_run
from storage.models import CollectionRun, SourceResult

DEMO_NIGHT = "demo_night"  # the flag on a replayed night's run: {"night": ISO, "recorded_on": ISO}


def night_flag(moment: datetime, recorded_on: date) -> dict[str, Any]:
    return {DEMO_NIGHT: {"night": moment.isoformat(), "recorded_on": recorded_on.isoformat()}}


def mark_night(engine: Engine, run_id: int, moment: datetime, recorded_on: date) -> None:
    """Say on a finished night's run which recorded night it replayed."""
    with transaction(engine) as session:
        flag_run(session, run_id=run_id, flags=night_flag(moment, recorded_on))


def stored_nights(engine: Engine, recorded_on: date) -> set[datetime]:
    """The nights recorded on `recorded_on` whose replay finished ok (every source stored)."""
    with session_factory(engine)() as session:
        flags = session.scalars(
            select(CollectionRun.flags).where(
                CollectionRun.kind == "demo", CollectionRun.status == "ok"
            )
        ).all()
    found = set()
    for flag in flags:
        night = (flag or {}).get(DEMO_NIGHT)
        if isinstance(night, dict) and night.get("recorded_on") == recorded_on.isoformat():
            found.add(datetime.fromisoformat(str(night["night"])))
    return found


@dataclass(frozen=True, slots=True)
class StoredBackfill:
    run_id: int
    posts: int  # posts read and stored, over the own accounts


def stored_backfill(engine: Engine, day: date, since: date) -> StoredBackfill | None:
    """Today's backfill back to `since` that finished ok, if any, with the posts it stored."""
    with session_factory(engine)() as session:
        runs = session.execute(
            select(CollectionRun.id, CollectionRun.flags)
            .where(
                CollectionRun.kind == "backfill",
                CollectionRun.status == "ok",
                CollectionRun.day == day,
            )
            .order_by(CollectionRun.id.desc())
        ).all()
        run_id = next((i for i, f in runs if (f or {}).get("since") == since.isoformat()), None)
        if run_id is None:
            return None
        counts = session.scalars(
            select(SourceResult.counts).where(
                SourceResult.run_id == run_id, SourceResult.status == "ok"
            )
        ).all()
    return StoredBackfill(run_id, sum(int((c or {}).get("posts", 0)) for c in counts))
