"""Helpers for collector tests: fixture payloads and records as comparable dicts."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parents[1] / "fixtures"
FETCHED_AT = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)


def payload(platform: str, case: str) -> Any:
    return json.loads((FIXTURES / platform / f"{case}.json").read_text(encoding="utf-8"))


def expected(platform: str, case: str) -> Any:
    return json.loads((FIXTURES / platform / f"{case}.expected.json").read_text(encoding="utf-8"))


def as_dict(record: Any) -> dict[str, Any]:
    """A record as the expected files spell it: ISO datetimes, without `fetched_at`."""
    data = asdict(record)
    assert data.pop("fetched_at") == FETCHED_AT
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in data.items()}
