"""Share of voice over a period, for the CLI and the dashboard."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from reports.answers.share import share_rows
from settings.model import Config
from storage.db import session_factory, transaction
from storage.peers import tag_period, voice_counts


def share_report(engine: Engine, config: Config, start: date, end: date) -> list[dict[str, object]]:
    """Rows per outlet and ISO week of [start, end] (Bogotá days)."""
    with session_factory(engine)() as session:
        counts = voice_counts(session, start, end, config.tz)
    return share_rows(counts, [peer.name for peer in config.peers])


def rematch_peers(engine: Engine, config: Config, start: date, end: date) -> int:
    """Match the peers' terms again on the stored articles of [start, end] (a peer added
    after its articles were collected); returns the matches found (stored once)."""
    from flows.steps.news import peer_matchers  # the news crawler: only to match again

    with transaction(engine) as session:
        return tag_period(session, peer_matchers(config), start, end, config.tz)
