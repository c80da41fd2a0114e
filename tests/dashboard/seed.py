"""Deterministic follower histories for dashboard tests and the benchmark."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine

from collectors.records import FollowerFigure
from collectors.registry import PLATFORM_NAMES as PLATFORMS
from storage.db import transaction
from storage.followers import upsert_imported_followers


def histories(accounts: int, start: date, days: int, step: int = 1) -> list[FollowerFigure]:
    """Account i on platform i % 5 grows by (i + 3) followers a day from 1000 × (i + 1)."""
    figures = []
    for i in range(accounts):
        platform = PLATFORMS[i % len(PLATFORMS)]
        handle = f"Cuenta{i:02d}"
        for n in range(0, days, step):
            followers = 1000 * (i + 1) + (i + 3) * n + (n * 7919 % 13)
            figures.append(FollowerFigure(platform, handle, start + timedelta(days=n), followers))
    return figures


def seed(engine: Engine, accounts: int, start: date, days: int, step: int = 1) -> int:
    figures = histories(accounts, start, days, step)
    with transaction(engine) as session:
        upsert_imported_followers(session, figures)
    return len(figures)
