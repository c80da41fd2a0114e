"""`pulso dashboard`: the read-only web dashboard (localhost by default, login elsewhere)."""

from __future__ import annotations

import os
import sys

import typer

from pulso.cli.context import open_database, settings
from pulso.cli.errors import InvalidInput


def _hash_password() -> None:
    from pulso.dashboard.security import make_hash

    password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 12:
        raise InvalidInput("the password must have at least 12 characters")
    sys.stdout.write(make_hash(password) + "\n")


def dashboard_command(
    host: str = typer.Option("127.0.0.1", "--host", help="address to bind (localhost by default)"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port"),
    hash_password: bool = typer.Option(
        False, "--hash-password", help="print a PULSO_DASHBOARD_PASSWORD_HASH value and exit"
    ),
    workers: int = typer.Option(
        2,
        "--workers",
        min=1,
        max=32,
        help="server processes (default 2, one per core of the 2-core machine; README says why)",
    ),
) -> None:
    """Serve the dashboard: growth, compare periods, mentions, free press, weekly reports."""
    if hash_password:
        _hash_password()
        return
    import uvicorn

    from pulso.dashboard import create_app
    from pulso.dashboard.security import check_hash_format, is_loopback

    loaded = settings()
    login = not is_loopback(host)
    secret = loaded.secrets.dashboard_password_hash
    if login and secret is None:
        raise InvalidInput(
            f"--host {host}: off localhost the dashboard requires a login; set "
            "PULSO_DASHBOARD_PASSWORD_HASH (make one with `pulso dashboard --hash-password`)"
        )
    if login and secret is not None:
        try:
            check_hash_format(secret.get_secret_value())
        except ValueError as error:
            raise InvalidInput(str(error)) from None
    engine = open_database()  # upgraded once here, before any worker reads it
    shown = f"[{host}]" if ":" in host else host
    guard = "login required (user: pulso)" if login else "localhost only, no login"
    sys.stderr.write(f"Pulso dashboard on http://{shown}:{port}/ (read-only; {guard})\n")
    if workers == 1:
        app = create_app(loaded, engine, require_login=login)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
        return
    engine.dispose()
    from pulso.dashboard.served import FACTORY, LOGIN_ENV

    os.environ[LOGIN_ENV] = "1" if login else "0"  # the workers read it (fresh interpreters)
    from pulso.dashboard.workers import serve

    try:
        ended = serve(FACTORY, workers, host, port)
    except OSError as error:
        raise InvalidInput(f"--host {host} --port {port}: {error.strerror or error}") from None
    if ended != 0:
        raise typer.Exit(ended)  # a worker ended on its own: its error is in the log above


def register(app: typer.Typer) -> None:
    app.command("dashboard")(dashboard_command)
