"""`pulso demo`: the whole pipeline offline on bundled data, in its own folder."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import typer

from flows.steps import errorlog
from pulso.cli.errors import EXIT_FAILURE, EXIT_PARTIAL


def demo_command(
    out: Path = typer.Option(
        Path("pulso-demo"), "--out", help="folder for the demo's database, inputs and reports"
    ),
) -> int:
    """Run collection, storage and the weekly report on bundled data: no network, no credentials."""
    # Light on purpose: the demo starts its Prefect server before importing SQLAlchemy & co.
    from pulso.demo.run import run_demo

    errorlog.install(out)  # the demo keeps its log with its database, away from the real one
    started = time.perf_counter()
    result = run_demo(out)
    from pulso.cli import context

    context.reset()
    from pulso.demo.summary import render, render_past, summarise
    from settings.load import parse_config
    from storage.db import make_engine

    config = parse_config(result.paths.config.read_text(encoding="utf-8"), result.paths.config)
    engine = make_engine(result.paths.database_url)
    try:
        lines = render(summarise(engine, config))
    finally:
        engine.dispose()
    paths = result.paths
    html = next((f for f in result.report_files if f.endswith(".html")), None)
    typer.echo(f"Base de datos: {paths.database}")
    typer.echo(f"Informe semanal: {html or paths.reports}")
    for line in lines:
        typer.echo(line)
    if result.past is not None:
        for line in render_past(result.past, paths.out):
            typer.echo(line)
    typer.echo(
        f"Noche: {result.night.get('status', result.night_state)}; demo en {time.perf_counter() - started:.1f} s"
    )
    typer.echo(f"Consulte: PULSO_DATABASE_URL={paths.database_url} pulso growth")
    status = result.night.get("status")
    # The process ends next: its objects need no collecting first (Prefect's, SQLAlchemy's,
    # WeasyPrint's: a second of CPU walking them at exit for nothing).
    gc.freeze()
    return 0 if status == "ok" else EXIT_PARTIAL if status == "partial" else EXIT_FAILURE


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
