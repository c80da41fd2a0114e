"""The names of the platform limits that workers of a pool share (Prefect global limits)."""

from __future__ import annotations

PREFIX = "pulso-"


def limit_name(platform: str) -> str:
    """`pulso-twitter`: one global concurrency limit per platform, from `[collection] limits`."""
    return f"{PREFIX}{platform}"
