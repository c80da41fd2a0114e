"""Which recordings a run answers from: the caller's, else the configured ones, else none.

One rule for `pulso collect`, `pulso tokens check`, the demo and the served nightly flow, so a
staging install replays on its schedule exactly as an operator replays by hand.
"""

from __future__ import annotations

import logging
from pathlib import Path

from settings import Settings

log = logging.getLogger("pulso.collect")


def replay_source(settings: Settings, replay_dir: str | Path | None) -> Path | None:
    """The recordings directory to answer from (None: the real network)."""
    if replay_dir is not None:
        return Path(replay_dir)
    if settings.replay_dir is not None:
        log.warning("replaying recorded answers from %s, not the network", settings.replay_dir)
    return settings.replay_dir
