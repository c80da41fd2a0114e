"""`pulso mentions`: news items that mention the city government, by outlet and medium."""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console

from flows.steps.news import mentions_rows
from pulso.cli.context import open_database, option_date, settings
from pulso.cli.errors import BadOption, InvalidInput
from pulso.cli.output import Column, OutputFormat, print_csv, print_json, print_table
from storage.db import session_factory
from storage.outlets import find_outlet

JSON_KEYS = ("outlet", "medium", "url", "title", "published_at", "matched_terms")
COLUMNS = [
    Column("published_at", "Publicada", "Published", "datetime"),
    Column("outlet", "Medio", "Outlet"),
    Column("medium", "Tipo", "Medium", "medium"),
    Column("title", "Título", "Title"),
    Column("matched_terms", "Términos", "Terms", "list"),
    Column("story_id", "Historia", "Story"),
    Column("url", "Enlace", "URL"),
]
CSV_COLUMNS = [
    *(Column(key, key, key) for key in JSON_KEYS),
    Column("in_title", "in_title", "in_title"),
    Column("in_body", "in_body", "in_body"),
    Column("story_id", "story_id", "story_id"),
    Column("snippet", "snippet", "snippet"),
]


def _summary(rows: list[dict[str, Any]], lang: str) -> str:
    outlets = len({r["outlet"] for r in rows})
    stories = len({r["story_id"] for r in rows if r["story_id"] is not None})
    if lang == "es":
        return f"{len(rows)} menciones en {outlets} medios; {stories} historias distintas"
    return f"{len(rows)} mentions in {outlets} outlets; {stories} distinct stories"


def mentions_command(
    from_: str | None = typer.Option(None, "--from", help="start date: YYYY-MM-DD or DD/MM/YYYY"),
    to: str | None = typer.Option(None, "--to", help="end date: YYYY-MM-DD or DD/MM/YYYY"),
    outlet: str | None = typer.Option(
        None, "--outlet", help="outlet name (case/accent-insensitive)"
    ),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv"),
) -> None:
    """One row per news item that mentions the office (Bogotá days, inclusive)."""
    start, end = option_date(from_, "--from"), option_date(to, "--to")
    if start and end and start > end:
        raise BadOption(f"--from {start} is after --to {end}")
    config = settings().config
    with session_factory(open_database())() as session:
        if outlet and find_outlet(session, outlet) is None:
            raise InvalidInput(f"--outlet: no outlet {outlet!r} (check [[outlets]] in pulso.toml)")
        rows = mentions_rows(session, start, end, outlet, tz=config.tz)
    if fmt is OutputFormat.json:
        print_json([{key: row[key] for key in JSON_KEYS} for row in rows])
    elif fmt is OutputFormat.csv:
        print_csv(rows, CSV_COLUMNS)
    else:
        lang = config.lang
        title = "Menciones en medios" if lang == "es" else "News mentions"
        print_table(rows, COLUMNS, lang, title=title)
        Console(stderr=True).print(_summary(rows, lang))


def register(app: typer.Typer) -> None:
    app.command("mentions")(mentions_command)
