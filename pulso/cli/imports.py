"""`pulso import ...`: spreadsheets the office keeps (follower history, rate cards, clip logs)."""

from __future__ import annotations

from pathlib import Path

import typer

from flows.steps.followers import ImportSummary, import_followers
from flows.steps.valuation import import_clips, import_rates
from pulso.cli.context import open_database
from pulso.cli.errors import BadOption

import_app = typer.Typer(help="Import the office's spreadsheets (CSV or XLSX).")

FILE_ARGUMENT = typer.Argument(
    ..., help="CSV (comma or semicolon) or XLSX file", show_default=False
)


@import_app.command("followers")
def followers_command(file: Path = FILE_ARGUMENT) -> None:
    """Historical follower figures: plataforma, cuenta, fecha, seguidores (or English headers)."""
    summary = import_followers(open_database(), file)
    counts = summary.counts
    typer.echo(
        f"{file}: {summary.rows} rows: {counts.added} added, {counts.replaced} replaced, "
        f"{counts.unchanged} unchanged"
    )


def _say_counts(file: Path, summary: ImportSummary) -> None:
    counts = summary.counts
    typer.echo(
        f"{file}: {summary.rows} rows: {counts.added} added, {counts.replaced} replaced, "
        f"{counts.unchanged} unchanged"
    )


@import_app.command("rates")
def rates_command(
    file: Path = FILE_ARGUMENT,
    replace: bool = typer.Option(
        False,
        "--replace",
        help="the file is the whole card of each outlet/program/unit it lists: "
        "stored periods it no longer has are removed",
    ),
) -> None:
    """Rate cards: medio, programa, tipo, unidad, tarifa (COP before IVA), vigente_desde/hasta."""
    result = import_rates(open_database(), file, replace=replace)
    _say_counts(file, result.summary)
    if replace:
        typer.echo(f"{file}: {result.removed} stored rate rows removed (--replace)")


@import_app.command("clips")
def clips_command(file: Path = FILE_ARGUMENT) -> None:
    """Clip logs: medio, programa, fecha, titulo, duracion (TV/radio) or cm_columna (print)."""
    _say_counts(file, import_clips(open_database(), file))


@import_app.command("posts")
def posts_command(
    file: Path = FILE_ARGUMENT,
    platform: str | None = typer.Option(
        None, "--platform", help="platform of every row (when the file does not say)"
    ),
    account: str | None = typer.Option(
        None, "--account", help="account (handle, page id or name) of rows that do not say"
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="the day the export was downloaded: its counts are dated that day (default: today)",
    ),
) -> None:
    """Post history: Meta Business Suite, YouTube Studio or X analytics exports, or Pulso's
    columns (platform, account, post_id, published_at, url, text, reactions, ...)."""
    from flows.steps.post_history import import_posts
    from importers.followers import parse_platform
    from importers.posts import KnownAccount
    from pulso.cli.context import option_date, settings

    config = settings().config
    try:
        chosen = parse_platform(platform) if platform else None
    except ValueError as error:
        raise BadOption(f"--platform: {error}") from None
    known = [KnownAccount(a.platform, a.handle, a.id, a.name, a.own) for a in config.accounts]
    summary = import_posts(
        open_database(),
        file,
        zone=config.tz,
        known=known,
        platform=chosen,
        account=account,
        as_of=option_date(as_of, "--as-of"),
    )
    counts = summary.counts
    skipped = f" ({summary.skipped} summary row skipped)" if summary.skipped else ""
    typer.echo(
        f"{file}: {summary.format} export, {summary.rows} posts{skipped}, counts as of "
        f"{summary.day.strftime('%d/%m/%Y')}: {counts.added} added, {counts.replaced} updated, "
        f"{counts.unchanged} unchanged"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
