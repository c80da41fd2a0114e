"""`pulso collect`: run the collectors for the configured accounts (and outlets), store them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import typer

from collectors.http import install_log_redaction
from flows.steps.collection import KINDS, collect, plan_sources, wanted
from flows.steps.sources import RunSummary
from pulso.cli.context import configured, open_database
from pulso.cli.errors import EXIT_PARTIAL, BadOption
from pulso.cli.output import print_table
from reports.tables import Col

COLUMNS = [
    Col("source"),
    Col("status"),
    Col("items", "int", label="items_collected"),
    Col("mentions", "int"),
    Col("detail"),
]
STATUS_ES = {"ok": "ok", "failed": "falló", "skipped": "omitida"}


def news_available() -> bool:
    return importlib.util.find_spec("flows.steps.news") is not None


def selected_kinds(only: list[str]) -> tuple[str, ...]:
    try:
        kinds = wanted([o.strip().lower() for o in only] or None)
    except ValueError as error:
        raise BadOption(f"--only: {error}") from None
    if "news" in kinds and not news_available():
        sys.stderr.write("news: this build has no news collection (flows.steps.news); skipped\n")
        kinds = tuple(k for k in kinds if k != "news")
    return kinds


def summary_rows(summary: RunSummary, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "source": o.key,
            "status": STATUS_ES.get(o.status, o.status) if lang == "es" else o.status,
            # Social sources count posts; news outlets count articles and mentions.
            "items": o.counts.get("posts", o.counts.get("articles")) if o.counts else None,
            "mentions": o.counts.get("mentions") if o.counts else None,
            "detail": o.reason or "",
        }
        for o in summary.outcomes
    ]


def collect_command(
    only: list[str] = typer.Option(
        [], "--only", help=f"collect only these sources (repeatable): {', '.join(KINDS)}"
    ),
    replay: Path | None = typer.Option(
        None, "--replay", help="serve every platform request from recordings under DIR"
    ),
) -> int:
    """Collect followers and recent posts (and news) and store them; exit 3 if some failed."""
    if replay is not None and not replay.is_dir():
        raise BadOption(f"--replay: {replay} is not a directory")
    install_log_redaction()
    kinds = selected_kinds(only)
    if not kinds:
        return 0
    loaded = configured()
    engine = open_database()
    plan = plan_sources(loaded, replay_dir=replay, only=list(kinds))
    try:
        result = collect(engine, loaded, plan, kind="replay" if plan.replay_dir else "manual")
    finally:
        plan.close()
    lang = loaded.config.lang
    title = "Recolección" if lang == "es" else "Collection"
    print_table(summary_rows(result.summary, lang), COLUMNS, lang, title=title)
    return EXIT_PARTIAL if result.summary.failed else 0


def register(app: typer.Typer) -> None:
    app.command("collect")(collect_command)
