"""Share of voice over a period, for the CLI and the dashboard."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from reports.answers.share import share_rows
from storage.db import transaction
from storage.peers import tag_period, voice_counts

if TYPE_CHECKING:
    from settings.defaults import ReadingConfig


def share_report(
    engine: Engine, config: ReadingConfig, start: date, end: date
) -> list[dict[str, object]]:
    """Rows per outlet and ISO week of [start, end] (Bogotá days)."""
    with engine.connect() as connection:  # Core rows: no ORM session to build
        counts = voice_counts(connection, start, end, config.tz)
    return share_rows(counts, [peer.name for peer in config.peers])


def rematch_peers(engine: Engine, config: ReadingConfig, start: date, end: date) -> int:
    """Match the peers' terms again on the stored articles of [start, end] (a peer added
    after its articles were collected); returns the matches found (stored once)."""
    from flows.steps.news import peer_matchers  # the news crawler: only to match again

    with transaction(engine) as session:
        return tag_period(session, peer_matchers(config), start, end, config.tz)
