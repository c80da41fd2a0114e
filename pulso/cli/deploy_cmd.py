"""`pulso deploy --pool NAME`: the flows on a Prefect work pool, for more than one machine."""

from __future__ import annotations

import typer

from pulso.cli.serve_cmd import prefect_ready


def deploy_command(
    pool: str = typer.Option(..., "--pool", help="the Prefect work pool (created if missing)"),
) -> None:
    """Register the nightly and weekly flows on a work pool; run `prefect worker start --pool NAME`
    on each machine. Platform limits become Prefect global concurrency limits."""
    loaded, url = prefect_ready("deploy")
    from flows.pool import deploy_to_pool

    for name in deploy_to_pool(loaded, pool):
        typer.echo(f"deployed {name} to work pool '{pool}' on {url}")
    typer.echo(
        f"on each machine: prefect worker start --pool {pool} "
        "(with the same PULSO_* environment and pulso.toml); stop `pulso serve` if it runs"
    )


def register(app: typer.Typer) -> None:
    app.command("deploy")(deploy_command)
