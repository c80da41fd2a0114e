"""The mentions answer (`pulso mentions`, the dashboard's Mentions page, its downloads and
/api/mentions), over the rows of flows.steps.news.mentions_rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from reports.columns import Col

JSON_KEYS = ("outlet", "medium", "url", "title", "published_at", "matched_terms")
COLUMNS = (
    Col("published_at", "datetime", label="published"),
    Col("outlet"),
    Col("medium", "medium"),
    Col("title", label="title_col"),
    Col("matched_terms", "list", label="terms"),
    Col("story_id", label="story"),
    Col("url", label="link"),
)
CSV_COLUMNS = (
    *(Col(key) for key in JSON_KEYS),
    Col("in_title"),
    Col("in_body"),
    Col("story_id"),
    Col("snippet"),
)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def mentions_json(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The contract's JSON shape: its keys only, ISO times."""
    return [{key: _plain(row[key]) for key in JSON_KEYS} for row in rows]


def summary_line(rows: Sequence[Mapping[str, Any]], lang: str) -> str:
    outlets = len({r["outlet"] for r in rows})
    stories = len({r["story_id"] for r in rows if r["story_id"] is not None})
    if lang == "es":
        return f"{len(rows)} menciones en {outlets} medios; {stories} historias distintas"
    return f"{len(rows)} mentions in {outlets} outlets; {stories} distinct stories"
