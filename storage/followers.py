"""Follower snapshots: bulk idempotent upserts keyed on (account, Bogotá day)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from collectors.records import FollowerFigure
from storage.accounts import ensure_account
from storage.keys import handle_key
from storage.models import FollowerSnapshot

_CHUNK = 900  # under SQLite's bound-parameter limit for IN (...) lists


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    added: int
    replaced: int
    unchanged: int


def _existing(
    session: Session, account_ids: Sequence[int], days: Sequence[date]
) -> dict[tuple[int, date], tuple[int, int | None]]:
    """(account_id, day) -> (snapshot id, followers) for the given accounts within the days' span."""
    if not account_ids:
        return {}
    found: dict[tuple[int, date], tuple[int, int | None]] = {}
    for start in range(0, len(account_ids), _CHUNK):
        query = select(
            FollowerSnapshot.account_id,
            FollowerSnapshot.day,
            FollowerSnapshot.id,
            FollowerSnapshot.followers,
        ).where(
            FollowerSnapshot.account_id.in_(account_ids[start : start + _CHUNK]),
            FollowerSnapshot.day.between(min(days), max(days)),
        )
        for account_id, day, snapshot_id, followers in session.execute(query):
            found[(account_id, day)] = (snapshot_id, followers)
    return found


def _account_ids(session: Session, figures: Iterable[FollowerFigure]) -> dict[tuple[str, str], int]:
    ids: dict[tuple[str, str], int] = {}
    for figure in figures:
        key = (figure.platform, handle_key(figure.handle))
        if key not in ids:
            ids[key] = ensure_account(session, platform=figure.platform, handle=figure.handle).id
    return ids


def upsert_imported_followers(session: Session, figures: Sequence[FollowerFigure]) -> UpsertCounts:
    """Add new days, replace changed values, leave equal ones; one batched statement each."""
    if not figures:
        return UpsertCounts(0, 0, 0)
    ids = _account_ids(session, figures)
    existing = _existing(session, sorted(set(ids.values())), [f.day for f in figures])
    now = datetime.now(UTC)
    new_rows, changed_rows, unchanged = [], [], 0
    for figure in figures:
        account_id = ids[(figure.platform, handle_key(figure.handle))]
        current = existing.get((account_id, figure.day))
        if current is None:
            new_rows.append(
                {
                    "account_id": account_id,
                    "day": figure.day,
                    "followers": figure.followers,
                    "source": "imported",
                    "collected_at": now,
                }
            )
        elif current[1] != figure.followers:
            changed_rows.append(
                {"snapshot_id": current[0], "followers": figure.followers, "now": now}
            )
        else:
            unchanged += 1
    if new_rows:
        session.execute(insert(FollowerSnapshot), new_rows)
    if changed_rows:
        statement = (
            update(FollowerSnapshot)
            .where(FollowerSnapshot.id == bindparam("snapshot_id"))
            .values(
                followers=bindparam("followers"),
                note=None,  # a figure from the office's file replaces what the platform said
                source="imported",
                collected_at=bindparam("now"),
            )
        )
        session.connection().execute(statement, changed_rows)
    return UpsertCounts(added=len(new_rows), replaced=len(changed_rows), unchanged=unchanged)
