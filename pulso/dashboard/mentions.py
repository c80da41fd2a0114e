"""Mentions for the dashboard: the shared rows (memoised), a search and weekly counts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from fastapi import HTTPException

from flows.steps.mentions import mentions_rows
from pulso.dashboard.state import Board
from pulso.dashboard.weeks import WeekRow, by_week_and_outlet
from reports.spikes import spike_summary
from storage.db import session_factory
from storage.keys import name_key
from storage.outlets import find_outlet
from storage.spikes import spikes_between

SAFE_SCHEMES = ("http://", "https://")


def rows(
    board: Board, start: date | None, end: date | None, outlet: str | None
) -> list[dict[str, Any]]:
    def compute() -> list[dict[str, Any]]:
        with session_factory(board.engine)() as session:
            if outlet and find_outlet(session, outlet) is None:
                raise HTTPException(404, f"outlet: no outlet {outlet!r}")
            return mentions_rows(session, start, end, outlet, tz=board.settings.config.tz)

    return board.cache.get_or_compute(("mentions", start, end, outlet), compute)


def search(found: Sequence[dict[str, Any]], query: str | None) -> list[dict[str, Any]]:
    """Rows whose title, outlet, terms or snippet contain every word (case/accent-insensitive)."""
    words = name_key(query).split()
    if not words:
        return list(found)

    def text(row: dict[str, Any]) -> str:
        terms = " ".join(row.get("matched_terms") or [])
        return name_key(f"{row['title'] or ''} {row['outlet']} {terms} {row.get('snippet') or ''}")

    return [row for row in found if all(word in text(row) for word in words)]


def safe_url(url: str | None) -> str | None:
    """Only web links become hrefs: a scraped `javascript:` URL stays plain text."""
    if url and url.lower().startswith(SAFE_SCHEMES):
        return url
    return None


def by_week(found: Sequence[dict[str, Any]]) -> list[WeekRow]:
    dated = [r for r in found if r["published_at"] is not None]
    return by_week_and_outlet((r["published_at"].date(), r["outlet"], None) for r in dated)


def spike_lines(board: Board, start: date, end: date, lang: str) -> list[str]:
    """The mention spikes the nightly flow alerted in the period, one sentence each."""

    def compute() -> list[str]:
        with session_factory(board.engine)() as session:
            found = spikes_between(session, start, end)
            return [spike_summary(s, lang) for s in reversed(found)]

    return board.cache.get_or_compute(("spikes", start, end, lang), compute)
