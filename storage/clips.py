"""Clips (TV/radio/print) and web mentions as the items a valuation prices.

Clips are stored once per clip key: a hash of outlet, program, air date, title and duration (or
space), each normalised, so re-importing a log, or an overlapping one, adds nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from collectors.records import Clip
from storage import free_press_days
from storage.followers import UpsertCounts
from storage.keys import name_key
from storage.models import Clip as ClipRow
from storage.outlets import ensure_outlet

_CHUNK = 900  # under SQLite's bound-parameter limit for IN (...) lists


def clip_key(clip: Clip) -> str:
    space = format(clip.column_cm.normalize(), "f") if clip.column_cm is not None else ""
    parts = (
        name_key(clip.outlet),
        name_key(clip.program),
        clip.aired_on.isoformat(),
        name_key(clip.title),
        str(clip.duration_s) if clip.duration_s is not None else "",
        space,
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _known_keys(session: Session, keys: Sequence[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        known.update(session.scalars(select(ClipRow.clip_key).where(ClipRow.clip_key.in_(chunk))))
    return known


def upsert_clips(
    session: Session, clips: Sequence[tuple[int, Clip]], *, source_file: str
) -> UpsertCounts:
    """Insert the clips not stored yet; (row number, clip) pairs, the row kept for tracing."""
    keyed: dict[str, tuple[int, Clip]] = {}
    for row, clip in clips:
        keyed.setdefault(clip_key(clip), (row, clip))  # a repeated clip keeps its first row
    known = _known_keys(session, list(keyed))
    outlets: dict[str, int] = {}
    now, file = datetime.now(UTC), Path(source_file).name
    new_rows = []
    for key, (row, clip) in keyed.items():
        if key in known:
            continue
        outlet_key = name_key(clip.outlet)
        if outlet_key not in outlets:
            outlets[outlet_key] = ensure_outlet(session, name=clip.outlet).id
        new_rows.append(_row(key, outlets[outlet_key], clip, file, row, now))
    if new_rows:
        session.execute(insert(ClipRow), new_rows)
        # The free press the dashboard sums changes in this same transaction.
        free_press_days.stored_clips(session, [str(r["clip_key"]) for r in new_rows])
    return UpsertCounts(added=len(new_rows), replaced=0, unchanged=len(clips) - len(new_rows))


def _row(
    key: str, outlet_id: int, clip: Clip, file: str, row: int, now: datetime
) -> dict[str, object]:
    return {
        "clip_key": key,
        "outlet_id": outlet_id,
        "program": clip.program,
        "program_key": name_key(clip.program),
        "aired_on": clip.aired_on,
        "title": clip.title,
        "duration_s": clip.duration_s,
        "column_cm": clip.column_cm,
        "source_file": file,
        "source_row": row,
        "imported_at": now,
    }
