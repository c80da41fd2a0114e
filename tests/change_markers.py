"""Tests of views kept under a change marker (pulso.dashboard.change_marker) on PostgreSQL.

The marker there is the server's current snapshot, which any writing transaction on the server
moves, including another xdist worker's in its own database: "nothing changed, nothing read
again" holds for a read with nothing written in between, so such tests try a few times.
"""

from __future__ import annotations

from collections.abc import Callable

ATTEMPTS = 20


def settles(holds: Callable[[], bool]) -> bool:
    """True once `holds()` is true, asked up to ATTEMPTS times."""
    return any(holds() for _ in range(ATTEMPTS))
