"""`pulso init`: write a commented example configuration for the Cali office."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import typer

from pulso.cli.errors import InvalidInput


def example_config() -> str:
    return (files("settings") / "example.toml").read_text(encoding="utf-8")


def init_command(
    path: Path = typer.Argument(Path("pulso.toml"), help="where to write the configuration"),
    force: bool = typer.Option(False, "--force", help="overwrite an existing file"),
) -> None:
    """Write an example pulso.toml (the office's public handles; placeholders marked PLACEHOLDER)."""
    if path.exists() and not force:
        raise InvalidInput(f"{path} already exists (use --force to overwrite)")
    path.write_text(example_config(), encoding="utf-8")
    typer.echo(f"wrote {path}; replace the PLACEHOLDER values before the first night")


def register(app: typer.Typer) -> None:
    app.command("init")(init_command)
